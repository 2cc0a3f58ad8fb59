package content

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"maps"
	"regexp"
	"strings"
)

// The SVG policy. Static SVG files (logos first of all) come from
// contributors. Shown through <img>, an SVG never runs scripts; opened
// directly, or linked from a body, it would run them with the site's
// origin. So every published SVG is rewritten keeping only what the allow
// list in svgpolicy.go names: SVG elements that draw, with the attributes
// that style and place them, references inside the file or to embedded
// images, and CSS without outside references. What is left is written
// back token by token, with the prefixes as written, so drawings keep
// their look. A file that is not well-formed XML is refused.

// errNotSVG marks a file that could not be read as XML.
var errNotSVG = errors.New("is not well-formed SVG (XML)")

// SVGError is an SVG that could not be read, at the line and column where
// reading stopped; it wraps errNotSVG or errEntityBomb.
type SVGError struct {
	Line, Col int
	Err       error
}

func (e *SVGError) Error() string { return e.Err.Error() }
func (e *SVGError) Unwrap() error { return e.Err }

// errEntityBomb marks a file whose entities expand past its size's bound.
var errEntityBomb = errors.New("expands its entities far beyond its own size")

// SanitizeSVG returns src with only what the allow list keeps, or errNotSVG.
func SanitizeSVG(src []byte) ([]byte, error) {
	src, err := SVGText(src)
	if err != nil {
		return nil, err
	}
	// Entities declared in the file expand where used: a few bytes used many
	// times would make a file of any size. The output may not grow past a
	// small multiple of the input.
	s := &svgSanitizer{limit: 4*len(src) + 1<<20}
	if entityGrowth(src) > s.limit {
		return nil, errEntityBomb
	}
	d := xml.NewDecoder(bytes.NewReader(src))
	d.Strict = true
	d.Entity = map[string]string{}
	s.out.Grow(len(src))
	at := func(err error) error {
		line, col := d.InputPos()
		return &SVGError{Line: line, Col: col, Err: err}
	}
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			if len(s.open) > 0 || s.roots != 1 {
				return nil, at(errNotSVG)
			}
			return s.out.Bytes(), nil
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, &SVGError{Line: se.Line, Err: errNotSVG}
			}
			return nil, at(errNotSVG)
		}
		if err := s.token(d, tok); err != nil {
			return nil, at(err)
		}
		if s.out.Len() > s.limit {
			return nil, at(errEntityBomb)
		}
	}
}

// svgSanitizer writes what it keeps of a stream of raw tokens.
type svgSanitizer struct {
	out     bytes.Buffer
	limit   int
	open    []openElement
	skip    int              // depth inside a dropped element
	depth   int              // depth of the kept elements
	roots   int              // top-level elements seen
	pending bool             // a kept start tag's ">" is not written yet
	style   *strings.Builder // the text of a kept <style>, filtered at its end
}

// openElement is an element as written and the prefixes in scope inside it.
type openElement struct {
	name xml.Name
	ns   map[string]string
}

func (s *svgSanitizer) token(d *xml.Decoder, tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		return s.start(t)
	case xml.EndElement:
		return s.end(t)
	case xml.CharData:
		if s.out.Len()+len(t) > s.limit {
			return errEntityBomb
		}
		switch {
		case s.skip > 0 || len(t) == 0:
		case s.style != nil:
			s.style.Write(t)
		case s.depth > 0:
			s.flush()
			svgEscaper.WriteString(&s.out, string(t))
		case s.out.Len() > 0 && s.out.Bytes()[s.out.Len()-1] != '\n':
			s.out.WriteByte('\n') // between prolog parts only spaces may stand
		}
	case xml.Comment:
		// Dropped: nothing to lose, and one less place to hide markup.
	case xml.ProcInst:
		if s.skip == 0 && t.Target == "xml" {
			s.flush()
			s.out.WriteString("<?xml " + string(t.Inst) + "?>")
		}
	case xml.Directive:
		// A DOCTYPE is dropped; the entities it declares (drawing
		// programs declare namespaces so) are written out where used.
		declareEntities(d.Entity, t)
	}
	return nil
}

func (s *svgSanitizer) start(t xml.StartElement) error {
	ns := s.scope(t.Attr)
	space := resolve(ns, t.Name.Space, true)
	if len(s.open) == 0 {
		s.roots++
		if t.Name.Local != "svg" || (space != nsSVG && space != "") {
			return errNotSVG
		}
	}
	s.open = append(s.open, openElement{t.Name, ns})
	if s.skip > 0 || s.style != nil || (space != nsSVG && space != "") || !svgElements[t.Name.Local] || unsafeAnimation(t) {
		s.skip++
		return nil
	}
	s.flush()
	s.out.WriteByte('<')
	s.out.WriteString(qname(t.Name))
	for _, a := range t.Attr {
		value, ok := keptAttr(ns, t.Name.Local, a)
		if !ok {
			continue
		}
		s.out.WriteByte(' ')
		s.out.WriteString(qname(a.Name))
		s.out.WriteString(`="`)
		svgEscaper.WriteString(&s.out, value)
		s.out.WriteByte('"')
	}
	s.pending = true // ">" or "/>", by what comes next
	s.depth++
	if t.Name.Local == "style" {
		s.style = &strings.Builder{}
	}
	return nil
}

