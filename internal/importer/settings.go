package importer

import (
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/panorama-ssg/panorama/generator/content"
	"go.yaml.in/yaml/v3"
)

// A landscape's settings.yml (landscape2's, or landscapeapp's older one
// with its global: block) and guide.yml carry what a site needs besides
// the items: its name, address, colours, links, which items are
// featured, which category holds the members, and the guide's texts.
// What Panorama has no place for is a note naming it, never an error.

// settings is what the import takes from settings.yml.
type settings struct {
	title, short, description, url string
	footer                         string // Markdown
	frames                         []string
	links                          []link
	featured                       []featuredRule
	members                        string
	groups                         []group
	tags                           []tagRule
}

type link struct{ name, url string }

type featuredRule struct {
	field, value, label string
	order               int
}

type group struct {
	name       string
	categories []string
}

type tagRule struct {
	tag, category string
	subcategories []string
}

// settingsUsed are the keys the import reads; settingsIgnored those it
// knows and leaves out, with why.
var settingsIgnored = map[string]string{
	"analytics":        "analytics code is not added to a Panorama site",
	"osano":            "the cookie consent form is not added to a Panorama site",
	"upcoming_event":   "events are not shown",
	"grid_items_size":  "the map's density is the site's own setting",
	"screenshot_width": "posters are made at their own size",
	"images":           "the favicon and social image are addresses; builds stay offline, so they are not fetched",
	"header":           "the header's logo is an address, not fetched; its links are kept in the footer",
	"base_path":        "the build's --base-url says where the site is published",
	"categories":       "subcategories keep the order landscape.yml gives",
	"view_mode":        "the map is the site's own",
	"logos_viewbox":    "logos are shown whole",
	"enduser":          "",
}

// readSettings reads a settings.yml into s, with notes at its lines.
func (im *importer) readSettings(file string) (*settings, error) {
	src, err := content.ReadFile(file, maxSideFile)
	if err != nil {
		return nil, err
	}
	name := filepath.Base(file)
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	s := &settings{}
	if len(doc.Content) == 0 {
		return s, nil
	}
	at := func(n *yaml.Node) content.Pos { return content.Pos{File: name, Line: n.Line, Col: n.Column} }
	root := mapping(doc.Content[0])
	if g := root["global"]; g != nil {
		im.readAppSettings(s, root, at)
		return s, nil
	}
	top := doc.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		im.readSetting(s, top.Content[i], top.Content[i+1], at)
	}
	if s.short != "" {
		s.title = s.short + " Landscape"
	}
	return s, nil
}

// readSetting reads one top-level key of landscape2's settings.
func (im *importer) readSetting(s *settings, keyNode, v *yaml.Node, at func(*yaml.Node) content.Pos) {
	switch key := keyNode.Value; key {
	case "foundation":
		s.short = scalar(v)
	case "url":
		if checkURL(scalar(v)) == nil {
			s.url = scalar(v)
		}
	case "colors":
		c := mapping(v)
		for _, k := range []string{"color5", "color6"} { // landscape2 frames categories in these, odd and even
			if hex, ok := rgbaOverWhite(scalar(c[k])); ok {
				s.frames = append(s.frames, hex)
			}
		}
	case "footer":
		f := mapping(v)
		s.links = append(s.links, linksOf(f["links"])...)
		s.footer = scalar(f["text"])
		if scalar(f["logo"]) != "" {
			im.skip(at(f["logo"]), "settings: footer.logo is an address; builds stay offline, so it is not fetched")
		}
	case "header":
		for _, l := range linksOf(mapping(v)["links"]) {
			if l.name == "GitHub" {
				l.name = "Landscape source"
			}
			s.links = append(s.links, l)
		}
		im.skip(at(keyNode), "settings: header: %s", settingsIgnored[key])
	case "featured_items":
		s.featured = append(s.featured, im.featuredRules(v, at)...)
	case "members_category":
		s.members = scalar(v)
	case "groups":
		s.groups = append(s.groups, im.groupsOf(v, at)...)
	case "tags":
		s.tags = append(s.tags, tagRules(v)...)
	default:
		why, known := settingsIgnored[key]
		if !known {
			why = "not a setting this import knows"
		}
		if why != "" {
			im.skip(at(keyNode), "settings: %s: %s; left out", key, why)
		}
	}
}

// featuredRules are featured_items' rules on maturity or subcategory.
func (im *importer) featuredRules(v *yaml.Node, at func(*yaml.Node) content.Pos) []featuredRule {
	var out []featuredRule
	for _, r := range list(v) {
		rm := mapping(r)
		field := scalar(rm["field"])
		if field != "maturity" && field != "subcategory" {
			im.skip(at(r), "settings: featured_items: field %q is not one landscape2 knows (maturity, subcategory); left out", field)
			continue
		}
		for _, o := range list(rm["options"]) {
			om := mapping(o)
			order, _ := strconv.Atoi(scalar(om["order"]))
			out = append(out, featuredRule{field: field, value: scalar(om["value"]), label: scalar(om["label"]), order: order})
		}
	}
	return out
}

