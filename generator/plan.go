package generator

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/panorama-ssg/panorama/charts"
	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/generator/edition"
	"github.com/panorama-ssg/panorama/generator/exports"
	"github.com/panorama-ssg/panorama/generator/page"
	"github.com/panorama-ssg/panorama/generator/poster"
	"github.com/panorama-ssg/panorama/internal/words"
)

// prepare plans a site: one named step per kind of output, each adding
// its pages or files, which are made only when asked for.
func prepare(fsys fs.FS, set *content.Set, tpl *Templates, opt RenderOptions, bodies *BodyCache) (*Site, error) {
	snap, err := readSnapshot(fsys)
	if err != nil {
		return nil, err
	}
	site := page.NewSiteView(set, opt.BaseURL, snap)
	site.SetLanguage(opt.Lang, opt.Languages, opt.BaseURL, opt.DefaultView)
	if len(set.Site.Languages) > 0 {
		site.SetWords(tpl.Words[set.Site.Languages[0].Code])
	}
	if opt.Lang != nil {
		site.SetWords(tpl.Words[opt.Lang.Code])
	}
	site.SayStars()
	site.SetImages(opt.thumbs.images(logosOf(site)))
	if opt.Default != nil {
		site.AddEditions(opt.Editions, opt.Default)
	} else {
		site.AddEditions(opt.Editions, set)
	}
	site.AddEmbeds()
	zip := site.Zip // reserved for static files with or without --no-zip
	if opt.NoZip {
		site.Zip = "" // and the pages do not link to one
	}
	if err := renderBodies(set, site, bodies); err != nil {
		return nil, err
	}
	s := &Site{View: site, tpl: tpl, opt: opt, byPath: make(map[string]int, len(site.Chapters)+len(site.Projects)), files: map[string]*lazyFile{},
		frags: page.NewFragments(tpl.own)}
	p := &planner{s: s, set: set, fsys: fsys, readLogo: opt.thumbs.read, thumbs: opt.thumbs, zip: zip}
	p.homeAndCharts()
	p.chapters()
	p.projects()
	p.layersAndSections()
	p.groups()
	p.printAnd404()
	p.editions()
	p.embeds()
	p.exports()
	p.posters()
	p.thumbnails()
	p.badges()
	p.assets(tpl)
	if err := p.static(); err != nil {
		return nil, err
	}
	s.paths = sync.OnceValue(func() []string {
		paths := make([]string, 0, len(s.byPath)+len(s.files))
		for p := range s.byPath {
			paths = append(paths, p)
		}
		for p := range s.files {
			paths = append(paths, p)
		}
		sort.Strings(paths)
		return paths
	})
	return s, nil
}

// planner adds a site's outputs, step by step.
type planner struct {
	s        *Site
	set      *content.Set
	fsys     fs.FS
	readLogo func(p string) ([]byte, error) // static files read once for their copy and every poster (SVGs sanitised)
	thumbs   *thumbSet                      // the logos' thumbnails
	zip      string                         // the zip's path, even when this build writes none
	// layerMaps are the layer pages' maps by layer id, the parts the map
	// of every layer is drawn from.
	layerMaps map[string]func() charts.Chart
}

// page adds a page rendered by template tpl.
func (p *planner) page(tpl, kind, at, title, desc string, charts func() []charts.Chart) *page.Page {
	s := p.s
	prefix := s.View.Prefix
	at = prefix + at
	pg := &page.Page{Kind: kind, Path: at, Title: title, Description: desc, Root: rootOf(at), Site: s.View, Prefix: prefix}
	if s.opt.BaseURL != "" {
		pg.Canonical = page.AbsURL(s.opt.BaseURL, at)
	}
	s.byPath[at] = len(s.jobs)
	s.jobs = append(s.jobs, job{tpl: tpl, page: pg, charts: charts})
	return pg
}

