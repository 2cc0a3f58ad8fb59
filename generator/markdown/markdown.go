package markdown

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/internal/words"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Heading is one entry of a page's table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// New builds the one goldmark instance a build uses. Raw HTML in
// Markdown is dropped (goldmark's default without html.WithUnsafe): chapters
// and project bodies come from contributors.
func New() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer,
			// A line break inside a paragraph between two Chinese, Japanese
			// or Korean characters is no space, as those languages write.
			extension.NewCJK(extension.WithEastAsianLineBreaks(extension.EastAsianLineBreaksSimple))),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(softBreaks{}, 100))),
	)
}

// Resolver maps a content file path (content/…) to the site-relative
// path of the file it becomes in the output, if any.
type Resolver func(contentPath string) (string, bool)

// Bounds on Markdown that goldmark parses in quadratic time.
const (
	// maxLinkWork bounds, per paragraph, the number of opening brackets "["
	// times the paragraph's length: goldmark scans to the paragraph's end
	// for the destination of every link that is not closed, and back over
	// every bracket still open. 40 links in a 10 KB paragraph are 4·10⁵;
	// 60,000 unclosed "[a](" in 240 KB, 1.4·10¹⁰.
	maxLinkWork = 50_000_000
	// maxDelimiters bounds, per paragraph, the emphasis and strikethrough
	// delimiters ("*", "_", "~") and the quotes the typographer pairs ("'"
	// and '"'): goldmark matches them in time that grows with their square
	// when runs of different characters stay unmatched ("a*_" 20,000
	// times took 1.9 s, 10,000 times 0.25 s; 1.3 million quotes 3.1 s).
	// Prose has a few dozen in a paragraph.
	maxDelimiters = 5_000
	// maxHeadings bounds a file's headings: goldmark makes each heading's
	// id unique by trying -1, -2… in turn, so many headings of one text
	// take time that grows faster than their number (62,500 took 1 s,
	// 250,000 6 s).
	maxHeadings = 10_000
	// maxTableRows bounds the lines of one block that hold a "|", which
	// could be a table's rows: 600,000 rows took 2.8 s, four times as
	// long for every doubling.
	maxTableRows = 10_000
	// maxHTMLComments bounds the comments ("<!--") of a file: each one
	// left open makes goldmark look for its end in the rest of the file
	// (4 MB of them took 31 times as long as 1 MB).
	maxHTMLComments = 1_000
	// maxNesting bounds how deeply block quotes and lists nest on a line,
	// and maxIndent how far a line is indented: goldmark's work per line
	// grows with its depth.
	maxNesting = 100
	maxIndent  = 400
	// maxFootnotes bounds a file's footnotes: goldmark finds and orders
	// them in time that grows with the square of their number (1,000 take
	// 10 ms; 10,000, 0.7 s; 30,000, 7 s).
	maxFootnotes = 1000
)

// TooCostly finds text that would take goldmark far longer than its size
// suggests, and says where and why.
// footnoteDef matches the first line of a footnote's definition.
var footnoteDef = regexp.MustCompile(`^ {0,3}\[\^[^\]\s]+\]:`)

func TooCostly(body []byte) (line int, msg string) {
	if n := bytes.Count(body, []byte("<!--")); n > maxHTMLComments {
		i := bytes.Index(body, []byte("<!--"))
		return bytes.Count(body[:i], []byte("\n")) + 1, fmt.Sprintf("%d HTML comments (<!--) in one file, which take too long to read; keep them under %d", n, maxHTMLComments)
	}
	c := costScan{startLine: 1}
	lineNo := 1
	for i := 0; i < len(body); {
		j := bytes.IndexByte(body[i:], '\n')
		if j < 0 {
			j = len(body) - i
		}
		ln := body[i : i+j]
		if m := c.lineProblem(ln); m != "" {
			return lineNo, m
		}
		switch {
		case len(bytes.TrimSpace(ln)) == 0:
			if m := c.blockProblem(i); m != "" {
				return c.startLine, m
			}
			c.newBlock(i+j+1, lineNo+1, nil)
		case footnoteDef.Match(ln):
			if c.footnotes++; c.footnotes > maxFootnotes {
				return lineNo, fmt.Sprintf("more than %d footnotes in one file; split it into chapters", maxFootnotes)
			}
			// A footnote's definition is a block of its own: a long list of
			// them is many short paragraphs, not one long one.
			if m := c.blockProblem(i); m != "" {
				return c.startLine, m
			}
			c.newBlock(i, lineNo, ln)
		default:
			c.openers += bytes.Count(ln, []byte("["))
			c.delims += countDelimiters(ln)
		}
		i += j + 1
		lineNo++
	}
	if m := c.blockProblem(len(body)); m != "" {
		return c.startLine, m
	}
	return 0, ""
}

