package charts

import (
	"encoding/json"
	"fmt"
	"html/template"
	"sort"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/internal/words"
)

// Chart is one chart ready to place on a page.
type Chart struct {
	ID    string      // element id, stable across builds
	Title string      // shown above the chart and in saved images
	Label string      // text alternative for the chart's container
	Spec  template.JS // JSON for the data island; see the package doc
	Table *Table      // the same data as HTML, readable without JavaScript
	// Height is the chart's height in pixels when its data needs more
	// than the page's default, as horizontal bars for many sections do.
	Height int
	// Src, when set, is the path (from the pages' language folder) of the
	// script that carries Spec, which the page then loads with the chart
	// instead of holding it; Version names that Spec, so that a page
	// changes with its chart's data and no cached copy of the script is
	// taken for the new one.
	Src, Version string
}

// manyBars is the number of categories from which bar charts turn
// horizontal, so that every name reads on one line.
const manyBars = 10

// barHeight is the height of a bar chart of n categories: 0 (the page's
// default) for upright bars, room for every row when they turn horizontal.
func barHeight(n int) int {
	if n <= manyBars {
		return 0
	}
	return max(380, 26*n+90)
}

// Table is a chart's data as rows.
type Table struct {
	Caption string
	Head    []string
	Rows    [][]Cell
}

// Cell is a table cell, linked when URL is set.
type Cell struct {
	Text string
	URL  string // site-relative
}

// Paths gives the site-relative page of each layer, section and project.
// Chart clicks navigate there, relative to the page (the script adds the
// page's way back to the site root).
type Paths struct {
	Layer   func(*content.Layer) string
	Section func(*content.Section) string
	Project func(*content.Project) string
	// Words says the charts' own words in the page's language; the zero
	// value says them in English.
	Words Words
}

// Words are a language's words for the charts: T translates an English
// phrase or format, N counts things with the language's plural rules.
type Words struct {
	T func(string) string
	N func(n int, one, many string) string
}

func (w Words) t(s string) string {
	if w.T == nil {
		return s
	}
	return w.T(s)
}

func (w Words) n(n int, one, many string) string {
	if w.N == nil {
		return words.Count(n, one, many)
	}
	return w.N(n, one, many)
}

func (w Words) projects(n int) string { return w.n(n, "project", "projects") }

// tip is a tooltip's plain-text lines: a title, a subtitle and a text.
type tip [3]string

// spec is what the data island holds. Keys of Links and Tips identify chart
// items: for the layer map, the names on the path from the top joined by
// keySep; for bars and pies, the item's name.
type spec struct {
	Option map[string]any    `json:"option"` // go-echarts' options, as its JSON() gives them
	Links  map[string]string `json:"links,omitempty"`
	Tips   map[string]tip    `json:"tips,omitempty"`
	// LeafLinks: only items without children navigate; the others zoom.
	LeafLinks bool `json:"leafLinks,omitempty"`
	// Parts: the chart files whose maps make this one (LayerMapOfParts).
	Parts []Part `json:"parts,omitempty"`
}

// keySep joins names on a path; it cannot appear in validated names.
const keySep = "\u001f"

// encode writes the data island: go-echarts' options, with the typed
// parts v gives it (the zero visitor: go-echarts' own throughout).
func encode(c *charts.BaseConfiguration, s spec, v visitor) template.JS {
	if v.grid != nil && len(c.GridList) == 0 {
		c.GridList = []opts.Grid{{}} // go-echarts asks for a grid only when it has one
	}
	c.Accept(v)
	s.Option = c.JSON()
	b, err := json.Marshal(s) // escapes <, > and & as \u003c etc.
	if err != nil {
		panic(fmt.Sprintf("charts: encoding options: %v", err)) // only plain data is encoded
	}
	return template.JS(b)
}