// groupsOf are the groups of categories, each category one landscape.yml
// has.
func (im *importer) groupsOf(v *yaml.Node, at func(*yaml.Node) content.Pos) []group {
	var out []group
	for _, g := range list(v) {
		gm := mapping(g)
		gr := group{name: scalar(gm["name"])}
		for _, c := range list(gm["categories"]) {
			if !slices.ContainsFunc(im.layers, func(l *layer) bool { return strings.EqualFold(l.name, scalar(c)) }) {
				im.skip(at(c), "settings: group %q: category %q is not in landscape.yml; left out", gr.name, scalar(c))
				continue
			}
			gr.categories = append(gr.categories, scalar(c))
		}
		if gr.name != "" {
			out = append(out, gr)
		}
	}
	return out
}

// tagRules are the tags given to a category's (or some subcategories')
// items.
func tagRules(v *yaml.Node) []tagRule {
	var out []tagRule
	for j := 0; j+1 < len(v.Content); j += 2 {
		tag := v.Content[j].Value
		for _, r := range list(v.Content[j+1]) {
			rm := mapping(r)
			tr := tagRule{tag: tag, category: scalar(rm["category"])}
			for _, sub := range list(rm["subcategories"]) {
				tr.subcategories = append(tr.subcategories, scalar(sub))
			}
			out = append(out, tr)
		}
	}
	return out
}

// readAppSettings reads landscapeapp's settings: global.name and
// short_name, its website, its meta description and its membership
// category. Its other blocks drive that app's own pages.
func (im *importer) readAppSettings(s *settings, root map[string]*yaml.Node, at func(*yaml.Node) content.Pos) {
	g := mapping(root["global"])
	s.title, s.short = scalar(g["name"]), scalar(g["short_name"])
	if u := scalar(g["website"]); checkURL(u) == nil {
		s.url = u
	}
	s.description = scalar(mapping(g["meta"])["description"])
	s.members = scalar(g["membership"])
	if u := scalar(g["company_url"]); checkURL(u) == nil {
		s.links = append(s.links, link{"Homepage", u})
	}
	var left []string
	for k := range root {
		if k != "global" {
			left = append(left, k)
		}
	}
	slices.Sort(left)
	if len(left) > 0 {
		im.skip(at(root["global"]), "settings: landscapeapp's %s drive that app's own pages; left out", strings.Join(left, ", "))
	}
}

// linksOf reads a footer's links mapping (github: URL, …) in file order.
func linksOf(n *yaml.Node) []link {
	var out []link
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if u := scalar(n.Content[i+1]); checkURL(u) == nil {
			out = append(out, link{linkName(n.Content[i].Value), u})
		}
	}
	return out
}

func linkName(key string) string {
	switch key {
	case "github":
		return "GitHub"
	case "linkedin":
		return "LinkedIn"
	case "youtube":
		return "YouTube"
	case "homepage":
		return "Homepage"
	case "wechat":
		return "WeChat"
	}
	return capitalise(key)
}

var rgbaRE = regexp.MustCompile(`^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*([\d.]+)\s*)?\)$`)

// rgbaOverWhite turns "rgba(r, g, b, a)" into the "#rrggbb" it shows
// over a white page.
func rgbaOverWhite(s string) (string, bool) {
	m := rgbaRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "", false
	}
	a := 1.0
	if m[4] != "" {
		a, _ = strconv.ParseFloat(m[4], 64)
	}
	a = math.Max(0, math.Min(1, a))
	var c [3]int
	for i := range c {
		v, _ := strconv.Atoi(m[i+1])
		c[i] = int(math.Round(float64(min(v, 255))*a + 255*(1-a)))
	}
	return fmt.Sprintf("#%02x%02x%02x", c[0], c[1], c[2]), true
}

// applySettings marks what settings.yml says of items and layers.
func (im *importer) applySettings() {
	s := im.settings
	for i, l := range im.layers {
		if len(s.frames) > 0 {
			l.color = s.frames[i%len(s.frames)]
		}
	}
	for _, it := range im.items {
		if s.members != "" && strings.EqualFold(it.layer.name, s.members) {
			im.addExtra(it, "member", "true", nil)
		}
		best := -1
		for i, r := range s.featured {
			if r.matches(it) && (best < 0 || r.order < s.featured[best].order) {
				best = i
			}
		}
		if best >= 0 {
			r := s.featured[best]
			label := r.label
			if label == "" {
				label = capitalise(r.value)
			}
			im.addExtra(it, "featured", label, nil)
		}
		if _, has := it.extra["tag"]; !has {
			for _, r := range s.tags {
				if strings.EqualFold(r.category, it.layer.name) && (len(r.subcategories) == 0 || slices.ContainsFunc(r.subcategories, func(sub string) bool { return strings.EqualFold(sub, it.section.name) })) {
					im.addExtra(it, "tag", r.tag, nil)
					break
				}
			}
		}
	}
}

func (r featuredRule) matches(it *item) bool {
	switch r.field {
	case "maturity":
		m, _ := it.extra["maturity"].(string)
		return m != "" && strings.EqualFold(m, r.value)
	case "subcategory":
		if strings.EqualFold(it.section.name, r.value) {
			return true
		}
		return slices.ContainsFunc(it.also, func(s *section) bool { return strings.EqualFold(s.name, r.value) })
	}
	return false
}
