package generator

import (
	"bytes"
	"html"
	"html/template"
	"net/url"
	"path"
	"strings"

	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Heading is one entry of a page's table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// newMarkdown builds the one goldmark instance a build uses. Raw HTML in
// Markdown is dropped (goldmark's default without html.WithUnsafe): chapters
// and project bodies come from contributors.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
}

// linkResolver maps a content file path (content/…) to the site-relative
// path of the file it becomes in the output, if any.
type linkResolver func(contentPath string) (string, bool)

// renderMarkdown renders one file's body. Links to other content files
// (../projects/io-net.md, 02-map.md#layers, ../static/map.png) become
// relative links to their pages, given root, the relative prefix from the
// page to the site root. Links that cannot work offline or under a subpath
// are reported.
func renderMarkdown(md goldmark.Markdown, file string, body []byte, bodyLine int, root string, resolve linkResolver) (template.HTML, []Heading, content.Problems) {
	var ps content.Problems
	doc := md.Parser().Parse(text.NewReader(body), parser.WithContext(parser.NewContext()))
	var toc []Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if id, ok := n.AttributeString("id"); ok && n.Level >= 2 && n.Level <= 3 {
				toc = append(toc, Heading{Level: n.Level, ID: string(id.([]byte)), Text: plainText(n, body)})
			}
		case *ast.Link:
			if dest, problem := rewriteLink(file, string(n.Destination), root, resolve); problem != "" {
				ps = append(ps, content.Problem{Pos: content.Pos{File: file, Line: lineOf(n, body, bodyLine)}, Msg: problem})
			} else {
				n.Destination = []byte(dest)
			}
		case *ast.Image:
			if dest, problem := rewriteLink(file, string(n.Destination), root, resolve); problem != "" {
				ps = append(ps, content.Problem{Pos: content.Pos{File: file, Line: lineOf(n, body, bodyLine)}, Msg: problem})
			} else {
				n.Destination = []byte(dest)
			}
		}
		return ast.WalkContinue, nil
	})
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, body, doc); err != nil {
		ps = append(ps, content.Problem{Pos: content.Pos{File: file}, Msg: "rendering Markdown: " + err.Error()})
	}
	return template.HTML(buf.String()), toc, ps
}

// rewriteLink returns the link to write for dest, or a problem.
func rewriteLink(file, dest, root string, resolve linkResolver) (string, string) {
	if dest == "" || strings.HasPrefix(dest, "#") {
		return dest, ""
	}
	u, err := url.Parse(dest)
	if err != nil {
		return "", "link " + dest + " is not a valid address"
	}
	if u.Scheme != "" || u.Host != "" {
		return dest, "" // external; goldmark already drops javascript: links
	}
	if strings.HasPrefix(u.Path, "/") {
		return "", "link " + dest + " starts with /, which breaks under a subpath and from file://; link to the .md file relatively, e.g. ../projects/io-net.md"
	}
	target := path.Join(path.Dir(file), u.Path)
	out, ok := resolve(target)
	if !ok {
		if strings.HasSuffix(u.Path, ".md") {
			return "", "link " + dest + ": " + target + " is not a chapter or project"
		}
		return "", "link " + dest + ": " + target + " does not exist; link to a .md file or a file in " + content.StaticDir
	}
	if u.Fragment != "" {
		out += "#" + u.Fragment
	}
	return root + out, ""
}

// lineOf finds the file line of an inline node: that of its first text,
// or else the first line of its nearest block.
func lineOf(n ast.Node, src []byte, bodyLine int) int {
	start := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			start = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if start >= 0 {
		return bodyLine + bytes.Count(src[:start], []byte("\n"))
	}
	for p := n; p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			start := p.Lines().At(0).Start
			return bodyLine + bytes.Count(src[:start], []byte("\n"))
		}
	}
	return bodyLine
}

// plainText joins the text under n.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.WriteString(html.UnescapeString(string(c.Value)))
		case *ast.CodeSpan:
			for ch := c.FirstChild(); ch != nil; ch = ch.NextSibling() {
				if t, ok := ch.(*ast.Text); ok {
					b.Write(t.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