// costScan counts, over a file and over its current block (a paragraph,
// a table), what goldmark reads in more than linear time.
type costScan struct {
	start, startLine      int // the block's first byte and line
	openers, delims, rows int // in the block
	headings, footnotes   int // in the file
}

// lineProblem says what is wrong with one line, or "": nesting, indent,
// a heading too many; it counts the line as a table row if it is one.
func (c *costScan) lineProblem(ln []byte) string {
	if indent, depth := nesting(ln); depth > maxNesting {
		return fmt.Sprintf("quotes and lists nested %d deep on one line; keep them under %d", depth, maxNesting)
	} else if indent > maxIndent {
		return fmt.Sprintf("a line indented %d columns; keep it under %d", indent, maxIndent)
	}
	if isHeading(ln) {
		if c.headings++; c.headings > maxHeadings {
			return fmt.Sprintf("more than %d headings in one file, which take too long to read; split it into chapters", maxHeadings)
		}
	}
	if bytes.IndexByte(ln, '|') >= 0 {
		c.rows++
	}
	return ""
}

// blockProblem says what is wrong with the block ending at end, or "".
func (c *costScan) blockProblem(end int) string {
	if c.openers > 0 && c.openers*(end-c.start) > maxLinkWork {
		return fmt.Sprintf("this paragraph has %d opening brackets \"[\" in %d characters, which takes too long to read; close its links or split it", c.openers, end-c.start)
	}
	if c.delims > maxDelimiters {
		return fmt.Sprintf("this paragraph has %d emphasis marks and quotes (*, _, ~, ' or \"), which takes too long to read; keep them under %d, or escape them as \\*", c.delims, maxDelimiters)
	}
	if c.rows > maxTableRows {
		return fmt.Sprintf("this block has %d lines with \"|\" (table rows), which takes too long to read; keep a table under %d rows, or split it", c.rows, maxTableRows)
	}
	return ""
}

// newBlock starts a block at byte start and line, with first its first
// line when that is already read.
func (c *costScan) newBlock(start, line int, first []byte) {
	c.start, c.startLine, c.rows = start, line, 0
	c.openers, c.delims = bytes.Count(first, []byte("[")), countDelimiters(first)
}

// countDelimiters counts the characters that open or close emphasis and
// strikethrough, and the quotes the typographer pairs.
func countDelimiters(ln []byte) int {
	n := 0
	for _, c := range ln {
		if c == '*' || c == '_' || c == '~' || c == '\'' || c == '"' {
			n++
		}
	}
	return n
}

// isHeading tells whether a line is, or could underline, a heading: "#"
// after at most three spaces, or a line of only "=" or "-".
func isHeading(ln []byte) bool {
	t := bytes.TrimLeft(ln, " ")
	if len(ln)-len(t) > 3 || len(t) == 0 {
		return false
	}
	if t[0] == '#' {
		return true
	}
	t = bytes.TrimRight(t, " \t\r")
	return len(t) > 0 && (len(bytes.Trim(t, "=")) == 0 || len(bytes.Trim(t, "-")) == 0)
}

// nesting measures a line's leading white space and how many quote and
// list markers open it ("> - 1. x" is three).
func nesting(ln []byte) (indent, depth int) {
	i := 0
	for i < len(ln) && (ln[i] == ' ' || ln[i] == '\t') {
		i++
	}
	indent = i
	for i < len(ln) {
		switch c := ln[i]; {
		case c == ' ' || c == '\t':
			i++
			continue
		case c == '>':
			i++
		case (c == '-' || c == '*' || c == '+') && i+1 < len(ln) && (ln[i+1] == ' ' || ln[i+1] == '\t'):
			i += 2
		case c >= '0' && c <= '9':
			k := i
			for k < len(ln) && ln[k] >= '0' && ln[k] <= '9' {
				k++
			}
			if k+1 < len(ln) && (ln[k] == '.' || ln[k] == ')') && (ln[k+1] == ' ' || ln[k+1] == '\t') {
				i = k + 2
			} else {
				return indent, depth
			}
		default:
			return indent, depth
		}
		depth++
	}
	return indent, depth
}