// common are the options every chart shares: a title for saved images and
// the save-as-PNG tool, which names the file after the chart's id. (The
// page gives the chart's element its id; go-echarts' JSON() has none.)
func common(id, title string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithTitleOpts(opts.Title{Title: title, Left: "center", Show: opts.Bool(false)}),
		charts.WithToolboxOpts(opts.Toolbox{Show: opts.Bool(true), Right: "10", Feature: &opts.ToolBoxFeature{
			SaveAsImage: &opts.ToolBoxFeatureSaveAsImage{Show: opts.Bool(true), Type: "png", Name: id, Title: "Save as PNG"},
		}}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)}),
		charts.WithAnimation(false),
	}
}

// tint mixes a "#rrggbb" colour with white; f=0 keeps it, f=1 is white.
func tint(hex string, f float64) string {
	v, err := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	if err != nil || len(hex) != 7 {
		return hex
	}
	mix := func(c uint64) uint64 { return c + uint64(float64(255-c)*f+0.5) }
	r, g, b := mix(v>>16&0xff), mix(v>>8&0xff), mix(v&0xff)
	return fmt.Sprintf("#%02x%02x%02x", r, g, b)
}

// bySection groups projects by section; a project listed in several
// sections is in each of their groups.
func bySection(projects []*content.Project) map[*content.Section][]*content.Project {
	m := map[*content.Section][]*content.Project{}
	for _, p := range projects {
		if len(p.Sections) == 0 {
			m[p.Section] = append(m[p.Section], p)
		}
		for _, sec := range p.Sections {
			m[sec] = append(m[sec], p)
		}
	}
	return m
}

// LayerMap is the report's central figure: layers, their sections and the
// projects in each, as a treemap. A large map first shows layers and
// sections; selecting a section zooms into its projects, and selecting a
// project opens its page, so every project is two selections away. A map
// of at most flatMap projects shows them all at once. Projects carry no
// summary here: the landscape and the project pages have them, and at
// thousands of projects they would weigh more than the rest of the page.
func LayerMap(id, title string, layers []*content.Layer, projects []*content.Project, paths Paths) Chart {
	return layerMap(id, title, layers, projects, paths, nil)
}

// Part names a chart file whose map is one part of a larger map: its key
// in window.PANORAMA_CHARTS (its Src) and its Version.
type Part struct {
	Key     string `json:"k"`
	Version string `json:"v"`
}

// LayerMapOfParts is LayerMap(id, title, layers, projects, paths) drawn
// from parts: the maps of its layers, in order, each LayerMap of one
// layer and its projects in a chart file of its own (a layer page's map).
// charts.js loads them and puts their layers, links and tips together, so
// that the map of every project is not a second copy of the layers' maps
// (0.7 MB at 10,000 projects).
func LayerMapOfParts(id, title string, layers []*content.Layer, projects []*content.Project, paths Paths, parts []Part) Chart {
	return layerMap(id, title, layers, projects, paths, parts)
}

func layerMap(id, title string, layers []*content.Layer, projects []*content.Project, paths Paths, parts []Part) Chart {
	s := spec{Links: map[string]string{}, Tips: map[string]tip{}, LeafLinks: true}
	data, total, distinct := layerTree(layers, bySection(projects), paths, &s)
	if parts != nil {
		data, s = nil, spec{LeafLinks: true, Parts: parts}
	}
	depth := 0 // every level at once
	if total > flatMap {
		depth = 2 // layers and sections; a section's projects on selecting it
		if len(layers) == 1 {
			depth = 1
		}
	}
	c := charts.NewTreeMap()
	c.SetGlobalOptions(common(id, title)...)
	c.SetGlobalOptions(charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}), charts.WithAnimation(true))
	c.AddSeries(paths.Words.t("All layers"), nil, charts.WithSeriesOpts(func(ss *charts.SingleSeries) {
		ss.LeafDepth = depth
		ss.Roam = opts.Bool(false)
		ss.Top, ss.Bottom, ss.Left, ss.Right = "8", "36", "4", "4"
		ss.Levels = treemapLevels
	}))
	w := paths.Words
	label := fmt.Sprintf(w.t("%s: %s in %s. The landscape lists every project."), title, w.projects(distinct), w.n(len(layers), "layer", "layers"))
	if total > distinct {
		label = fmt.Sprintf(w.t("%s: %s in %s, in %d places, as some projects are in several sections. The landscape lists every project."),
			title, w.projects(distinct), w.n(len(layers), "layer", "layers"), total)
	}
	series := func(ms charts.MultiSeries) any {
		return []treemapSeries{{SingleSeries: ms[0], Data: data, AnimationDurationUpdate: 300}}
	}
	return Chart{ID: id, Title: title, Label: label, Spec: encode(&c.BaseConfiguration, s, visitor{series: series})}
}

