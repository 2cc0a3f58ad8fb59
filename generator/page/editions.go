package page

import (
	"fmt"
	"slices"
	"strings"

	"github.com/panorama-ssg/panorama/charts"
	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/generator/edition"
)

// Editions: a report frozen at dates (content/editions/NAME.json), each
// with a page of what changed since the one before, its map as it was and
// its data; and a page of what changed in the current report since the
// latest edition.

// EditionView is one edition as pages show it.
type EditionView struct {
	Name, Date, Title string
	Path              string // what changed in it
	MapPath           string // its map as it was
	DataPath          string // its data, in the current format
	File              *edition.File
	Changes           *edition.Changes // since the edition before; nil for the first
	Prev              *EditionView
}

// PastMap is an edition's taxonomy and projects as a content model (for
// the diagram) and as views (for the landscape).
type PastMap struct {
	Layers   []*content.Layer
	Projects []*content.Project
	View     *SiteView
}

// AddEditions gives the site its editions, oldest first, and the
// comparison of the current report with the latest, when they differ.
func (v *SiteView) AddEditions(files []*edition.File, set *content.Set) {
	if len(files) == 0 {
		return
	}
	for i, f := range files {
		ev := &EditionView{Name: f.Name, Date: f.Date, Title: f.Title, File: f,
			Path: editionPath(f.Name), MapPath: editionMapPath(f.Name), DataPath: editionDataPath(f.Name)}
		if i > 0 {
			ev.Prev = v.Editions[i-1]
			ev.Changes = edition.Diff(ev.Prev.File, f)
		}
		v.Editions = append(v.Editions, ev)
		for _, p := range f.Projects {
			if pv := v.index.project(p.Slug); pv != nil && pv.FirstEdition == nil {
				pv.FirstEdition = ev
			}
		}
	}
	v.Latest = v.Editions[len(v.Editions)-1]
	now := edition.Build(set, edition.Options{Name: "current", Date: v.Latest.Date, Title: v.Title})
	for _, f := range files {
		f.Share(now)
	}
	if c := edition.Diff(v.Latest.File, now); !c.Empty() {
		v.Since = c
	}
}

// EditionsNewestFirst lists the editions, the latest first.
func (v *SiteView) EditionsNewestFirst() []*EditionView {
	out := slices.Clone(v.Editions)
	slices.Reverse(out)
	return out
}

// LatestChanges is the page of the latest changes, which the home page
// and the footer link: since the latest edition when the report changed
// since, else the latest edition's own.
func (v *SiteView) LatestChanges() string {
	if v.Since != nil {
		return CurrentChangesPath
	}
	if v.Latest != nil {
		return v.Latest.Path
	}
	return ""
}

// ProjectURL, SectionURL and LayerURL are the links of the current pages
// of what an edition names, or "" for what the report no longer has.
func (pg *Page) ProjectURL(slug string) string {
	if p := pg.Site.index.project(slug); p != nil {
		return pg.URL(p.Path)
	}
	return ""
}

func (pg *Page) SectionURL(id string) string {
	if s := pg.Site.index.section(id); s != nil {
		return pg.URL(s.Path)
	}
	return ""
}

func (pg *Page) LayerURL(id string) string {
	if p := pg.Site.pathOfLayer(id); p != "" {
		return pg.URL(p)
	}
	return ""
}

// PastMap makes an edition's own content model and views. Names, places
// and summaries are the edition's; a tile links the project's current
// page and shows its current logo while it still exists.
func (v *SiteView) PastMap(f *edition.File) *PastMap {
	m := &PastMap{}
	secs := map[string]*content.Section{}
	for i, el := range f.Layers {
		l := &content.Layer{ID: el.ID, Name: el.Name, Color: el.Color, Index: i}
		for _, es := range el.Sections {
			s := &content.Section{ID: es.ID, Name: es.Name, Layer: l}
			l.Sections = append(l.Sections, s)
			secs[s.ID] = s
		}
		m.Layers = append(m.Layers, l)
	}
	for _, ep := range f.Projects {
		p := &content.Project{Slug: ep.Slug, Name: ep.Name, Summary: ep.Summary, Website: ep.Website}
		for _, id := range ep.Sections {
			p.Sections = append(p.Sections, secs[id])
		}
		p.Section, p.Layer = p.Sections[0], p.Sections[0].Layer
		if cur := v.index.project(ep.Slug); cur != nil {
			p.Logo, p.InReport = cur.Logo, cur.InReport
		}
		m.Projects = append(m.Projects, p)
	}
	sortByName(m.Projects)
	pv := &SiteView{Title: f.Title, words: v.words, images: v.images}
	layers, sections := pv.addLayers(m.Layers)
	pv.addProjects(m.Projects, layers, sections)
	for _, l := range pv.Layers {
		l.Path = v.pathOfLayer(l.ID)
		for _, s := range l.Sections {
			s.Path = ""
			if cur := v.index.section(s.ID); cur != nil {
				s.Path = cur.Path
			}
		}
	}
	for _, p := range pv.Projects {
		p.past, p.Path = true, ""
		if cur := v.index.project(p.Slug); cur != nil {
			p.Path = cur.Path
		}
	}
	v.reuseTiles(pv)
	m.View = pv
	return m
}

