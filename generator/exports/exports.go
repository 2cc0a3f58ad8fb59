package exports

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/panorama-ssg/panorama/internal/parallel"
)

// SearchDoc is one searchable thing: a chapter passage or a project.
// The index holds each as a JSON array, not an object, in the order
// assets/search.js reads them (see SearchPart).
type SearchDoc struct {
	Kind    string // "c" chapter passage, "p" project
	Title   string // chapter title or project name
	Heading string // passage heading
	Summary string
	Tags    []string
	Section string // "Layer › Section"
	URL     string // site-relative
	Text    string
	// Short names the data carries (the repository's name, a landscape's
	// lfx_slug or clomonitor_name, an alias field): a query that is one of
	// them finds the project first.
	Aliases []string
	// Rank orders equal matches: featured projects, then by maturity.
	Rank int
}

// SearchPartDocs is how many documents a part of the search index holds.
// The index is cut in parts so that an edit of one project's text makes
// one part of it again, some 200 KB of a 10,000-project report's 7 MB,
// rather than all of it (and compresses that into the zip again).
const SearchPartDocs = 512

// SearchParts is how many parts an index of n documents has: at least one.
func SearchParts(n int) int { return max(1, (n+SearchPartDocs-1)/SearchPartDocs) }

// SearchHead is the search index's first file, which says how many parts
// follow (search-index/0.js, 1.js, ...): scripts, not JSON, so that pages
// opened from file:// can load them with a script element; browsers
// refuse to fetch files there.
func SearchHead(parts int) []byte {
	return []byte("window.PANORAMA_SEARCH_HEAD = {\"parts\":" + strconv.Itoa(parts) + "};\n")
}

// SearchPart is part k of the search index, the documents docs: a script
// that files under window.PANORAMA_SEARCH_PARTS[k]
//
//	{"places":   ["Layer › Section", ...],
//	 "chapters": [[title, page, [[heading, anchor, text], ...]], ...],
//	 "projects": [[place, name, page, text, summary, tags, aliases, rank], ...]}
//
// with a project's trailing empty fields left off: arrays rather than
// objects, and a chapter's title and page and a project's place written
// once, keep 10,000 projects' index a ninth smaller. search.js makes the
// documents of each part again, chapters' passages first, in this order,
// and puts the parts one after the other.
//
// Documents c holds are not encoded again; c may be nil.
func SearchPart(k int, docs []SearchDoc, c *DocCache) []byte {
	prefix := "(window.PANORAMA_SEARCH_PARTS = window.PANORAMA_SEARCH_PARTS || {})[" + strconv.Itoa(k) + "] = "
	return searchData(prefix, docs, c)
}

// searchData is the script prefix followed by the documents' data.
func searchData(prefix string, docs []SearchDoc, c *DocCache) []byte {
	// encoding/json escapes <, >, &, U+2028 and U+2029, so the data cannot
	// end the script or break it. The documents are encoded on every core
	// (a warm build after a text edit waits on this file), then copied
	// once into a buffer of their size: fresh memory is slow to touch.
	encoded := make([][]byte, len(docs))
	parallel.For(len(docs), func(i int) { encoded[i] = c.encoded(docs[i]) })
	var places []string
	placeOf := map[string]int{}
	size := 64
	for i, d := range docs {
		size += len(encoded[i]) + 8
		if _, ok := placeOf[d.Section]; d.Kind == "p" && !ok {
			placeOf[d.Section] = len(places)
			places = append(places, d.Section)
		}
	}
	b := make([]byte, 0, len(prefix)+size+len(places)*32)
	b = append(b, prefix...)
	b = append(b, `{"places":`...)
	b = appendJSON(b, places)
	b = append(b, `,"chapters":[`...)
	b = appendChapters(b, docs, encoded)
	b = append(b, `],"projects":[`...)
	first := true
	for i, d := range docs {
		if d.Kind == "c" {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(placeOf[d.Section]), 10)
		b = append(b, ',')
		b = append(b, encoded[i][1:]...) // past its own "["
	}
	return append(b, "]};\n"...)
}

