package generator

import (
	"encoding/json"
	"slices"

	"github.com/panorama-ssg/panorama/generator/page"
)

// mapFacetsPath is the data the map's filter reads: the directory's facets
// (layer, section, tag, token, in the report, every filterable field) and
// each project's values, by index. It is a script, so it loads from
// file:// too, and only when a reader opens the filter.
const mapFacetsPath = "map-facets.js"

// facetDef is one facet: its id (the address's parameter, as in the
// directory), its label, and its values as [id, label].
type facetDef struct {
	ID     string      `json:"id"`
	Label  string      `json:"label"`
	Values [][2]string `json:"v"`
	index  map[string]int
}

// mapFacets writes the facets and, for every project by slug, the indexes
// of its values in each facet.
func mapFacets(site *page.SiteView) []byte {
	var defs []*facetDef
	add := func(id, label string, values [][2]string) *facetDef {
		d := &facetDef{ID: id, Label: site.Word(label), Values: values, index: map[string]int{}}
		for i, v := range values {
			d.index[v[0]] = i
		}
		defs = append(defs, d)
		return d
	}
	var layers, sections, tags [][2]string
	for _, l := range site.Layers {
		layers = append(layers, [2]string{l.ID, l.Name})
		for _, s := range l.Sections {
			sections = append(sections, [2]string{s.ID, s.Name})
		}
	}
	for _, t := range site.Tags {
		tags = append(tags, [2]string{t, t})
	}
	add("layer", "Layer", layers)
	add("section", "Section", sections)
	if len(tags) > 0 {
		add("tag", "Tag", tags)
	}
	if site.HasTokens {
		add("token", "Token", [][2]string{{"yes", site.Word("Has a token")}, {"no", site.Word("No token")}})
	}
	if site.HasInReport {
		add("report", "In the report", [][2]string{{"yes", site.Word("Named in the report")}, {"no", site.Word("Added by the editors")}})
	}
	for _, f := range site.Fields {
		if f.Filter && f.Used {
			var vs [][2]string
			for _, v := range f.Values {
				vs = append(vs, [2]string{v, v})
			}
			d := add(f.ID, f.Label, vs)
			d.Label = f.Label // the site's own words
		}
	}
	projects := make(map[string][][]int, len(site.Projects))
	for _, p := range site.Projects {
		projects[p.Slug] = facetIndexes(defs, p)
	}
	data, _ := json.Marshal(struct {
		F []*facetDef        `json:"f"`
		P map[string][][]int `json:"p"`
	}{defs, projects})
	// encoding/json escapes <, > and &: the data cannot end the script.
	return append(append([]byte("window.PANORAMA_FACETS = "), data...), ";\n"...)
}

// facetIndexes are a project's values in each facet, as indexes.
func facetIndexes(defs []*facetDef, p *page.ProjectView) [][]int {
	fields := p.FilterValues()
	out := make([][]int, len(defs))
	for i, d := range defs {
		var values []string
		switch d.ID {
		case "layer":
			for _, s := range p.Sections {
				if !slices.Contains(values, s.Layer.ID) {
					values = append(values, s.Layer.ID)
				}
			}
		case "section":
			for _, s := range p.Sections {
				values = append(values, s.ID)
			}
		case "tag":
			values = p.Tags
		case "token":
			values = []string{yesNo(p.Token != "")}
		case "report":
			values = []string{yesNo(p.InReport)}
		default:
			values = fields[d.ID]
		}
		out[i] = []int{}
		for _, v := range values {
			if k, ok := d.index[v]; ok {
				out[i] = append(out[i], k)
			}
		}
	}
	return out
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