// reuseTiles puts the current project in a past section where its tile
// would read the same (name, summary, section, layer and colour): tiles
// are rendered once per project, section and folder depth, and section
// pages, at the depth of a past map, have rendered those already. At
// 10,000 projects this halves what a past map costs.
func (v *SiteView) reuseTiles(past *SiteView) {
	for _, l := range past.Layers {
		for _, s := range l.Sections {
			cur := v.index.section(s.ID)
			if cur == nil || cur.Name != s.Name || cur.Layer.Name != l.Name || cur.Layer.Color != l.Color || cur.Layer.Ink != l.Ink {
				continue
			}
			for i, p := range s.Projects {
				if now := v.index.project(p.Slug); now != nil && now.Name == p.Name && now.Summary == p.Summary {
					s.Projects[i] = now
				}
			}
		}
	}
}

func (v *SiteView) pathOfLayer(id string) string {
	for _, l := range v.Layers {
		if l.ID == id {
			return l.Path
		}
	}
	return ""
}

// sortByName orders projects as the report does, by name ignoring case,
// each name lowered once.
func sortByName(ps []*content.Project) {
	type keyed struct {
		lower string
		p     *content.Project
	}
	ks := make([]keyed, len(ps))
	for i, p := range ps {
		ks[i] = keyed{strings.ToLower(p.Name), p}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		if c := strings.Compare(a.lower, b.lower); c != 0 {
			return c
		}
		return strings.Compare(a.p.Name, b.p.Name)
	})
	for i, k := range ks {
		ps[i] = k.p
	}
}

// PastPaths link the diagram of an edition to the current pages, and
// leave what is gone without a link.
func (v *SiteView) PastPaths() charts.Paths {
	return charts.Paths{
		Words: charts.Words{T: v.Word, N: v.Count},
		Layer: func(l *content.Layer) string { return v.pathOfLayer(l.ID) },
		Section: func(s *content.Section) string {
			if cur := v.index.section(s.ID); cur != nil {
				return cur.Path
			}
			return ""
		},
		Project: func(p *content.Project) string {
			if cur := v.index.project(p.Slug); cur != nil {
				return cur.Path
			}
			return ""
		},
	}
}

// ChangeSummary says what changed in one line in the site's language:
// the edition package's own English line for English, and counted
// phrases from the Catalogue for other languages ("新增 3 个项目，移除 1 个项目").
func (v *SiteView) ChangeSummary(c *edition.Changes) string {
	if len(v.words.words) == 0 {
		return c.Summary()
	}
	var parts []string
	add := func(n int, one, many string) {
		if n > 0 {
			parts = append(parts, v.Count(n, one, many))
		}
	}
	add(len(c.Added), "project added", "projects added")
	add(len(c.Removed), "project removed", "projects removed")
	add(len(c.Moved), "project moved", "projects moved")
	add(len(c.Renamed), "project renamed", "projects renamed")
	add(len(c.Changed), "project changed", "projects changed")
	add(len(c.SectionsAdded), "section added", "sections added")
	add(len(c.SectionsRemoved), "section removed", "sections removed")
	add(len(c.SectionsMoved), "section moved", "sections moved")
	add(len(c.SectionsRenamed), "section renamed", "sections renamed")
	add(len(c.LayersAdded), "layer added", "layers added")
	add(len(c.LayersRemoved), "layer removed", "layers removed")
	add(len(c.LayersRenamed), "layer renamed", "layers renamed")
	if len(parts) == 0 {
		return v.Word("no changes")
	}
	out := parts[0]
	for _, p := range parts[1:] {
		out = fmt.Sprintf(v.Word("%s, %s"), out, p)
	}
	return out
}

// ChangeSummary is changeSummary for templates.
func (pg *Page) ChangeSummary(c *edition.Changes) string { return pg.Site.ChangeSummary(c) }
