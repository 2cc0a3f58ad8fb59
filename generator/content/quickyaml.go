package content

import (
	"bytes"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// quickYAML parses the shape nearly every project's front matter has —
// comment lines at the top, then one line per key with a plain, single-
// or double-quoted scalar or a one-line list of such — into the very node
// yaml.v3 gives for it, and reports false for anything else, which
// yaml.v3 then parses. yaml.v3 takes some 25 µs for a dozen such lines,
// most of it setting up its parser and its tokens: at 10,000 projects, a
// twentieth of a build's time.
//
// Everything it accepts is valid YAML with one reading; the tags come
// from yaml.v3 itself (Node.ShortTag), the positions count characters
// from 1 as yaml.v3's do. TestQuickYAMLIsYAMLv3 holds it to yaml.v3 on
// every front matter it can find and on inputs made to trip it.
func quickYAML(src []byte) (*yaml.Node, bool) {
	if !utf8.Valid(src) {
		return nil, false
	}
	// A key and its value on each line: the nodes are allocated together,
	// and a list's items as it is read; room for more than a front
	// matter's usual keys is made as they come, so that a file of blank
	// lines or commas does not set aside memory for keys it lacks.
	room := min(2*(bytes.Count(src, []byte{'\n'})+1), maxRoom)
	q := quickParser{src: src, slab: make([]yaml.Node, 0, room), keys: room}
	comments, headEnd := 0, 0 // the comment lines at the top, and where they end
	for line := 1; len(q.src) > 0; line++ {
		start := q.at
		l := q.next()
		switch {
		case len(l) == 0:
			if comments > 0 && q.root == nil {
				return nil, false // a blank line makes them the document's comment
			}
		case l[0] == '#':
			if comments != line-1 || !plainText(l, false) || l[len(l)-1] == ' ' {
				return nil, false
			}
			comments, headEnd = comments+1, start+len(l)
		default:
			if !q.entry(l, line) {
				return nil, false
			}
		}
	}
	if q.root == nil {
		return nil, false
	}
	if comments > 0 {
		q.root.Content[0].HeadComment = string(src[:headEnd])
	}
	return q.root, true
}

type quickParser struct {
	src  []byte // what is left of the input, from offset at
	at   int
	root *yaml.Node
	slab []yaml.Node
	keys int // room for the root's keys and values
}

// next cuts the next line off src; a line with a carriage return or a
// tab is left for yaml.v3 by entry and plainText refusing those.
func (q *quickParser) next() []byte {
	l := q.src
	if i := bytes.IndexByte(l, '\n'); i >= 0 {
		l, q.src = l[:i], l[i+1:]
		q.at += i + 1
	} else {
		q.src = nil
		q.at += len(l)
	}
	return l
}

// maxRoom is the most nodes made room for at once.
const maxRoom = 64

func (q *quickParser) node() *yaml.Node {
	if len(q.slab) == cap(q.slab) {
		q.slab = make([]yaml.Node, 0, 16)
	}
	q.slab = q.slab[:len(q.slab)+1]
	return &q.slab[len(q.slab)-1]
}

// entry reads one "key: value" line at file line line.
func (q *quickParser) entry(l []byte, line int) bool {
	k := 0
	for k < len(l) && (l[k] >= 'a' && l[k] <= 'z' || l[k] >= 'A' && l[k] <= 'Z' || l[k] == '_' || k > 0 && (l[k] >= '0' && l[k] <= '9' || l[k] == '-')) {
		k++
	}
	if k == 0 || k > 64 || k+1 >= len(l) || l[k] != ':' || l[k+1] != ' ' {
		return false
	}
	v := k + 1
	for v < len(l) && l[v] == ' ' {
		v++
	}
	if v == len(l) {
		return false // the value is on the lines below
	}
	key := q.node()
	*key = yaml.Node{Kind: yaml.ScalarNode, Value: string(l[:k]), Line: line, Column: 1}
	key.Tag = key.ShortTag()
	val := q.value(l[v:], line, v+1, false)
	if val == nil {
		return false
	}
	if q.root == nil {
		q.root = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: line, Column: 1, Content: make([]*yaml.Node, 0, q.keys)}
	}
	q.root.Content = append(q.root.Content, key, val)
	return true
}