// layerTree is the treemap's data: layers, their sections and the
// sections' projects, with each one's link and tooltip added to s. It
// counts the places projects take and the projects, a project in several
// sections once.
func layerTree(layers []*content.Layer, groups map[*content.Section][]*content.Project, paths Paths, s *spec) (data []treeNode, total, distinct int) {
	seen := map[*content.Project]bool{}
	for _, l := range layers {
		var secs []treeNode
		count := 0
		for _, sec := range l.Sections {
			ps := groups[sec]
			if len(ps) == 0 {
				continue // an empty section has no area to show
			}
			leaves := make([]treeNode, 0, len(ps))
			for _, p := range ps {
				seen[p] = true
				// A project's link rides on its node: keyed by its path
				// of names, it was half the map's bytes.
				leaves = append(leaves, treeNode{Name: p.Name, Value: 1, Link: paths.Project(p)})
			}
			key := l.Name + keySep + sec.Name
			s.Links[key] = paths.Section(sec)
			s.Tips[key] = tip{sec.Name, l.Name + " · " + paths.Words.projects(len(ps)), sec.Description}
			secs = append(secs, treeNode{Name: sec.Name, Children: leaves,
				ItemStyle: &nodeStyle{Color: tint(l.ShownColor(), 0.82), BorderColor: tint(l.ShownColor(), 0.45)}})
			count += len(ps)
		}
		s.Links[l.Name] = paths.Layer(l)
		s.Tips[l.Name] = tip{l.Name, paths.Words.projects(count), l.Description}
		total += count
		if count > 0 {
			data = append(data, treeNode{Name: l.Name, Children: secs,
				ItemStyle: &nodeStyle{Color: l.InkColor(), BorderColor: l.InkColor()}})
		}
	}
	return data, total, len(seen)
}

// treeNode is a layer, section or project of the treemap; its fields are
// in the order encoding/json gives a map's keys, so the output is the
// same as the maps it replaced.
type treeNode struct {
	Children  []treeNode `json:"children,omitempty"`
	ItemStyle *nodeStyle `json:"itemStyle,omitempty"`
	Link      string     `json:"link,omitempty"` // a project's page; charts.js follows it on a click
	Name      string     `json:"name"`
	Value     int        `json:"value,omitempty"`
}

type nodeStyle struct {
	BorderColor string `json:"borderColor"`
	Color       string `json:"color"`
}

// flatMap is the most projects a layer map shows at once; a larger map
// shows sections first and a section's projects when it is selected.
const flatMap = 150

// treemapLevels style the map's levels: layers framed in their colour with
// their name on a band (white on the layer colour, which the palette keeps
// at 4.5:1), sections in a light tint with dark names, projects as tiles
// with names of at least 11 px, truncated to their tile and hidden where
// the tile is too small to hold one.
var treemapLevels = []treemapLevel{
	{}, // the root, not drawn
	{ // layers
		ItemStyle:  &levelStyle{BorderWidth: 4, GapWidth: 3},
		UpperLabel: &levelLabel{Show: true, Height: 22, Color: "#fff", FontSize: 12, FontWeight: "bold", Overflow: "truncate"},
	},
	{ // sections
		ItemStyle:  &levelStyle{BorderWidth: 2, GapWidth: 2},
		UpperLabel: &levelLabel{Show: true, Height: 18, Color: "#1c232b", FontSize: 11, Overflow: "truncate"},
		Label:      &levelLabel{Show: true, Color: "#1c232b", FontSize: 12, Overflow: "truncate", Position: "insideTopLeft"},
	},
	{ // projects
		ItemStyle: &levelStyle{BorderWidth: 1, GapWidth: 1, Color: "#ffffff", BorderColor: "#c9d1d9"},
		Label:     &levelLabel{Show: true, Color: "#1c232b", FontSize: 11, Overflow: "truncate", Position: "insideTopLeft"},
	},
}

