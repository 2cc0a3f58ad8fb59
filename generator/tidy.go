package generator

import (
	"html/template"
	"math"
	"regexp"
	"strings"
	"text/template/parse"

	"github.com/panorama-ssg/panorama/internal/words"
)

// indent is a line break with the blank lines and indentation after it.
var indent = regexp.MustCompile(`\n[ \t\r\n]*`)

// tidy drops the indentation and blank lines that templates are written
// with from their text, once, before any page is rendered: they are a
// tenth of a page's bytes and the browser collapses them anyway. A line
// break is kept where one was, so text and attributes keep their word
// breaks; text inside <pre> and <textarea>, where every space shows, and
// inside <script>, whose strings may span lines, is left as written.
// Values given to the template are never touched.
func tidy(set *template.Template) {
	for _, t := range set.Templates() {
		if t.Tree == nil || t.Tree.Root == nil {
			continue
		}
		var keep bool
		tidyList(t.Tree.Root, &keep)
	}
}

// tidyList tidies a list's text nodes in order; keep carries whether the
// text so far has left a <pre>, <textarea> or <script> open.
func tidyList(list *parse.ListNode, keep *bool) {
	if list == nil {
		return
	}
	for _, n := range list.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			n.Text = tidyText(n.Text, keep)
		case *parse.IfNode:
			tidyList(n.List, keep)
			tidyList(n.ElseList, keep)
		case *parse.RangeNode:
			tidyList(n.List, keep)
			tidyList(n.ElseList, keep)
		case *parse.WithNode:
			tidyList(n.List, keep)
			tidyList(n.ElseList, keep)
		case *parse.ListNode:
			tidyList(n, keep)
		}
	}
}

// tidyText tidies one run of template text, leaving what is inside <pre>,
// <textarea> or <script> as it is.
func tidyText(s []byte, keep *bool) []byte {
	var out strings.Builder
	// Tag names are ASCII: lower-casing only ASCII keeps lower's offsets
	// those of text.
	text := string(s)
	lower := words.LowerASCII(text)
	for at := 0; at < len(text); {
		rest := lower[at:]
		if *keep {
			end := min(index(rest, "</pre"), index(rest, "</textarea"), index(rest, "</script"))
			if end == notFound {
				out.WriteString(text[at:])
				break
			}
			out.WriteString(text[at : at+end+1])
			at += end + 1
			*keep = false
			continue
		}
		start := min(index(rest, "<pre"), index(rest, "<textarea"), index(rest, "<script"))
		if start == notFound {
			out.WriteString(indent.ReplaceAllString(text[at:], "\n"))
			break
		}
		out.WriteString(indent.ReplaceAllString(text[at:at+start], "\n"))
		out.WriteByte('<')
		at += start + 1
		*keep = true
	}
	return []byte(out.String())
}

// notFound sorts after every place in a text.
const notFound = math.MaxInt

// index is strings.Index with notFound for "not there", so that min picks
// the first of several.
func index(s, sub string) int {
	if i := strings.Index(s, sub); i >= 0 {
		return i
	}
	return notFound
}
