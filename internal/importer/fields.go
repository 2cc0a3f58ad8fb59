package importer

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/panorama-ssg/panorama/generator/content"
	"go.yaml.in/yaml/v3"
)

// fieldDef is a site-defined field the import declares, with the type
// every value seen fits.
type fieldDef struct {
	id     string
	label  string
	values []string // for maturity, in order of first use
	// What every value so far could be.
	allURL, allDate, allBool, anyList bool
	used                              int
	distinct                          map[string]bool // single values seen
}

var fieldIDRE = regexp.MustCompile(`^[a-z0-9]+(?:[-_][a-z0-9]+)*$`)

// maturities are landscape2's maturity levels in their order.
var maturities = []string{"graduated", "incubating", "sandbox", "archived"}

// addExtra keeps one value of a field that is not built in. v is a YAML
// node, a string or a list of strings; at is where it was.
func (im *importer) addExtra(it *item, key string, v any, at *yaml.Node) {
	id := strings.ToLower(key)
	if slices.Contains(content.ProjectKeys, id) {
		id = "extra_" + id
	}
	if !fieldIDRE.MatchString(id) {
		im.skip(im.pos(at), "item %q: field %q has a name Panorama cannot use as a field id; left out", it.name, key)
		return
	}
	val, why := extraValue(v)
	if why != "" {
		im.skip(im.pos(at), "item %q: %s %s, which a field cannot hold; left out", it.name, key, why)
		return
	}
	if val == nil || val == "" {
		return
	}
	if s, ok := val.(string); ok && strings.ContainsAny(s, "\r\n") {
		val = strings.Join(strings.Fields(s), " ")
	}
	d := im.fields[id]
	if d == nil {
		d = &fieldDef{id: id, label: label(id), allURL: true, allDate: true, allBool: true, distinct: map[string]bool{}}
		im.fields[id] = d
	}
	d.note(val)
	it.extra[id] = val
}

// extraValue is v as a field's value: a string, a list of strings, or nil
// for nothing; or why it cannot be one.
func extraValue(v any) (any, string) {
	switch x := v.(type) {
	case string:
		return x, ""
	case []string:
		if len(x) > 0 {
			return x, ""
		}
	case *yaml.Node:
		switch {
		case x == nil || x.Tag == "!!null":
		case x.Kind == yaml.ScalarNode:
			return strings.TrimSpace(x.Value), ""
		case x.Kind == yaml.SequenceNode:
			var items []string
			for _, c := range x.Content {
				if c.Kind != yaml.ScalarNode {
					return nil, "holds structured entries"
				}
				items = append(items, strings.TrimSpace(c.Value))
			}
			if len(items) > 0 {
				return items, ""
			}
		default:
			return nil, "is a mapping"
		}
	}
	return nil, ""
}

// note counts a value of the field and narrows the types that fit all of
// them.
func (d *fieldDef) note(val any) {
	d.used++
	switch x := val.(type) {
	case []string:
		d.anyList = true
		d.allBool, d.allDate = false, false
		for _, s := range x {
			d.allURL = d.allURL && checkURL(s) == nil
		}
	case string:
		d.allURL = d.allURL && checkURL(x) == nil
		_, err := time.Parse(time.DateOnly, x)
		d.allDate = d.allDate && err == nil
		d.allBool = d.allBool && (x == "true" || x == "false")
		if len(d.distinct) <= maxFacetValues {
			d.distinct[x] = true
		}
		if d.id == "maturity" && !slices.Contains(d.values, x) {
			d.values = append(d.values, x)
		}
	}
}

// typ is the type every value of d fits: maturity is an enum, then list,
// url, date, boolean, or text.
func (d *fieldDef) typ() string {
	switch {
	case d.id == "maturity":
		return "enum"
	case d.anyList:
		return "list"
	case d.allURL:
		return "url"
	case d.allDate:
		return "date"
	case d.allBool:
		return "boolean"
	}
	return "text"
}

// maxFacetValues is the most values a filter offers: more, and it does
// not help a reader choose.
const maxFacetValues = 40

// field returns the site.yaml definition of d: id, label, type, and
// values, show and filter where they apply. items is how many items the
// landscape has.
func (d *fieldDef) field(items int) map[string]any {
	f := map[string]any{"id": d.id, "label": d.label, "type": d.typ()}
	if f["type"] == "enum" {
		vals := slices.Clone(d.values)
		slices.SortStableFunc(vals, func(a, b string) int { return rank(a) - rank(b) })
		f["values"] = vals
	}
	if slices.Contains(internalKeys, d.id) {
		f["show"] = false
		return f
	}
	if d.helpsChoose(f["type"].(string), items) {
		f["filter"] = true
	}
	return f
}

// helpsChoose tells whether a filter on d helps a reader choose: a
// boolean, an enum or a short text (licence, organisation) with more than
// one value and at most maxFacetValues, used by at least 1% of items.
func (d *fieldDef) helpsChoose(typ string, items int) bool {
	if d.used*100 < items {
		return false
	}
	values := len(d.distinct)
	switch typ {
	case "boolean":
		if d.used < items {
			values++ // the items without it read as false
		}
		return values > 1
	case "enum":
		return len(d.values) > 1 && len(d.values) <= maxFacetValues
	case "text":
		return slices.Contains([]string{"license", "organization", "featured", "tag"}, d.id) && values > 1 && values <= maxFacetValues
	}
	return false
}

func rank(m string) int {
	if i := slices.Index(maturities, m); i >= 0 {
		return i
	}
	return len(maturities)
}

// label turns a field id into words: "linkedin_url" is "Linkedin",
// "additional_repos" "Additional repos".
func label(id string) string {
	if l := knownLabel(id); l != "" {
		return l
	}
	words := strings.FieldsFunc(id, func(r rune) bool { return r == '_' || r == '-' })
	if n := len(words); n > 1 && words[n-1] == "url" {
		words = words[:n-1]
	}
	s := strings.Join(words, " ")
	if s == "" {
		return id
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
