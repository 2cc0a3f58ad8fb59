package generator

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/panorama-ssg/panorama/generator/content"
)

// searchDoc is one searchable thing: a chapter passage or a project. Short
// keys keep the index small; assets/search.js reads them.
type searchDoc struct {
	Kind    string   `json:"k"`           // "c" chapter passage, "p" project
	Title   string   `json:"t"`           // chapter title or project name
	Heading string   `json:"h,omitempty"` // passage heading
	Summary string   `json:"s,omitempty"`
	Tags    []string `json:"g,omitempty"`
	Section string   `json:"c,omitempty"` // "Layer › Section"
	URL     string   `json:"u"`           // site-relative
	Text    string   `json:"x,omitempty"`
	// Short names the data carries (the repository's name, a landscape's
	// lfx_slug or clomonitor_name, an alias field): a query that is one of
	// them finds the project first.
	Aliases []string `json:"a,omitempty"`
	// Rank orders equal matches: featured projects, then by maturity.
	Rank int `json:"r,omitempty"`
}

// searchIndex is a script, not JSON, so that pages opened from file:// can
// load it with a script element; browsers refuse to fetch files there.
func searchIndex(site *SiteView) []byte {
	var docs []searchDoc
	for _, c := range site.Chapters {
		for _, p := range c.Passages {
			u := c.Path
			if p.ID != "" {
				u += "#" + p.ID
			}
			docs = append(docs, searchDoc{Kind: "c", Title: c.Title, Heading: p.Heading, URL: u, Text: p.Text})
		}
		if len(c.Passages) == 0 {
			docs = append(docs, searchDoc{Kind: "c", Title: c.Title, URL: c.Path, Text: c.Summary})
		}
	}
	for _, p := range site.Projects {
		docs = append(docs, searchDoc{Kind: "p", Title: p.Name, Summary: p.Summary, Tags: p.Tags,
			Section: places(p), URL: p.Path, Text: p.Text, Aliases: aliases(p), Rank: searchRank(p)})
	}
	// encoding/json escapes <, >, &, U+2028 and U+2029, so the data cannot
	// end the script or break it. Each document is encoded on its own into
	// one buffer of about the right size: encoding the whole list at once
	// grows a buffer of megabytes by doubling.
	size := 64
	for _, d := range docs {
		size += 64 + len(d.Title) + len(d.Heading) + len(d.Summary) + len(d.Section) + len(d.URL) + len(d.Text)
	}
	b := make([]byte, 0, size)
	b = append(b, `window.PANORAMA_SEARCH = {"docs":[`...)
	for i, d := range docs {
		if i > 0 {
			b = append(b, ',')
		}
		one, _ := json.Marshal(d)
		b = append(b, one...)
	}
	return append(b, "]};\n"...)
}

// aliasFields are the fields whose values are a project's short names.
var aliasFields = []string{"alias", "aliases", "short_name", "lfx_slug", "clomonitor_name"}

