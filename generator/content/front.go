package content

import (
	"errors"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/panorama-ssg/panorama/internal/binrec"
)

// Front is a Markdown file split and its front matter parsed: what a build
// cache keeps so that the next build neither reads nor parses a file that
// has not changed. Decoding the front matter into a chapter or a project,
// which reads site.yaml's fields, is done again from it every time.
type Front struct {
	root     *yaml.Node // the front matter; nil when there is none to decode
	fmLine   int        // file line of the front matter's first line
	body     []byte
	bodyLine int
	problems Problems // what splitting and parsing found
}

// FrontStore keeps parsed files and checked logos between builds. Front
// returns file's parse as an earlier build made it, or nil unless the
// file is the same; Keep is given each file this build read and parsed,
// with its bytes. Logo returns what an earlier build found reading a logo
// file that is the same, which stat says is of this size and time;
// KeepLogo is given what this build found.
type FrontStore interface {
	Front(file string) *Front
	Keep(file string, src []byte, f *Front)
	Logo(file string, size int64, mod time.Time) (LogoCheck, bool)
	KeepLogo(file string, size int64, mod time.Time, c LogoCheck)
}

// LogoCheck is what reading a logo file found.
type LogoCheck struct {
	Kind   string // "svg", "raster", or "" when the file is not an image
	Broken bool   // an SVG that is not well-formed XML
	Detail string // what it is instead, for the message
}

// Body is the file's text below the front matter.
func (fr *Front) Body() []byte { return fr.body }

// parseFront splits a Markdown file and parses its front matter.
func parseFront(file string, src []byte) *Front {
	fr := &Front{}
	fm, body, fmLine, bodyLine, err := Split(src)
	if err != nil {
		fr.problems.add(Pos{File: file, Line: 1}, KindFrontMatter, "%s", err.Error())
		return fr
	}
	fr.root = parseYAML(file, fm, fmLine, &fr.problems)
	if fr.root != nil {
		fr.fmLine, fr.body, fr.bodyLine = fmLine, body, bodyLine
	}
	return fr
}

// fields gives the front matter's keys, or nil when there is none, adding
// the parse's problems to ps.
func (fr *Front) fields(file string, ps *Problems) (f *fields, body []byte, bodyLine int) {
	*ps = append(*ps, fr.problems...)
	if fr.root == nil {
		return nil, nil, 0
	}
	return newFields(file, fr.fmLine, fr.root, ps), fr.body, fr.bodyLine
}

// frontMatter splits a Markdown file and decodes its front matter, or
// reports why it cannot and returns nil.
func frontMatter(file string, src []byte, ps *Problems) (f *fields, body []byte, bodyLine int) {
	return parseFront(file, src).fields(file, ps)
}

// Write writes fr for ReadFront.
func (fr *Front) Write(w *binrec.Writer) {
	writeProblems(w, fr.problems)
	w.Num(fr.fmLine)
	w.Num(fr.bodyLine)
	w.Bytes(fr.body)
	// The nodes in document order, each with the number of its children
	// and, for an alias, the place of the node it names plus one.
	var nodes []*yaml.Node
	at := map[*yaml.Node]int{}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		at[n] = len(nodes)
		nodes = append(nodes, n)
		for _, c := range n.Content {
			walk(c)
		}
	}
	if fr.root != nil {
		walk(fr.root)
	}
	w.Num(len(nodes))
	for _, n := range nodes {
		w.Num(int(n.Kind))
		w.Num(int(n.Style))
		w.Str(n.Tag)
		w.Str(n.Value)
		w.Str(n.Anchor)
		alias := 0
		if n.Alias != nil {
			i, ok := at[n.Alias]
			if !ok {
				w.Fail(errors.New("a YAML alias names a node outside its document"))
				return
			}
			alias = i + 1
		}
		w.Num(alias)
		w.Str(n.HeadComment)
		w.Str(n.LineComment)
		w.Str(n.FootComment)
		w.Num(n.Line)
		w.Num(n.Column)
		w.Num(len(n.Content))
	}
}

