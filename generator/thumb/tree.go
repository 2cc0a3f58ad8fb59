package thumb

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// node is an element of the logo's SVG, with its attributes by local name
// (xlink:href is href) and its children. Text is kept for style elements.
type node struct {
	name    string
	attrs   map[string]string
	kids    []*node
	text    string
	parent  *node
	classes []string
}

// Bounds on what a logo may hold, so that one file cannot take the build's
// time or memory: a logo is published at most a few hundred kilobytes, and
// these are far beyond any real one.
const (
	maxNodes = 60000
	maxDepth = 64
)

// ErrTooComplex is returned for a logo with more elements, nesting or
// <use> expansions than any real logo has.
var ErrTooComplex = errors.New("too complex for a thumbnail")

// parseTree reads an SVG document into a tree.
func parseTree(data []byte) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	var root, cur *node
	count, level := 0, 0 // elements read; cur's depth
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			count++
			if count > maxNodes {
				return nil, ErrTooComplex
			}
			n := &node{name: t.Name.Local, attrs: make(map[string]string, len(t.Attr)), parent: cur}
			for _, a := range t.Attr {
				// Unprefixed attributes, and href in any namespace (xlink:href).
				if (a.Name.Space == "" && a.Name.Local != "xmlns") || a.Name.Local == "href" {
					n.attrs[a.Name.Local] = a.Value
				}
			}
			n.classes = strings.Fields(n.attrs["class"])
			if cur == nil {
				if root != nil {
					return nil, errors.New("more than one root element")
				}
				root = n
			} else {
				if level >= maxDepth {
					return nil, ErrTooComplex
				}
				cur.kids = append(cur.kids, n)
			}
			cur, level = n, level+1
		case xml.EndElement:
			if cur != nil {
				cur, level = cur.parent, level-1
			}
		case xml.CharData:
			if cur != nil && (cur.name == "style" || cur.name == "text" || cur.name == "tspan" || cur.name == "textPath") {
				cur.text += string(t)
			}
		}
	}
	if root == nil || root.name != "svg" {
		return nil, fmt.Errorf("not an SVG document")
	}
	return root, nil
}

// walk calls f on n and every element below it.
func walk(n *node, f func(*node)) {
	f(n)
	for _, k := range n.kids {
		walk(k, f)
	}
}
