package content

import (
	"path"
	"slices"

	"go.yaml.in/yaml/v3"
)

var fieldKeys = []string{"id", "label", "type", "values", "show", "filter", "export"}
var acceptKeys = []string{"kind", "files", "why"}

// loadFields reads site.yaml's fields: the project fields a site defines.
func loadFields(f *fields, ps *Problems) []*Field {
	list := f.list("fields")
	var out []*Field
	seen := map[string]Pos{}
	for i, n := range list {
		if n.Kind != yaml.MappingNode {
			ps.add(f.pos(n), KindSiteStructure, "fields[%d]: want a mapping with id, label and type, got %s", i, kindName(n))
			continue
		}
		ff := newFields(f.file, f.off+1, n, ps)
		ff.unknown(fieldKeys)
		fd := &Field{
			ID: ff.str("id", true), Label: ff.str("label", false), Type: FieldType(ff.str("type", false)),
			Values: ff.strs("values"), Show: ff.flag("show", true), Filter: ff.flag("filter", false),
			Export: ff.flag("export", true), Pos: ff.at("id"),
		}
		if fd.Label == "" {
			fd.Label = fd.ID
		}
		if fd.Type == "" {
			fd.Type = TypeText
		}
		switch {
		case fd.ID == "":
		case slices.Contains(ProjectKeys, fd.ID):
			ps.add(fd.Pos, KindFieldDefinition, "field id %q is a built-in project field; choose another id", fd.ID)
		case !idRE.MatchString(underscoreToDash(fd.ID)):
			ps.add(fd.Pos, KindFieldDefinition, "field id %q: use lower-case letters, digits, dashes and underscores, e.g. %q", fd.ID, Slugify(fd.ID))
		default:
			if prev, dup := seen[fd.ID]; dup {
				ps.add(fd.Pos, KindDuplicateID, "field id %q is already used at line %d", fd.ID, prev.Line)
			}
			seen[fd.ID] = fd.Pos
		}
		if !slices.Contains(FieldTypes, string(fd.Type)) {
			ps.add(ff.at("type"), KindFieldDefinition, "field %q: type %q is not a field type%s", fd.ID, fd.Type, didYouMean(string(fd.Type), FieldTypes))
		} else if fd.Type == TypeEnum && len(fd.Values) == 0 {
			ps.add(ff.at("values"), KindFieldDefinition, "field %q: an enum lists its values, e.g. values: [sandbox, incubating, graduated]", fd.ID)
		} else if fd.Type != TypeEnum && len(fd.Values) > 0 {
			ps.add(ff.at("values"), KindFieldDefinition, "field %q: only an enum has values; set type: enum or remove values", fd.ID)
		}
		out = append(out, fd)
	}
	return out
}

func underscoreToDash(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == '_' {
			b[i] = '-'
		}
	}
	return string(b)
}

// loadAccept reads site.yaml's accept rules.
func loadAccept(f *fields, ps *Problems) []*AcceptRule {
	var out []*AcceptRule
	for i, n := range f.list("accept") {
		if n.Kind != yaml.MappingNode {
			ps.add(f.pos(n), KindSiteStructure, "accept[%d]: want a mapping with kind, files and why, got %s", i, kindName(n))
			continue
		}
		af := newFields(f.file, f.off+1, n, ps)
		af.unknown(acceptKeys)
		r := &AcceptRule{Kind: af.str("kind", true), Files: af.strs("files"), Why: af.str("why", false), Pos: af.at("kind")}
		if r.Kind != "" && !slices.Contains(warningKinds, r.Kind) {
			ps.add(r.Pos, KindAcceptRule, "accept: %q is not a kind of warning%s", r.Kind, didYouMean(r.Kind, warningKinds))
		}
		for _, pat := range r.Files {
			if _, err := path.Match(pat, ""); err != nil {
				ps.add(af.at("files"), KindAcceptRule, "accept: files: %q is not a valid pattern", pat)
			}
		}
		out = append(out, r)
	}
	return out
}

// Accept marks the warnings that site.yaml's accept rules cover. With
// unused set (check, which sees every warning) it adds a warning for each
// rule that covered none, which is left over from data that has changed.
func (s *Set) Accept(ps Problems, unused bool) Problems {
	if s.Site == nil || len(s.Site.Accept) == 0 {
		return ps
	}
	used := make([]bool, len(s.Site.Accept))
	for i := range ps {
		p := &ps[i]
		if !p.Warn {
			continue
		}
		for k, r := range s.Site.Accept {
			if r.covers(p) {
				p.Accepted, used[k] = true, true
			}
		}
	}
	for k, r := range s.Site.Accept {
		if unused && !used[k] && r.Kind != string(KindUnusedAccept) {
			ps.warn(r.Pos, KindUnusedAccept, "accept rule for %q matches no warning; remove it", r.Kind)
		}
	}
	// The rules may accept unused-accept itself.
	for i := range ps {
		p := &ps[i]
		if p.Kind == string(KindUnusedAccept) && !p.Accepted {
			for _, r := range s.Site.Accept {
				if r.covers(p) {
					p.Accepted = true
				}
			}
		}
	}
	return ps
}

func (r *AcceptRule) covers(p *Problem) bool {
	if r.Kind != p.Kind {
		return false
	}
	if len(r.Files) == 0 {
		return true
	}
	for _, pat := range r.Files {
		if ok, _ := path.Match(pat, p.Pos.File); ok {
			return true
		}
	}
	return false
}

// CountAccepted counts the accepted warnings among ps.
func (ps Problems) CountAccepted() int {
	n := 0
	for _, p := range ps {
		if p.Accepted {
			n++
		}
	}
	return n
}