// value reads a whole scalar or flow list s that starts at column col;
// inFlow for an item of a list, where s is the item alone.
func (q *quickParser) value(s []byte, line, col int, inFlow bool) *yaml.Node {
	switch s[0] {
	case '"', '\'':
		return q.quoted(s, line, col)
	case '[':
		if inFlow {
			return nil
		}
		return q.list(s, line, col)
	}
	return q.plain(s, line, col, inFlow)
}

// quoted reads a single- or double-quoted scalar without escapes.
func (q *quickParser) quoted(s []byte, line, col int) *yaml.Node {
	quote := s[0]
	if len(s) < 2 || s[len(s)-1] != quote || !plainText(s[1:len(s)-1], false) {
		return nil
	}
	inner := s[1 : len(s)-1]
	for _, c := range inner {
		if c == quote || c == '\\' {
			return nil
		}
	}
	style := yaml.DoubleQuotedStyle
	if quote == '\'' {
		style = yaml.SingleQuotedStyle
	}
	n := q.node()
	*n = yaml.Node{Kind: yaml.ScalarNode, Style: style, Tag: "!!str", Value: string(inner), Line: line, Column: col}
	return n
}

// list reads a flow list of scalars on one line, "[a, b]".
func (q *quickParser) list(s []byte, line, col int) *yaml.Node {
	if s[len(s)-1] != ']' {
		return nil
	}
	seq := q.node()
	*seq = yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Tag: "!!seq", Line: line, Column: col}
	inner, at := s[1:len(s)-1], col+1
	if len(inner) == 0 {
		return seq
	}
	// The items' nodes come from a slab of their own, the keys' stay.
	keys := q.slab
	q.slab = make([]yaml.Node, 0, min(bytes.Count(inner, []byte{','})+1, maxRoom))
	defer func() { q.slab = keys }()
	seq.Content = make([]*yaml.Node, 0, cap(q.slab))
	for {
		item := inner
		i := bytes.IndexByte(inner, ',')
		if i >= 0 {
			item = inner[:i]
		}
		lead := 0
		for lead < len(item) && item[lead] == ' ' {
			lead++
		}
		t := trimSpaces(item[lead:])
		if len(t) == 0 {
			return nil
		}
		n := q.value(t, line, at+utf8.RuneCount(item[:lead]), true)
		if n == nil {
			return nil
		}
		seq.Content = append(seq.Content, n)
		if i < 0 {
			return seq
		}
		at += utf8.RuneCount(inner[:i+1])
		inner = inner[i+1:]
	}
}

// plain reads a plain scalar, tagged as yaml.v3 resolves it.
func (q *quickParser) plain(s []byte, line, col int, inFlow bool) *yaml.Node {
	if !plainStart(s) || !plainText(s, inFlow) || s[len(s)-1] == ' ' || s[len(s)-1] == ':' {
		return nil
	}
	for i := 1; i < len(s); i++ {
		if s[i] == '#' && s[i-1] == ' ' || s[i] == ' ' && s[i-1] == ':' {
			return nil
		}
	}
	n := q.node()
	*n = yaml.Node{Kind: yaml.ScalarNode, Value: string(s), Line: line, Column: col}
	n.Tag = n.ShortTag() // yaml.v3's own resolution: !!str, !!int, !!timestamp…
	return n
}

func trimSpaces(b []byte) []byte {
	for len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return b
}

// plainStart tells whether s may begin a plain scalar here: a letter, a
// digit or a character past ASCII, or a few others that YAML does not
// read as an indicator there; "-" only before a digit.
func plainStart(s []byte) bool {
	c := s[0]
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c >= utf8.RuneSelf:
		return true
	case c == '.', c == '/', c == '$', c == '+', c == '(', c == '~', c == '_':
		return true
	case c == '-':
		return len(s) > 1 && s[1] >= '0' && s[1] <= '9'
	}
	return false
}

// plainText tells whether every character of s is one YAML prints as
// itself on one line: no tab, no line break of any kind, no control
// character, no byte-order mark; in a flow list, none of the characters
// that end an item or open a collection (a "?" among them, for
// yaml.v3), nor a colon or a quote.
func plainText(s []byte, inFlow bool) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return false
			}
			if inFlow {
				switch c {
				case ',', '[', ']', '{', '}', ':', '#', '"', '\'', '?':
					return false
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		if r < 0xa0 || r == 0x2028 || r == 0x2029 || r == 0xfeff || r >= 0xd800 && r <= 0xdfff || r == 0xfffe || r == 0xffff {
			return false
		}
		i += size
	}
	return true
}
