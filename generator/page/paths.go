package page

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Every output path of a site is named here, site-relative and
// slash-separated; templates reach the fixed ones through Page.To.

// Pages and files with fixed paths.
const (
	HomePath           = "index.html"
	ChartsPath         = "charts.html"
	ProjectsPath       = "projects.html"
	PrintPath          = "print.html"
	NotFoundPath       = "404.html"
	SearchIndexPath    = "search-index.js"
	ProjectsJSONPath   = "projects.json"
	ProjectsCSVPath    = "projects.csv"
	FeedPath           = "feed.xml"
	posterDir          = "posters/"
	MapPoster          = posterDir + "map.svg"
	MapPosterJS        = posterDir + "map.js" // the map's layout and logos as a script, for the PNG button from file://
	posterScript       = "assets/poster.js"
	EditionsPath       = "editions/index.html"
	CurrentChangesPath = "editions/current.html" // what changed since the latest edition
	EmbedCodePath      = "embed.html"            // the code to embed the map's views
)

// Paths of an edition's pages and data.
func editionPath(name string) string     { return "editions/" + name + ".html" }
func editionMapPath(name string) string  { return "editions/" + name + "/map.html" }
func editionDataPath(name string) string { return "editions/" + name + ".json" }

// SearchPartPath is part k of the search index (SearchIndexPath says how
// many there are).
func SearchPartPath(k int) string { return "search-index/" + strconv.Itoa(k) + ".js" }

// BadgePath is a section's "Listed in" badge, which its projects show.
func BadgePath(section string) string { return "badges/" + section + ".svg" }

// ChartDataPath is the script that carries chart name's data (charts.js
// loads it with the chart): charts/layer-map.js, charts/layers/ID.js.
func ChartDataPath(name string) string { return "charts/" + name + ".js" }

// InOfflineCopy tells whether the zip for offline reading of the language
// whose folder is prefix ("" or "zh/") holds p: not the badges, nor the
// embeds and the page of code to embed them, which are for other sites to
// show, nor the posters, which carry every logo again and are downloads
// of their own (pages leave out what links them: data-offline="omit").
func InOfflineCopy(p, prefix string) bool {
	if strings.HasPrefix(p, "badges/") || strings.HasPrefix(p, posterDir) || strings.Contains(p, "/"+posterDir) {
		return false
	}
	local, ok := strings.CutPrefix(p, prefix)
	return !ok || !strings.HasPrefix(local, "embed/") && local != EmbedCodePath
}

// embedPath is an embeddable view's page: embed/map.html,
// embed/layers/ID.html, embed/layers/LAYER/ID.html.
func embedPath(view string) string { return "embed/" + view + ".html" }

// Paths of pages made per chapter, project, layer and section.
func ChapterPath(slug string) string { return "report/" + slug + ".html" }
func ProjectPath(slug string) string { return "projects/" + slug + ".html" }
func layerPath(id string) string     { return "layers/" + id + ".html" }
func groupPath(id string) string     { return "groups/" + id + ".html" }
func sectionPath(layer, id string) string {
	return "layers/" + layer + "/" + id + ".html"
}

// outputs are the fixed paths by the names templates use with Page.To.
var outputs = map[string]string{
	"home":       HomePath,
	"charts":     ChartsPath,
	"projects":   ProjectsPath,
	"print":      PrintPath,
	"feed":       FeedPath,
	"json":       ProjectsJSONPath,
	"csv":        ProjectsCSVPath,
	"map-poster": MapPoster,
	"editions":   EditionsPath,
	"changes":    CurrentChangesPath,
	"embed":      EmbedCodePath,
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

// Page kinds, as templates see them in .Kind.
const (
	KindHome      = "home"
	KindCharts    = "charts"
	KindChapter   = "chapter"
	KindProjects  = "projects"
	KindProject   = "project"
	KindLayer     = "layer"
	KindSection   = "section"
	KindPrint     = "print"
	Kind404       = "404"
	KindEditions  = "editions"   // the list of editions
	KindEdition   = "edition"    // what changed in an edition
	KindChanges   = "changes"    // what changed since the latest edition
	KindPastMap   = "past-map"   // an edition's map as it was
	KindEmbed     = "embed"      // a view made to sit in another site's frame
	KindEmbedCode = "embed-code" // the code to embed the views
	KindGroup     = "group"      // a tab of the map other than the first
)