// file adds a file other than a page, made when first asked for, in the
// pages' language folder.
func (p *planner) file(at string, make func() ([]byte, error)) *lazyFile {
	f := &lazyFile{make: make}
	p.s.files[p.s.View.Prefix+at] = f
	return f
}

// shared adds a file all languages share, at the site root: assets,
// content/static and the badges.
func (p *planner) shared(at string, make func() ([]byte, error)) *lazyFile {
	f := &lazyFile{make: make}
	p.s.files[at] = f
	if p.s.shared == nil {
		p.s.shared = map[string]bool{}
	}
	p.s.shared[at] = true
	return f
}

// chartFile adds the script that carries a chart's data, at path at in
// the pages' language folder, and returns the chart (made once) set to be
// loaded from it: a map of every project is most of a page's bytes when
// inlined, and its data is only read when the chart is drawn.
func (p *planner) chartFile(at string, draw func() charts.Chart) func() charts.Chart {
	chart := sync.OnceValue(func() charts.Chart {
		c := draw()
		sum := sha256.Sum256([]byte(c.Spec))
		c.Src, c.Version = at, hex.EncodeToString(sum[:6])
		return c
	})
	p.file(at, bytesOf(func() []byte { return chartScript(at, chart().Spec) }))
	return chart
}

// chartScript is a chart's data as a script that files it under key in
// window.PANORAMA_CHARTS, for charts.js: a script, not JSON, because pages
// opened from file:// may load scripts but not fetch files. The data is
// JSON whose HTML characters and line separators are escaped, which is
// also a JavaScript expression.
func chartScript(key string, spec template.JS) []byte {
	k, _ := json.Marshal(key)
	return []byte("(window.PANORAMA_CHARTS = window.PANORAMA_CHARTS || {})[" + string(k) + "] = " + string(spec) + ";\n")
}

// bytesOf adapts a maker that cannot fail.
func bytesOf(f func() []byte) func() ([]byte, error) {
	return func() ([]byte, error) { return f(), nil }
}

// homeAndCharts: the home page with the layer map, and the charts page.
func (p *planner) homeAndCharts() {
	site, layers, projects := p.s.View, p.set.Site.Layers, p.set.Projects
	layerMap := p.chartFile(page.ChartDataPath("layer-map"), func() charts.Chart {
		title := fmt.Sprintf(site.Word("Map of the %s"), site.Count(len(projects), "project", "projects"))
		var parts []charts.Part
		for _, l := range site.Layers {
			m := p.layerMaps[l.ID]
			if m == nil {
				return charts.LayerMap("layer-map", title, layers, projects, site.ChartPaths())
			}
			c := m()
			parts = append(parts, charts.Part{Key: c.Src, Version: c.Version})
		}
		return charts.LayerMapOfParts("layer-map", title, layers, projects, site.ChartPaths(), parts)
	})
	p.page("index.html", page.KindHome, page.HomePath, site.Title, page.FirstNonEmpty(site.Description, site.Subtitle), func() []charts.Chart { return []charts.Chart{layerMap()} })
	p.page("charts.html", page.KindCharts, page.ChartsPath, site.Word("Charts"), chartsDescription(site), func() []charts.Chart {
		out := []charts.Chart{
			layerMap(),
			charts.SectionBar("section-bar", site.Word("Projects per section"), layers, projects, site.ChartPaths()),
			charts.LayerShare("layer-share", site.Word("Each layer's share of the projects"), layers, projects, site.ChartPaths()),
		}
		// Pages follow the data: no chart of what no project has.
		if site.HasTokens {
			out = append(out, charts.TokenBar("token-bar", site.Word("Projects with and without a token"), layers, projects, site.ChartPaths()))
		}
		if len(site.Tags) > 0 {
			out = append(out, charts.TagBar("tag-bar", site.Word("Most used tags"), projects, 15, site.ChartPaths().Words))
		}
		return append(out, fieldCharts(site)...)
	})
}

