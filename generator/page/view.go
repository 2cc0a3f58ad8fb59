package page

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"math"
	"net/url"
	"path"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/panorama-ssg/panorama/charts"
	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/generator/edition"
	"github.com/panorama-ssg/panorama/generator/enrich"
	"github.com/panorama-ssg/panorama/generator/markdown"
)

// The view types are what templates see: the content model plus the
// site-relative path of each page and the rendered Markdown. Paths name files
// (projects/acme.html) so links work from file:// too; a page turns them into
// relative links with Page.URL. Pages are files, not folders with an
// index.html: one directory entry per page, which on ext4 makes writing
// 10,000 project pages several times faster than a folder each.

// SiteView is the whole site, shared by every page.
type SiteView struct {
	images                                       map[string]string // logo path → the thumbnail pages show instead (SetImages)
	Title, Subtitle, Description, Language, Date string
	// The language tags of texts that fall back to the default language.
	TitleLang, SubtitleLang, DescriptionLang string
	Authors                                  []string
	BaseURL                                  string // "" or ends with "/"
	Layers                                   []*LayerView
	Chapters                                 []*ChapterView
	Projects                                 []*ProjectView // by name
	InReport                                 int            // projects named in the report text
	Zip                                      string         // file name of the whole site as a zip
	Slug                                     string         // the title as a file name
	Tags                                     []string       // every tag used, sorted
	Fields                                   []*FieldView   // the site's own project fields, in order
	// LayerMenu folds the layers into a menu in the header: there are
	// too many, or their names too long, for one line beside the rest.
	// LayerMap stands for the menu when even a menu would be too long (and
	// would repeat every layer on every page): the header links the map.
	LayerMenu, LayerMap bool
	// GitHub is set when a snapshot of the projects' repositories is there.
	GitHub *GitHubView
	Repo   *content.Repo   // where the source is, for edit links; nil without
	Links  []*content.Link // the site's own addresses, for the footer
	// Groups are the map's tabs: the first is on the home page, each other
	// on its own page. MapLayers are the home page map's layers: the first
	// group's, or every layer without groups.
	Groups    []*GroupView
	MapLayers []*LayerView
	// Compact maps draw logos only, names on hover and focus (site.yaml's
	// map.density, or by size: more than compactAbove projects).
	Compact bool
	// The map's marks, for its legend: the featured labels in use, in the
	// rules' order, and the dimmed ones.
	FeaturedLabels, DimmedLabels []string
	Dir                          string          // ltr or rtl
	Prefix                       string          // the language's folder: "" or "zh/"
	RootURL                      string          // the base URL of the whole site, without the language's folder
	Lang                         *LanguageView   // this site's language; nil in a report of one
	Languages                    []*LanguageView // every language, the default first; nil in a report of one
	Embeds                       []*EmbedView    // the views other sites can embed: the map, each layer and section
	Editions                     []*EditionView  // oldest first
	Latest                       *EditionView
	Since                        *edition.Changes // the current report since the latest edition; nil when the same
	// What the data holds, so pages leave out what no project has.
	HasTokens, HasInReport, HasAdded, HasLogos, HasX, HasGitHub bool

	// What is not data for templates lives apart: the lookups by id that
	// pages and editions make, and the interface's words in the site's
	// language (Catalogue.go).
	index    siteIndex
	words    *Catalogue
	fallback *SiteView // the default language's, whose texts this one falls back to
}

// siteIndex finds a site's projects and sections by id.
type siteIndex struct {
	bySlug      map[string]*ProjectView
	sectionByID map[string]*SectionView
}

func (x siteIndex) project(slug string) *ProjectView { return x.bySlug[slug] }
func (x siteIndex) section(id string) *SectionView   { return x.sectionByID[id] }

// newSiteIndex indexes the views of a site's projects and sections.
func newSiteIndex(projects []*ProjectView, layers []*LayerView) siteIndex {
	x := siteIndex{bySlug: make(map[string]*ProjectView, len(projects)), sectionByID: map[string]*SectionView{}}
	for _, p := range projects {
		x.bySlug[p.Slug] = p
	}
	for _, l := range layers {
		for _, s := range l.Sections {
			x.sectionByID[s.ID] = s
		}
	}
	return x
}

// FieldView is a site-defined project field with what the projects hold
// of it.
type FieldView struct {
	*content.Field
	Used   bool     // some project has a value
	Values []string // the values projects use, in the field's order (enum) or sorted
}

// The views copy the fields templates use from the content model instead
// of embedding it: text/template looks up a field promoted from an
// embedded struct with reflection that allocates on every use, which at
// 10,000 project pages was a twentieth of a build.

// GroupView is a tab of the map: a named set of layers.
type GroupView struct {
	ID, Name string
	Path     string // the home page for the first group
	Layers   []*LayerView
	Projects int // how many, once each
}

// LayerView is a layer with its sections and projects.
type LayerView struct {
	Layer                     *content.Layer
	ID, Name, Description     string
	NameLang, DescriptionLang string // of a text that falls back
	Index                     int    // order in the site, from 0
	Color                     string
	Ink                       string // Color darkened for white text on it
	Path                      string
	Sections                  []*SectionView
	Projects                  []*ProjectView
}

// SectionView is a section with its projects.
type SectionView struct {
	Section                   *content.Section
	ID, Name, Description     string
	NameLang, DescriptionLang string // of a text that falls back
	Layer                     *LayerView
	Path                      string
	Projects                  []*ProjectView
}

// ChapterView is a chapter with its rendered body.
type ChapterView struct {
	*content.Chapter
	Path       string
	Number     int // 1-based position in the report
	HTML       template.HTML
	TOC        []markdown.Heading
	Passages   []markdown.Passage // plain text by heading, for search
	PrintHTML  template.HTML      // the body as the whole-report page shows it
	Prev, Next *ChapterView
}