// SectionBar counts projects per section, coloured by layer.
func SectionBar(id, title string, layers []*content.Layer, projects []*content.Project, paths Paths) Chart {
	groups := bySection(projects)
	s := spec{Links: map[string]string{}, Tips: map[string]tip{}}
	var names []string
	var data []opts.BarData
	w := paths.Words
	table := &Table{Caption: title, Head: []string{w.t("Section"), w.t("Layer"), w.t("Projects")}}
	for _, l := range layers {
		for _, sec := range l.Sections {
			n := len(groups[sec])
			names = append(names, sec.Name)
			data = append(data, opts.BarData{Name: sec.Name, Value: n, ItemStyle: &opts.ItemStyle{Color: l.ShownColor()}})
			s.Links[sec.Name] = paths.Section(sec)
			s.Tips[sec.Name] = tip{sec.Name, l.Name, w.projects(n)}
			table.Rows = append(table.Rows, []Cell{{sec.Name, paths.Section(sec)}, {l.Name, paths.Layer(l)}, {strconv.Itoa(n), ""}})
		}
	}
	c := charts.NewBar()
	c.SetGlobalOptions(common(id, title)...)
	c.SetGlobalOptions(charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}))
	c.SetXAxis(names).AddSeries(w.t("Projects"), data)
	c.Validate() // moves the categories into the axis options
	height := barHeight(len(names))
	spec := encode(&c.BaseConfiguration, s, barAxes(names, len(names) > manyBars, false))
	label := fmt.Sprintf(w.t("%s: a bar for each of %s. The numbers follow as a table."), title, w.n(len(names), "section", "sections"))
	return Chart{ID: id, Title: title, Label: label, Spec: spec, Table: table, Height: height}
}

// LayerShare is each layer's share of the projects, by the layer of each
// project's home section, so the shares add up to the whole.
func LayerShare(id, title string, layers []*content.Layer, projects []*content.Project, paths Paths) Chart {
	count := map[*content.Layer]int{}
	for _, p := range projects {
		count[p.Layer]++
	}
	s := spec{Links: map[string]string{}, Tips: map[string]tip{}}
	var data []opts.PieData
	w := paths.Words
	table := &Table{Caption: title, Head: []string{w.t("Layer"), w.t("Projects"), w.t("Share")}}
	for _, l := range layers {
		n := count[l]
		data = append(data, opts.PieData{Name: l.Name, Value: n, ItemStyle: &opts.ItemStyle{Color: l.ShownColor()}})
		share := percent(n, len(projects))
		s.Links[l.Name] = paths.Layer(l)
		s.Tips[l.Name] = tip{l.Name, w.projects(n), share}
		table.Rows = append(table.Rows, []Cell{{l.Name, paths.Layer(l)}, {strconv.Itoa(n), ""}, {share, ""}})
	}
	c := charts.NewPie()
	// The labels name the slices; a legend of many layers would page and
	// crowd them.
	c.SetGlobalOptions(append(common(id, title), charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(layers) <= 6), Bottom: "0"}))...)
	c.AddSeries("Layers", data, charts.WithPieChartOpts(opts.PieChart{Radius: []string{"35%", "65%"}}))
	ring := func(ms charts.MultiSeries) any {
		return []ringSeries{{SingleSeries: ms[0], LabelLayout: labelLayout{HideOverlap: true}, AvoidLabelOverlap: true, MinShowLabelAngle: 9,
			Label: ringLabel{Show: true, Formatter: "{b}: {d}%", Width: 120, Overflow: "truncate"}}}
	}
	label := fmt.Sprintf(w.t("%s: a ring divided among %s. The numbers follow as a table."), title, w.n(len(layers), "layer", "layers"))
	return Chart{ID: id, Title: title, Label: label, Spec: encode(&c.BaseConfiguration, s, visitor{series: ring}), Table: table}
}