// Render renders one file's body. Links to other content files
// (../projects/io-net.md, 02-map.md#layers, ../static/map.png) become
// relative links to their pages, given root, the relative prefix from the
// page to the site root. Links that cannot work offline or under a subpath
// are reported.
func Render(md goldmark.Markdown, file string, body []byte, bodyLine int, root string, resolve Resolver) Result {
	return RenderAs(md, file, body, bodyLine, root, resolve, "")
}

// RenderAs is Render with every heading id, and every link
// to one, prefixed by idPrefix, for pages that hold several bodies.
func RenderAs(md goldmark.Markdown, file string, body []byte, bodyLine int, root string, resolve Resolver, idPrefix string) Result {
	var ps content.Problems
	if line, msg := TooCostly(body); msg != "" {
		// goldmark reads such text in time that grows with the square of
		// its size: refuse it rather than take minutes.
		ps = append(ps, content.Problem{Pos: content.Pos{File: file, Line: bodyLine + line - 1}, Kind: string(content.KindMarkdown), Msg: msg})
		return Result{Problems: ps}
	}
	var ids parser.IDs = newHeadingIDs()
	if idPrefix != "" {
		ids = prefixIDs{ids, idPrefix}
	}
	ctx := parser.NewContext(parser.WithIDs(ids))
	doc := md.Parser().Parse(text.NewReader(body), parser.WithContext(ctx))
	r := renderDoc(md, file, doc, body, bodyLine, root, resolve, idPrefix)
	r.Problems = append(ps, r.Problems...)
	return r
}

// renderDoc rewrites a parsed body's links for a page at root, deepens
// its headings on a page of several bodies (idPrefix set: its heading ids
// already carry it), and renders it.
func renderDoc(md goldmark.Markdown, file string, doc ast.Node, body []byte, bodyLine int, root string, resolve Resolver, idPrefix string) Result {
	var ps content.Problems
	var toc []Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if idPrefix != "" && n.Level < 6 {
				n.Level++ // under the chapter's own heading on a shared page
			}
			if id, ok := n.AttributeString("id"); ok && n.Level >= 2 && n.Level <= 3 {
				toc = append(toc, Heading{Level: n.Level, ID: string(id.([]byte)), Text: plainText(n, body)})
			}
		case *ast.Link:
			if idPrefix != "" && bytes.HasPrefix(n.Destination, []byte("#")) && len(n.Destination) > 1 {
				n.Destination = []byte("#" + idPrefix + string(n.Destination[1:]))
			} else if dest, problem := rewriteLink(file, string(n.Destination), root, resolve); problem != "" {
				ps = append(ps, content.Problem{Pos: content.Pos{File: file, Line: lineOf(n, body, bodyLine)}, Kind: string(content.KindBrokenLink), Msg: problem})
			} else {
				n.Destination = []byte(dest)
			}
		case *ast.Image:
			if u, err := url.Parse(string(n.Destination)); err == nil && (u.Scheme != "" || u.Host != "") {
				// Pages promise to load nothing from other sites: readers
				// offline would see a hole, and the other site would see
				// every reader.
				ps = append(ps, content.Problem{Pos: content.Pos{File: file, Line: lineOf(n, body, bodyLine)}, Kind: string(content.KindRemoteImage),
					Msg: "image " + string(n.Destination) + " is on another site; copy it into " + content.StaticDir + " and link it from there, so pages load nothing from elsewhere"})
				n.Destination = nil
			} else if dest, problem := rewriteLink(file, string(n.Destination), root, resolve); problem != "" {
				ps = append(ps, content.Problem{Pos: content.Pos{File: file, Line: lineOf(n, body, bodyLine)}, Kind: string(content.KindBrokenLink), Msg: problem})
			} else {
				n.Destination = []byte(dest)
			}
		}
		return ast.WalkContinue, nil
	})
	var buf htmlBuffer
	// HTML is about the size of its Markdown and a little more: grown
	// from nothing, the buffer was copied and cleared several times.
	buf.Grow(len(body) + len(body)/4 + 64)
	if err := md.Renderer().Render(&buf, body, doc); err != nil {
		ps = append(ps, content.Problem{Pos: content.Pos{File: file}, Kind: string(content.KindMarkdown), Msg: "rendering Markdown: " + err.Error()})
	}
	return Result{HTML: template.HTML(buf.String()), TOC: toc, Passages: passages(doc, body), Problems: ps}
}