// ProjectView is a project with its rendered body.
type ProjectView struct {
	Project                      *content.Project
	Slug, Name, Summary, Website string
	X, GitHub, Token             string // handle without "@", URL, ticker without "$"
	Tags                         []string
	Logo                         string // path under content/static
	Image                        string // what pages show of the logo: its PNG thumbnail, or the logo itself (see SetImages)
	InReport, Draft              bool
	Added                        string // YYYY-MM-DD or ""
	Checked                      string // YYYY-MM-DD or ""
	Path                         string
	HTML                         template.HTML
	Text                         string // the body as plain text, for search
	Layer                        *LayerView
	Section                      *SectionView   // the home section
	Sections                     []*SectionView // every section it is listed in, home first
	Extra                        []FieldValue   // values of the site's own fields, in the site's order
	PlaceKey                     string         // the sections' ids, which a cached place partial varies by
	FirstEdition                 *EditionView   // the first edition that lists it, or nil
	past                         bool           // as an edition had it, on that edition's map
	at                           int            // its place in its section's Projects
	Badge                        string         // its "Listed in" badge
	Featured                     string         // the label of the map's mark, e.g. "Graduated"; "" when not featured
	Dimmed                       string         // why the map draws it faded, e.g. "Archived"; "" when not
	Fallback                     string         // the language tag its texts fall back to; "" when in the page's
	BodyFallback                 string         // the same for its text alone
	// From the GitHub snapshot (repos.go): the repositories it names, the
	// first one's stars and last commit, and where its summary comes from
	// when the project gives none ("GitHub").
	Repos     []*RepoView
	Stars     int
	StarsText string // with commas between thousands
	// "1,234 stars on GitHub" and "1,234 stars" in the site's language.
	StarsOnGitHub, StarsShort string
	LastCommit                string
	SummaryFrom               string

	frags projectFrags // its cards, links and tiles rendered by a build
}

// FieldValue is one project's value of a site-defined field.
type FieldValue struct {
	Field *FieldView
	Text  string
	List  []string
}

// Item is one item of a list field's value; URL is set when the item is
// an http(s) address, which pages link.
type Item struct{ Text, URL string }

// Items returns a list value's items, addresses marked as such.
// ProjectLink is a labelled address of a project, for its row of links.
type ProjectLink struct {
	Label, URL, Kind string // Kind: website, repository, x, or the field's id
}