// TokenBar shows, per section, how many projects have a token.
func TokenBar(id, title string, layers []*content.Layer, projects []*content.Project, paths Paths) Chart {
	groups := bySection(projects)
	s := spec{Links: map[string]string{}}
	var names []string
	var with, without []opts.BarData
	w := paths.Words
	table := &Table{Caption: title, Head: []string{w.t("Section"), w.t("With a token"), w.t("Without")}}
	for _, l := range layers {
		for _, sec := range l.Sections {
			w := 0
			for _, p := range groups[sec] {
				if p.Token != "" {
					w++
				}
			}
			wo := len(groups[sec]) - w
			names = append(names, sec.Name)
			with = append(with, opts.BarData{Name: sec.Name, Value: w})
			without = append(without, opts.BarData{Name: sec.Name, Value: wo})
			s.Links[sec.Name] = paths.Section(sec)
			table.Rows = append(table.Rows, []Cell{{sec.Name, paths.Section(sec)}, {strconv.Itoa(w), ""}, {strconv.Itoa(wo), ""}})
		}
	}
	c := charts.NewBar()
	c.SetGlobalOptions(append(common(id, title),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
		charts.WithColorsOpts(opts.Colors{"#3b6e8f", "#b8c4ce"}),
	)...)
	c.SetXAxis(names).
		AddSeries(w.t("With a token"), with, charts.WithBarChartOpts(opts.BarChart{Stack: "t"})).
		AddSeries(w.t("Without a token"), without, charts.WithBarChartOpts(opts.BarChart{Stack: "t"}))
	c.Validate()
	height := barHeight(len(names))
	spec := encode(&c.BaseConfiguration, s, barAxes(names, len(names) > manyBars, true))
	label := fmt.Sprintf(w.t("%s: stacked bars for %s. The numbers follow as a table."), title, w.n(len(names), "section", "sections"))
	return Chart{ID: id, Title: title, Label: label, Spec: spec, Table: table, Height: height}
}

// TagBar shows the most used tags, up to top of them.
func TagBar(id, title string, projects []*content.Project, top int, w Words) Chart {
	count := map[string]int{}
	for _, p := range projects {
		for _, t := range p.Tags {
			count[t]++
		}
	}
	tags := make([]string, 0, len(count))
	for t := range count {
		tags = append(tags, t)
	}
	sort.Slice(tags, func(i, j int) bool {
		if count[tags[i]] != count[tags[j]] {
			return count[tags[i]] > count[tags[j]]
		}
		return tags[i] < tags[j]
	})
	if len(tags) > top {
		tags = tags[:top]
	}
	counts := make([]int, len(tags))
	for i, t := range tags {
		counts[i] = count[t]
	}
	c := CountBar(id, title, w.t("Tag"), tags, counts, w)
	c.Height = 0 // fifteen at most: the page's default height holds them
	c.Label = fmt.Sprintf(w.t("%s: %d tags as horizontal bars. The numbers follow as a table."), title, len(tags))
	return c
}

// CountBar draws how many projects have each of names, first at the top,
// as horizontal bars, with the same numbers as a table whose first column
// is headed column.
func CountBar(id, title, column string, names []string, counts []int, w Words) Chart {
	var data []opts.BarData
	table := &Table{Caption: title, Head: []string{column, w.t("Projects")}}
	for i, n := range names {
		data = append(data, opts.BarData{Name: n, Value: counts[i]})
		table.Rows = append(table.Rows, []Cell{{n, ""}, {strconv.Itoa(counts[i]), ""}})
	}
	c := charts.NewBar()
	c.SetGlobalOptions(append(common(id, title),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithColorsOpts(opts.Colors{"#3b6e8f"}),
	)...)
	c.SetXAxis(names).AddSeries(w.t("Projects"), data)
	c.Validate() // moves the categories into the axis options
	label := fmt.Sprintf(w.t("%s: %d values as horizontal bars. The numbers follow as a table."), title, len(names))
	return Chart{ID: id, Title: title, Label: label, Spec: encode(&c.BaseConfiguration, spec{}, barAxes(names, true, false)), Table: table, Height: barHeight(max(len(names), manyBars))}
}

