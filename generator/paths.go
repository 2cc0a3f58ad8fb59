package generator

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Every output path of a site is named here, site-relative and
// slash-separated; templates reach the fixed ones through Page.To.

// Pages and files with fixed paths.
const (
	homePath           = "index.html"
	chartsPath         = "charts.html"
	projectsPath       = "projects.html"
	printPath          = "print.html"
	notFoundPath       = "404.html"
	searchIndexPath    = "search-index.js"
	projectsJSONPath   = "projects.json"
	projectsCSVPath    = "projects.csv"
	feedPath           = "feed.xml"
	posterDir          = "posters/"
	mapPoster          = posterDir + "map.svg"
	mapPosterJS        = posterDir + "map.js" // the map's layout and logos as a script, for the PNG button from file://
	posterScript       = "assets/poster.js"
	editionsPath       = "editions/index.html"
	currentChangesPath = "editions/current.html" // what changed since the latest edition
	embedCodePath      = "embed.html"            // the code to embed the map's views
)

// Paths of an edition's pages and data.
func editionPath(name string) string     { return "editions/" + name + ".html" }
func editionMapPath(name string) string  { return "editions/" + name + "/map.html" }
func editionDataPath(name string) string { return "editions/" + name + ".json" }

// badgePath is a section's "Listed in" badge, which its projects show.
func badgePath(section string) string { return "badges/" + section + ".svg" }

// inOfflineCopy tells whether the zip for offline reading holds p: not
// the badges, which are for other sites to show, nor the posters, which
// carry every logo again and are downloads of their own (pages leave out
// what links them: data-offline="omit").
func inOfflineCopy(p string) bool {
	return !strings.HasPrefix(p, "badges/") && !strings.HasPrefix(p, posterDir) && !strings.Contains(p, "/"+posterDir)
}

// embedPath is an embeddable view's page: embed/map.html,
// embed/layers/ID.html, embed/layers/LAYER/ID.html.
func embedPath(view string) string { return "embed/" + view + ".html" }

// Paths of pages made per chapter, project, layer and section.
func chapterPath(slug string) string { return "report/" + slug + ".html" }
func projectPath(slug string) string { return "projects/" + slug + ".html" }
func layerPath(id string) string     { return "layers/" + id + ".html" }
func groupPath(id string) string     { return "groups/" + id + ".html" }
func sectionPath(layer, id string) string {
	return "layers/" + layer + "/" + id + ".html"
}

// outputs are the fixed paths by the names templates use with Page.To.
var outputs = map[string]string{
	"home":       homePath,
	"charts":     chartsPath,
	"projects":   projectsPath,
	"print":      printPath,
	"feed":       feedPath,
	"json":       projectsJSONPath,
	"csv":        projectsCSVPath,
	"map-poster": mapPoster,
	"editions":   editionsPath,
	"changes":    currentChangesPath,
	"embed":      embedCodePath,
}

// To is the relative URL, from this page, of the output named name:
// {{.To "feed"}}. An unknown name fails the template, so a typo cannot
// publish a broken link.
func (p *Page) To(name string) (string, error) {
	at, ok := outputs[name]
	if !ok {
		names := slices.Sorted(maps.Keys(outputs))
		return "", fmt.Errorf("no output named %q; the names are %s", name, strings.Join(names, ", "))
	}
	return p.URL(at), nil
}
