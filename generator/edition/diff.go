package edition

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/panorama-ssg/panorama/internal/words"
)

// Changes is what differs from one edition to a later one (or to the
// current report, frozen in memory the same way). Every list is in a
// stable order: projects by name, taxonomy in the later edition's order.
type Changes struct {
	From, To Ref // the editions compared; not the editions, which are megabytes

	Added, Removed []Project // Removed as the earlier edition had them
	Moved          []Move
	Renamed        []Rename // same slug, new name
	Changed        []Change // other fields

	LayersAdded, LayersRemoved     []Layer
	LayersRenamed                  []Rename
	SectionsAdded, SectionsRemoved []Place
	SectionsRenamed                []Rename
	SectionsMoved                  []Move // a section in another layer
}

// Ref names an edition.
type Ref struct{ Name, Date string }

// Place is a section as an edition names it.
type Place struct {
	Layer, LayerName, Section, SectionName string
}

// Move is a project (or a section) that changed places: the home section
// first.
type Move struct {
	ID, Name string
	From, To []Place
}

// Rename is something kept under its id with a new name.
type Rename struct {
	ID, Old, New string
}

// Change is a project's fields that changed, other than its name and
// places.
type Change struct {
	Slug, Name string
	Fields     []FieldChange
}

// FieldChange is one field's value before and after; "" is no value.
type FieldChange struct {
	ID, Label, Old, New string
}

// Empty reports whether nothing changed.
func (c *Changes) Empty() bool {
	return len(c.Added)+len(c.Removed)+len(c.Moved)+len(c.Renamed)+len(c.Changed)+
		len(c.LayersAdded)+len(c.LayersRemoved)+len(c.LayersRenamed)+
		len(c.SectionsAdded)+len(c.SectionsRemoved)+len(c.SectionsRenamed)+len(c.SectionsMoved) == 0
}

// Summary says what changed in one line, for the feed and the lists:
// "3 projects added, 1 removed, 2 moved; 1 section added".
func (c *Changes) Summary() string {
	parts := func(noun string, counts ...any) string {
		var out []string
		for i := 0; i < len(counts); i += 2 {
			n, verb := counts[i].(int), counts[i+1].(string)
			if n == 0 {
				continue
			}
			if len(out) == 0 {
				out = append(out, words.Plural(n, noun)+" "+verb)
			} else {
				out = append(out, strconv.Itoa(n)+" "+verb)
			}
		}
		return strings.Join(out, ", ")
	}
	var all []string
	for _, s := range []string{
		parts("project", len(c.Added), "added", len(c.Removed), "removed", len(c.Moved), "moved", len(c.Renamed), "renamed", len(c.Changed), "changed"),
		parts("section", len(c.SectionsAdded), "added", len(c.SectionsRemoved), "removed", len(c.SectionsMoved), "moved", len(c.SectionsRenamed), "renamed"),
		parts("layer", len(c.LayersAdded), "added", len(c.LayersRemoved), "removed", len(c.LayersRenamed), "renamed"),
	} {
		if s != "" {
			all = append(all, s)
		}
	}
	if len(all) == 0 {
		return "no changes"
	}
	return strings.Join(all, "; ")
}

// Diff compares two editions, from an earlier one to a later one.
func Diff(from, to *File) *Changes {
	c := &Changes{From: Ref{from.Name, from.Date}, To: Ref{to.Name, to.Date}}
	c.taxonomy(from, to)
	c.projects(from, to)
	byName := func(ps []Project) {
		sort.SliceStable(ps, func(i, j int) bool { return lessName(ps[i].Name, ps[j].Name) })
	}
	byName(c.Added)
	byName(c.Removed)
	sort.SliceStable(c.Moved, func(i, j int) bool { return lessName(c.Moved[i].Name, c.Moved[j].Name) })
	sort.SliceStable(c.Renamed, func(i, j int) bool { return lessName(c.Renamed[i].New, c.Renamed[j].New) })
	sort.SliceStable(c.Changed, func(i, j int) bool { return lessName(c.Changed[i].Name, c.Changed[j].Name) })
	return c
}

func lessName(a, b string) bool {
	if la, lb := strings.ToLower(a), strings.ToLower(b); la != lb {
		return la < lb
	}
	return a < b
}

// places indexes an edition's sections by id.
func places(e *File) map[string]Place {
	out := map[string]Place{}
	for _, l := range e.Layers {
		for _, s := range l.Sections {
			out[s.ID] = Place{Layer: l.ID, LayerName: l.Name, Section: s.ID, SectionName: s.Name}
		}
	}
	return out
}

