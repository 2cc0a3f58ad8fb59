package content

import (
	"fmt"
	"io/fs"
	"math"
	"strconv"
	"strings"
)

// Set is everything a site's content/ folder holds.
type Set struct {
	Site     *Site
	Chapters []*Chapter // ordered by weight, then title
	Projects []*Project // ordered by name
	// Static lists the files under content/static, slash-separated and
	// relative to it, sorted.
	Static []string
	// Translations are the texts of the site's other languages, by code.
	Translations map[string]*Translation

	problems Problems
	fsys     fs.FS  // where the content was loaded from, for logos
	cache    *Cache // the load's cache, if any
	// trustLogos: see Options.TrustLogos.
	trustLogos bool
	fronts     FrontStore // see Options.Fronts

}

// Site is content/site.yaml.
type Site struct {
	File        string
	Title       string
	Subtitle    string
	Description string
	Language    string
	Authors     []string
	Date        string // YYYY-MM-DD
	Layers      []*Layer
	Fields      []*Field       // project fields the site defines, in order
	Accept      []*AcceptRule  // warnings the site accepts
	Repo        *Repo          // where its source is, or nil
	Links       []*Link        // the site's own addresses, for the footer
	Groups      []*Group       // tabs of the map; none shows every layer on one
	Map         *MapOptions    // how the map draws its tiles; nil for the defaults
	GitHub      *GitHubOptions // what the site expects of its repository snapshot; nil for nothing
	// TextLang is, in a translated set, the language tag of the title,
	// subtitle and description where they fall back; "" where translated.
	TitleLang, SubtitleLang, DescriptionLang string
	Languages                                []*Language // the report's languages, the default first
}

// GitHubOptions say how old the repository snapshot may grow before check
// warns (0: never).
type GitHubOptions struct {
	MaxAgeDays int
	Pos        Pos
}

// MapOptions are site.yaml's map: the tiles' density and which projects
// the map marks.
type MapOptions struct {
	Density    string // "compact", "comfortable", or "" for by size
	DensityPos Pos
	Featured   []*MapRule // drawn larger, with their label
	Dimmed     []*MapRule // drawn faded, such as archived projects
}

// MapRule matches the projects whose field has the value (any value when
// Value is empty); Label names what the mark means, e.g. "Graduated" (the
// value itself when empty).
type MapRule struct {
	Field, Value, Label string
	Pos, ValuePos       Pos
}

// Matches returns the rule's label for a project it matches.
func (r *MapRule) Matches(p *Project) (string, bool) {
	v, ok := p.Extra[r.Field]
	if !ok {
		return "", false
	}
	for _, item := range v.Items() {
		if item == "" || item == "false" {
			continue
		}
		if r.Value == "" || strings.EqualFold(item, r.Value) {
			if r.Label != "" {
				return r.Label, true
			}
			if r.Value == "" && item != "true" {
				return item, true
			}
			return strings.ToUpper(r.Value[:min(1, len(r.Value))]) + r.Value[min(1, len(r.Value)):], true
		}
	}
	return "", false
}

// Group is a named set of layers shown as one tab of the map, such as a
// landscape's members apart from its products.
type Group struct {
	ID, Name  string
	LayerIDs  []string
	Layers    []*Layer // set by Validate, in LayerIDs' order
	Pos       Pos
	LayersPos Pos
	LayerPos  []Pos // of each layer id, where written as a list
}

// Link is a named address of site.yaml's links.
type Link struct {
	Name, URL string
}

// Layer is one tier of the report's map, such as the infrastructure layer.
type Layer struct {
	ID, Name, Description, Color string
	// NameLang and DescriptionLang are, in a translated set, the language
	// tag of a text that falls back; "" where translated.
	NameLang, DescriptionLang string
	Sections                  []*Section
	Index                     int // order in the site, from 0
	Pos                       Pos
	ColorPos                  Pos // where color is written
}

// Section is one part of a layer, such as decentralized compute.
type Section struct {
	ID, Name, Description     string
	NameLang, DescriptionLang string // as Layer's
	Layer                     *Layer
	Pos                       Pos
}

