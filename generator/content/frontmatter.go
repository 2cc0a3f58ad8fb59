package content

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Split separates a file into its YAML front matter and its body. The front
// matter sits between a first line "---" and the next line "---" (or "...").
// fmLine is the file line of the front matter's first line, bodyLine that of
// the body's first line. Joining the parts back gives the input.
func Split(src []byte) (front, body []byte, fmLine, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	first, rest, ok := cutLine(src)
	if strings.TrimRight(string(first), " \t\r") != "---" {
		return nil, nil, 0, 0, errors.New(`no front matter; start the file with a line "---"`)
	}
	if !ok {
		return nil, nil, 0, 0, errors.New(`front matter is not closed; add a line "---" after it`)
	}
	line := 2
	off := 0
	for off <= len(rest) {
		l, _, more := cutLine(rest[off:])
		trimmed := strings.TrimRight(string(l), " \t\r")
		if trimmed == "---" || trimmed == "..." {
			end := off + len(l)
			if more {
				end++
			}
			return rest[:off], rest[end:], 2, line + 1, nil
		}
		if !more {
			break
		}
		off += len(l) + 1
		line++
	}
	return nil, nil, 0, 0, errors.New(`front matter is not closed; add a line "---" after it`)
}

// cutLine returns the first line of b without its newline, the rest, and
// whether a newline was found.
func cutLine(b []byte) (line, rest []byte, ok bool) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i], b[i+1:], true
	}
	return b, nil, false
}

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

// parseYAML parses src into a mapping node. line is the file line of src's
// first line, so positions in problems are file positions.
func parseYAML(file string, src []byte, line int, ps *Problems) *yaml.Node {
	if root, ok := quickYAML(src); ok {
		return root
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		pos := Pos{File: file, Line: line}
		if m := yamlLineRE.FindStringSubmatchIndex(msg); m != nil {
			n, _ := strconv.Atoi(msg[m[2]:m[3]])
			msg = strings.TrimLeft(msg[m[1]:], ": ")
			if strings.HasPrefix(msg, "did not find expected ',' or") {
				// yaml.v3 gives an unclosed [ or { at the line where it
				// opened, counted from 0 unlike its other errors.
				n++
			}
			pos.Line = line + n - 1
		}
		ps.add(pos, KindYAML, "invalid YAML: %s", msg)
		return nil
	}
	if len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
	}
	root := doc.Content[0]
	if aliasGrowth(root, maxAliasNodes) > maxAliasNodes {
		// Refused here, for check and build alike: expanded by any reader
		// (the schema check, a template), a few lines would be millions of
		// values.
		ps.add(Pos{File: file, Line: line + root.Line - 1}, KindFrontMatter, "its YAML aliases expand to over %d values; write the values out instead of aliasing them", maxAliasNodes)
		return nil
	}
	if root.Kind != yaml.MappingNode {
		ps.add(Pos{File: file, Line: line + root.Line - 1, Col: root.Column}, KindFrontMatter, "want a mapping of keys to values, got %s", kindName(root))
		return nil
	}
	return root
}

// maxAliasNodes bounds the values YAML aliases in one file may add when
// expanded: far more than any real file repeats by alias, far less than a
// bomb's millions. Values written out count once, however many.
const maxAliasNodes = 100_000

// aliasGrowth is how many nodes expanding root's aliases adds, counted in
// time linear in the tree (each anchor's expanded size once) and capped
// just past limit.
func aliasGrowth(root *yaml.Node, limit int) int {
	memo := map[*yaml.Node]int{}
	var expanded func(n *yaml.Node) int
	expanded = func(n *yaml.Node) int {
		if v, ok := memo[n]; ok {
			if v < 0 {
				return limit + 1 // an alias inside its own anchor
			}
			return v
		}
		memo[n] = -1
		total := 1
		for _, c := range n.Content {
			total = min(total+expanded(c), limit+1)
		}
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			total = min(expanded(n.Alias), limit+1)
		}
		memo[n] = total
		return total
	}
	growth := 0
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if growth > limit {
			return
		}
		if n.Kind == yaml.AliasNode {
			if n.Alias != nil {
				growth += expanded(n.Alias)
			}
			return
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(root)
	return growth
}

// fields decodes one YAML mapping, remembering where each key was.
type fields struct {
	file string
	off  int // file line of the YAML's line 1, minus 1
	ps   *Problems
	node *yaml.Node
	keys map[string]Pos
	vals map[string]*yaml.Node
}