// YearSeries is one dated field's count of projects per year.
type YearSeries struct {
	Name   string
	Counts map[int]int
}

// YearBar draws, for each year any series has, how many projects each
// dated field counts that year (accepted, graduated…), as grouped bars,
// with a table of years by field.
func YearBar(id, title string, series []YearSeries, w Words) Chart {
	yearSet := map[int]bool{}
	for _, s := range series {
		for y := range s.Counts {
			yearSet[y] = true
		}
	}
	var years []int
	for y := range yearSet {
		years = append(years, y)
	}
	sort.Ints(years)
	// Every year between the first and the last, so gaps show as gaps.
	if len(years) > 1 {
		full := []int{}
		for y := years[0]; y <= years[len(years)-1]; y++ {
			full = append(full, y)
		}
		years = full
	}
	labels := make([]string, len(years))
	for i, y := range years {
		labels[i] = strconv.Itoa(y)
	}
	table := &Table{Caption: title, Head: append([]string{w.t("Year")}, func() []string {
		var h []string
		for _, s := range series {
			h = append(h, s.Name)
		}
		return h
	}()...)}
	for _, y := range years {
		row := []Cell{{strconv.Itoa(y), ""}}
		for _, s := range series {
			row = append(row, Cell{strconv.Itoa(s.Counts[y]), ""})
		}
		table.Rows = append(table.Rows, row)
	}
	c := charts.NewBar()
	c.SetGlobalOptions(append(common(id, title),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: labels}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", MinInterval: 1}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(series) > 1), Top: "30"}),
		charts.WithGridOpts(opts.Grid{Left: "40", Right: "20", Top: "70", Bottom: "30"}),
		charts.WithColorsOpts(opts.Colors{"#3b6e8f", "#b15968", "#2b8625", "#9c6c00", "#5d3a9b", "#227d9f"}),
	)...)
	c.SetXAxis(labels)
	for _, s := range series {
		data := make([]opts.BarData, len(years))
		for i, y := range years {
			data[i] = opts.BarData{Value: s.Counts[y]}
		}
		c.AddSeries(s.Name, data)
	}
	label := fmt.Sprintf(w.t("%s: projects per year from %s to %s, as bars. The numbers follow as a table."), title, labels[0], labels[len(labels)-1])
	return Chart{ID: id, Title: title, Label: label, Spec: encode(&c.BaseConfiguration, spec{}, visitor{}), Table: table}
}

// barAxes lays out a bar chart of the categories names: upright bars
// with names at an angle for a few, horizontal bars with names on one
// line, first at the top, for many. The grid makes room for the names, so
// none is cut off unless it is longer than the room.
func barAxes(names []string, horizontal, legend bool) visitor {
	top := 16
	if legend {
		top = 40
	}
	value := axis{Type: "value", MinInterval: 1}
	if !horizontal {
		category := axis{Type: "category", Data: names, AxisLabel: &axisLabel{Rotate: 30, Width: 160, Overflow: "truncate"}}
		return visitor{xAxis: []axis{category}, yAxis: []axis{value}, grid: []grid{{Left: 12, Right: 24, Top: top, Bottom: 12, ContainLabel: true}}}
	}
	// Room for the longest name, at about 6.5 px a character of 12 px
	// text, up to 220 px; longer names are truncated to fit.
	longest := 0
	for _, n := range names {
		longest = max(longest, len([]rune(n)))
	}
	nameWidth := min(220, longest*13/2+8)
	category := axis{Type: "category", Data: names, Inverse: true, AxisLabel: &axisLabel{Width: nameWidth, Overflow: "truncate"}}
	return visitor{xAxis: []axis{value}, yAxis: []axis{category}, grid: []grid{{Left: nameWidth + 16, Right: 24, Top: top, Bottom: 24}}}
}

func percent(n, total int) string {
	if total == 0 {
		return "0%"
	}
	return strconv.FormatFloat(float64(n)*100/float64(total), 'f', 0, 64) + "%"
}
