package generator

import (
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/panorama-ssg/panorama/generator/exports"
	"github.com/panorama-ssg/panorama/generator/page"
)

// searchDocs are every chapter passage and project as the pages' search
// reads them, in the index's order.
func searchDocs(site *page.SiteView) []exports.SearchDoc {
	docs := make([]exports.SearchDoc, 0, searchDocCount(site))
	for _, c := range site.Chapters {
		for _, p := range c.Passages {
			u := c.Path
			if p.ID != "" {
				u += "#" + p.ID
			}
			docs = append(docs, exports.SearchDoc{Kind: "c", Title: c.Title, Heading: p.Heading, URL: u, Text: p.Text})
		}
		if len(c.Passages) == 0 {
			docs = append(docs, exports.SearchDoc{Kind: "c", Title: c.Title, URL: c.Path, Text: c.Summary})
		}
	}
	for _, p := range site.Projects {
		docs = append(docs, exports.SearchDoc{Kind: "p", Title: p.Name, Summary: p.Summary, Tags: p.Tags,
			Section: places(p), URL: p.Path, Text: p.Text, Aliases: aliases(p), Rank: searchRank(p)})
	}
	return docs
}

// searchSources are where searchDocs' documents come from, in the same
// order: the content file and the document's place among that file's,
// which is what a part's key in a warm build is made from.
func searchSources(site *page.SiteView) []docSource {
	from := make([]docSource, 0, searchDocCount(site))
	for _, c := range site.Chapters {
		for i := range max(1, len(c.Passages)) {
			from = append(from, docSource{file: c.File, n: i})
		}
	}
	for _, p := range site.Projects {
		from = append(from, docSource{file: p.Project.File})
	}
	return from
}

// docSource is where a search document comes from: the n-th of the
// content file's documents.
type docSource struct {
	file string
	n    int
}

// searchDocCount is how many documents searchDocs makes.
func searchDocCount(site *page.SiteView) int {
	n := len(site.Projects)
	for _, c := range site.Chapters {
		n += max(1, len(c.Passages))
	}
	return n
}

// partOf is part k of a list of the index's documents or their sources.
func partOf[T any](all []T, k int) []T {
	lo := min(k*exports.SearchPartDocs, len(all))
	return all[lo:min(lo+exports.SearchPartDocs, len(all))]
}

// aliasFields are the fields whose values are a project's short names.
var aliasFields = []string{"alias", "aliases", "short_name", "lfx_slug", "clomonitor_name"}

