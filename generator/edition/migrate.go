package edition

import (
	"sort"

	"github.com/panorama-ssg/panorama/generator/content"
)

// migrate brings an edition read from an older format to the current
// one, in memory: the file on disk is never rewritten. Each step says
// where what the older format lacks comes from. It reports whether the
// edition was already complete in the current format.
func migrate(e *File, site *content.Site) (unchanged bool) {
	unchanged = e.Format == Format
	if e.Format < 2 {
		from1(e, site)
	}
	e.Format = Format
	for i := range e.Layers { // a hand-made file may leave colours out
		if e.Layers[i].Color == "" {
			e.Layers[i].Color = layerColor(site, e.Layers[i].ID, i)
			unchanged = false
		}
	}
	return unchanged
}

// layerColor is the colour the current site gives a layer of the same
// id, else the default colour of position i.
func layerColor(site *content.Site, id string, i int) string {
	var cur *content.Layer
	if site != nil {
		cur = site.LayerByID(id)
	}
	if cur == nil {
		cur = &content.Layer{Index: i}
	}
	return cur.ShownColor()
}

// from1: format 1 kept no colours and no field labels. A layer takes the
// colour the current site gives a layer of the same id, else the default
// colour of its position; a field takes the current site's label of the
// same id, else its id.
func from1(e *File, site *content.Site) {
	for i := range e.Layers {
		e.Layers[i].Color = layerColor(site, e.Layers[i].ID, i)
	}
	ids := map[string]bool{}
	for _, p := range e.Projects {
		for id := range p.Fields {
			ids[id] = true
		}
	}
	e.Fields = nil
	if site != nil {
		for _, f := range site.Fields { // the site's order first
			if ids[f.ID] {
				e.Fields = append(e.Fields, FieldDef{ID: f.ID, Label: f.Label})
				delete(ids, f.ID)
			}
		}
	}
	rest := keys(ids)
	sort.Strings(rest)
	for _, id := range rest {
		e.Fields = append(e.Fields, FieldDef{ID: id, Label: id})
	}
}