func newFields(file string, line int, node *yaml.Node, ps *Problems) *fields {
	f := &fields{file: file, off: line - 1, ps: ps, node: node, keys: map[string]Pos{}, vals: map[string]*yaml.Node{}}
	for i := 0; i+1 < len(node.Content); i += 2 {
		k, v := node.Content[i], node.Content[i+1]
		pos := f.pos(k)
		if _, dup := f.keys[k.Value]; dup {
			ps.add(pos, KindDuplicateKey, "key %q appears twice; keep one", k.Value)
			continue
		}
		f.keys[k.Value] = pos
		f.vals[k.Value] = v
	}
	return f
}

func (f *fields) pos(n *yaml.Node) Pos {
	return Pos{File: f.file, Line: f.off + n.Line, Col: n.Column}
}

// at is the position of key's value, or of the mapping when key is absent.
func (f *fields) at(key string) Pos {
	if v, ok := f.vals[key]; ok {
		return f.pos(v)
	}
	return Pos{File: f.file, Line: f.off + f.node.Line}
}

// unknown reports keys not in known as warnings, with a suggestion.
func (f *fields) unknown(known []string) {
	for i := 0; i+1 < len(f.node.Content); i += 2 {
		k := f.node.Content[i].Value
		found := false
		for _, kn := range known {
			if k == kn {
				found = true
				break
			}
		}
		if !found {
			f.ps.warn(f.pos(f.node.Content[i]), KindUnknownKey, "unknown key %q%s", k, didYouMean(k, known))
		}
	}
}

// date reads an optional YYYY-MM-DD date.
func (f *fields) date(key string) string {
	d := f.str(key, false)
	if d == "" {
		return ""
	}
	if _, err := time.Parse(time.DateOnly, d); err != nil {
		f.ps.add(f.at(key), KindFieldType, "%s: want a date as YYYY-MM-DD, got %q", key, d)
		return ""
	}
	return d
}

func (f *fields) str(key string, required bool) string {
	v, ok := f.vals[key]
	if !ok || isNull(v) {
		if required {
			f.ps.add(f.at(key), KindRequired, "%s is required", key)
		}
		return ""
	}
	if v.Kind != yaml.ScalarNode {
		f.ps.add(f.pos(v), KindFieldType, "%s: want text, got %s", key, kindName(v))
		return ""
	}
	s := strings.TrimSpace(v.Value)
	if s == "" && required {
		f.ps.add(f.pos(v), KindRequired, "%s is empty", key)
	}
	return s
}

func (f *fields) integer(key string, example string) int {
	v, ok := f.vals[key]
	if !ok || isNull(v) {
		return 0
	}
	n, err := strconv.Atoi(v.Value)
	if v.Kind != yaml.ScalarNode || v.Tag != "!!int" || err != nil {
		f.ps.add(f.pos(v), KindFieldType, "%s: want a whole number, got %s; write e.g. %s: %s", key, describe(v), key, example)
	}
	return n
}

func (f *fields) boolean(key string) bool {
	v, ok := f.vals[key]
	if !ok || isNull(v) {
		return false
	}
	if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
		f.ps.add(f.pos(v), KindFieldType, "%s: want true or false, got %s", key, describe(v))
		return false
	}
	return v.Value == "true" || v.Value == "True" || v.Value == "TRUE"
}

// flag reads an optional boolean with a default.
func (f *fields) flag(key string, def bool) bool {
	if v, ok := f.vals[key]; !ok || isNull(v) {
		return def
	}
	return f.boolean(key)
}

// items returns the nodes of a list value, or nil.
func (f *fields) items(key string) []*yaml.Node {
	if v, ok := f.vals[key]; ok && v.Kind == yaml.SequenceNode {
		return v.Content
	}
	return nil
}

// list returns the items of an optional list.
func (f *fields) list(key string) []*yaml.Node {
	v, ok := f.vals[key]
	if !ok || isNull(v) {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		f.ps.add(f.pos(v), KindSiteStructure, "%s: want a list, got %s", key, kindName(v))
		return nil
	}
	return v.Content
}

// strs reads a list of strings; a single string is taken as a list of one.
func (f *fields) strs(key string) []string {
	v, ok := f.vals[key]
	if !ok || isNull(v) {
		return nil
	}
	if v.Kind == yaml.ScalarNode {
		return []string{strings.TrimSpace(v.Value)}
	}
	if v.Kind != yaml.SequenceNode {
		f.ps.add(f.pos(v), KindFieldType, "%s: want a list of text, got %s", key, kindName(v))
		return nil
	}
	var out []string
	for _, it := range v.Content {
		if it.Kind != yaml.ScalarNode || isNull(it) {
			f.ps.add(f.pos(it), KindFieldType, "%s: want text in the list, got %s", key, kindName(it))
			continue
		}
		out = append(out, strings.TrimSpace(it.Value))
	}
	return out
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if isNull(n) {
		return "nothing"
	}
	return "a value"
}

func describe(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return strconv.Quote(n.Value)
	}
	return kindName(n)
}
