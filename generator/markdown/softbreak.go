package markdown

import (
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// softBreaks renders text as goldmark's HTML renderer does, but decides a
// soft line break by the characters on either side of it even when the
// next thing is a link, emphasis or code span: goldmark's East Asian line
// breaks look only at a following plain text and otherwise drop the break,
// which joins "On" and a link on the next line into "OnAkash"
// (yuin/goldmark#582). The break is left out only between two East Asian
// wide characters, as Chinese is written.
type softBreaks struct{}

func (softBreaks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindText, renderText)
}

func renderText(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Text)
	value := n.Segment.Value(source)
	if n.IsRaw() {
		html.DefaultWriter.RawWrite(w, value)
		return ast.WalkContinue, nil
	}
	html.DefaultWriter.Write(w, value)
	switch {
	case n.HardLineBreak():
		_, _ = w.WriteString("<br>\n")
	case n.SoftLineBreak():
		before := lastRune(value)
		if before == utf8.RuneError {
			before = runeBefore(n, source)
		}
		if !(util.IsEastAsianWideRune(before) && util.IsEastAsianWideRune(runeAfter(n, source))) {
			_ = w.WriteByte('\n')
		}
	}
	return ast.WalkContinue, nil
}

func lastRune(b []byte) rune {
	r, _ := utf8.DecodeLastRune(b)
	return r
}

// runeAfter is the first character a reader sees after n, looking into
// the inline elements that follow it and out of the ones that hold it;
// utf8.RuneError when the paragraph ends.
func runeAfter(n ast.Node, source []byte) rune {
	for ; n != nil && n.Type() == ast.TypeInline; n = n.Parent() {
		for s := n.NextSibling(); s != nil; s = s.NextSibling() {
			if r := edgeRune(s, source, true); r != utf8.RuneError {
				return r
			}
		}
	}
	return utf8.RuneError
}

// runeBefore is the last character before n, the same way.
func runeBefore(n ast.Node, source []byte) rune {
	for ; n != nil && n.Type() == ast.TypeInline; n = n.Parent() {
		for s := n.PreviousSibling(); s != nil; s = s.PreviousSibling() {
			if r := edgeRune(s, source, false); r != utf8.RuneError {
				return r
			}
		}
	}
	return utf8.RuneError
}

// edgeRune is the first (or last) character of the text under n.
func edgeRune(n ast.Node, source []byte, first bool) rune {
	var b []byte
	switch n := n.(type) {
	case *ast.Text:
		b = n.Segment.Value(source)
	case *ast.String:
		b = n.Value
	case *ast.AutoLink:
		b = n.Label(source)
	}
	if len(b) > 0 {
		if first {
			r, _ := utf8.DecodeRune(b)
			return r
		}
		return lastRune(b)
	}
	c := n.FirstChild()
	if !first {
		c = n.LastChild()
	}
	for ; c != nil; c = next(c, first) {
		if r := edgeRune(c, source, first); r != utf8.RuneError {
			return r
		}
	}
	return utf8.RuneError
}

func next(n ast.Node, forward bool) ast.Node {
	if forward {
		return n.NextSibling()
	}
	return n.PreviousSibling()
}