func (c *Changes) taxonomy(from, to *File) {
	oldLayers := map[string]Layer{}
	for _, l := range from.Layers {
		oldLayers[l.ID] = l
	}
	newLayers := map[string]bool{}
	for _, l := range to.Layers {
		newLayers[l.ID] = true
		if o, ok := oldLayers[l.ID]; !ok {
			c.LayersAdded = append(c.LayersAdded, l)
		} else if o.Name != l.Name {
			c.LayersRenamed = append(c.LayersRenamed, Rename{l.ID, o.Name, l.Name})
		}
	}
	for _, l := range from.Layers {
		if !newLayers[l.ID] {
			c.LayersRemoved = append(c.LayersRemoved, l)
		}
	}
	oldPlaces, newPlaces := places(from), places(to)
	for _, l := range to.Layers {
		for _, s := range l.Sections {
			now := newPlaces[s.ID]
			was, ok := oldPlaces[s.ID]
			switch {
			case !ok:
				c.SectionsAdded = append(c.SectionsAdded, now)
				continue
			case was.Layer != now.Layer:
				c.SectionsMoved = append(c.SectionsMoved, Move{ID: s.ID, Name: s.Name, From: []Place{was}, To: []Place{now}})
			}
			if was.SectionName != now.SectionName {
				c.SectionsRenamed = append(c.SectionsRenamed, Rename{s.ID, was.SectionName, now.SectionName})
			}
		}
	}
	for _, l := range from.Layers {
		for _, s := range l.Sections {
			if _, ok := newPlaces[s.ID]; !ok {
				c.SectionsRemoved = append(c.SectionsRemoved, oldPlaces[s.ID])
			}
		}
	}
}

// projects walks both editions' projects, sorted by slug, side by side.
func (c *Changes) projects(from, to *File) {
	oldPlaces, newPlaces := places(from), places(to)
	labels := fieldLabels(from, to)
	a, b := from.Projects, to.Projects
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i].Slug < b[j].Slug):
			c.Removed = append(c.Removed, a[i])
			i++
		case i == len(a) || b[j].Slug < a[i].Slug:
			c.Added = append(c.Added, b[j])
			j++
		default:
			c.project(&a[i], &b[j], oldPlaces, newPlaces, labels)
			i++
			j++
		}
	}
}

func (c *Changes) project(was, now *Project, oldPlaces, newPlaces map[string]Place, labels []FieldDef) {
	if was.Name != now.Name {
		c.Renamed = append(c.Renamed, Rename{now.Slug, was.Name, now.Name})
	}
	if moved(was, now) {
		m := Move{ID: now.Slug, Name: now.Name}
		for _, s := range was.Sections {
			m.From = append(m.From, oldPlaces[s])
		}
		for _, s := range now.Sections {
			m.To = append(m.To, newPlaces[s])
		}
		c.Moved = append(c.Moved, m)
	}
	var fs []FieldChange
	add := func(id, label, old, new string) {
		if old != new {
			fs = append(fs, FieldChange{id, label, old, new})
		}
	}
	add("website", "Website", was.Website, now.Website)
	add("summary", "Summary", was.Summary, now.Summary)
	add("token", "Token", was.Token, now.Token)
	add("tags", "Tags", joinList(was.Tags), joinList(now.Tags))
	for _, f := range labels {
		add(f.ID, f.Label, FieldText(was.Fields[f.ID]), FieldText(now.Fields[f.ID]))
	}
	if len(fs) > 0 {
		c.Changed = append(c.Changed, Change{Slug: now.Slug, Name: now.Name, Fields: fs})
	}
}

// moved: the home section changed, or the set of sections.
func moved(was, now *Project) bool {
	if was.Layer == now.Layer && slices.Equal(was.Sections, now.Sections) {
		return false
	}
	if was.Layer != now.Layer || len(was.Sections) != len(now.Sections) {
		return true
	}
	if len(now.Sections) > 0 && was.Sections[0] != now.Sections[0] {
		return true
	}
	a, b := slices.Clone(was.Sections), slices.Clone(now.Sections)
	slices.Sort(a)
	slices.Sort(b)
	return !slices.Equal(a, b)
}

// fieldLabels are the site fields of both editions, the later one's
// first and in its order, each with the latest label it had.
func fieldLabels(from, to *File) []FieldDef {
	out := slices.Clone(to.Fields)
	seen := map[string]bool{}
	for _, f := range out {
		seen[f.ID] = true
	}
	for _, f := range from.Fields {
		if !seen[f.ID] {
			out = append(out, f)
			seen[f.ID] = true
		}
	}
	// Fields a project holds that neither edition names (a migrated file
	// without a site to label them) still count.
	var rest []string
	for _, e := range []*File{from, to} {
		for _, p := range e.Projects {
			for id := range p.Fields {
				if !seen[id] {
					rest = append(rest, id)
					seen[id] = true
				}
			}
		}
	}
	sort.Strings(rest)
	for _, id := range rest {
		out = append(out, FieldDef{ID: id, Label: id})
	}
	return out
}