// fieldCharts draws what the site's own fields hold: for every enum (a
// maturity, a member tier) and every short text offered as a filter (a
// licence, an organisation) how many projects have each value, and for
// the dated fields (accepted, graduated…) how many projects each counts
// per year. A field no project uses, or one value alone, draws nothing.
func fieldCharts(site *page.SiteView) []charts.Chart {
	w := site.ChartPaths().Words
	var out []charts.Chart
	var years []charts.YearSeries
	for _, f := range site.Fields {
		if !f.Show || !f.Used {
			continue
		}
		counts := map[string]int{}
		for _, p := range site.Projects {
			for _, v := range p.Extra {
				if v.Field.ID != f.ID {
					continue
				}
				if v.Text != "" {
					counts[v.Text]++
				}
				for _, item := range v.List {
					counts[item]++
				}
			}
		}
		switch {
		case f.Type == content.TypeEnum || (f.Type == content.TypeText && f.Filter):
			names := valuesByCount(f, counts)
			if len(names) < 2 {
				continue
			}
			if len(names) > 15 {
				names = names[:15]
			}
			n := make([]int, len(names))
			for i, v := range names {
				n[i] = counts[v]
			}
			out = append(out, charts.CountBar("field-"+f.ID, fmt.Sprintf(site.Word("Projects by %s"), strings.ToLower(f.Label)), f.Label, names, n, w))
		case f.Type == content.TypeDate:
			ys := charts.YearSeries{Name: f.Label, Counts: map[int]int{}}
			for v, n := range counts {
				if y, err := strconv.Atoi(v[:min(4, len(v))]); err == nil {
					ys.Counts[y] += n
				}
			}
			if len(ys.Counts) > 0 {
				years = append(years, ys)
			}
		}
	}
	if len(years) > 0 {
		out = append(out, charts.YearBar("field-years", site.Word("Projects by year"), years, w))
	}
	return append(out, githubCharts(site)...)
}

// githubCharts are the charts of the repository snapshot: licences, main
// languages and how recently the projects' code changed.
func githubCharts(site *page.SiteView) []charts.Chart {
	if site.GitHub == nil {
		return nil
	}
	w := site.ChartPaths().Words
	var out []charts.Chart
	for _, f := range []*content.Field{page.LicenceField, page.LanguageField} {
		counts := map[string]int{}
		for _, p := range site.Projects {
			for _, v := range p.Extra {
				if v.Field.Field == f {
					counts[v.Text]++
				}
			}
		}
		names := valuesByCount(&page.FieldView{Field: f}, counts)
		if len(names) < 2 {
			continue
		}
		names = names[:min(len(names), 15)]
		n := make([]int, len(names))
		for i, v := range names {
			n[i] = counts[v]
		}
		out = append(out, charts.CountBar(f.ID, fmt.Sprintf(site.Word("Projects by %s on GitHub"), strings.ToLower(site.Word(f.Label))), site.Word(f.Label), names, n, w))
	}
	if names, n := page.ActivityBuckets(site); len(names) > 0 {
		out = append(out, charts.CountBar("github-activity", site.Word("Projects by their last commit"), site.Word("Last commit"), names, n, w))
	}
	return out
}

// valuesByCount orders a field's values as a reader expects: an enum's in
// its order, others by how many projects have them, then by name.
func valuesByCount(f *page.FieldView, counts map[string]int) []string {
	var names []string
	if f.Type == content.TypeEnum {
		for _, v := range f.Values {
			if counts[v] > 0 {
				names = append(names, v)
			}
		}
		return names
	}
	for v := range counts {
		names = append(names, v)
	}
	sort.Slice(names, func(i, j int) bool {
		if counts[names[i]] != counts[names[j]] {
			return counts[names[i]] > counts[names[j]]
		}
		return names[i] < names[j]
	})
	return names
}