// aliases are a project's short names: its repository's name and the
// values of its alias fields, lower-cased, without its own name.
func aliases(p *page.ProjectView) []string {
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
func searchRank(p *page.ProjectView) int {
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
func places(p *page.ProjectView) string {
	parts := make([]string, len(p.Sections))
	for i, s := range p.Sections {
		parts[i] = s.Layer.Name + " › " + s.Name
	}
	return strings.Join(parts, "; ")
}

// exportedFields are the site's fields that go into the data files.
func exportedFields(site *page.SiteView) []*page.FieldView {
	var out []*page.FieldView
	for _, f := range site.Fields {
		if f.Export {
			out = append(out, f)
		}
	}
	return out
}

func projectRecords(site *page.SiteView) []exports.Record {
	out := make([]exports.Record, 0, len(site.Projects))
	for _, p := range site.Projects {
		page := p.Path
		if site.BaseURL != "" {
			page = site.BaseURL + p.Path
		}
		tags := p.Tags
		if tags == nil {
			tags = []string{}
		}
		out = append(out, exports.Record{
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

func projectsJSON(site *page.SiteView) []byte {
	return exports.JSON(site.Title, site.Date, projectRecords(site))
}

func projectsCSV(site *page.SiteView) []byte {
	var fields []string
	for _, f := range exportedFields(site) {
		fields = append(fields, f.ID)
	}
	return exports.CSV(projectRecords(site), fields)
}

// feed is an Atom feed of the chapters and of the projects by the day they
// were added, newest first. Without a base URL its links are relative to
// the feed, and ids are URNs made from the page paths.
// feedEntries caps the feed's entries: the newest projects, then as many
// chapters as fit.
const feedEntries = 100

func feed(site *page.SiteView) []byte {
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
	f := exports.Feed{
		Lang: site.Language, Title: site.Title, Subtitle: page.FirstNonEmpty(site.Description, site.Subtitle),
		ID:    a.id(page.HomePath),
		Links: []exports.Link{{Rel: "self", Type: "application/atom+xml", Href: a.abs(page.FeedPath)}, {Rel: "alternate", Type: "text/html", Href: a.abs(page.HomePath)}},
	}
	for _, au := range site.Authors {
		f.Authors = append(f.Authors, exports.Name{Name: au})
	}
	if len(f.Authors) == 0 {
		f.Authors = []exports.Name{{Name: site.Title}}
	}
	projects, chapters := feedItems(site)
	for _, p := range projects {
		f.Entries = append(f.Entries, exports.Entry{
			Title: p.Name, ID: a.id(p.Path), Updated: stamp(p.Added), Link: exports.Link{Rel: "alternate", Type: "text/html", Href: a.abs(p.Path)},
			Category: &exports.Category{Term: p.Section.ID, Label: p.Layer.Name + " › " + p.Section.Name},
			Summary:  p.Summary,
		})
	}
	f.Entries = append(f.Entries, editionEntries(site, a)...)
	for _, e := range site.Editions {
		updated = max(updated, e.Date)
	}
	f.Updated = stamp(updated)
	for _, c := range chapters {
		f.Entries = append(f.Entries, exports.Entry{
			Title: c.Title, ID: a.id(c.Path), Updated: stamp(page.FirstNonEmpty(site.Date, updated)), Link: exports.Link{Rel: "alternate", Type: "text/html", Href: a.abs(c.Path)},
			Summary: c.Summary,
			// The body's links are relative to the chapter's page.
			Content: &exports.Content{Type: "html", Base: a.abs(c.Path), Body: string(c.HTML)},
		})
	}
	return exports.Atom(f)
}

// feedAddresses make a feed's links and ids: absolute under the site's
// base URL; without one, links relative to the feed and ids as URNs named
// after the site.
type feedAddresses struct{ abs, id func(string) string }

func newFeedAddresses(site *page.SiteView) feedAddresses {
	abs := func(p string) string { return page.AbsURL(site.BaseURL, p) }
	if site.BaseURL != "" {
		return feedAddresses{abs, abs}
	}
	prefix := "urn:panorama:" + strings.TrimSuffix(site.Zip, ".zip") + ":"
	return feedAddresses{
		abs: func(p string) string { return p },
		id:  func(p string) string { return prefix + page.AbsURL("/", p) },
	}
}

func stamp(d string) string { return d + "T00:00:00Z" }

// editionEntries are an entry per edition, newest first, saying what
// changed in it, in the feed's language.
func editionEntries(site *page.SiteView, a feedAddresses) []exports.Entry {
	var out []exports.Entry
	for i := len(site.Editions) - 1; i >= 0; i-- {
		e := site.Editions[i]
		summary := fmt.Sprintf(site.Word("The first edition: %s in %s."), site.Count(len(e.File.Projects), "project", "projects"), site.Count(len(e.File.Layers), "layer", "layers"))
		if e.Changes != nil {
			summary = fmt.Sprintf(site.Word("Since edition %s: %s."), e.Prev.Name, site.ChangeSummary(e.Changes))
		}
		out = append(out, exports.Entry{
			Title: fmt.Sprintf(site.Word("Edition %s: %s"), e.Name, e.Title), ID: a.id(e.Path), Updated: stamp(e.Date),
			Link:     exports.Link{Rel: "alternate", Type: "text/html", Href: a.abs(e.Path)},
			Category: &exports.Category{Term: "edition", Label: site.Word("Editions")}, Summary: summary,
		})
	}
	return out
}

// feedItems are what the feed lists: the projects with an added date,
// newest first, then the chapters, feedEntries in all. Readers only look
// at what is new; a feed of every project and chapter of a large report
// would weigh megabytes at every poll.
func feedItems(site *page.SiteView) ([]*page.ProjectView, []*page.ChapterView) {
	var projects []*page.ProjectView
	for _, p := range site.Projects {
		if p.Added != "" {
			projects = append(projects, p)
		}
	}
	sort.SliceStable(projects, func(i, j int) bool { return projects[i].Added > projects[j].Added })
	projects = projects[:min(len(projects), feedEntries)]
	return projects, site.Chapters[:min(len(site.Chapters), feedEntries-len(projects))]
}