// aliases are a project's short names: its repository's name and the
// values of its alias fields, lower-cased, without its own name.
func aliases(p *ProjectView) []string {
	var out []string
	add := func(a string) {
		a = strings.ToLower(strings.TrimSpace(a))
		if a != "" && a != strings.ToLower(p.Name) && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	if u, err := url.Parse(p.GitHub); err == nil {
		if parts := strings.Split(strings.Trim(u.Path, "/"), "/"); len(parts) == 2 {
			add(parts[1])
		}
	}
	for _, v := range p.Extra {
		if slices.Contains(aliasFields, v.Field.ID) {
			add(v.Text)
			for _, a := range v.List {
				add(a)
			}
		}
	}
	return out
}

// searchRank orders a project among equal matches: a featured one first,
// then by its maturity (the first of the maturity field's values ranks
// highest); a faded (archived) one last.
func searchRank(p *ProjectView) int {
	if p.Dimmed != "" {
		return -1
	}
	r := 0
	if p.Featured != "" {
		r += 5
	}
	for _, v := range p.Extra {
		if v.Field.ID == "maturity" {
			if i := slices.Index(v.Field.Values, v.Text); i >= 0 {
				r += max(0, 4-i)
			}
		}
	}
	return r
}

// places names a project's sections as "Layer › Section", home first.
func places(p *ProjectView) string {
	parts := make([]string, len(p.Sections))
	for i, s := range p.Sections {
		parts[i] = s.Layer.Name + " › " + s.Name
	}
	return strings.Join(parts, "; ")
}

// projectRecord is one row of projects.json and projects.csv. The field
// order is stable and documented in the README.
type projectRecord struct {
	Slug        string   `json:"slug"`
	Name        string   `json:"name"`
	Layer       string   `json:"layer"`
	LayerName   string   `json:"layer_name"`
	Section     string   `json:"section"`
	SectionName string   `json:"section_name"`
	Summary     string   `json:"summary"`
	Website     string   `json:"website"`
	GitHub      string   `json:"github"`
	X           string   `json:"x"`
	Token       string   `json:"token"`
	Tags        []string `json:"tags"`
	InReport    bool     `json:"in_report"`
	Added       string   `json:"added"`
	Page        string   `json:"page"`
	// Sections lists every section the project is in, home first.
	Sections []string `json:"sections"`
	Checked  string   `json:"checked"` // the day its facts were last checked, or ""
	// Fields holds the values of the site's exported fields; in CSV each
	// is a column named by its id, after the built-in ones.
	Fields map[string]any `json:"fields,omitempty"`
}

// csvHeader names the built-in columns, in order; the site's exported
// fields follow them.
var csvHeader = []string{"slug", "name", "layer", "layer_name", "section", "section_name", "summary", "website", "github", "x", "token", "tags", "in_report", "added", "page", "sections", "checked"}

// exportedFields are the site's fields that go into the data files.
func exportedFields(site *SiteView) []*FieldView {
	var out []*FieldView
	for _, f := range site.Fields {
		if f.Export {
			out = append(out, f)
		}
	}
	return out
}

func projectRecords(site *SiteView) []projectRecord {
	out := make([]projectRecord, 0, len(site.Projects))
	for _, p := range site.Projects {
		page := p.Path
		if site.BaseURL != "" {
			page = site.BaseURL + p.Path
		}
		tags := p.Tags
		if tags == nil {
			tags = []string{}
		}
		out = append(out, projectRecord{
			Slug: p.Slug, Name: p.Name, Layer: p.Layer.ID, LayerName: p.Layer.Name,
			Section: p.Section.ID, SectionName: p.Section.Name, Summary: p.Summary,
			Website: p.Website, GitHub: p.GitHub, X: p.X, Token: p.Token, Tags: tags,
			InReport: p.InReport, Added: p.Added, Page: page, Sections: p.SectionIDs(), Checked: p.Checked,
		})
		r := &out[len(out)-1]
		for _, v := range p.Extra {
			if !v.Field.Export {
				continue
			}
			if r.Fields == nil {
				r.Fields = map[string]any{}
			}
			if v.List != nil {
				r.Fields[v.Field.ID] = v.List
			} else {
				r.Fields[v.Field.ID] = v.Text
			}
		}
	}
	return out
}

func projectsJSON(site *SiteView) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	_ = enc.Encode(struct {
		Title    string          `json:"title"`
		Date     string          `json:"date,omitempty"`
		Projects []projectRecord `json:"projects"`
	}{site.Title, site.Date, projectRecords(site)})
	return b.Bytes()
}

func projectsCSV(site *SiteView) []byte {
	var b bytes.Buffer
	w := csvWriter{&b}
	fields := exportedFields(site)
	header := slices.Clone(csvHeader)
	for _, f := range fields {
		header = append(header, f.ID)
	}
	_ = w.Write(header)
	for _, r := range projectRecords(site) {
		row := []string{r.Slug, cell(r.Name), r.Layer, cell(r.LayerName), r.Section, cell(r.SectionName),
			cell(r.Summary), cell(r.Website), cell(r.GitHub), cell(r.X), cell(r.Token), cell(strings.Join(r.Tags, "; ")),
			boolText(r.InReport), r.Added, r.Page, strings.Join(r.Sections, "; "), r.Checked}
		for _, f := range fields {
			switch v := r.Fields[f.ID].(type) {
			case []string:
				row = append(row, cell(strings.Join(v, "; ")))
			case string:
				row = append(row, cell(v))
			default:
				row = append(row, "")
			}
		}
		_ = w.Write(row)
	}
	return b.Bytes()
}