// chapters: a page per chapter of the report.
func (p *planner) chapters() {
	for _, c := range p.s.View.Chapters {
		p.page("chapter.html", page.KindChapter, c.Path, c.Title, c.Summary, nil).Chapter = c
	}
}

// projects: the directory and a page per project.
func (p *planner) projects() {
	site := p.s.View
	p.page("projects.html", page.KindProjects, page.ProjectsPath, site.Word("Projects"), fmt.Sprintf("All %s of %s, by layer and section.", words.Projects(len(site.Projects)), site.Title), nil)
	for _, pr := range site.Projects {
		pg := p.page("project.html", page.KindProject, pr.Path, pr.Name, pr.Summary, nil)
		pg.Project, pg.Layer, pg.Section = pr, pr.Layer, pr.Section
	}
}

// layersAndSections: a page per layer with its map, and per section.
func (p *planner) layersAndSections() {
	site := p.s.View
	for _, l := range site.Layers {
		one := []*content.Layer{l.Layer}
		layerMap := p.chartFile(page.ChartDataPath("layers/"+l.ID), func() charts.Chart {
			return charts.LayerMap("layer-map", fmt.Sprintf(site.Word("Map of %s"), l.Name), one, contentProjects(l.Projects), site.ChartPaths())
		})
		if p.layerMaps == nil {
			p.layerMaps = map[string]func() charts.Chart{}
		}
		p.layerMaps[l.ID] = layerMap
		pg := p.page("layer.html", page.KindLayer, l.Path, l.Name, l.Description, func() []charts.Chart {
			return []charts.Chart{
				layerMap(),
				charts.SectionBar("section-bar", fmt.Sprintf(site.Word("Projects per section of %s"), l.Name), one, contentProjects(l.Projects), site.ChartPaths()),
			}
		})
		pg.Layer = l
		for _, sec := range l.Sections {
			var sectionCharts func() []charts.Chart
			if hasTags(sec.Projects) {
				sectionCharts = func() []charts.Chart {
					return []charts.Chart{charts.TagBar("tag-bar", fmt.Sprintf(site.Word("Tags in %s"), sec.Name), contentProjects(sec.Projects), 10, site.ChartPaths().Words)}
				}
			}
			pg := p.page("section.html", page.KindSection, sec.Path, sec.Name, sec.Description, sectionCharts)
			pg.Layer, pg.Section = l, sec
		}
	}
}

// groups: a page per tab of the map but the first, which is the home
// page's.
func (p *planner) groups() {
	site := p.s.View
	for i, g := range site.Groups {
		if i == 0 {
			continue
		}
		pg := p.page("group.html", page.KindGroup, g.Path, g.Name, fmt.Sprintf(site.Word("%s: the map's tab of %s."), site.Title, g.Name), nil)
		pg.Group = g
	}
}

// printAnd404: the whole report on one page, and the page for missing
// addresses.
func (p *planner) printAnd404() {
	site := p.s.View
	p.page("print.html", page.KindPrint, page.PrintPath, site.Word("The whole report"), "Every chapter of "+site.Title+" and its project directory on one page, for printing or saving as PDF.", nil)
	notFound := p.page("404.html", page.Kind404, page.NotFoundPath, site.Word("Page not found"), "", nil)
	// GitHub Pages serves the root's 404.html at any depth, so its links
	// are from the root, or absolute with a base URL. Another language's
	// 404 page is only ever opened where it is (its switcher links it), so
	// its links are relative like any other page's.
	if site.Prefix == "" || p.s.opt.BaseURL != "" {
		notFound.Root = p.s.opt.BaseURL
	}
	notFound.Canonical = ""
}