// Chapter is one Markdown file of the report's text.
type Chapter struct {
	File     string // path of the source, e.g. content/report/01-intro.md
	Slug     string
	Title    string
	Weight   int
	Summary  string
	Draft    bool
	Body     []byte // Markdown
	BodyLine int    // file line of Body's first line
	// Fallback is the language tag of a text shown in another language's
	// pages because it is not translated; "" when it is in the page's.
	Fallback string
	Source   string // in a translated set, the source chapter's file
}

// Project is one file in content/projects.
type Project struct {
	File    string
	Slug    string
	Name    string
	Layer   *Layer   // of the home section; set by Validate
	Section *Section // the home section; set by Validate
	// Sections are every section the project is listed in: the home
	// section first, then those of also_in in their order. Set by Validate.
	Sections []*Section
	Summary  string
	Website  string
	X        string // handle without "@"
	GitHub   string // URL
	Token    string // ticker without "$"
	Tags     []string
	Logo     string // path under content/static
	InReport bool
	Added    string // YYYY-MM-DD the project joined the report, or ""
	Checked  string // YYYY-MM-DD its facts were last checked against sources, or ""
	Draft    bool
	// Extra holds the values of the site's own fields (site.yaml fields),
	// by field id; set by Validate.
	Extra    map[string]Value
	Body     []byte
	BodyLine int
	// Fallback is the language tag of its texts where a translated set
	// falls back to the default language; "" when translated (or default).
	Fallback string
	// BodyFallback is the language tag of the text below the data when
	// a translation gives the rest but not that.
	BodyFallback string
	Source       string // in a translated set, the source project's file

	layerID, sectionID string
	alsoIDs            []string
	keys               *fields
	// front, for a project taken from the build cache (keys nil), is
	// its front matter's parse, to decode when validation asks for a
	// place (fields); other tells whether it has keys besides
	// ProjectKeys, which only then are decoded for site fields.
	front func() *Front
	other bool
	// Found when the file is loaded, for Validate.
	slugOK                     bool
	nameKey, siteKey, logoFile string // lower-case name, website host and path, logo as a static path
}

// Field is a project field a site defines in site.yaml, such as a
// maturity level or a licence.
type Field struct {
	ID, Label string
	Type      FieldType
	Values    []string // the allowed values of an enum
	// Show puts it on project pages, Filter in the directory's filters,
	// Export in projects.json and projects.csv.
	Show, Filter, Export bool
	Pos                  Pos
}

// FieldType is the kind of value a site-defined field holds.
type FieldType string

// The types a site-defined field may have.
const (
	TypeText    FieldType = "text"
	TypeURL     FieldType = "url"
	TypeDate    FieldType = "date"
	TypeNumber  FieldType = "number"
	TypeEnum    FieldType = "enum"
	TypeList    FieldType = "list"
	TypeBoolean FieldType = "boolean"
)

// FieldTypes lists every FieldType, for messages.
var FieldTypes = []string{"text", "url", "date", "number", "enum", "list", "boolean"}

// Value is one project's value of a site-defined field: the text of a
// single value (a number as written, a boolean as "true" or "false"), or
// the items of a list.
type Value struct {
	Text string
	List []string
}

// Items returns the value as a list: a list's items, or the one text.
func (v Value) Items() []string {
	if v.List != nil {
		return v.List
	}
	if v.Text == "" {
		return nil
	}
	return []string{v.Text}
}

// AcceptRule accepts the warnings of one kind, on the whole site or on the
// files that match one of its patterns.
type AcceptRule struct {
	Kind  string
	Files []string // path.Match patterns relative to the site folder; none means every file
	Why   string
	Pos   Pos
}

// LayerByID returns the layer with that id, or nil.
func (s *Site) LayerByID(id string) *Layer {
	for _, l := range s.Layers {
		if l.ID == id {
			return l
		}
	}
	return nil
}

// SectionByID returns the section with that id in any layer (section ids
// are unique across layers), or nil.
func (s *Site) SectionByID(id string) *Section {
	for _, l := range s.Layers {
		if sec := l.SectionByID(id); sec != nil {
			return sec
		}
	}
	return nil
}