// appendChapters appends the chapters' passages, each chapter's title and
// page once before its passages.
func appendChapters(b []byte, docs []SearchDoc, encoded [][]byte) []byte {
	var title, page string
	open := false // a chapter's list of passages
	for i, d := range docs {
		if d.Kind != "c" {
			continue
		}
		p, _, _ := strings.Cut(d.URL, "#")
		switch {
		case !open || title != d.Title || page != p:
			if open {
				b = append(b, "]],"...)
			}
			open, title, page = true, d.Title, p
			b = append(b, '[')
			b = appendJSON(b, title)
			b = append(b, ',')
			b = appendJSON(b, page)
			b = append(b, ",["...)
		default:
			b = append(b, ',')
		}
		b = append(b, encoded[i]...)
	}
	if open {
		b = append(b, "]]"...)
	}
	return b
}

// appendJSON appends v as JSON (v is a string or strings: it cannot fail).
func appendJSON(b []byte, v any) []byte {
	one, _ := json.Marshal(v)
	return append(b, one...)
}

// encodeDoc is a document as the index holds it, with the text SearchText
// keeps of it: a passage as [heading, anchor, text]; a project as [name,
// page, text, summary, tags, aliases, rank] without its trailing empty
// fields (searchData puts its place before them).
func encodeDoc(d SearchDoc) []byte {
	known := append([]string{d.Title, d.Heading, d.Summary, d.Section}, d.Tags...)
	text := SearchText(d.Text, d.Kind == "c", append(known, d.Aliases...)...)
	if d.Kind == "c" {
		_, anchor, _ := strings.Cut(d.URL, "#")
		one, _ := json.Marshal([]string{d.Heading, anchor, text})
		return one
	}
	fields := []any{d.Title, d.URL, text, d.Summary, nonNil(d.Tags), nonNil(d.Aliases), d.Rank}
	for len(fields) > 2 && isEmpty(fields[len(fields)-1]) {
		fields = fields[:len(fields)-1]
	}
	one, _ := json.Marshal(fields)
	return one
}