// exports: the data and feed files, and what hosts and crawlers read.
func (p *planner) exports() {
	s, site, base := p.s, p.s.View, p.s.opt.BaseURL
	if site.Prefix == "" { // for the whole site, at its root
		p.file(".nojekyll", bytesOf(func() []byte { return []byte{} })).siteOnly = true
		p.file("robots.txt", bytesOf(func() []byte { return robots(base) })).siteOnly = true
	}
	p.searchIndex()
	p.file(page.ProjectsJSONPath, bytesOf(func() []byte { return projectsJSON(site) }))
	p.file(page.ProjectsCSVPath, bytesOf(func() []byte { return projectsCSV(site) }))
	p.file(page.FeedPath, bytesOf(func() []byte { return feed(site) }))
	p.file(mapFacetsPath, bytesOf(func() []byte { return mapFacets(site) }))
	if base != "" {
		p.file("sitemap.xml", bytesOf(func() []byte { return sitemap(base, s.jobs) }))
	}
}

// searchIndex: the search index's head and its parts, whose documents
// are made once for every part, and where they come from, for a warm
// build's keys.
func (p *planner) searchIndex() {
	site, c := p.s.View, p.s.opt.searchDocs
	docs := sync.OnceValue(func() []exports.SearchDoc { return searchDocs(site) })
	sources := sync.OnceValue(func() []docSource { return searchSources(site) })
	parts := exports.SearchParts(searchDocCount(site))
	p.file(page.SearchIndexPath, bytesOf(func() []byte { return exports.SearchHead(parts) }))
	for k := range parts {
		p.file(page.SearchPartPath(k), bytesOf(func() []byte { return exports.SearchPart(k, partOf(docs(), k), c) }))
		p.s.files[site.Prefix+page.SearchPartPath(k)].sources = func() []docSource { return partOf(sources(), k) }
	}
}

// posters: the whole map as SVG (each layer a view of it), and its layout
// as a script for the PNG button.
func (p *planner) posters() {
	site := p.s.View
	layout := sync.OnceValues(func() (*poster.Shapes, error) { return poster.Layout(posterMap(site), p.readLogo, p.thumbs.png) })
	// The posters show the projects' names, places, marks and logos,
	// which every page may show too: a summary edited leaves them.
	p.file(page.MapPoster, func() ([]byte, error) {
		pl, err := layout()
		if err != nil {
			return nil, err
		}
		return pl.SVG(), nil
	}).siteOnly = true
	p.file(page.MapPosterJS, func() ([]byte, error) {
		pl, err := layout()
		if err != nil {
			return nil, err
		}
		return pl.JS(), nil
	}).siteOnly = true
}

// thumbnails: the PNG of each logo that has one, shared by every
// language. The offline copy holds the thumbnail instead of the logo,
// unless a chapter's or project's text shows the logo itself, or the
// site's own templates might.
func (p *planner) thumbnails() {
	site := p.s.View
	p.s.onlineOnly = map[string]bool{}
	for _, pr := range site.Projects {
		if pr.Image == pr.Logo {
			continue
		}
		png := p.thumbs.png(pr.Logo)
		p.shared(pr.Image, bytesOf(func() []byte { return png }))
		if len(p.s.tpl.own) == 0 {
			p.s.onlineOnly[pr.Logo] = true
		}
	}
	for _, c := range site.Chapters {
		dropShown(p.s.onlineOnly, string(c.HTML))
	}
	for _, pr := range site.Projects {
		dropShown(p.s.onlineOnly, string(pr.HTML))
	}
}

// imageRef finds what a rendered text links or shows of an image file.
var imageRef = regexp.MustCompile(`[^"'\s()<>=]+\.(?i:svg|png|jpe?g|gif|webp|avif)`)

// dropShown deletes from m the files html refers to, by their path from
// the site's root (../logos/x.svg, ./logos/x.svg, logos/x.svg).
func dropShown(m map[string]bool, html string) {
	if len(m) == 0 || html == "" {
		return
	}
	for _, ref := range imageRef.FindAllString(html, -1) {
		ref = strings.TrimLeft(ref, "/")
		for {
			if r, ok := strings.CutPrefix(ref, "../"); ok {
				ref = r
			} else if r, ok := strings.CutPrefix(ref, "./"); ok {
				ref = r
			} else {
				break
			}
		}
		delete(m, ref)
	}
}

