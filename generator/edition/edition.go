// Package edition freezes a report as a dated edition: its taxonomy and
// every project's data, in one small, deterministic file under
// content/editions that can be committed and compared with later ones.
package edition

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"time"

	"github.com/panorama-ssg/panorama/generator"
	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/internal/words"
)

// Dir is where editions are kept, relative to the site folder.
const Dir = "content/editions"

// Format is the version of the edition file's layout. A reader of a
// later tool meets an older format with a migration, never a guess.
const Format = 1

// File is an edition as written to content/editions/NAME.json.
type File struct {
	Format   int       `json:"format"`
	Name     string    `json:"name"`
	Date     string    `json:"date"`
	Title    string    `json:"title"`
	Layers   []Layer   `json:"layers"`
	Projects []Project `json:"projects"`
}

// Layer is a layer with its sections, in the site's order.
type Layer struct {
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	Sections []Section `json:"sections"`
}

// Section is a section of a layer.
type Section struct {
	ID   string `json:"id"`
	Name string `json:"name"`
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
	Fields   map[string]any `json:"fields,omitempty"` // the site's own fields: text, or a list
}

// Options name the edition to write.
type Options struct {
	Source string // the site folder
	Name   string // the file's name without .json: a-z, 0-9 and dashes
	Date   string // YYYY-MM-DD; default the site's date, else today
	Title  string // default: the site's title and the edition's name
}

var safeName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,59}$`)

// Freeze writes the edition and returns its path relative to the site
// folder. It refuses an unsafe or taken name, a bad date, and a site that
// does not pass check; it writes nothing then.
func Freeze(opt Options) (string, error) {
	if !safeName.MatchString(opt.Name) {
		return "", fmt.Errorf("edition name %q: use lower-case letters, digits and dashes, up to 60, e.g. 2026-q4", opt.Name)
	}
	if opt.Date != "" {
		if _, err := time.Parse(time.DateOnly, opt.Date); err != nil {
			return "", fmt.Errorf("--date %q: want YYYY-MM-DD", opt.Date)
		}
	}
	rel := Dir + "/" + opt.Name + ".json"
	file := filepath.Join(opt.Source, filepath.FromSlash(rel))
	if _, err := os.Lstat(file); err == nil {
		return "", fmt.Errorf("%s already exists; an edition, once published, is not rewritten: choose another name", rel)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	r, err := generator.Check(generator.Options{Source: opt.Source})
	if err != nil {
		return "", err
	}
	errs, warns := r.Problems.Split()
	if unaccepted := len(warns) - warns.CountAccepted(); len(errs) > 0 || unaccepted > 0 || r.Set == nil {
		return "", fmt.Errorf("the site does not pass check (%s, %s); run panorama check and fix them first", words.Plural(len(errs), "error"), words.Plural(unaccepted, "warning"))
	}
	data, err := Marshal(Build(r.Set, opt))
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return "", err
	}
	// O_EXCL: two runs at once cannot both write the same edition.
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(file)
		return "", err
	}
	return rel, f.Close()
}

// Build takes the edition's data from a validated set.
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
		el := Layer{ID: l.ID, Name: l.Name, Sections: []Section{}}
		for _, s := range l.Sections {
			el.Sections = append(el.Sections, Section{ID: s.ID, Name: s.Name})
		}
		e.Layers = append(e.Layers, el)
	}
	e.Projects = []Project{}
	for _, p := range set.Projects {
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