func nonNil(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

func isEmpty(v any) bool {
	switch v := v.(type) {
	case string:
		return v == ""
	case []string:
		return len(v) == 0
	case int:
		return v == 0
	}
	return false
}

// snippetRunes is how much of a text the search shows under a chapter's
// result (search.js shows its first 140 UTF-16 units; a rune is one or
// two of them).
const snippetRunes = 140

// SearchText is what the index keeps of a passage's or a project's text:
// with snippet, its beginning as written, which a chapter's result shows;
// then each other word once, in the order first met, leaving out the
// words of known (the document's other fields, which search weighs
// higher). search.js only looks words up in the rest, so the prose between
// them need not be shipped: a body repeats most of its words, and the
// index was the site's largest file.
//
// Words are the text's runs between spaces, with ASCII punctuation taken
// off their ends and ASCII letters lower-cased: search.js folds case and
// splits at every character that is not a letter or digit, so it finds
// the same terms in the words as in the text. Other characters are kept
// as written, for search.js to fold as it always does.
func SearchText(text string, snippet bool, known ...string) string {
	i := 0
	for n := 0; snippet && i < len(text); n++ {
		if n >= snippetRunes && isSpace(text[i]) {
			break
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	head, rest := text[:i], text[i:]
	if strings.TrimSpace(rest) == "" {
		return text
	}
	seen := seenPool.Get().(map[string]struct{})
	defer func() { clear(seen); seenPool.Put(seen) }()
	for _, k := range append(known, head) {
		for w := range strings.FieldsSeq(k) {
			seen[searchWord(w)] = struct{}{}
		}
	}
	var b strings.Builder
	b.Grow(len(head) + len(rest)/3)
	b.WriteString(head)
	for w := range strings.FieldsSeq(rest) {
		w = searchWord(w)
		if _, dup := seen[w]; w == "" || dup {
			continue
		}
		seen[w] = struct{}{}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

// seenPool keeps SearchText's sets of words met: the index makes one a
// document, tens of thousands a build.
var seenPool = sync.Pool{New: func() any { return map[string]struct{}{} }}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// searchWord is a word as SearchText keeps it: ASCII punctuation off its
// ends, ASCII letters lower-cased.
func searchWord(w string) string {
	for w != "" && asciiPunct(w[0]) {
		w = w[1:]
	}
	for w != "" && asciiPunct(w[len(w)-1]) {
		w = w[:len(w)-1]
	}
	if strings.IndexFunc(w, func(r rune) bool { return 'A' <= r && r <= 'Z' }) < 0 {
		return w // most words: no copy
	}
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, w)
}

// asciiPunct tells ASCII punctuation and symbols: every printable ASCII
// character that is not a letter, a digit or a space.
func asciiPunct(c byte) bool {
	return c > ' ' && c < 0x7f && !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9')
}

// Record is one row of projects.json and projects.csv. The field
// order is stable and documented in the README.
type Record struct {
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

// JSON is projects.json: the report's title and date, and its records,
// one a line: a diff of two editions' files shows the projects that
// changed, and the file is a third smaller than indented.
func JSON(title, date string, records []Record) []byte {
	head, _ := json.Marshal(struct {
		Title string `json:"title"`
		Date  string `json:"date,omitempty"`
	}{title, date})
	var b bytes.Buffer
	b.Write(head[:len(head)-1])
	b.WriteString(`,"projects":[`)
	for i, r := range records {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
		one, _ := json.Marshal(r)
		b.Write(one)
	}
	b.WriteString("\n]}\n")
	return b.Bytes()
}

// CSV is projects.csv: the built-in columns, then a column per field id
// of fields, every contributor's text guarded against formulas.
func CSV(records []Record, fields []string) []byte {
	var b bytes.Buffer
	w := csvWriter{&b}
	_ = w.Write(append(slices.Clone(csvHeader), fields...))
	for _, r := range records {
		row := []string{r.Slug, cell(r.Name), r.Layer, cell(r.LayerName), r.Section, cell(r.SectionName),
			cell(r.Summary), cell(r.Website), cell(r.GitHub), cell(r.X), cell(r.Token), cell(strings.Join(r.Tags, "; ")),
			boolText(r.InReport), r.Added, r.Page, strings.Join(r.Sections, "; "), r.Checked}
		for _, f := range fields {
			switch v := r.Fields[f].(type) {
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
	if cellIsText(s) {
		return s // most cells: nothing to take out or guard
	}
	return guardCell(s)
}

// cellIsText tells whether cell would give s back as it is: valid UTF-8
// (strings.Map writes U+FFFD for a byte that is not), no control character,
// and nothing risky at its start or after a separator.
func cellIsText(s string) bool {
	after := true // the start counts as after a separator
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\t' && c != '\n' || c == 0x7f {
			return false
		}
		if after && strings.IndexByte("=+-@\t\r", c) >= 0 && (i == 0 || c != '\t') {
			return false
		}
		after = strings.IndexByte(",;|\t\n\r", c) >= 0 || (after && c == ' ')
	}
	return utf8.ValidString(s)
}

// guardCell is cell for a cell that needs changing.
func guardCell(s string) string {
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

// Feed is an Atom feed; encoding/xml escapes every value.
type Feed struct {
	XMLName  xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string   `xml:"xml:lang,attr,omitempty"`
	Title    string   `xml:"title"`
	Subtitle string   `xml:"subtitle,omitempty"`
	ID       string   `xml:"id"`
	Updated  string   `xml:"updated"`
	Links    []Link   `xml:"link"`
	Authors  []Name   `xml:"author"`
	Entries  []Entry  `xml:"entry"`
}

// Link is an Atom link.
type Link struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

// Name is an author.
type Name struct {
	Name string `xml:"name"`
}

// Entry is one entry of the feed.
type Entry struct {
	Title    string    `xml:"title"`
	ID       string    `xml:"id"`
	Updated  string    `xml:"updated"`
	Link     Link      `xml:"link"`
	Category *Category `xml:"category,omitempty"`
	Summary  string    `xml:"summary,omitempty"`
	Content  *Content  `xml:"content,omitempty"`
}

// Category is an entry's category.
type Category struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// Content is an entry's text, HTML here.
type Content struct {
	Type string `xml:"type,attr"`
	Base string `xml:"xml:base,attr,omitempty"`
	Body string `xml:",chardata"`
}

// Atom writes f as an Atom document.
func Atom(f Feed) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	_ = enc.Encode(f)
	b.WriteByte('\n')
	return b.Bytes()
}