var errBadFront = errors.New("cached front matter does not hold together")

// minNodeBytes is the least a node takes in the cache: its numbers and
// the lengths of its strings.
const minNodeBytes = 11

// FrontBody reads the body of what Write wrote, and nothing after it:
// the very bytes ReadFront's body shares.
func FrontBody(data []byte) ([]byte, bool) {
	r := binrec.NewReader(data)
	readProblems(r)
	r.Num()
	r.Num()
	body := r.Bytes()
	return body, r.Err() == nil
}

// ReadFront reads what Write wrote. The strings and the body share r's
// bytes.
func ReadFront(r *binrec.Reader) (*Front, error) {
	fr := &Front{problems: readProblems(r), fmLine: r.Num(), bodyLine: r.Num(), body: r.Bytes()}
	n := r.Num()
	if r.Err() != nil {
		return nil, r.Err()
	}
	if n == 0 {
		return fr, nil
	}
	if n > r.Len()/minNodeBytes {
		return nil, errBadFront
	}
	// The nodes come in document order, so each is its parent's next
	// child: a stack holds the nodes still missing children. They and
	// their lists of children are two allocations, whatever their number.
	nodes := make([]yaml.Node, n)
	children := make([]*yaml.Node, n-1)
	type open struct{ node, missing int }
	var stack []open
	for i := range nodes {
		nd := &nodes[i]
		kids, err := readNode(r, nd, nodes)
		if err != nil {
			return nil, err
		}
		for len(stack) > 0 && stack[len(stack)-1].missing == 0 {
			stack = stack[:len(stack)-1]
		}
		if i > 0 {
			if len(stack) == 0 {
				return nil, errBadFront
			}
			top := &stack[len(stack)-1]
			nodes[top.node].Content = append(nodes[top.node].Content, nd)
			top.missing--
		}
		if kids > 0 {
			if kids > len(children) {
				return nil, errBadFront
			}
			nd.Content, children = children[:0:kids], children[kids:]
			stack = append(stack, open{i, kids})
		}
	}
	for _, o := range stack {
		if o.missing != 0 {
			return nil, errBadFront
		}
	}
	fr.root = &nodes[0]
	return fr, nil
}

// readNode reads one node Write wrote into nd, its alias one of nodes;
// it returns how many children follow.
func readNode(r *binrec.Reader, nd *yaml.Node, nodes []yaml.Node) (kids int, err error) {
	nd.Kind, nd.Style = yaml.Kind(r.Num()), yaml.Style(r.Num())
	nd.Tag, nd.Value, nd.Anchor = r.Str(), r.Str(), r.Str()
	if a := r.Num(); a > len(nodes) {
		return 0, errBadFront
	} else if a > 0 {
		nd.Alias = &nodes[a-1]
	}
	nd.HeadComment, nd.LineComment, nd.FootComment = r.Str(), r.Str(), r.Str()
	nd.Line, nd.Column = r.Num(), r.Num()
	kids = r.Num()
	return kids, r.Err()
}

func writeProblems(w *binrec.Writer, ps Problems) {
	w.Num(len(ps))
	for _, p := range ps {
		w.Str(p.Pos.File)
		w.Num(p.Pos.Line)
		w.Num(p.Pos.Col)
		w.Str(p.Kind)
		w.Str(p.Msg)
		flags := 0
		if p.Warn {
			flags |= 1
		}
		if p.Accepted {
			flags |= 2
		}
		w.Num(flags)
	}
}

func readProblems(r *binrec.Reader) Problems {
	n := r.Num()
	if n == 0 || r.Err() != nil {
		return nil
	}
	ps := make(Problems, 0, min(n, 64))
	for range n {
		p := Problem{Pos: Pos{File: r.Str(), Line: r.Num(), Col: r.Num()}, Kind: r.Str(), Msg: r.Str()}
		flags := r.Num()
		p.Warn, p.Accepted = flags&1 != 0, flags&2 != 0
		if r.Err() != nil {
			return nil
		}
		ps = append(ps, p)
	}
	return ps
}