// htmlBuffer is a bytes.Buffer as goldmark's util.BufWriter, so that the
// renderer writes straight into it: given a plain io.Writer, it puts a
// bufio.Writer of its own in between, 4 KB allocated for every body and
// every byte copied once more.
type htmlBuffer struct{ bytes.Buffer }

func (b *htmlBuffer) Available() int { return b.Cap() - b.Len() }
func (b *htmlBuffer) Buffered() int  { return 0 }
func (b *htmlBuffer) Flush() error   { return nil }

var _ util.BufWriter = (*htmlBuffer)(nil)

// RenderTwice is Render for the body's own page, and RenderAs (at
// printRoot, with idPrefix) of the same text for a page that holds several
// bodies, from one parse: a chapter is on its page and on the
// whole-report page. The second rendering's problems are the first's.
func RenderTwice(md goldmark.Markdown, file string, body []byte, bodyLine int, root string, resolve Resolver, printRoot, idPrefix string) (Result, template.HTML) {
	if line, msg := TooCostly(body); msg != "" {
		return Result{Problems: content.Problems{{Pos: content.Pos{File: file, Line: bodyLine + line - 1}, Kind: string(content.KindMarkdown), Msg: msg}}}, ""
	}
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	doc := md.Parser().Parse(text.NewReader(body), parser.WithContext(ctx))
	// The destinations as written, before the first rendering rewrites
	// them for its page.
	dests := map[ast.Node][]byte{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Link:
			if entering {
				dests[n] = n.Destination
			}
		case *ast.Image:
			if entering {
				dests[n] = n.Destination
			}
		}
		return ast.WalkContinue, nil
	})
	r := renderDoc(md, file, doc, body, bodyLine, root, resolve, "")
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if id, ok := n.AttributeString("id"); ok {
				n.SetAttributeString("id", append([]byte(idPrefix), id.([]byte)...))
			}
		case *ast.Link:
			n.Destination = dests[n]
		case *ast.Image:
			if n.Destination != nil { // a remote image stays out
				n.Destination = dests[n]
			}
		}
		return ast.WalkContinue, nil
	})
	pr := renderDoc(md, file, doc, body, bodyLine, printRoot, resolve, idPrefix)
	return r, pr.HTML
}

// prefixIDs gives heading ids a prefix, keeping goldmark's own scheme.
type prefixIDs struct {
	parser.IDs
	prefix string
}

func (p prefixIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	return append([]byte(p.prefix), p.IDs.Generate(value, kind)...)
}

// Result is one Markdown body, rendered.
type Result struct {
	HTML     template.HTML
	TOC      []Heading
	Passages []Passage
	Problems content.Problems
}

// Passage is the text under one heading (or before the first), for search.
type Passage struct {
	ID      string // the heading's anchor, "" before the first heading
	Heading string
	Text    string
}

// passages splits a document's plain text at its h2 and h3 headings.
func passages(doc ast.Node, src []byte) []Passage {
	var out []Passage
	cur := Passage{}
	var text bytes.Buffer // reused from passage to passage
	flush := func() {
		cur.Text = words.CollapseBytes(text.Bytes())
		if cur.Text != "" || cur.Heading != "" {
			out = append(out, cur)
		}
		text.Reset()
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level >= 2 && h.Level <= 3 {
			flush()
			cur = Passage{Heading: plainText(h, src)}
			if id, ok := h.AttributeString("id"); ok {
				cur.ID = string(id.([]byte))
			}
			continue
		}
		blockText(&text, n, src)
	}
	flush()
	return out
}

// blockText appends the plain text of a block and its children.
func blockText(b *bytes.Buffer, n ast.Node, src []byte) {
	if n.Type() == ast.TypeBlock && n.FirstChild() == nil && n.Lines().Len() > 0 {
		// Code blocks hold their text as lines.
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			b.Write(seg.Value(src))
		}
		b.WriteByte(' ')
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() == ast.TypeInline {
			plainTextTo(b, c, src)
		} else {
			blockText(b, c, src)
		}
	}
	b.WriteByte(' ')
}

// rewriteLink returns the link to write for dest, or a problem.
func rewriteLink(file, dest, root string, resolve Resolver) (string, string) {
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
	var b bytes.Buffer
	plainTextTo(&b, n, src)
	return b.String()
}

// plainTextTo is plainText written into b.
func plainTextTo(b *bytes.Buffer, n ast.Node, src []byte) {
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
		case *ast.AutoLink:
			// An address written bare or in <…> has no text child: its
			// label is the text a reader sees.
			b.Write(c.Label(src))
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
}