// Icon names the icon its link is drawn with (templates/assets/icons.css):
// the service its address is on (GitHub, YouTube, Slack…), else what its
// kind says (documentation, blog, mailing list), else a plain link.
func (l ProjectLink) Icon() string {
	host := l.URL
	if u, err := url.Parse(l.URL); err == nil {
		host = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	for _, h := range linkHosts {
		if host == h.host || strings.HasSuffix(host, "."+h.host) {
			return h.icon
		}
	}
	if strings.HasPrefix(l.URL, "mailto:") {
		return "mail"
	}
	kind := strings.ToLower(l.Kind)
	if kind == "x" {
		return "x"
	}
	for _, k := range linkKinds {
		if strings.Contains(kind, k.word) {
			return k.icon
		}
	}
	return "link"
}

// linkHosts are the services a link's address can name, with their icon.
var linkHosts = []struct{ host, icon string }{
	{"github.com", "github"}, {"gitlab.com", "gitlab"}, {"x.com", "x"}, {"twitter.com", "x"},
	{"slack.com", "chat"}, {"discord.com", "discord"}, {"discord.gg", "discord"}, {"youtube.com", "youtube"},
	{"youtu.be", "youtube"}, {"linkedin.com", "linkedin"}, {"bsky.app", "bluesky"}, {"reddit.com", "reddit"},
	{"medium.com", "medium"}, {"t.me", "telegram"}, {"stackoverflow.com", "stackoverflow"},
	{"crunchbase.com", "crunchbase"}, {"groups.google.com", "mail"},
}

// linkKinds are words of a field's id that say what its link is, the
// more particular first (homepage_docs is documentation).
var linkKinds = []struct{ word, icon string }{
	{"doc", "docs"}, {"blog", "blog"}, {"mail", "mail"}, {"slack", "chat"}, {"chat", "chat"}, {"discord", "discord"},
	{"youtube", "youtube"}, {"linkedin", "linkedin"}, {"mastodon", "mastodon"}, {"twitter", "x"}, {"artwork", "art"},
	{"stats", "stats"}, {"repo", "code"}, {"website", "website"}, {"homepage", "website"},
}

// Links are the project's addresses as a reader goes to them: its
// website, repository and X account, then every address-valued field of
// the site's own (documentation, blog, chat…) with its label.
func (p *ProjectView) Links() []ProjectLink {
	out := []ProjectLink{{Label: "Website", URL: p.Website, Kind: "website"}}
	if p.GitHub != "" {
		out = append(out, ProjectLink{Label: "Repository", URL: p.GitHub, Kind: "repository"})
	}
	if p.X != "" {
		out = append(out, ProjectLink{Label: "X", URL: "https://x.com/" + p.X, Kind: "x"})
	}
	for _, v := range p.Extra {
		if v.Field.Show && v.Field.Type == content.TypeURL && v.Text != "" {
			out = append(out, ProjectLink{Label: v.Field.Label, URL: v.Text, Kind: v.Field.ID})
		}
	}
	return out
}

// TimelineEvent is one dated step of a project: accepted, incubating,
// graduated, added to the report…
type TimelineEvent struct {
	Label, Date string
}

// Timeline is the project's dated fields in date order, then the day the
// report added it.
func (p *ProjectView) Timeline() []TimelineEvent {
	var out []TimelineEvent
	for _, v := range p.Extra {
		if v.Field.Show && v.Field.Type == content.TypeDate && v.Text != "" {
			out = append(out, TimelineEvent{Label: v.Field.Label, Date: v.Text})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out
}

// Facts are the project's other fields for its table: neither addresses
// (in Links), dates (in Timeline) nor the maturity its header shows.
func (p *ProjectView) Facts() []FieldValue {
	var out []FieldValue
	for _, v := range p.Extra {
		if !v.Field.Show || (v.Field.Type == content.TypeURL && v.Text != "") || (v.Field.Type == content.TypeDate && v.Text != "") || v.Field.ID == "maturity" {
			continue
		}
		out = append(out, v)
	}
	return out
}

// SortDates are the project's dates a reader may sort the directory by:
// "added" and each shown date field's, by id; nil when it has none.
func (p *ProjectView) SortDates() map[string]string {
	var out map[string]string
	add := func(k, v string) {
		if v == "" {
			return
		}
		if out == nil {
			out = map[string]string{}
		}
		out[k] = v
	}
	add("added", p.Added)
	if len(p.Repos) > 0 {
		// Compared as text, largest first, like the dates.
		add("stars", fmt.Sprintf("%012d", p.Stars))
		add("active", p.LastCommit)
	}
	for _, v := range p.Extra {
		if v.Field.Show && v.Field.Type == content.TypeDate {
			add(v.Field.ID, v.Text)
		}
	}
	return out
}

// Maturity is the project's maturity (a site field named maturity), for
// its header's badge, or "".
func (p *ProjectView) Maturity() string {
	for _, v := range p.Extra {
		if v.Field.ID == "maturity" && v.Field.Show {
			return v.Text
		}
	}
	return ""
}

func (v FieldValue) Items() []Item {
	out := make([]Item, len(v.List))
	for i, t := range v.List {
		out[i].Text = t
		if u, err := url.Parse(t); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			out[i].URL = t
		}
	}
	return out
}

// LayerIDs are the ids of the layers the project is listed in, for the
// directory's filters.
func (p *ProjectView) LayerIDs() []string {
	var out []string
	for _, s := range p.Sections {
		if !slices.Contains(out, s.Layer.ID) {
			out = append(out, s.Layer.ID)
		}
	}
	return out
}

// SectionIDs are the ids of the sections the project is listed in.
func (p *ProjectView) SectionIDs() []string {
	out := make([]string, len(p.Sections))
	for i, s := range p.Sections {
		out[i] = s.ID
	}
	return out
}

// FilterData is the directory's sort keys, as JSON: by key ("added",
// "stars", a date field's id), each project's value by slug. The values
// of its facets the script reads from map-facets.js, which the map's
// filter reads too: in the page they were a fifth of its bytes.
func (v *SiteView) FilterData() template.JS {
	out := map[string]map[string]string{}
	for _, p := range v.Projects {
		for k, d := range p.SortDates() {
			if out[k] == nil {
				out[k] = make(map[string]string, len(v.Projects))
			}
			out[k][p.Slug] = d
		}
	}
	b, _ := json.Marshal(out) // escapes <, > and &: nothing can end the script
	return template.JS(b)
}

// FilterValues are the values of the site's filterable fields, by field
// id, or nil.
func (p *ProjectView) FilterValues() map[string][]string {
	var out map[string][]string
	for _, v := range p.Extra {
		if v.Field.Filter {
			if out == nil {
				out = map[string][]string{}
			}
			out[v.Field.ID] = v.Field.items(v)
		}
	}
	return out
}

// ExtraValue returns the value of the site field id, or "".
func (p *ProjectView) ExtraValue(id string) string {
	for _, v := range p.Extra {
		if v.Field.ID == id {
			return strings.Join(v.Field.items(v), "; ")
		}
	}
	return ""
}

// Items returns a value of this field as a list.
func (f *FieldView) Items(v FieldValue) []string { return f.items(v) }

func (f *FieldView) items(v FieldValue) []string {
	if v.List != nil {
		return v.List
	}
	return []string{v.Text}
}

// Columns is how many tiles wide the section's box in the landscape
// would like to be: about square at a tile's proportions, from 1 to 12.
func (s *SectionView) Columns() int {
	n := len(s.Projects)
	c := int(math.Ceil(math.Sqrt(float64(n) * 1.5)))
	return min(max(c, 1), 12)
}

// Cells is how many cells of a grid of tiles the section's list fills: a
// featured tile spans two columns and two rows. The map's box keeps the
// room its list will take from it (style.css, logos.js).
func (s *SectionView) Cells() int {
	n := len(s.Projects)
	for _, p := range s.Projects {
		if p.Featured != "" {
			n += 3
		}
	}
	return n
}

// Monogram is the one or two letters a tile without a logo shows: the
// initials of the name's first two words.
func (p *ProjectView) Monogram() string {
	words := strings.FieldsFunc(p.Name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) == 1 && len([]rune(words[0])) <= 3 {
		return strings.ToUpper(words[0]) // 0G, ORA
	}
	var out []rune
	for _, w := range words {
		r := []rune(w)
		out = append(out, unicode.ToUpper(r[0]))
		if len(out) == 2 {
			break
		}
	}
	if len(out) == 0 {
		return "?"
	}
	return string(out)
}

// maxOthers caps the other projects a project page lists, so pages stay
// small in sections of thousands; the section page lists them all.
const maxOthers = 12

// Others returns up to maxOthers other projects of p's section: those that
// follow it by name, wrapping around, so every project is linked from some
// neighbours' pages.
func (p *ProjectView) Others() []*ProjectView {
	all := p.Section.Projects
	at := p.at
	if at >= len(all) || all[at] != p {
		at = 0 // a view made otherwise: found by a scan
		for i, o := range all {
			if o == p {
				at = i
			}
		}
	}
	var out []*ProjectView
	for k := 1; k < len(all) && len(out) < maxOthers; k++ {
		out = append(out, all[(at+k)%len(all)])
	}
	return out
}

// MoreOthers counts the other projects of p's section that Others leaves out.
func (p *ProjectView) MoreOthers() int {
	return max(0, len(p.Section.Projects)-1-maxOthers)
}

// Page is the data of one page: the site, the page's own subject, and the
// way back to the site root.
type Page struct {
	Kind        string // home, chapter, projects, project, layer, section, 404
	Path        string // site-relative output path
	Title       string
	Description string
	Root        string // relative prefix from this page to the site root
	Canonical   string // absolute URL when a base URL is set
	Prefix      string // the language folder of the page: "" or "zh/"
	Site        *SiteView
	Chapter     *ChapterView
	Project     *ProjectView
	Layer       *LayerView
	Section     *SectionView
	Group       *GroupView       // of a tab of the map other than the first
	Charts      []charts.Chart   // in the order the page shows them
	Edition     *EditionView     // of an edition's pages
	Past        []*LayerView     // an edition's layers as they stood, on its map
	Embed       *EmbedView       // of an embeddable view
	Changes     *edition.Changes // of a page of changes; nil for a first edition

	frags *Fragments         // set while the page renders
	set   *template.Template // the page's template set, while it renders
}

// Bind gives a page, while it renders, its template set and the
// fragments rendered pages share.
func (pg *Page) Bind(set *template.Template, frags *Fragments) { pg.set, pg.frags = set, frags }

// Card renders partials/project-card.html for p as seen from this page.
// A card only depends on the project and the page's folder depth, so each
// is rendered once per depth and reused: project lists are most of a large
// report's pages.
func (pg *Page) Card(p *ProjectView) (template.HTML, error) {
	if pg.frags == nil {
		return "", errors.New("Card is only available while a page renders")
	}
	at, root := pg.depthFree()
	h, err := at.projectPart(cardPartial, p, root)
	return pg.atDepth(h, root), err
}

// projectPart renders partial name with pg (from depthFree) and project
// p, kept under the key root: a card or a link, which read nothing else.
func (pg *Page) projectPart(name string, p *ProjectView, root string) (template.HTML, error) {
	return pg.frags.get(fragmentKey{name: name, root: root, lang: pg.Prefix, project: p}, func(w io.Writer) error {
		return pg.set.ExecuteTemplate(w, name, map[string]any{"Page": pg, "Project": p})
	})
}

// Cached renders the partial name with this page as its data once per
// folder depth and set of variant values, and reuses the result on every
// other page with the same ones, as Hugo's partialCached does. It suits
// partials that depend only on the site, the depth of links and the
// variants: the default header varies with the page's kind and layer,
// the footer with nothing else.
func (pg *Page) Cached(name string, variants ...any) (template.HTML, error) {
	if pg.frags == nil {
		return "", errors.New("Cached is only available while a page renders")
	}
	return pg.frags.get(fragmentKey{name: name, root: pg.Root, lang: pg.Prefix, variant: variantKey(variants)}, func(w io.Writer) error {
		return pg.set.ExecuteTemplate(w, name, pg)
	})
}

const (
	cardPartial = "partials/project-card.html"
	tilePartial = "partials/project-tile.html"
	linkPartial = "partials/project-link.html"
)

// ProjectLinks renders partials/project-link.html for each project, in
// order: a project page's list of its neighbours in one call. Each link
// is rendered once per project and folder depth; written out in the page's
// template, the dozen links with their escapers were a third of the time
// of 10,000 project pages.
func (pg *Page) ProjectLinks(ps []*ProjectView) (template.HTML, error) {
	if pg.frags == nil {
		return "", errors.New("ProjectLinks is only available while a page renders")
	}
	at, root := pg.depthFree()
	if h, ok, err := pg.linksWindow(at, root, ps); ok || err != nil {
		return h, err
	}
	links := make([]template.HTML, len(ps))
	n := 0
	for i, p := range ps {
		h, err := at.projectPart(linkPartial, p, root)
		if err != nil {
			return "", err
		}
		links[i], n = h, n+len(h)
	}
	var b strings.Builder
	b.Grow(n)
	for _, h := range links {
		b.WriteString(string(h))
	}
	s := b.String()
	if dir := path.Dir(pg.Local()); root == rootToken && dir != "." {
		// A project page's neighbours are pages in its own folder: "x.html"
		// rather than "../projects/x.html", a tenth of the list's bytes.
		s = strings.ReplaceAll(s, rootToken+pg.Prefix+dir+"/", "")
	}
	return pg.atDepth(template.HTML(s), root), nil
}

// linksWindow is ProjectLinks for what a project page lists by default,
// the projects that follow its own in its section, wrapping around (see
// Others): a slice of its section's links, all of them written out once
// for every page of the folder. Looking up and joining a dozen links on
// each of 10,000 pages was a tenth of their time. ok is false for any
// other list, which ProjectLinks joins link by link.
func (pg *Page) linksWindow(at *Page, root string, ps []*ProjectView) (h template.HTML, ok bool, err error) {
	if root != rootToken || pg.Project == nil || len(ps) == 0 {
		return "", false, nil
	}
	sec := pg.Project.Section
	key := linkRunKey{sec: sec, prefix: pg.Prefix, root: pg.Root, dir: path.Dir(pg.Local())}
	v, _ := pg.frags.runs.LoadOrStore(key, new(linkRun))
	run := v.(*linkRun)
	run.once.Do(func() { run.err = run.make(pg, at, sec, key.dir) })
	if run.err != nil {
		return "", false, run.err
	}
	// The list Others gives starts after the page's project, whose place
	// in its section it was given.
	n, self := len(sec.Projects), pg.Project.at
	if self >= n || sec.Projects[self] != pg.Project || len(ps) > n {
		return "", false, nil
	}
	j := (self + 1) % n
	for k, p := range ps {
		if sec.Projects[(j+k)%n] != p {
			return "", false, nil
		}
	}
	if end := j + len(ps); end <= n {
		return template.HTML(run.all[run.starts[j]:run.starts[end]]), true, nil
	}
	return template.HTML(run.all[run.starts[j]:] + run.all[:run.starts[j+len(ps)-n]]), true, nil
}

// linkRun is every link of a section, in order, as the pages of one
// folder and language show them: starts[i] is where the i-th begins.
type linkRun struct {
	once   sync.Once
	all    string
	starts []int
	err    error
}

type linkRunKey struct {
	sec               *SectionView
	prefix, root, dir string
}

// make writes out the links of sec as ProjectLinks would for pg, each
// made as there (one fragment per project, its folder dropped from
// addresses within it, the root put in).
func (r *linkRun) make(pg, at *Page, sec *SectionView, dir string) error {
	var b strings.Builder
	r.starts = make([]int, 0, len(sec.Projects)+1)
	for _, p := range sec.Projects {
		h, err := at.projectPart(linkPartial, p, rootToken)
		if err != nil {
			return err
		}
		s := string(h)
		if dir != "." {
			s = strings.ReplaceAll(s, rootToken+pg.Prefix+dir+"/", "")
		}
		r.starts = append(r.starts, b.Len())
		b.WriteString(string(pg.atDepth(template.HTML(s), rootToken)))
	}
	r.starts = append(r.starts, b.Len())
	r.all = b.String()
	return nil
}

// Tile renders partials/project-tile.html for p in section sec as seen
// from this page, once per project, section and folder depth.
func (pg *Page) Tile(p *ProjectView, sec *SectionView) (template.HTML, error) {
	if pg.frags == nil {
		return "", errors.New("Tile is only available while a page renders")
	}
	return pg.tile(p, sec)
}

// Tiles renders the tiles of every project of sec, in order: one call
// from a template instead of one per project, which at 10,000 projects
// made a landscape of cached tiles cost several times more. With span
// (from, or from and to), only those of sec.Projects[from:to].
func (pg *Page) Tiles(sec *SectionView, span ...int) (template.HTML, error) {
	if pg.frags == nil {
		return "", errors.New("Tiles is only available while a page renders")
	}
	return pg.tiles(sec, false, span)
}

func (pg *Page) tiles(sec *SectionView, plain bool, span []int) (template.HTML, error) {
	ps := sec.Projects
	if len(span) > 2 {
		return "", errors.New("Tiles takes a section and at most a first and an end index")
	}
	if len(span) == 2 {
		ps = ps[:max(0, min(span[1], len(ps)))]
	}
	if len(span) > 0 {
		ps = ps[max(0, min(span[0], len(ps))):]
	}
	at, root := pg.depthFree()
	tiles := make([]template.HTML, len(ps))
	n := 0
	for i, p := range ps {
		h, err := at.tileAt(p, sec, root, plain)
		if err != nil {
			return "", err
		}
		tiles[i], n = h, n+len(h)
	}
	var b strings.Builder
	b.Grow(n) // one allocation: a section of thousands is megabytes
	for _, h := range tiles {
		b.WriteString(string(h))
	}
	return pg.atDepth(template.HTML(b.String()), root), nil
}

// EagerTiles is how many tiles a map writes out before it writes the
// rest for later: a first screen's worth at the least, at 1366 px.
const EagerTiles = 100

// Eager is how many of the n tiles of a section that come after before
// others a map writes out: all; or none, past the first screen's worth,
// and the list is written for later, inside a <noscript data-tiles>
// which the browser shows as it is without script and takes for text
// with it (logos.js then puts each list in as it nears the screen, and
// the rest while the page is idle); or, when one section holds far more
// than the first screen's worth, as many as make that up, the rest
// following in a <noscript data-tiles="more"> that logos.js puts into the
// same list. Parsed whole, the thousands of tiles of a large map were
// seconds of a phone's time before it answered. A site's own tile may
// hold what a <noscript> cannot: its lists are all written out.
func (pg *Page) Eager(before, n int) int {
	switch {
	case pg.frags == nil || pg.frags.ownTile:
		return n
	case before >= EagerTiles:
		return 0
	case before+n <= EagerTiles*3/2:
		return n
	}
	return EagerTiles - before
}

// TilesLater is Tiles for a list written for later: each logo a plain
// image, as a <noscript> cannot hold another.
func (pg *Page) TilesLater(sec *SectionView, span ...int) (template.HTML, error) {
	if pg.frags == nil {
		return "", errors.New("TilesLater is only available while a page renders")
	}
	return pg.tiles(sec, true, span)
}

func (pg *Page) tile(p *ProjectView, sec *SectionView) (template.HTML, error) {
	at, root := pg.depthFree()
	h, err := at.tileAt(p, sec, root, false)
	return pg.atDepth(h, root), err
}

// tileAt renders a tile with pg, kept under the key root; plain for a
// list written for later (Eager).
func (pg *Page) tileAt(p *ProjectView, sec *SectionView, root string, plain bool) (template.HTML, error) {
	render := func(w io.Writer) error {
		return pg.set.ExecuteTemplate(w, tilePartial, map[string]any{"Page": pg, "Project": p, "Section": sec, "Tip": "tip-" + sec.ID + "-" + p.Slug, "Plain": plain})
	}
	if p.past {
		// Rendered once, on its edition's map: kept, it would keep every
		// view of that map alive for the rest of the build.
		var b strings.Builder
		err := render(&b)
		return template.HTML(b.String()), err
	}
	variant := sec.ID
	if plain {
		variant += "/later" // no section id holds a slash
	}
	return pg.frags.get(fragmentKey{name: tilePartial, root: root, lang: pg.Prefix, project: p, variant: variant}, render)
}

// Fragments keeps partials rendered during one build.
type Fragments struct {
	m sync.Map // fragmentKey -> template.HTML
	// Cards and tiles an earlier build kept (stored gives them, by
	// durable key, with storedRoot for the root), and those this build
	// used (fresh: the text it used, with rootToken; Kept spells the root
	// as stored only when the cache is saved, so that the build does not
	// hold each card twice).
	stored   func() map[string]string
	durable  Durable
	fresh    sync.Map
	rendered atomic.Int64
	// anyDepth is set when the project card, tile and link are the default
	// templates, which read the page's folder depth only through URL and
	// Asset: each is then rendered once, with rootToken for the root,
	// and the token replaced on every page.
	anyDepth bool
	// ownTile is set when the site gives its own tile, which may hold
	// what a list of tiles written for later cannot (a <noscript>).
	ownTile bool
	runs    sync.Map // linkRunKey -> *linkRun
}

// NewFragments returns the fragments of a build whose site replaces the
// templates named in own with its own.
func NewFragments(own map[string]bool) *Fragments {
	return &Fragments{anyDepth: !own[cardPartial] && !own[tilePartial] && !own[linkPartial], ownTile: own[tilePartial]}
}

// rootToken stands for a page's root in a fragment rendered for every
// depth: random, so that no text from content can spell it, and of
// letters and digits, which no escaper changes.
var rootToken = func() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	return "root" + hex.EncodeToString(b[:]) + "/"
}()

// depthFree returns the page to render a card or tile with, and the key
// root it is kept under: with a relative root, the page with rootToken as
// its root, kept once for every depth.
func (pg *Page) depthFree() (*Page, string) {
	if pg.frags == nil || !pg.frags.anyDepth || strings.ReplaceAll(pg.Root, "../", "") != "" {
		return pg, pg.Root
	}
	cp := *pg
	cp.Root = rootToken
	return &cp, rootToken
}

// atDepth puts this page's root in place of the token in a fragment.
func (pg *Page) atDepth(h template.HTML, root string) template.HTML {
	if root != rootToken {
		return h
	}
	return template.HTML(strings.ReplaceAll(string(h), rootToken, pg.Root))
}

type fragmentKey struct {
	name, root, variant, lang string
	project                   *ProjectView
}

func (f *Fragments) get(key fragmentKey, render func(io.Writer) error) (template.HTML, error) {
	if h, ok := f.load(key); ok {
		return h, nil
	}
	durable := f.durableKey(key)
	if durable != "" && f.stored != nil {
		if s, ok := f.stored()[durable]; ok {
			h := f.store(key, template.HTML(strings.ReplaceAll(s, storedRoot, rootToken)))
			f.fresh.Store(durable, string(h))
			return h, nil
		}
	}
	var b strings.Builder
	if err := render(&b); err != nil {
		return "", err
	}
	h := f.store(key, template.HTML(b.String()))
	if durable != "" {
		// Two pages may render the same fragment at once: it counts once.
		if _, again := f.fresh.LoadOrStore(durable, string(h)); !again {
			f.rendered.Add(1)
		}
	}
	return h, nil
}

func (f *Fragments) load(key fragmentKey) (template.HTML, bool) {
	if key.project != nil {
		return key.project.frags.load(f, key)
	}
	h, ok := f.m.Load(key)
	if !ok {
		return "", false
	}
	return h.(template.HTML), true
}

// store keeps h under key, unless a page rendering at the same time kept
// its own first, and returns the one kept: every page then shows the
// same fragment.
func (f *Fragments) store(key fragmentKey, h template.HTML) template.HTML {
	if key.project != nil {
		return key.project.frags.store(f, key, h)
	}
	kept, _ := f.m.LoadOrStore(key, h)
	return kept.(template.HTML)
}

// projectFrags are the fragments of one project that a build rendered: a
// handful (its card, its link, a tile per section), found by a scan. In
// the build's map of every fragment, looking up the dozen links of each
// of 10,000 project pages hashed and compared five-field keys in a trie
// of tens of thousands, a twentieth of a build's time.
type projectFrags struct {
	mu   sync.Mutex
	of   *Fragments // the build they belong to; others are dropped
	list []projectFrag
}

type projectFrag struct {
	key  fragmentKey
	html template.HTML
}

func (pf *projectFrags) load(f *Fragments, key fragmentKey) (template.HTML, bool) {
	pf.mu.Lock()
	defer pf.mu.Unlock()
	if pf.of != f {
		return "", false
	}
	for _, e := range pf.list {
		if e.key == key {
			return e.html, true
		}
	}
	return "", false
}

func (pf *projectFrags) store(f *Fragments, key fragmentKey, h template.HTML) template.HTML {
	pf.mu.Lock()
	defer pf.mu.Unlock()
	if pf.of != f {
		pf.of, pf.list = f, nil
	}
	for _, e := range pf.list {
		if e.key == key {
			return e.html
		}
	}
	pf.list = append(pf.list, projectFrag{key, h})
	return h
}

// storedRoot stands for the root in fragments kept between builds, whose
// rootToken changes from run to run: a NUL, which no escaper lets through.
const storedRoot = "\x00root\x00"

// Durable is what a card's or tile's text depends on, as a key that means
// the same in another build: its partial, language, variant (a tile's
// section) and project. It returns "" for a fragment not to keep.
type Durable func(partial, lang, variant string, p *ProjectView) string

// Keep lets the fragments take the cards and tiles an earlier build
// rendered, by durable key, instead of rendering them again. stored is
// called when a card or tile is first asked for, and must be safe to call
// again and at once: a build that renders no list reads none.
func (f *Fragments) Keep(stored func() map[string]string, durable Durable) {
	f.stored, f.durable = stored, durable
}

// Kept returns the cards and tiles of this build by durable key, to keep
// for the next, and how many of them it rendered rather than took.
func (f *Fragments) Kept() (map[string]string, int64) {
	out := map[string]string{}
	f.fresh.Range(func(k, v any) bool {
		out[k.(string)] = strings.ReplaceAll(v.(string), rootToken, storedRoot)
		return true
	})
	return out, f.rendered.Load()
}

// durableKey is a fragment's durable key: only cards and tiles rendered
// for every depth at once have one.
func (f *Fragments) durableKey(key fragmentKey) string {
	if f.durable == nil || key.root != rootToken || key.project == nil || key.project.past {
		return ""
	}
	return f.durable(key.name, key.lang, key.variant, key.project)
}

// variantKey spells variant values as a key: pointers by address (the
// same layer is the same pointer on every page), other values as text.
func variantKey(vs []any) string {
	var buf [64]byte
	b := buf[:0]
	for _, v := range vs {
		switch v := v.(type) {
		case string: // the usual ones, without fmt: a page asks for several
			b = append(b, v...)
		case bool:
			b = strconv.AppendBool(b, v)
		case int:
			b = strconv.AppendInt(b, int64(v), 10)
		default:
			if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer {
				b = strconv.AppendUint(append(b, "0x"...), uint64(rv.Pointer()), 16)
			} else {
				b = fmt.Append(b, v)
			}
		}
		b = append(b, 0)
	}
	return string(b)
}

// source is the file a chapter or project page is made from, and what
// an issue about it is titled; "" for other pages.
func (p *Page) source() (file, title string) {
	switch {
	case p.Chapter != nil && p.Kind == KindChapter:
		return p.Chapter.File, "Chapter " + p.Chapter.Title
	case p.Project != nil && p.Kind == KindProject:
		return p.Project.Project.File, "Project " + p.Project.Name
	}
	return "", ""
}

// EditURL links GitHub's editor for the page's source file, with repo: in
// site.yaml; else "".
func (p *Page) EditURL() string {
	if file, _ := p.source(); file != "" && p.Site.Repo != nil {
		return p.Site.Repo.EditURL(file)
	}
	return ""
}

// SuggestURL links a new issue about the page's source, with repo: in
// site.yaml; else "".
func (p *Page) SuggestURL() string {
	if file, title := p.source(); file != "" && p.Site.Repo != nil {
		return p.Site.Repo.SuggestURL(file, "Suggested change: "+title)
	}
	return ""
}

// URL turns a path in the page's language (projects/acme.html) into a
// link relative to this page.
func (p *Page) URL(sitePath string) string {
	if sitePath == "" {
		sitePath = HomePath
	}
	return p.Root + p.Prefix + sitePath
}

// Asset links a file every language shares (assets/style.css, a logo
// under content/static, a badge) from this page.
func (p *Page) Asset(sitePath string) string { return p.Root + sitePath }

// LangRoot is the relative link from this page to its language's folder,
// which scripts prefix site paths with.
func (p *Page) LangRoot() string { return p.Root + p.Prefix }

// Local is the page's path in its language's folder.
func (p *Page) Local() string { return strings.TrimPrefix(p.Path, p.Prefix) }

// In links the same page in language l.
func (p *Page) In(l *LanguageView) string { return p.Root + l.Prefix + p.Local() }

// AbsIn is the same page in language l as an absolute address, with a
// base URL; else "".
func (p *Page) AbsIn(l *LanguageView) string {
	if p.Site.RootURL == "" {
		return ""
	}
	return AbsURL(p.Site.RootURL, l.Prefix+p.Local())
}

// ChartLinks let chart clicks open the same pages as links do, with the
// charts' words in English.
var ChartLinks = charts.Paths{
	Layer:   func(l *content.Layer) string { return layerPath(l.ID) },
	Section: func(s *content.Section) string { return sectionPath(s.Layer.ID, s.ID) },
	Project: func(p *content.Project) string { return ProjectPath(p.Slug) },
}

// note records what a project holds that pages show only when some
// project has it.
func (v *SiteView) note(p *ProjectView) {
	if p.InReport {
		v.InReport++
		v.HasInReport = true
	}
	v.HasTokens = v.HasTokens || p.Token != ""
	v.HasAdded = v.HasAdded || p.Added != ""
	v.HasLogos = v.HasLogos || p.Logo != ""
	v.HasX = v.HasX || p.X != ""
	v.HasGitHub = v.HasGitHub || p.GitHub != ""
}

// fieldValues lists the values projects use of a field: an enum's in its
// order, others sorted.
func fieldValues(f *FieldView, ps []*ProjectView) []string {
	used := map[string]bool{}
	for _, p := range ps {
		for _, v := range p.Extra {
			if v.Field == f {
				for _, it := range f.items(v) {
					used[it] = true
				}
			}
		}
	}
	if f.Type == content.TypeEnum {
		var out []string
		for _, val := range f.Field.Values {
			if used[val] {
				out = append(out, val)
			}
		}
		return out
	}
	out := make([]string, 0, len(used))
	for val := range used {
		out = append(out, val)
	}
	sort.Strings(out)
	return out
}

// SetImages gives the projects the thumbnails pages show instead of their
// logos: thumbs maps a logo's path to its thumbnail's; a logo it does not
// name is shown as it is.
func (v *SiteView) SetImages(thumbs map[string]string) {
	v.images = thumbs
	for _, p := range v.Projects {
		p.Image = v.image(p.Logo)
	}
}

// image is what pages show of a logo.
func (v *SiteView) image(logo string) string {
	if t, ok := v.images[logo]; ok {
		return t
	}
	return logo
}

// NewSiteView arranges the validated content for templates. Bodies are
// rendered later, in parallel.
func NewSiteView(set *content.Set, baseURL string, snap *enrich.Snapshot) *SiteView {
	s := set.Site
	v := &SiteView{
		Title: s.Title, Subtitle: s.Subtitle, Description: s.Description,
		Language: s.Language, Date: s.Date, Authors: s.Authors, BaseURL: baseURL,
		TitleLang: s.TitleLang, SubtitleLang: s.SubtitleLang, DescriptionLang: s.DescriptionLang,
		Zip: ZipName(s.Title), Slug: strings.TrimSuffix(ZipName(s.Title), ".zip"), Repo: s.Repo, Links: s.Links,
	}
	layers, sections := v.addLayers(s.Layers)
	v.addChapters(set.Chapters)
	for _, f := range s.Fields {
		v.Fields = append(v.Fields, &FieldView{Field: f})
	}
	v.addProjects(set.Projects, layers, sections)
	v.addRepos(snap)
	v.addGroups(s.Groups, layers)
	v.addMarks(s)
	for _, f := range v.Fields {
		f.Values = fieldValues(f, v.Projects)
	}
	tags := map[string]bool{}
	for _, p := range set.Projects {
		for _, t := range p.Tags {
			if !tags[t] {
				tags[t] = true
				v.Tags = append(v.Tags, t)
			}
		}
	}
	sort.Strings(v.Tags)
	v.index = newSiteIndex(v.Projects, v.Layers)
	v.words = &Catalogue{}
	return v
}

// compactAbove is how many projects make the map compact by default.
const compactAbove = 300

// addMarks applies site.yaml's map: the density, and the featured and
// dimmed marks of each project (the first rule that matches).
func (v *SiteView) addMarks(s *content.Site) {
	m := s.Map
	v.Compact = len(v.Projects) > compactAbove
	if m == nil {
		return
	}
	switch m.Density {
	case "compact":
		v.Compact = true
	case "comfortable":
		v.Compact = false
	}
	// A label's place in the legend: its rule's, then by name.
	rankF, rankD := map[string]int{}, map[string]int{}
	mark := func(p *content.Project, rules []*content.MapRule, rank map[string]int) string {
		for i, r := range rules {
			if label, ok := r.Matches(p); ok {
				if _, seen := rank[label]; !seen {
					rank[label] = i
				}
				return label
			}
		}
		return ""
	}
	for _, p := range v.Projects {
		p.Featured = mark(p.Project, m.Featured, rankF)
		p.Dimmed = mark(p.Project, m.Dimmed, rankD)
	}
	legend := func(rank map[string]int) []string {
		out := make([]string, 0, len(rank))
		for l := range rank {
			out = append(out, l)
		}
		sort.Slice(out, func(i, j int) bool {
			if rank[out[i]] != rank[out[j]] {
				return rank[out[i]] < rank[out[j]]
			}
			return out[i] < out[j]
		})
		return out
	}
	v.FeaturedLabels, v.DimmedLabels = legend(rankF), legend(rankD)
}

// addGroups makes the map's tabs; without groups the map shows every layer.
func (v *SiteView) addGroups(gs []*content.Group, layers map[*content.Layer]*LayerView) {
	v.MapLayers = v.Layers
	for i, g := range gs {
		gv := &GroupView{ID: g.ID, Name: g.Name, Path: groupPath(g.ID)}
		if i == 0 {
			gv.Path = HomePath
		}
		seen := map[*ProjectView]bool{}
		for _, l := range g.Layers {
			lv := layers[l]
			gv.Layers = append(gv.Layers, lv)
			for _, p := range lv.Projects {
				seen[p] = true
			}
		}
		gv.Projects = len(seen)
		v.Groups = append(v.Groups, gv)
	}
	if len(v.Groups) > 0 {
		v.MapLayers = v.Groups[0].Layers
	}
}

// addLayers makes the views of the layers and their sections, and says
// which view stands for which layer and section.
func (v *SiteView) addLayers(ls []*content.Layer) (map[*content.Layer]*LayerView, map[*content.Section]*SectionView) {
	layers := map[*content.Layer]*LayerView{}
	sections := map[*content.Section]*SectionView{}
	names := 0
	for _, l := range ls {
		lv := &LayerView{Layer: l, ID: l.ID, Name: l.Name, Description: l.Description, Index: l.Index,
			NameLang: l.NameLang, DescriptionLang: l.DescriptionLang,
			Color: l.ShownColor(), Ink: l.InkColor(), Path: layerPath(l.ID)}
		for _, sec := range l.Sections {
			sv := &SectionView{Section: sec, ID: sec.ID, Name: sec.Name, Description: sec.Description,
				NameLang: sec.NameLang, DescriptionLang: sec.DescriptionLang,
				Layer: lv, Path: sectionPath(l.ID, sec.ID)}
			lv.Sections = append(lv.Sections, sv)
			sections[sec] = sv
		}
		layers[l] = lv
		v.Layers = append(v.Layers, lv)
		names += len([]rune(l.Name))
	}
	// Many layers, or long names, do not fit the header: a menu holds them.
	v.LayerMenu = len(ls) > 5 || names > 60
	v.LayerMap = len(ls) > maxHeaderLayers
	return layers, sections
}

// maxHeaderLayers is the most layers the header's menu lists; real
// landscapes have up to about thirty.
const maxHeaderLayers = 40

// addChapters makes the chapters' views, numbered and linked in order.
func (v *SiteView) addChapters(cs []*content.Chapter) {
	for i, c := range cs {
		cv := &ChapterView{Chapter: c, Path: ChapterPath(c.Slug), Number: i + 1}
		if i > 0 {
			prev := v.Chapters[i-1]
			cv.Prev, prev.Next = prev, cv
		}
		v.Chapters = append(v.Chapters, cv)
	}
}

// addProjects makes the projects' views and lists each in every section
// and layer it is in.
func (v *SiteView) addProjects(ps []*content.Project, layers map[*content.Layer]*LayerView, sections map[*content.Section]*SectionView) {
	v.Projects = make([]*ProjectView, 0, len(ps))
	views := make([]ProjectView, len(ps)) // one allocation for all
	for i, p := range ps {
		pv := &views[i]
		*pv = ProjectView{Project: p, Slug: p.Slug, Name: p.Name, Summary: p.Summary, Website: p.Website,
			X: p.X, GitHub: p.GitHub, Token: p.Token, Tags: p.Tags, Logo: p.Logo, Image: v.image(p.Logo),
			InReport: p.InReport, Draft: p.Draft, Added: p.Added, Checked: p.Checked, Path: ProjectPath(p.Slug), Badge: BadgePath(p.Section.ID), Fallback: p.Fallback, BodyFallback: p.BodyFallback, Layer: layers[p.Layer], Section: sections[p.Section]}
		v.note(pv)
		var key strings.Builder
		for _, sec := range p.Sections {
			sv := sections[sec]
			pv.Sections = append(pv.Sections, sv)
			if sv == pv.Section {
				pv.at = len(sv.Projects)
			}
			sv.Projects = append(sv.Projects, pv)
			if lv := sv.Layer; len(lv.Projects) == 0 || lv.Projects[len(lv.Projects)-1] != pv {
				lv.Projects = append(lv.Projects, pv)
			}
			key.WriteString(sec.ID + " ")
		}
		pv.PlaceKey = key.String()
		for _, f := range v.Fields {
			if val, ok := p.Extra[f.ID]; ok {
				f.Used = true
				pv.Extra = append(pv.Extra, FieldValue{Field: f, Text: val.Text, List: val.List})
			}
		}
		v.Projects = append(v.Projects, pv)
	}
}

// AbsURL is the address of the output file p on a site published at base;
// the home page's is the site's own address.
func AbsURL(base, p string) string {
	if p == HomePath || strings.HasSuffix(p, "/"+HomePath) {
		p = strings.TrimSuffix(p, HomePath) // a folder's address serves its index
	}
	return base + p
}

// FirstNonEmpty is the first of s that is not "".
func FirstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// ZipName is the archive's file name, from the site's title.
func ZipName(title string) string {
	if s := content.Slugify(title); s != "" {
		// A long title would make a name no file system takes.
		if len(s) > 60 {
			s = strings.TrimRight(s[:60], "-")
		}
		return s + ".zip"
	}
	return "site.zip"
}
