package content

import (
	"path"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The decoders: site.yaml, a chapter and a project, each from its bytes to
// the model, with the positions problems are reported at.

var siteKeys = []string{"title", "subtitle", "description", "language", "authors", "date", "repo", "links", "languages", "layers", "groups", "map", "github", "fields", "accept"}

var mapKeys = []string{"density", "featured", "dimmed"}
var mapRuleKeys = []string{"field", "value", "label"}

var groupKeys = []string{"id", "name", "layers"}

var linkKeys = []string{"name", "url"}
var layerKeys = []string{"id", "name", "description", "color", "sections"}
var sectionKeys = []string{"id", "name", "description"}

func loadSite(src []byte, ps *Problems) *Site {
	site := &Site{File: SiteFile, Language: "en"}
	root := parseYAML(SiteFile, src, 1, ps)
	if root == nil {
		return site
	}
	f := newFields(SiteFile, 1, root, ps)
	f.unknown(siteKeys)
	site.Title = f.str("title", true)
	site.Subtitle = f.str("subtitle", false)
	site.Description = f.str("description", false)
	if lang := f.str("language", false); lang != "" {
		site.Language = lang
	}
	site.Authors = f.strs("authors")
	site.Date = f.date("date")
	site.Repo = loadRepo(f, ps)
	site.Links = loadLinks(f, ps)
	site.Groups = loadGroups(f, ps)
	site.Map = loadMap(f, ps)
	site.GitHub = loadGitHub(f, ps)
	loadLanguages(f, site, ps)
	site.Fields = loadFields(f, ps)
	site.Accept = loadAccept(f, ps)
	layers, ok := f.vals["layers"]
	if !ok || isNull(layers) {
		ps.add(f.at("layers"), KindRequired, "layers is required: list the report's layers, each with its sections")
		return site
	}
	if layers.Kind != yaml.SequenceNode {
		ps.add(f.pos(layers), KindSiteStructure, "layers: want a list, got %s", kindName(layers))
		return site
	}
	for i, ln := range layers.Content {
		if ln.Kind != yaml.MappingNode {
			ps.add(f.pos(ln), KindSiteStructure, "layers[%d]: want a mapping with id, name and sections, got %s", i, kindName(ln))
			continue
		}
		site.Layers = append(site.Layers, loadLayer(ln, i, len(site.Layers), ps))
	}
	return site
}

// loadLayer decodes layers[i] of site.yaml, the index-th layer kept, with
// its sections.
func loadLayer(ln *yaml.Node, i, index int, ps *Problems) *Layer {
	lf := newFields(SiteFile, 1, ln, ps)
	lf.unknown(layerKeys)
	l := &Layer{
		ID: lf.str("id", true), Name: lf.str("name", true),
		Description: lf.str("description", false), Color: lf.str("color", false),
		Index: index, Pos: lf.at("id"), ColorPos: lf.at("color"),
	}
	secs, ok := lf.vals["sections"]
	switch {
	case !ok || isNull(secs):
		ps.add(lf.at("sections"), KindRequired, "layer %q: sections is required", l.ID)
	case secs.Kind != yaml.SequenceNode:
		ps.add(lf.pos(secs), KindSiteStructure, "layer %q: sections: want a list, got %s", l.ID, kindName(secs))
	default:
		for j, sn := range secs.Content {
			if sn.Kind != yaml.MappingNode {
				ps.add(lf.pos(sn), KindSiteStructure, "layers[%d].sections[%d]: want a mapping with id and name, got %s", i, j, kindName(sn))
				continue
			}
			sf := newFields(SiteFile, 1, sn, ps)
			sf.unknown(sectionKeys)
			l.Sections = append(l.Sections, &Section{
				ID: sf.str("id", true), Name: sf.str("name", true),
				Description: sf.str("description", false), Layer: l, Pos: sf.at("id"),
			})
		}
	}
	return l
}

var chapterKeys = []string{"title", "weight", "summary", "draft"}

func loadChapter(file string, fr *Front, ps *Problems) *Chapter {
	f, body, bodyLine := fr.fields(file, ps)
	if f == nil {
		return nil
	}
	f.unknown(chapterKeys)
	return &Chapter{
		File: file, Slug: strings.TrimSuffix(path.Base(file), ".md"),
		Title: f.str("title", true), Weight: f.integer("weight", "10"),
		Summary: f.str("summary", false), Draft: f.boolean("draft"),
		Body: body, BodyLine: bodyLine,
	}
}

// ProjectKeys are the front-matter keys a project file may use.
var ProjectKeys = []string{"name", "layer", "section", "also_in", "summary", "website", "x", "github", "token", "tags", "logo", "in_report", "added", "checked", "draft"}

func loadProject(file string, fr *Front, ps *Problems) *Project {
	f, body, bodyLine := fr.fields(file, ps)
	if f == nil {
		return nil
	}
	p := &Project{
		File: file, Slug: strings.TrimSuffix(path.Base(file), ".md"),
		Name:    f.str("name", true),
		Summary: f.str("summary", false), Website: f.str("website", true),
		X:      strings.TrimPrefix(f.str("x", false), "@"),
		GitHub: f.str("github", false),
		Token:  strings.TrimPrefix(f.str("token", false), "$"),
		Tags:   f.strs("tags"), Logo: f.str("logo", false),
		InReport: f.boolean("in_report"), Draft: f.boolean("draft"),
		Added: f.date("added"), Checked: f.date("checked"),
		Body: body, BodyLine: bodyLine,
		layerID: f.str("layer", true), sectionID: f.str("section", true),
		alsoIDs: f.strs("also_in"),
		keys:    f,
	}
	checkProject(p, ps)
	return p
}

// loadLinks reads links: the site's own addresses (its organisation, its
// chat, its source), shown in every page's footer.
func loadLinks(f *fields, ps *Problems) []*Link {
	var out []*Link
	for i, n := range f.list("links") {
		if n.Kind != yaml.MappingNode {
			ps.add(f.pos(n), KindSiteStructure, "links[%d]: want a mapping with name and url, got %s", i, kindName(n))
			continue
		}
		lf := newFields(f.file, f.off, n, ps)
		lf.unknown(linkKeys)
		l := &Link{Name: lf.str("name", true), URL: lf.str("url", true)}
		if l.URL != "" {
			if err := checkURL(l.URL); err != nil {
				ps.add(lf.at("url"), KindFieldValue, "links[%d].url: %v", i, err)
				continue
			}
		}
		if l.Name != "" && l.URL != "" {
			out = append(out, l)
		}
	}
	return out
}

// loadGroups reads groups: named sets of layers, each shown as a tab of
// the map (a landscape's products, its members).
func loadGroups(f *fields, ps *Problems) []*Group {
	var out []*Group
	for i, n := range f.list("groups") {
		if n.Kind != yaml.MappingNode {
			ps.add(f.pos(n), KindSiteStructure, "groups[%d]: want a mapping with id, name and layers, got %s", i, kindName(n))
			continue
		}
		gf := newFields(f.file, f.off, n, ps)
		gf.unknown(groupKeys)
		g := &Group{ID: gf.str("id", true), Name: gf.str("name", true), LayerIDs: gf.strs("layers"), Pos: gf.at("id"), LayersPos: gf.at("layers")}
		for _, item := range gf.items("layers") {
			g.LayerPos = append(g.LayerPos, gf.pos(item))
		}
		out = append(out, g)
	}
	return out
}

// loadGitHub reads github: what the site expects of its repository
// snapshot (content/data/github.json).
func loadGitHub(f *fields, ps *Problems) *GitHubOptions {
	n, ok := f.vals["github"]
	if !ok || isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		ps.add(f.pos(n), KindSiteStructure, "github: want a mapping with max_age (days), got %s", kindName(n))
		return nil
	}
	gf := newFields(f.file, f.off, n, ps)
	gf.unknown([]string{"max_age"})
	return &GitHubOptions{MaxAgeDays: gf.integer("max_age", "30"), Pos: gf.at("max_age")}
}

// loadMap reads map: how the landscape draws its tiles.
func loadMap(f *fields, ps *Problems) *MapOptions {
	n, ok := f.vals["map"]
	if !ok || isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		ps.add(f.pos(n), KindSiteStructure, "map: want a mapping with density, featured and dimmed, got %s", kindName(n))
		return nil
	}
	mf := newFields(f.file, f.off, n, ps)
	mf.unknown(mapKeys)
	m := &MapOptions{Density: mf.str("density", false), DensityPos: mf.at("density")}
	rules := func(key string) []*MapRule {
		var out []*MapRule
		for i, rn := range mf.list(key) {
			if rn.Kind != yaml.MappingNode {
				ps.add(mf.pos(rn), KindSiteStructure, "map.%s[%d]: want a mapping with field, and value and label if need be, got %s", key, i, kindName(rn))
				continue
			}
			rf := newFields(f.file, f.off, rn, ps)
			rf.unknown(mapRuleKeys)
			out = append(out, &MapRule{Field: rf.str("field", true), Value: rf.str("value", false), Label: rf.str("label", false), Pos: rf.at("field"), ValuePos: rf.at("value")})
		}
		return out
	}
	m.Featured, m.Dimmed = rules("featured"), rules("dimmed")
	return m
}
