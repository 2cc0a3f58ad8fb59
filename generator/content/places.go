package content

import (
	"fmt"

	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// sectionIDs lists every section id, for suggestions.
func (s *Set) sectionIDs() []string {
	var ids []string
	for _, l := range s.Site.Layers {
		ids = append(ids, l.SectionIDs()...)
	}
	return ids
}

// resolveAlso links p to the further sections it names in also_in.
func (s *Set) resolveAlso(p *Project, ps *Problems) {
	p.Sections = p.Sections[:0:0]
	if p.Section != nil {
		p.Sections = append(p.Sections, p.Section)
	}
	if len(p.alsoIDs) == 0 || s.Site == nil {
		return
	}
	for i, id := range p.alsoIDs {
		pos := func() Pos {
			f := p.fields()
			if items := f.items("also_in"); i < len(items) {
				return f.pos(items[i])
			}
			return f.at("also_in")
		}
		sec := s.Site.SectionByID(id)
		switch {
		case sec == nil:
			ps.add(pos(), KindUnknownSection, "also_in: section %q is not defined in %s%s", id, SiteFile, didYouMean(id, s.sectionIDs()))
		case slices.Contains(p.Sections, sec):
			if sec == p.Section {
				ps.add(pos(), KindDuplicatePlace, "also_in: %q is the project's own section; list only further sections", id)
			} else {
				ps.add(pos(), KindDuplicatePlace, "also_in: %q is listed twice", id)
			}
		default:
			p.Sections = append(p.Sections, sec)
		}
	}
}

// decodeExtra reads the values of the site's own fields, and warns about
// keys that are neither built in nor defined by the site.
func (s *Set) decodeExtra(p *Project, ps *Problems) {
	// The decoder reports to this validation's problems, not to those
	// kept from loading the file.
	p.Extra = nil
	if !p.otherKeys() {
		return
	}
	f := &fields{}
	*f = *p.fields()
	f.ps = ps
	var defs []*Field
	if s.Site != nil {
		defs = s.Site.Fields
	}
	for i := 0; i+1 < len(f.node.Content); i += 2 {
		key := f.node.Content[i].Value
		if slices.Contains(ProjectKeys, key) {
			continue
		}
		idx := slices.IndexFunc(defs, func(d *Field) bool { return d.ID == key })
		if idx < 0 {
			known := append(slices.Clone(ProjectKeys), fieldIDs(defs)...)
			ps.warn(f.pos(f.node.Content[i]), KindUnknownKey, "unknown key %q%s", key, didYouMean(key, known))
			continue
		}
		if v, ok := decodeValue(f, defs[idx], ps); ok {
			if p.Extra == nil {
				p.Extra = map[string]Value{}
			}
			p.Extra[key] = v
		}
	}
}

func fieldIDs(defs []*Field) []string {
	out := make([]string, len(defs))
	for i, d := range defs {
		out[i] = d.ID
	}
	return out
}

// decodeValue reads one site-defined field's value as its type says.
func decodeValue(f *fields, d *Field, ps *Problems) (Value, bool) {
	key := d.ID
	n := f.vals[key]
	if isNull(n) {
		return Value{}, false
	}
	if d.Type == TypeList {
		list := f.strs(key)
		return Value{List: list}, len(list) > 0
	}
	if n.Kind != yaml.ScalarNode {
		ps.add(f.pos(n), KindFieldType, "%s: want %s, got %s", key, typeWant(d), kindName(n))
		return Value{}, false
	}
	text := strings.TrimSpace(n.Value)
	if text == "" {
		return Value{}, false
	}
	bad := func(format string, args ...any) (Value, bool) {
		ps.add(f.pos(n), KindFieldValue, "%s: %s", key, fmt.Sprintf(format, args...))
		return Value{}, false
	}
	switch d.Type {
	case TypeURL:
		if err := checkURL(text); err != nil {
			return bad("%v", err)
		}
	case TypeDate:
		if _, err := time.Parse(time.DateOnly, text); err != nil {
			return bad("want a date as YYYY-MM-DD, got %q", text)
		}
	case TypeNumber:
		if _, err := strconv.ParseFloat(text, 64); err != nil {
			return bad("want a number, got %q", text)
		}
	case TypeBoolean:
		if n.Tag != "!!bool" {
			return bad("want true or false, got %q", text)
		}
		text = strconv.FormatBool(strings.EqualFold(text, "true"))
	case TypeEnum:
		if !slices.Contains(d.Values, text) {
			return bad("%q is not one of the values site.yaml gives%s", text, didYouMean(text, d.Values))
		}
	}
	if strings.ContainsAny(text, "\r\n") && d.Type != TypeText {
		return bad("keep it to one line")
	}
	return Value{Text: text}, true
}

func typeWant(d *Field) string {
	switch d.Type {
	case TypeNumber:
		return "a number"
	case TypeBoolean:
		return "true or false"
	case TypeDate:
		return "a date"
	case TypeURL:
		return "an address"
	}
	return "text"
}