// csvWriter writes RFC 4180 records like encoding/csv, and also quotes
// every cell that cell guarded: a spreadsheet that splits on ; or | (as
// European locales do) then still reads the cell whole, guard and all.
type csvWriter struct{ b *bytes.Buffer }

func (w csvWriter) Write(row []string) error {
	for i, f := range row {
		if i > 0 {
			w.b.WriteByte(',')
		}
		if f == "" || (!strings.ContainsAny(f, ",;|\"\r\n\t'") && f[0] != ' ') {
			w.b.WriteString(f)
			continue
		}
		w.b.WriteByte('"')
		w.b.WriteString(strings.ReplaceAll(f, `"`, `""`))
		w.b.WriteByte('"')
	}
	w.b.WriteByte('\n')
	return nil
}

// cell keeps a spreadsheet from reading contributors' text as a formula,
// following OWASP's guidance on CSV injection: control characters go, and a
// cell that begins with = + - @ (or a tab or carriage return), or holds one
// right after a separator a spreadsheet may split on (, ; | tab or a line
// break), gets a quote before it, so it stays text however the row is
// split; csvWriter quotes such cells.
func cell(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' || r == 0x7f {
			return -1
		}
		return r
	}, s)
	if s == "" {
		return s
	}
	risky := func(c byte) bool { return strings.IndexByte("=+-@\t\r", c) >= 0 }
	var b strings.Builder
	if risky(s[0]) {
		b.WriteByte('\'')
	}
	after := false // after a separator and spaces
	for i := 0; i < len(s); i++ {
		c := s[i]
		if after && risky(c) && c != '\t' {
			b.WriteByte('\'')
		}
		b.WriteByte(c)
		after = strings.IndexByte(",;|\t\n\r", c) >= 0 || (after && c == ' ')
	}
	return b.String()
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// Atom feed types; encoding/xml escapes every value.
type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr,omitempty"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Authors  []atomName  `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomName struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title    string        `xml:"title"`
	ID       string        `xml:"id"`
	Updated  string        `xml:"updated"`
	Link     atomLink      `xml:"link"`
	Category *atomCategory `xml:"category,omitempty"`
	Summary  string        `xml:"summary,omitempty"`
	Content  *atomContent  `xml:"content,omitempty"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type atomContent struct {
	Type string `xml:"type,attr"`
	Base string `xml:"xml:base,attr,omitempty"`
	Body string `xml:",chardata"`
}

// feed is an Atom feed of the chapters and of the projects by the day they
// were added, newest first. Without a base URL its links are relative to
// the feed, and ids are URNs made from the page paths.
// feedEntries caps the feed's entries: the newest projects, then as many
// chapters as fit.
const feedEntries = 100

func feed(site *SiteView) []byte {
	a := newFeedAddresses(site)
	updated := site.Date
	for _, p := range site.Projects {
		if p.Added > updated {
			updated = p.Added
		}
	}
	if updated == "" {
		updated = "1970-01-01"
	}
	f := atomFeed{
		Lang: site.Language, Title: site.Title, Subtitle: firstNonEmpty(site.Description, site.Subtitle),
		ID:    a.id(homePath),
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: a.abs(feedPath)}, {Rel: "alternate", Type: "text/html", Href: a.abs(homePath)}},
	}
	for _, au := range site.Authors {
		f.Authors = append(f.Authors, atomName{au})
	}
	if len(f.Authors) == 0 {
		f.Authors = []atomName{{site.Title}}
	}
	projects, chapters := feedItems(site)
	for _, p := range projects {
		f.Entries = append(f.Entries, atomEntry{
			Title: p.Name, ID: a.id(p.Path), Updated: stamp(p.Added), Link: atomLink{Rel: "alternate", Type: "text/html", Href: a.abs(p.Path)},
			Category: &atomCategory{Term: p.Section.ID, Label: p.Layer.Name + " › " + p.Section.Name},
			Summary:  p.Summary,
		})
	}
	f.Entries = append(f.Entries, editionEntries(site, a)...)
	for _, e := range site.Editions {
		updated = max(updated, e.Date)
	}
	f.Updated = stamp(updated)
	for _, c := range chapters {
		f.Entries = append(f.Entries, atomEntry{
			Title: c.Title, ID: a.id(c.Path), Updated: stamp(firstNonEmpty(site.Date, updated)), Link: atomLink{Rel: "alternate", Type: "text/html", Href: a.abs(c.Path)},
			Summary: c.Summary,
			// The body's links are relative to the chapter's page.
			Content: &atomContent{Type: "html", Base: a.abs(c.Path), Body: string(c.HTML)},
		})
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	_ = enc.Encode(f)
	b.WriteByte('\n')
	return b.Bytes()
}

// feedAddresses make a feed's links and ids: absolute under the site's
// base URL; without one, links relative to the feed and ids as URNs named
// after the site.
type feedAddresses struct{ abs, id func(string) string }

func newFeedAddresses(site *SiteView) feedAddresses {
	abs := func(p string) string { return absURL(site.BaseURL, p) }
	if site.BaseURL != "" {
		return feedAddresses{abs, abs}
	}
	prefix := "urn:panorama:" + strings.TrimSuffix(site.Zip, ".zip") + ":"
	return feedAddresses{
		abs: func(p string) string { return p },
		id:  func(p string) string { return prefix + absURL("/", p) },
	}
}

func stamp(d string) string { return d + "T00:00:00Z" }

// editionEntries are an entry per edition, newest first, saying what
// changed in it, in the feed's language.
func editionEntries(site *SiteView, a feedAddresses) []atomEntry {
	var out []atomEntry
	for i := len(site.Editions) - 1; i >= 0; i-- {
		e := site.Editions[i]
		summary := fmt.Sprintf(site.word("The first edition: %s in %s."), site.count(len(e.File.Projects), "project", "projects"), site.count(len(e.File.Layers), "layer", "layers"))
		if e.Changes != nil {
			summary = fmt.Sprintf(site.word("Since edition %s: %s."), e.Prev.Name, site.changeSummary(e.Changes))
		}
		out = append(out, atomEntry{
			Title: fmt.Sprintf(site.word("Edition %s: %s"), e.Name, e.Title), ID: a.id(e.Path), Updated: stamp(e.Date),
			Link:     atomLink{Rel: "alternate", Type: "text/html", Href: a.abs(e.Path)},
			Category: &atomCategory{Term: "edition", Label: site.word("Editions")}, Summary: summary,
		})
	}
	return out
}

// feedItems are what the feed lists: the projects with an added date,
// newest first, then the chapters, feedEntries in all. Readers only look
// at what is new; a feed of every project and chapter of a large report
// would weigh megabytes at every poll.
func feedItems(site *SiteView) ([]*ProjectView, []*ChapterView) {
	var projects []*ProjectView
	for _, p := range site.Projects {
		if p.Added != "" {
			projects = append(projects, p)
		}
	}
	sort.SliceStable(projects, func(i, j int) bool { return projects[i].Added > projects[j].Added })
	projects = projects[:min(len(projects), feedEntries)]
	return projects, site.Chapters[:min(len(site.Chapters), feedEntries-len(projects))]
}

// zipName is the archive's file name, from the site's title.
func zipName(title string) string {
	if s := content.Slugify(title); s != "" {
		// A long title would make a name no file system takes.
		if len(s) > 60 {
			s = strings.TrimRight(s[:60], "-")
		}
		return s + ".zip"
	}
	return "site.zip"
}
