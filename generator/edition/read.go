package edition

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/internal/parallel"
)

// MaxSize caps an edition file: 10,000 projects take about 4 MB.
const MaxSize = 64 << 20

var (
	safeName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,59}$`)
	slugRE   = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	colorRE  = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
)

// SafeName reports whether name may name an edition (and its file): not
// current and not index, which name pages beside the editions', and not a
// name Windows cannot store.
func SafeName(name string) bool {
	return safeName.MatchString(name) && name != "current" && name != "index" && !content.WindowsReserved(name)
}

// LoadAll reads every edition in content/editions, oldest first (by date,
// then name). An edition with problems is left out and its problems
// returned, each at its file:line:col; site is the current site, which
// migrations of older formats take what they lack from.
func LoadAll(fsys fs.FS, site *content.Site) ([]*File, content.Problems) {
	return Start(fsys)(site)
}

// Start begins reading the editions in the background, so a build reads
// them while it loads the content; the function it returns waits for
// them and migrates them with the current site, as LoadAll.
func Start(fsys fs.FS) func(site *content.Site) ([]*File, content.Problems) {
	decoded := parallel.Later2(func() ([]*File, content.Problems) { return decodeAll(fsys) })
	return func(site *content.Site) ([]*File, content.Problems) {
		files, ps := decoded()
		for _, e := range files {
			e.asRead = migrate(e, site) && e.sorted
		}
		return files, ps
	}
}

// decodeAll decodes and checks every edition file, without migrating.
func decodeAll(fsys fs.FS) ([]*File, content.Problems) {
	var files []string
	var ps content.Problems
	err := content.WalkExisting(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != Dir {
				return fs.SkipDir
			}
			return nil
		}
		if path.Ext(p) != ".json" {
			ps = append(ps, problem(content.Pos{File: p}, true, "is not read: an edition is a .json file that panorama edition wrote"))
			return nil
		}
		files = append(files, p)
		return nil
	})
	var linked content.LinkedError
	if errors.As(err, &linked) {
		ps = append(ps, problem(content.Pos{File: string(linked)}, false, "%s", strings.TrimPrefix(linked.Error(), string(linked)+": ")))
	} else if err != nil {
		ps = append(ps, problem(content.Pos{File: Dir}, false, "%v", err))
	}
	// Editions of a large report are megabytes each: decode them side by
	// side.
	read := make([]*File, len(files))
	problems := make([]content.Problems, len(files))
	parallel.For(len(files), func(i int) {
		p := files[i]
		data, msg, err := content.ReadRegular(fsys, p, MaxSize)
		if err == nil && msg != "" {
			err = errors.New(msg)
		}
		if err != nil {
			problems[i] = content.Problems{problem(content.Pos{File: p}, false, "%v", err)}
			return
		}
		read[i], problems[i] = decode(p, data)
	})
	var out []*File
	for i := range files {
		ps = append(ps, problems[i]...)
		if read[i] != nil {
			out = append(out, read[i])
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Date != out[j].Date {
			return out[i].Date < out[j].Date
		}
		return out[i].Name < out[j].Name
	})
	return out, ps
}

func problem(pos content.Pos, warn bool, format string, args ...any) content.Problem {
	kind := content.KindEdition
	if warn {
		kind = content.KindFileName
	}
	return content.Problem{Pos: pos, Kind: string(kind), Warn: warn, Msg: fmt.Sprintf(format, args...)}
}

// Read decodes and checks one edition file, named file (slash-separated,
// relative to the site), migrating an older format. With problems it
// returns nil: a past edition is shown as it was or not at all.
func Read(file string, data []byte, site *content.Site) (*File, content.Problems) {
	e, ps := decode(file, data)
	if e != nil {
		e.asRead = migrate(e, site) && e.sorted
	}
	return e, ps
}

// decode is Read without the migration.
func decode(file string, data []byte) (*File, content.Problems) {
	r := &reader{file: file, data: data}
	// One pass decodes the file; the format is looked at after, and on an
	// error first: a newer format may not decode as this one.
	e := File{Format: -1}
	// The stricter, faster decoder (the prototype of encoding/json/v2)
	// reads the file; on an error encoding/json says what is wrong in its
	// better words, unless only the stricter one refuses the file (a key
	// twice, or in other case).
	err := jsonv2.Unmarshal(data, &e)
	if err != nil {
		if err1 := json.Unmarshal(data, new(File)); err1 != nil {
			err = err1
		}
		var head struct {
			Format int `json:"format"`
		}
		if json.Unmarshal(data, &head) == nil && head.Format > Format {
			e.Format = head.Format
		}
	}
	switch {
	case e.Format > Format:
		return nil, content.Problems{r.at(path2("format"), "was written by a newer panorama (edition format %d; this one reads formats 1 to %d): upgrade panorama to show it", e.Format, Format)}
	case err != nil:
		return nil, content.Problems{r.jsonError(err)}
	case e.Format == -1:
		return nil, content.Problems{r.at(nil, "has no \"format\": it was not written by panorama edition")}
	case e.Format < 1:
		return nil, content.Problems{r.at(path2("format"), "edition format %d does not exist: panorama writes formats 1 to %d", e.Format, Format)}
	}
	r.check(&e)
	if len(r.bad) > 0 {
		return nil, r.problems()
	}
	e.sorted = true
	if !sort.SliceIsSorted(e.Projects, func(i, j int) bool { return e.Projects[i].Slug < e.Projects[j].Slug }) {
		sort.Slice(e.Projects, func(i, j int) bool { return e.Projects[i].Slug < e.Projects[j].Slug })
		e.sorted = false
	}
	return &e, nil
}

// reader collects what is wrong with one file as paths into its JSON,
// and finds their lines only when there is something to report.
type reader struct {
	file string
	data []byte
	bad  []fault
}

type fault struct {
	at  []any // keys (string) and indexes (int) from the top
	msg string
}

func path2(at ...any) []any { return at }

func (r *reader) add(at []any, format string, args ...any) {
	r.bad = append(r.bad, fault{at, fmt.Sprintf(format, args...)})
}

func (r *reader) at(at []any, format string, args ...any) content.Problem {
	r.bad = nil
	r.add(at, format, args...)
	return r.problems()[0]
}

// problems places every fault by streaming the file's JSON tokens once
// (no second parse into a tree: an edition may be megabytes) to the byte
// offset of each fault's value.
func (r *reader) problems() content.Problems {
	var ps content.Problems
	offsets := valueOffsets(r.data, r.bad)
	for i, f := range r.bad {
		ps = append(ps, problem(r.posAt(offsets[i], 1), false, "%s", f.msg))
	}
	return ps
}

// valueOffsets finds, for each fault, the byte offset of the value its
// path names, or of the deepest value on the path that exists; -1 when
// the file is not JSON at all.
func valueOffsets(data []byte, faults []fault) []int64 {
	want := map[string][]int{} // JSON Pointer -> faults
	for i, f := range faults {
		for k := len(f.at); k >= 0; k-- { // the path and its ancestors
			p := pointer(f.at[:k])
			want[p] = append(want[p], i)
		}
	}
	out := make([]int64, len(faults))
	depth := make([]int, len(faults)) // how much of each path was found
	for i := range out {
		out[i], depth[i] = -1, -1
	}
	d := jsontext.NewDecoder(bytes.NewReader(data))
	for {
		before := d.InputOffset()
		if _, err := d.ReadToken(); err != nil {
			break
		}
		if kind, n := d.StackIndex(d.StackDepth()); kind == '{' && n%2 == 1 {
			continue // an object's name, not a value
		}
		start := before
		for start < int64(len(data)) && strings.IndexByte(" \t\r\n:,", data[start]) >= 0 {
			start++
		}
		ptr := string(d.StackPointer())
		for _, i := range want[ptr] {
			if l := strings.Count(ptr, "/"); l > depth[i] {
				out[i], depth[i] = start, l
			}
		}
	}
	return out
}

// pointer is the JSON Pointer (RFC 6901) of a path of keys and indexes.
func pointer(at []any) string {
	var b strings.Builder
	for _, step := range at {
		b.WriteByte('/')
		switch s := step.(type) {
		case string:
			b.WriteString(strings.NewReplacer("~", "~0", "/", "~1").Replace(s))
		case int:
			b.WriteString(strconv.Itoa(s))
		}
	}
	return b.String()
}

// posAt is the line and column of byte offset off (the column shifted by
// at, for offsets that point before the byte meant); the file's start
// for -1.
func (r *reader) posAt(off int64, at int) content.Pos {
	pos := content.Pos{File: r.file}
	if off >= 0 {
		before := r.data[:min(int(off), len(r.data))]
		pos.Line = bytes.Count(before, []byte{'\n'}) + 1
		pos.Col = max(len([]rune(string(before[bytes.LastIndexByte(before, '\n')+1:])))+at, 1)
	}
	return pos
}

// jsonError places a decoding error by its byte offset.
func (r *reader) jsonError(err error) content.Problem {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var sem *jsonv2.SemanticError
	var syn2 *jsontext.SyntacticError
	var off int64 = -1
	at := 0 // encoding/json's offsets are past the bad byte, v2's before it
	msg := strings.TrimPrefix(err.Error(), "json: ")
	switch {
	case errors.As(err, &syn2):
		at, off, msg = 1, syn2.ByteOffset, "is not valid JSON: "+syn2.Err.Error()
		if syn2.JSONPointer != "" {
			msg += " at " + string(syn2.JSONPointer)
		}
	case errors.As(err, &sem):
		at, off = 1, sem.ByteOffset
		msg = strings.TrimPrefix(sem.Error(), "json: ")
	case errors.As(err, &syn):
		off, msg = syn.Offset, "is not valid JSON: "+msg
	case errors.As(err, &typ):
		off = typ.Offset
		msg = fmt.Sprintf("%s holds a JSON %s where an edition has a %s", typ.Field, typ.Value, typ.Type)
		if typ.Field == "" {
			msg = fmt.Sprintf("holds a JSON %s where an edition has a %s", typ.Value, typ.Type)
		}
	}
	return problem(r.posAt(off, at), false, "%s", msg)
}

// check finds what would make the edition wrong to show: every name it
// gives must be its own, every place one of its own sections.
func (r *reader) check(e *File) {
	name := strings.TrimSuffix(path.Base(r.file), ".json")
	if !SafeName(name) {
		r.add(nil, "file name %q does not name an edition: use lower-case letters, digits and dashes, up to 60 (not current or index)", name)
	} else if e.Name != name {
		r.add(path2("name"), "name %q differs from the file's name %q: an edition is named by its file", e.Name, name)
	}
	if _, err := time.Parse(time.DateOnly, e.Date); err != nil {
		r.add(path2("date"), "date %q is not a date written YYYY-MM-DD", e.Date)
	}
	if strings.TrimSpace(e.Title) == "" {
		r.add(path2("title"), "has no title")
	}
	layers, layerOf := r.checkLayers(e)
	fields := map[string]bool{}
	for _, f := range e.Fields {
		fields[f.ID] = true
	}
	slugs := map[string]bool{}
	for i, p := range e.Projects {
		at := func(k ...any) []any { return append(path2("projects", i), k...) }
		if !slugRE.MatchString(p.Slug) || slugs[p.Slug] {
			r.add(at("slug"), "slug %q is not a unique slug of lower-case letters, digits and dashes", p.Slug)
		}
		slugs[p.Slug] = true
		r.checkProject(e, &e.Projects[i], at, layers, layerOf, fields)
	}
}

// checkLayers checks the edition's layers and sections, and returns the
// layers' ids and the layer of each section.
func (r *reader) checkLayers(e *File) (layers map[string]bool, layerOf map[string]string) {
	layerOf = map[string]string{} // section id -> layer id
	layers = map[string]bool{}
	for i, l := range e.Layers {
		if !slugRE.MatchString(l.ID) || layers[l.ID] {
			r.add(path2("layers", i, "id"), "layer id %q is not a unique id of lower-case letters, digits and dashes", l.ID)
		}
		layers[l.ID] = true
		if l.Color != "" && !colorRE.MatchString(l.Color) {
			r.add(path2("layers", i, "color"), "color %q is not a colour written #rrggbb", l.Color)
		}
		for j, s := range l.Sections {
			if _, dup := layerOf[s.ID]; !slugRE.MatchString(s.ID) || dup {
				r.add(path2("layers", i, "sections", j, "id"), "section id %q is not a unique id of lower-case letters, digits and dashes", s.ID)
			}
			layerOf[s.ID] = l.ID
		}
	}
	return layers, layerOf
}

// checkProject checks a project of the edition against its layers,
// sections and fields; at says where in the file.
func (r *reader) checkProject(e *File, p *Project, at func(...any) []any, layers map[string]bool, layerOf map[string]string, fields map[string]bool) {
	if strings.TrimSpace(p.Name) == "" {
		r.add(at(), "project %q has no name", p.Slug)
	}
	if !layers[p.Layer] {
		r.add(at("layer"), "layer %q is not one of this edition's layers%s", p.Layer, content.DidYouMean(p.Layer, keys(layers)))
	}
	if len(p.Sections) == 0 {
		r.add(at(), "project %q has no sections", p.Slug)
	}
	for j, s := range p.Sections {
		l, ok := layerOf[s]
		switch {
		case !ok:
			r.add(at("sections", j), "section %q is not one of this edition's sections%s", s, content.DidYouMean(s, keys(layerOf)))
		case j == 0 && l != p.Layer && layers[p.Layer]:
			r.add(at("sections", j), "home section %q is in layer %q, not in the project's layer %q", s, l, p.Layer)
		}
	}
	for id, v := range p.Fields {
		if FieldText(v) == "" && v != "" {
			r.add(at("fields", id), "field %q holds neither text nor a list of texts", id)
		}
		if len(e.Fields) > 0 && !fields[id] {
			r.add(at("fields", id), "field %q is not one of this edition's fields", id)
		}
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