// logosOf lists the logos a site's projects show, each once.
func logosOf(site *page.SiteView) []string {
	seen := map[string]bool{}
	var out []string
	for _, pr := range site.Projects {
		if pr.Logo != "" && !seen[pr.Logo] {
			seen[pr.Logo] = true
			out = append(out, pr.Logo)
		}
	}
	return out
}

// posterMap is what the poster draws of a site: every layer's sections
// and their projects, with the map's marks, and the site's title, subtitle,
// date and count. The poster's words are English, as its file is shared.
func posterMap(site *page.SiteView) poster.Map {
	m := poster.Map{Title: site.Title, Sub: site.Subtitle,
		Footer: site.Title + " · " + words.Projects(len(site.Projects)) + " · made with Panorama"}
	if site.Date != "" {
		m.Sub = strings.TrimPrefix(m.Sub+" · "+site.Date, " · ")
	}
	for _, l := range site.Layers {
		pl := poster.Layer{ID: l.ID, Name: l.Name, Color: l.Color, Ink: l.Ink, Count: words.Projects(len(l.Projects))}
		for _, sec := range l.Sections {
			ps := poster.Section{Name: sec.Name, Tiles: make([]poster.Tile, len(sec.Projects))}
			for i, pr := range sec.Projects {
				ps.Tiles[i] = poster.Tile{Name: pr.Name, Logo: pr.Logo, Featured: pr.Featured, Dimmed: pr.Dimmed != ""}
				if pr.Logo == "" {
					ps.Tiles[i].Monogram = pr.Monogram()
				}
			}
			pl.Sections = append(pl.Sections, ps)
		}
		m.Layers = append(m.Layers, pl)
	}
	return m
}

// badges: a "Listed in" badge per section that has projects, which its
// projects show in their READMEs.
func (p *planner) badges() {
	site := p.s.View
	for _, l := range site.Layers {
		for _, sec := range l.Sections {
			if len(sec.Projects) > 0 {
				p.shared(page.BadgePath(sec.ID), bytesOf(func() []byte { return poster.Badge(site.Title, sec.Name, sec.Layer.Ink) })).siteOnly = true
			}
		}
	}
}

// assets: the templates' scripts, styles and images; the style sheet ends
// with the layers' colours.
func (p *planner) assets(tpl *Templates) {
	for name, data := range tpl.Assets {
		if name == styleSheet {
			data = withLayerColours(data, p.s.View.Layers)
		}
		p.shared(name, bytesOf(func() []byte { return data })).siteOnly = true
	}
}

const styleSheet = "assets/style.css"

// withLayerColours adds a rule per layer to the style sheet: an element of
// class lc-ID is drawn in layer ID's colour. The links to the layers in
// every page's header, the project cards and a project's page carry the
// class, not a style attribute each (1.2 MB at 10,000 projects). IDs are
// slugs and colours "#rrggbb", both checked when the site loads.
func withLayerColours(css []byte, layers []*page.LayerView) []byte {
	out := slices.Clip(css)
	out = append(out, "\n/* The layers' colours (site.yaml). */\n"...)
	for _, l := range layers {
		out = fmt.Appendf(out, ".lc-%s { --layer: %s; }\n", l.ID, l.Color)
	}
	return out
}

// static: content/static, unless a file would take a generated path.
func (p *planner) static() error {
	// Paths that some builds of the same content write and others do not
	// are taken in every build, so check (no zip, no base URL) and a
	// build with both, today's report and tomorrow's, agree.
	reserved := []string{p.zip, page.CurrentChangesPath}
	if p.s.View.Prefix == "" {
		reserved = append(reserved, "sitemap.xml")
	}
	ps := staticClashes(p.s, p.set.Static, reserved...)
	for _, f := range p.set.Static {
		if strings.EqualFold(path.Ext(f), ".svg") {
			p.shared(f, func() ([]byte, error) { return p.readLogo(f) })
		} else {
			p.shared(f, func() ([]byte, error) { return readStatic(p.fsys, f) })
		}
	}
	return ps.Err()
}