// SectionByID returns the layer's section with that id, or nil.
func (l *Layer) SectionByID(id string) *Section {
	for _, sec := range l.Sections {
		if sec.ID == id {
			return sec
		}
	}
	return nil
}

// SectionIDs lists the layer's section ids, in order.
func (l *Layer) SectionIDs() []string {
	ids := make([]string, 0, len(l.Sections))
	for _, sec := range l.Sections {
		ids = append(ids, sec.ID)
	}
	return ids
}

// Problems returns every problem found so far, errors and warnings, sorted.
func (s *Set) Problems() Problems {
	all := append(Problems(nil), s.problems...)
	all.Sort()
	return all
}

// Warnings returns the problems that do not stop a build, those that
// site.yaml accepts marked so.
func (s *Set) Warnings() Problems {
	_, w := s.problems.Split()
	w = s.Accept(w, false)
	w.Sort()
	return w
}

// defaultColors tell layers apart when site.yaml gives none; the same colour
// marks a layer on every page and in every chart. Twenty colours, each dark
// enough for white text at 4.5:1, ordered so that neighbouring layers stay
// apart for readers with red-green or blue-yellow colour blindness too
// (palette_test.go checks both). They draw on Paul Tol's and Okabe and
// Ito's colour-blind-safe palettes, darkened.
var defaultColors = []string{
	"#006cd1", "#2b8625", "#b15968", "#c20ac2", "#227d9f", "#aa3377", "#9c6c00", "#5d3a9b", "#117733", "#d92e6c",
	"#882255", "#b55a27", "#7e7444", "#a16084", "#c05500", "#0077bb", "#008561", "#aa4499", "#e31a1c", "#777728",
}

// ShownColor is the colour a layer is drawn in, as "#rrggbb": its own
// (Color), or one of the palette by position. Identifiers spell it
// "color", as site.yaml, CSS and ECharts do; prose says "colour".
func (l *Layer) ShownColor() string {
	if l.Color != "" {
		return l.Color
	}
	if l.Index < len(defaultColors) {
		return defaultColors[l.Index]
	}
	// Past the palette, hues a golden angle apart, dark enough for white
	// text: distinct, though not chosen for colour-blind readers.
	h := math.Mod(float64(l.Index)*137.508, 360)
	return Ink(hsl(h, 0.62, 0.40))
}

// hsl returns a colour given as hue (degrees), saturation and lightness
// as "#rrggbb".
func hsl(h, s, l float64) string {
	c := (1 - math.Abs(2*l-1)) * s
	x := c * (1 - math.Abs(math.Mod(h/60, 2)-1))
	m := l - c/2
	var r, g, b float64
	switch {
	case h < 60:
		r, g = c, x
	case h < 120:
		r, g = x, c
	case h < 180:
		g, b = c, x
	case h < 240:
		g, b = x, c
	case h < 300:
		r, b = x, c
	default:
		r, b = c, x
	}
	return fmt.Sprintf("#%02x%02x%02x", int(math.Round((r+m)*255)), int(math.Round((g+m)*255)), int(math.Round((b+m)*255)))
}

// InkColor is the layer's colour darkened, if it must be, until white
// text on it has a contrast of 4.5:1: for names written on the colour.
func (l *Layer) InkColor() string {
	return Ink(l.ShownColor())
}

// Ink darkens a "#rrggbb" colour in steps of 5% until white text on it
// reaches a contrast of 4.5:1.
func Ink(hex string) string {
	v, err := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	if err != nil || len(hex) != 7 {
		return hex
	}
	r, g, b := float64(v>>16&0xff), float64(v>>8&0xff), float64(v&0xff)
	for k := 1.0; k > 0; k -= 0.05 {
		rr, gg, bb := math.Round(r*k), math.Round(g*k), math.Round(b*k)
		if 1.05/(relLuminance(rr, gg, bb)+0.05) >= 4.5 {
			return fmt.Sprintf("#%02x%02x%02x", int(rr), int(gg), int(bb))
		}
	}
	return "#000000"
}

func relLuminance(r, g, b float64) float64 {
	lin := func(c float64) float64 {
		c /= 255
		if c <= 0.04045 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}