func (s *svgSanitizer) end(t xml.EndElement) error {
	if len(s.open) == 0 || s.open[len(s.open)-1].name != t.Name {
		return errNotSVG
	}
	s.open = s.open[:len(s.open)-1]
	if s.skip > 0 {
		s.skip--
		return nil
	}
	s.depth--
	if s.style != nil {
		if css := SafeCSS(s.style.String()); css != "" {
			s.flush()
			svgEscaper.WriteString(&s.out, css)
		}
		s.style = nil
	}
	if s.pending {
		s.out.WriteString("/>") // an empty element, as drawing programs write it
		s.pending = false
		return nil
	}
	s.out.WriteString("</" + qname(t.Name) + ">")
	return nil
}

// safeAnimated tells whether an animation may change the attribute: never
// a link (it would turn a kept #fragment into any address), an event
// handler or a style.
func safeAnimated(name string) bool {
	n := strings.ToLower(strings.TrimSpace(name))
	if i := strings.LastIndexByte(n, ':'); i >= 0 {
		n = n[i+1:]
	}
	return n != "href" && n != "style" && !strings.HasPrefix(n, "on")
}

// unsafeAnimation tells whether an element animates what safeAnimated
// forbids: it goes whole, not only its attributeName.
func unsafeAnimation(t xml.StartElement) bool {
	for _, a := range t.Attr {
		if a.Name.Local == "attributeName" && !safeAnimated(a.Value) {
			return true
		}
	}
	return false
}

// flush ends a kept start tag with ">" before what it holds.
func (s *svgSanitizer) flush() {
	if s.pending {
		s.out.WriteByte('>')
		s.pending = false
	}
}

// scope is the prefixes in scope inside an element with attrs: its
// parent's, and those it declares.
func (s *svgSanitizer) scope(attrs []xml.Attr) map[string]string {
	var parent map[string]string
	if len(s.open) > 0 {
		parent = s.open[len(s.open)-1].ns
	}
	ns, own := parent, false
	for _, a := range attrs {
		if a.Name.Space != "xmlns" && (a.Name.Space != "" || a.Name.Local != "xmlns") {
			continue
		}
		if !own {
			ns, own = maps.Clone(parent), true
			if ns == nil {
				ns = map[string]string{}
			}
		}
		prefix := a.Name.Local
		if a.Name.Space == "" {
			prefix = ""
		}
		ns[prefix] = a.Value
	}
	return ns
}

// resolve is the namespace a prefix stands for; element names without a
// prefix take the default namespace, attribute names none. An unbound
// prefix resolves to itself, which no allow list names.
func resolve(ns map[string]string, prefix string, element bool) string {
	switch {
	case prefix == "xml":
		return nsXML
	case prefix == "" && !element:
		return ""
	}
	if v, ok := ns[prefix]; ok {
		return v
	}
	if prefix == "" {
		return ""
	}
	return "unbound:" + prefix
}

// keptAttr says whether attribute a of element elem is kept, and with
// which value: a presentation value that refers outside the file loses
// that reference.
func keptAttr(ns map[string]string, elem string, a xml.Attr) (string, bool) {
	name := a.Name.Local
	switch resolve(ns, a.Name.Space, false) {
	case "":
		if a.Name.Local == "xmlns" {
			return a.Value, true
		}
		if !svgAttributes[name] {
			return "", false
		}
	case nsXLink:
		if name != "href" {
			return "", false
		}
	case nsXML:
		return a.Value, name == "space" || name == "lang"
	default:
		// xmlns:p declarations stay (the kept names are written with the
		// prefixes as written); any other namespace's attributes go.
		return a.Value, a.Name.Space == "xmlns"
	}
	switch name {
	case "href":
		return a.Value, safeRef(a.Value, elem == "image" || elem == "feImage")
	case "attributeName":
		return a.Value, safeAnimated(a.Value)
	}
	if strings.ContainsAny(a.Value, `(@\`) {
		// Presentation attributes are CSS values: fill="url(…)".
		v := SafeCSS(a.Value)
		return v, v != ""
	}
	return a.Value, true
}

// entityDecl is an internal entity declaration with a literal value.
var entityDecl = regexp.MustCompile(`<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"&%<]*)"|'([^'&%<]*)')\s*>`)

// declareEntities adds a DOCTYPE's internal entities to m. Values that
// refer to other entities or to files are not taken, so nothing expands
// beyond its own text.
func declareEntities(m map[string]string, dir xml.Directive) {
	if len(m) >= maxEntities {
		return
	}
	for _, e := range entityDecl.FindAllSubmatch(dir, maxEntities-len(m)) {
		m[string(e[1])] = string(e[2]) + string(e[3])
	}
}

const maxEntities = 64

// entityGrowth is how many bytes the internal entities of src's DOCTYPE
// add where they are used, found before decoding: the decoder expands a
// reference inside one token, so bounding the output alone would let one
// attribute of references take memory without bound.
func entityGrowth(src []byte) int {
	i := bytes.Index(src, []byte("<!DOCTYPE"))
	if i < 0 {
		return 0
	}
	end := bytes.Index(src[i:], []byte("]>"))
	if end < 0 {
		return 0
	}
	growth := 0
	for _, e := range entityDecl.FindAllSubmatch(src[i:i+end+2], maxEntities) {
		size := len(e[2]) + len(e[3])
		growth += size * bytes.Count(src, []byte("&"+string(e[1])+";"))
	}
	return growth
}

// svgEscaper writes text and attribute values back; line breaks and tabs
// stay as they were, so path data keeps its size.
var svgEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func qname(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}