// embeds: a page per view, and the page of their code.
func (p *planner) embeds() {
	site := p.s.View
	for _, e := range site.Embeds {
		pg := p.page("embed-view.html", page.KindEmbed, e.Path, e.Title, fmt.Sprintf("%s: %s, to embed in other sites.", e.Title, words.Projects(e.Count)), nil)
		pg.Embed = e
		if e.Section != nil {
			pg.Layer, pg.Section = e.Section.Layer, e.Section
		} else if len(e.Layers) == 1 {
			pg.Layer = e.Layers[0]
		}
	}
	p.page("embed.html", page.KindEmbedCode, page.EmbedCodePath, site.Word("Embed this map"), fmt.Sprintf(site.Word("The code to show the map of %s, a layer or a section in another site."), site.Title), nil)
}

// editions: the list of editions, a page of changes and a map per
// edition, their data, and the changes since the latest.
func (p *planner) editions() {
	site := p.s.View
	if len(site.Editions) == 0 {
		return
	}
	p.page("editions.html", page.KindEditions, page.EditionsPath, site.Word("Editions"), fmt.Sprintf(site.Word("%s of %s, and what changed in each."), site.Count(len(site.Editions), "edition", "editions"), site.Title), nil)
	for _, ev := range site.Editions {
		desc := fmt.Sprintf(site.Word("The first edition of %s."), site.Title)
		if ev.Changes != nil {
			desc = fmt.Sprintf(site.Word("Since edition %s: %s."), ev.Prev.Name, site.ChangeSummary(ev.Changes))
		}
		pg := p.page("changes.html", page.KindEdition, ev.Path, fmt.Sprintf(site.Word("What changed in edition %s"), ev.Name), desc, nil)
		pg.Edition, pg.Changes = ev, ev.Changes
		mp := p.page("past-map.html", page.KindPastMap, ev.MapPath, fmt.Sprintf(site.Word("The map of edition %s"), ev.Name), fmt.Sprintf("%s as it stood on %s: %s.", site.Title, ev.Date, words.Projects(len(ev.File.Projects))), nil)
		mp.Edition = ev
		// Made at each rendering and dropped after: kept for the whole
		// build, two maps of 10,000 projects made the garbage collector
		// work a quarter longer under the build's memory limit.
		p.s.jobs[len(p.s.jobs)-1].setup = func(pg *page.Page) {
			m := site.PastMap(ev.File)
			pg.Past = m.View.Layers
			pg.Charts = []charts.Chart{charts.LayerMap("layer-map", fmt.Sprintf(site.Word("Map of edition %s: %s"), ev.Name, site.Count(len(m.Projects), "project", "projects")), m.Layers, m.Projects, site.PastPaths())}
		}
		p.file(ev.DataPath, func() ([]byte, error) {
			if ev.File.AsRead() { // not kept in memory: megabytes at 10,000 projects
				data, msg, err := content.ReadRegular(p.fsys, ev.File.FilePath(), edition.MaxSize)
				if err == nil && msg != "" {
					err = fmt.Errorf("%s: %s", ev.File.FilePath(), msg)
				}
				return data, err
			}
			return edition.Marshal(ev.File)
		})
	}
	if site.Since != nil {
		pg := p.page("changes.html", page.KindChanges, page.CurrentChangesPath, fmt.Sprintf(site.Word("What changed since edition %s"), site.Latest.Name), fmt.Sprintf(site.Word("Since edition %s: %s."), site.Latest.Name, site.ChangeSummary(site.Since)), nil)
		pg.Changes = site.Since
	}
}
