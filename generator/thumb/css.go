package thumb

import (
	"sort"
	"strings"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"
)

// A rule of a logo's style sheet: drawing programs put a logo's colours in
// classes (.cls-1{fill:#0b3a5b}), so a logo drawn without them would be
// black.
type rule struct {
	sel   []compound // right to left: the subject first, then its ancestors
	spec  int        // specificity, ids×10000 + classes×100 + types
	order int
	decls [][2]string
}

// compound is one step of a selector: a type, an id and classes, and how
// it meets the step before it (' ' any ancestor, '>' the parent).
type compound struct {
	tag, id string
	classes []string
	comb    byte
}

// parseSheet reads the rules of a style sheet it can match: type, class,
// id and universal selectors, joined by descendant and child combinators.
// Any other selector (attributes, pseudo-classes) is left out with its rule.
func parseSheet(src string, order *int, rules []rule) []rule {
	p := css.NewParser(parse.NewInputString(src), false)
	var cur []rule // the rules the declarations go to
	skip := 0
	for {
		gt, _, data := p.Next()
		switch gt {
		case css.ErrorGrammar:
			return rules
		case css.BeginAtRuleGrammar:
			skip++
		case css.EndAtRuleGrammar:
			if skip > 0 {
				skip--
			}
		case css.BeginRulesetGrammar:
			cur = cur[:0]
			if skip > 0 {
				continue
			}
			var sel strings.Builder
			for _, v := range p.Values() {
				sel.Write(v.Data)
			}
			for _, one := range strings.Split(sel.String(), ",") {
				if comps, spec, ok := parseSelector(one); ok {
					*order++
					cur = append(cur, rule{sel: comps, spec: spec, order: *order})
				}
			}
		case css.DeclarationGrammar:
			if skip > 0 || len(cur) == 0 {
				continue
			}
			var v strings.Builder
			isImportant := false
			for _, t := range p.Values() {
				if t.TokenType == css.DelimToken && string(t.Data) == "!" {
					isImportant = true
					break
				}
				v.Write(t.Data)
			}
			name := strings.ToLower(string(data))
			for i := range cur {
				if isImportant {
					// An important declaration outranks the rest: a rule of its own.
					*order++
					rules = append(rules, rule{sel: cur[i].sel, spec: cur[i].spec + important, order: *order, decls: [][2]string{{name, v.String()}}})
					continue
				}
				cur[i].decls = append(cur[i].decls, [2]string{name, v.String()})
			}
		case css.EndRulesetGrammar:
			rules = append(rules, cur...)
			cur = cur[:0]
		}
	}
}

func parseSelector(s string) ([]compound, int, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, 0, false
	}
	var comps []compound
	spec := 0
	comb := byte(0)
	for _, part := range strings.FieldsFunc(strings.ReplaceAll(s, ">", " > "), func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }) {
		if part == ">" {
			comb = '>'
			continue
		}
		c := compound{comb: comb}
		comb = ' '
		rest := part
		for rest != "" {
			i := strings.IndexAny(rest[1:], ".#") + 1
			if i == 0 {
				i = len(rest)
			}
			tok := rest[:i]
			rest = rest[i:]
			switch {
			case strings.ContainsAny(tok, ":[()+~*") && tok != "*":
				return nil, 0, false
			case tok == "*":
			case tok[0] == '.':
				c.classes = append(c.classes, tok[1:])
				spec += 100
			case tok[0] == '#':
				c.id = tok[1:]
				spec += 10000
			default:
				c.tag = tok
				spec++
			}
		}
		comps = append(comps, c)
	}
	// Right to left, the subject first; each step's comb says how it
	// meets the one that was to its left, now the next in the list.
	for i, j := 0, len(comps)-1; i < j; i, j = i+1, j-1 {
		comps[i], comps[j] = comps[j], comps[i]
	}
	return comps, spec, len(comps) > 0
}

func (c compound) matches(n *node) bool {
	if c.tag != "" && c.tag != n.name {
		return false
	}
	if c.id != "" && c.id != n.attrs["id"] {
		return false
	}
	for _, want := range c.classes {
		found := false
		for _, have := range n.classes {
			if have == want {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// matches tells whether the rule's selector picks n.
func (r rule) matches(n *node) bool {
	if !r.sel[0].matches(n) {
		return false
	}
	return matchUp(r.sel, 0, n)
}

// matchUp matches sel[i+1:] against n's ancestors, sel[i] having matched n.
func matchUp(sel []compound, i int, n *node) bool {
	if i+1 == len(sel) {
		return true
	}
	next := sel[i+1]
	if sel[i].comb == '>' {
		p := n.parent
		return p != nil && next.matches(p) && matchUp(sel, i+1, p)
	}
	for p := n.parent; p != nil; p = p.parent {
		if next.matches(p) && matchUp(sel, i+1, p) {
			return true
		}
	}
	return false
}

// sheet is a logo's style rules, in the order the cascade applies them.
type sheet []rule

func newSheet(root *node) sheet {
	var rules []rule
	order := 0
	walk(root, func(n *node) {
		if n.name == "style" && n.text != "" {
			rules = parseSheet(n.text, &order, rules)
		}
	})
	sort.SliceStable(rules, func(i, j int) bool {
		if rules[i].spec != rules[j].spec {
			return rules[i].spec < rules[j].spec
		}
		return rules[i].order < rules[j].order
	})
	return rules
}

// important is the specificity added to an !important declaration's
// rule, above any selector's.
const important = 1000000

// declarations are the properties the sheet sets on n, later ones
// winning: the !important ones alone, or the others.
func (s sheet) declarations(n *node, importantOnes bool, f func(name, value string)) {
	for _, r := range s {
		if (r.spec >= important) == importantOnes && r.matches(n) {
			for _, d := range r.decls {
				f(d[0], d[1])
			}
		}
	}
}

// inline splits a style attribute into its declarations.
func inline(s string, f func(name, value string)) {
	for _, d := range strings.Split(s, ";") {
		name, value, ok := strings.Cut(d, ":")
		if !ok {
			continue
		}
		value = strings.TrimSpace(value)
		value = strings.TrimSpace(strings.TrimSuffix(value, "!important"))
		f(strings.ToLower(strings.TrimSpace(name)), value)
	}
}
