// Package edition is a report frozen as a dated edition: its taxonomy and
// every project's data, in one small, deterministic file under
// content/editions that can be committed and compared with later ones.
// It reads edition files (migrating older formats), makes them from a
// validated content set, and tells two editions apart.
package edition

import (
	"bytes"
	"encoding/json"
	"slices"
	"sort"
	"time"

	"github.com/panorama-ssg/panorama/generator/content"
)

// Dir is where editions are kept, relative to the site folder.
const Dir = "content/editions"

// Format is the version of the edition file's layout. A reader meets an
// older format with a migration (migrate.go), never a guess.
//
//	1: layers, sections and projects.
//	2: adds each layer's colour and the site's own fields' labels, so a
//	   past map and a comparison read as they did even after site.yaml
//	   changes them.
const Format = 2

// File is an edition as written to content/editions/NAME.json.
type File struct {
	Format   int        `json:"format"`
	Name     string     `json:"name"`
	Date     string     `json:"date"`
	Title    string     `json:"title"`
	Layers   []Layer    `json:"layers"`
	Fields   []FieldDef `json:"fields,omitempty"`
	Projects []Project  `json:"projects"`

	asRead bool // read from a file that migration left as it was
	sorted bool // its projects were sorted by slug as read
}

// Layer is a layer with its sections, in the site's order.
type Layer struct {
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	Color    string    `json:"color,omitempty"` // #rrggbb as shown
	Sections []Section `json:"sections"`
}

// Section is a section of a layer.
type Section struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// FieldDef names one of the site's own project fields.
type FieldDef struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// Project is one project's data as it stood, sorted by slug in the file.
type Project struct {
	Slug     string         `json:"slug"`
	Name     string         `json:"name"`
	Layer    string         `json:"layer"`
	Sections []string       `json:"sections"` // the home section first
	Summary  string         `json:"summary,omitempty"`
	Website  string         `json:"website"`
	Token    string         `json:"token,omitempty"`
	Tags     []string       `json:"tags,omitempty"`
	Fields   map[string]any `json:"fields,omitempty"` // the site's own fields: a string, or a list of them
}

// Options name an edition to make.
type Options struct {
	Name  string // the file's name without .json: a-z, 0-9 and dashes
	Date  string // YYYY-MM-DD; default the site's date, else today
	Title string // default: the site's title and the edition's name
}

// Build takes an edition's data from a validated set.
func Build(set *content.Set, opt Options) *File {
	site := set.Site
	e := &File{Format: Format, Name: opt.Name, Date: opt.Date, Title: opt.Title}
	if e.Date == "" {
		e.Date = site.Date
	}
	if e.Date == "" {
		e.Date = time.Now().UTC().Format(time.DateOnly)
	}
	if e.Title == "" {
		e.Title = site.Title + ", " + opt.Name
	}
	for _, l := range site.Layers {
		el := Layer{ID: l.ID, Name: l.Name, Color: l.ShownColor(), Sections: []Section{}}
		for _, s := range l.Sections {
			el.Sections = append(el.Sections, Section{ID: s.ID, Name: s.Name})
		}
		e.Layers = append(e.Layers, el)
	}
	for _, f := range site.Fields {
		e.Fields = append(e.Fields, FieldDef{ID: f.ID, Label: f.Label})
	}
	e.Projects = make([]Project, 0, len(set.Projects))
	for _, p := range set.Projects {
		if p.Layer == nil || len(p.Sections) == 0 {
			continue // not placed: the set did not pass validation
		}
		ep := Project{Slug: p.Slug, Name: p.Name, Layer: p.Layer.ID, Summary: p.Summary, Website: p.Website, Token: p.Token, Tags: p.Tags}
		for _, s := range p.Sections {
			ep.Sections = append(ep.Sections, s.ID)
		}
		for id, v := range p.Extra {
			if ep.Fields == nil {
				ep.Fields = map[string]any{}
			}
			if v.List != nil {
				ep.Fields[id] = v.List
			} else {
				ep.Fields[id] = v.Text
			}
		}
		e.Projects = append(e.Projects, ep)
	}
	sort.Slice(e.Projects, func(i, j int) bool { return e.Projects[i].Slug < e.Projects[j].Slug })
	return e
}

// Marshal writes an edition as indented JSON ending in a newline; the
// same edition gives the same bytes (encoding/json sorts map keys).
func Marshal(e *File) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(e); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// AsRead reports whether the edition is its file's content as it stands:
// read in the current format, complete and sorted, so that a site can
// publish the file itself rather than write it anew.
func (e *File) AsRead() bool { return e.asRead }

// FilePath is where the edition's file is, relative to the site folder.
func (e *File) FilePath() string { return Dir + "/" + e.Name + ".json" }

// Project returns the project with the slug, or nil.
func (e *File) Project(slug string) *Project {
	i := sort.Search(len(e.Projects), func(i int) bool { return e.Projects[i].Slug >= slug })
	if i < len(e.Projects) && e.Projects[i].Slug == slug {
		return &e.Projects[i]
	}
	return nil
}

// Sections counts the edition's sections.
func (e *File) Sections() int {
	n := 0
	for _, l := range e.Layers {
		n += len(l.Sections)
	}
	return n
}

// FieldText is a site field's value as one line: a list's items joined.
func FieldText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []string:
		return joinList(v)
	case []any:
		items := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				items = append(items, s)
			}
		}
		return joinList(items)
	}
	return ""
}

func joinList(items []string) string {
	var b bytes.Buffer
	for i, s := range items {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(s)
	}
	return b.String()
}

// Share makes e use cur's copy of every string, list and map they have in
// common, project by project (by slug), and of the layer and section ids:
// an edition mostly repeats the report, and a report of 10,000 projects
// builds within a memory limit its editions' duplicates would crowd.
// Neither edition is changed in what it says.
func (e *File) Share(cur *File) {
	ids := map[string]string{}
	for _, l := range cur.Layers {
		ids[l.ID] = l.ID
		for _, s := range l.Sections {
			ids[s.ID] = s.ID
		}
	}
	same := func(s *string, c string) {
		if *s == c {
			*s = c
		}
	}
	for i := range e.Projects {
		p := &e.Projects[i]
		if id, ok := ids[p.Layer]; ok {
			p.Layer = id
		}
		c := cur.Project(p.Slug)
		if c == nil {
			for j, s := range p.Sections {
				if id, ok := ids[s]; ok {
					p.Sections[j] = id
				}
			}
			continue
		}
		same(&p.Slug, c.Slug)
		same(&p.Name, c.Name)
		same(&p.Summary, c.Summary)
		same(&p.Website, c.Website)
		same(&p.Token, c.Token)
		if slices.Equal(p.Sections, c.Sections) {
			p.Sections = c.Sections
		}
		if slices.Equal(p.Tags, c.Tags) && p.Tags != nil {
			p.Tags = c.Tags
		}
		if len(p.Fields) == len(c.Fields) && p.Fields != nil && sameFields(p.Fields, c.Fields) {
			p.Fields = c.Fields
		}
	}
}

func sameFields(a, b map[string]any) bool {
	for k, v := range a {
		w, ok := b[k]
		if !ok || FieldText(v) != FieldText(w) {
			return false
		}
		_, al := v.(string)
		_, bl := w.(string)
		if al != bl {
			return false
		}
	}
	return true
}
