package content

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strings"
)

// The SVG policy. Static SVG files (logos first of all) come from
// contributors. Shown through <img>, an SVG never runs scripts; opened
// directly, or linked from a body, it would run them with the site's
// origin. So every published SVG is rewritten without what can act:
// script, foreignObject and embedding elements with everything inside
// them, event-handler attributes, and links (href, xlink:href) to anything
// but a fragment of the file or an embedded data: image. What is left is
// written back token by token, with the prefixes as written, so drawings
// keep their look. A file that is not well-formed XML is refused.

// activeElements are removed with their content.
var activeElements = map[string]bool{
	"script": true, "foreignobject": true, "iframe": true, "embed": true, "object": true,
	"handler": true, "listener": true, "audio": true, "video": true,
}

// errNotSVG marks a file that could not be read as XML.
var errNotSVG = errors.New("is not well-formed SVG (XML)")

// errEntityBomb marks a file whose entities expand past its size's bound.
var errEntityBomb = errors.New("expands its entities far beyond its own size")

// SanitizeSVG returns src without active content, or errNotSVG.
func SanitizeSVG(src []byte) ([]byte, error) {
	src, err := SVGText(src)
	if err != nil {
		return nil, err
	}
	// Entities declared in the file expand where used: a few bytes used many
	// times would make a file of any size. The output may not grow past a
	// small multiple of the input.
	limit := 4*len(src) + 1<<20
	if entityGrowth(src) > limit {
		return nil, errEntityBomb
	}
	d := xml.NewDecoder(bytes.NewReader(src))
	d.Strict = true
	d.Entity = map[string]string{}
	var out bytes.Buffer
	out.Grow(len(src))
	skip := 0  // depth inside a removed element
	depth := 0 // depth of the kept elements
	var open []xml.Name
	roots := 0
	pending := false // a kept start tag's ">" is not written yet
	for {
		tok, err := d.RawToken()
		if _, end := tok.(xml.EndElement); pending && !(end && skip == 0) {
			out.WriteByte('>')
			pending = false
		}
		if err == io.EOF {
			if len(open) > 0 || roots != 1 {
				return nil, errNotSVG
			}
			break
		}
		if err != nil {
			return nil, errNotSVG
		}
		switch t := tok.(type) {
		case xml.StartElement:
			// RawToken leaves matching elements to the caller.
			if len(open) == 0 {
				roots++
				if t.Name.Local != "svg" {
					return nil, errNotSVG
				}
			}
			open = append(open, t.Name)
			if skip > 0 || activeElements[strings.ToLower(t.Name.Local)] {
				skip++
				continue
			}
			out.WriteByte('<')
			out.WriteString(qname(t.Name))
			for _, a := range t.Attr {
				if !safeAttr(a) {
					continue
				}
				out.WriteByte(' ')
				out.WriteString(qname(a.Name))
				out.WriteString(`="`)
				svgEscaper.WriteString(&out, a.Value)
				out.WriteByte('"')
			}
			pending = true // ">" or "/>", by what comes next
			depth++
			if out.Len() > limit {
				return nil, errEntityBomb
			}
		case xml.EndElement:
			if len(open) == 0 || open[len(open)-1] != t.Name {
				return nil, errNotSVG
			}
			open = open[:len(open)-1]
			if skip > 0 {
				skip--
				continue
			}
			depth--
			if pending {
				out.WriteString("/>") // an empty element, as drawing programs write it
				pending = false
				continue
			}
			out.WriteString("</" + qname(t.Name) + ">")
		case xml.CharData:
			if out.Len()+len(t) > limit {
				return nil, errEntityBomb
			}
			if skip == 0 && depth > 0 {
				svgEscaper.WriteString(&out, string(t))
			} else if skip == 0 {
				out.WriteByte('\n') // between prolog parts only spaces may stand
			}
		case xml.Comment:
			// Dropped: nothing to lose, and one less place to hide markup.
		case xml.ProcInst:
			if skip == 0 && t.Target == "xml" {
				out.WriteString("<?xml " + string(t.Inst) + "?>")
			}
		case xml.Directive:
			// A DOCTYPE is dropped; the entities it declares (drawing
			// programs declare namespaces so) are written out where used.
			declareEntities(d.Entity, t)
		}
	}
	return out.Bytes(), nil
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

// safeAttr keeps attributes that cannot act or reach outside the file.
// Values are compared without spaces and control characters, which
// browsers skip inside a URL's scheme ("java\tscript:").
func safeAttr(a xml.Attr) bool {
	name := strings.ToLower(a.Name.Local)
	if strings.HasPrefix(name, "on") {
		return false
	}
	link := name == "href" || name == "src" || name == "attributename"
	if !link && !strings.Contains(a.Value, ":") {
		return true // no scheme, nothing to run: path data and most others
	}
	value := strings.ToLower(strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, a.Value))
	switch {
	case name == "href" || name == "src":
		return strings.HasPrefix(value, "#") || strings.HasPrefix(value, "data:image/")
	case name == "attributename":
		// <set>/<animate> could turn a safe link into any other.
		return !strings.HasSuffix(value, "href")
	}
	return !strings.Contains(value, "javascript:") && !strings.Contains(value, "vbscript:")
}
