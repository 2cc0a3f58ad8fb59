package generator

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/panorama-ssg/panorama/bench/fixture"
	"github.com/panorama-ssg/panorama/generator/content"
)

const exportSite = `
-- content/projects/cella.md --
---
name: "=HYPERLINK(\"http://evil.example\")"
layer: infra
section: chains
summary: "<script>alert(1)</script> & more"
website: https://cella.example
github: https://github.com/cella
x: cella
token: CEL
tags: [chain, "a|b"]
in_report: true
added: 2026-10-01
---
`

func TestProjectsJSONAndCSV(t *testing.T) {
	b := newSite(t, minimalSite, exportSite).mustBuild()
	raw, err := os.ReadFile(filepath.Join(b.out, "projects.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Title    string           `json:"title"`
		Projects []map[string]any `json:"projects"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Test Report" || len(doc.Projects) != 3 {
		t.Fatalf("title %q, %d projects", doc.Title, len(doc.Projects))
	}
	// Field order is part of the format.
	first := string(raw[strings.Index(string(raw), `"projects"`):])
	var last int
	for _, f := range builtinColumns {
		i := strings.Index(first, `"`+f+`":`)
		if i < last {
			t.Errorf("field %q out of order in projects.json", f)
		}
		last = i
	}
	cella := doc.Projects[0] // "=" sorts first
	if cella["section_name"] != "Chains" || cella["token"] != "CEL" || cella["in_report"] != true || cella["added"] != "2026-10-01" || cella["page"] != "projects/cella.html" {
		t.Errorf("cella = %v", cella)
	}

	f, err := os.Open(filepath.Join(b.out, "projects.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], builtinColumns) || len(rows) != 4 {
		t.Fatalf("header %v, %d rows", rows[0], len(rows))
	}
	row := rows[1]
	if row[1] != `'=HYPERLINK("http://evil.example")` {
		t.Errorf("a formula-like name is not neutralised: %q", row[1])
	}
	if row[11] != "chain; a|b" || row[12] != "true" {
		t.Errorf("tags %q, in_report %q", row[11], row[12])
	}
}

func TestFeed(t *testing.T) {
	b := newSite(t, minimalSite, exportSite).mustBuild(func(o *Options) { o.BaseURL = "https://example.org/r/" })
	raw, err := os.ReadFile(filepath.Join(b.out, "feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Entries []struct {
			Title   string `xml:"title"`
			ID      string `xml:"id"`
			Updated string `xml:"updated"`
			Summary string `xml:"summary"`
			Content string `xml:"content"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	if f.ID != "https://example.org/r/" || f.Updated != "2026-10-01T00:00:00Z" {
		t.Errorf("feed id %q updated %q", f.ID, f.Updated)
	}
	// Only projects with a date are news; chapters follow.
	var titles []string
	for _, e := range f.Entries {
		titles = append(titles, e.Title)
	}
	if want := []string{`=HYPERLINK("http://evil.example")`, "Introduction", "More"}; !slices.Equal(titles, want) {
		t.Errorf("entries %q, want %q", titles, want)
	}
	if f.Entries[0].ID != "https://example.org/r/projects/cella.html" || f.Entries[0].Summary != "<script>alert(1)</script> & more" {
		t.Errorf("entry %+v", f.Entries[0])
	}
	if !strings.Contains(f.Entries[1].Content, `<h2 id="why">Why</h2>`) {
		t.Errorf("chapter content %q", f.Entries[1].Content)
	}
	if bytes.Contains(raw, []byte("<script>")) {
		t.Error("markup from a project reached the feed unescaped")
	}
}

func TestZipHoldsTheSite(t *testing.T) {
	b := newSite(t, minimalSite).mustBuild()
	zr, err := zip.OpenReader(filepath.Join(b.out, "test-report.zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
	}
	for _, want := range []string{"test-report/index.html", "test-report/projects/acme.html", "test-report/assets/style.css", "test-report/search-index.js", "test-report/projects.csv"} {
		if !names[want] {
			t.Errorf("zip lacks %s", want)
		}
	}
	if names["test-report/test-report.zip"] {
		t.Error("the zip holds itself")
	}
	// Posters and badges are downloads of their own, and embeds are for
	// other sites' frames: not in the copy, and its pages do not link them.
	for name := range names {
		if strings.Contains(name, "/posters/") || strings.Contains(name, "/badges/") || strings.Contains(name, "/embed/") || strings.HasSuffix(name, "/embed.html") {
			t.Errorf("zip holds %s", name)
		}
	}
	for _, page := range []string{"test-report/index.html", "test-report/layers/infra.html"} {
		for _, f := range zr.File {
			if f.Name != page {
				continue
			}
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, _ := io.ReadAll(r)
			r.Close()
			if bytes.Contains(data, []byte("posters/map.svg")) || bytes.Contains(data, []byte("data-layer-poster")) || bytes.Contains(data, []byte("data-poster-png")) {
				t.Errorf("%s in the zip offers a poster it lacks", page)
			}
			if bytes.Contains(data, []byte("embed.html")) {
				t.Errorf("%s in the zip links the embeds it lacks", page)
			}
		}
	}
	b.assertFile("index.html", `href="test-report.zip" download`, `href="posters/map.svg" download`)
	b.assertFile("layers/infra.html", `data-layer-poster="infra"`, `embed.html#code-embed/layers/infra.html" data-offline="omit"`)
	if _, err := os.Stat(filepath.Join(b.out, "embed/map.html")); err != nil {
		t.Errorf("the site lacks its embed: %v", err)
	}
}

func TestSearchIndexAndPrintPage(t *testing.T) {
	b := newSite(t, minimalSite, exportSite).mustBuild()
	b.assertFile("search-index.js", `window.PANORAMA_SEARCH_HEAD = {"parts":1};`)
	b.assertFile("search-index/0.js", "(window.PANORAMA_SEARCH_PARTS = window.PANORAMA_SEARCH_PARTS || {})[0] = ",
		`"chapters":[["Introduction","report/01-intro.html",[["Why","why","See Acme and the next chapter."]]]`,
		`"places":["Infrastructure › Chains","Infrastructure › Compute",`, `[1,"Acme Compute","projects/acme.html","body","Rents GPUs.",["gpu"]]`,
		`\u003cscript\u003ealert(1)\u003c/script\u003e \u0026 more`, "! <script>")
	// Every chapter on one page, with ids kept apart and links from its folder.
	b.assertFile("print.html", `<h2 id="chapter-01-intro-title">1. Introduction</h2>`, `<h3 id="01-intro-why">Why</h3>`,
		`<h3 id="02-more-details">Details</h3>`, `href="projects/acme.html"`, `href="report/02-more.html#details"`,
		"Project directory", "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more")
	b.assertFile("projects/acme.html", `<meta property="og:title" content="Acme Compute">`,
		`<meta property="og:description" content="Rents GPUs.">`, `<meta property="og:type" content="article">`,
		"! application/atom+xml", "! og:url")
	// A page without its own description takes the site's; the feed is
	// announced on the home page and the lists, not on each project's.
	b.assertFile("layers/infra.html", `<meta name="description" content="A report for tests.">`,
		`<link rel="alternate" type="application/atom+xml"`)
	b.assertFile("index.html", `<link rel="alternate" type="application/atom+xml"`)
}

// Without JavaScript the directory lists every project and the controls
// that need a script stay hidden.
func TestDirectoryWithoutJavaScript(t *testing.T) {
	b := newSite(t, minimalSite, exportSite).mustBuild()
	page := b.file("projects.html")
	if n := strings.Count(page, `<li class="card lc-`); n != 3 {
		t.Errorf("%d project cards, want 3", n)
	}
	b.assertFile("projects.html", `<form class="filters" id="filters" aria-label="Filter the projects" hidden>`,
		"! data-search", "! search-input", `data-slug="cella">`, `<script type="application/json" id="filter-data">{"added":{"cella":"2026-10-01"}}</script>`,
		`<script src="map-facets.js" defer></script>`,
		`<input type="checkbox" name="tag" value="a|b"> <span class="facet-name">a|b</span>`)
	// The facets' values the script filters by are in map-facets.js, which
	// the map's filter reads too: Cella's tags in its own order.
	b.assertFile("map-facets.js", `{"id":"tag","label":"Tag","v":[["a|b","a|b"],["chain","chain"],["gpu","gpu"]]}`, `"cella":[[0],[1],[1,0],[0],[0]]`)
}

// A large report's feed holds its newest feedEntries projects, newest
// first, not all of them.
func TestFeedKeepsTheNewest(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	if err := fixture.Write(src, fixture.Options{Projects: 150, Chapters: 3}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: src, Out: out, NoZip: true}); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(out, "feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Entries []struct {
			ID      string `xml:"id"`
			Updated string `xml:"updated"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Entries) != feedEntries {
		t.Fatalf("%d entries, want %d", len(f.Entries), feedEntries)
	}
	for i, e := range f.Entries {
		if !strings.Contains(e.ID, "/projects/") {
			t.Errorf("entry %d is %s; the newest projects should fill the feed", i, e.ID)
		}
		if i > 0 && e.Updated > f.Entries[i-1].Updated {
			t.Errorf("entry %d (%s) is newer than the one before it", i, e.Updated)
		}
	}
	// The newest project of all is first.
	set, err := content.Load(os.DirFS(src), content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	newest := ""
	for _, p := range set.Projects {
		newest = max(newest, p.Added)
	}
	if got := f.Entries[0].Updated; got != newest+"T00:00:00Z" {
		t.Errorf("first entry updated %s, want the newest date %s", got, newest)
	}
}

// The zip's entries carry the report's date, read by another zip reader
// (Python's zipfile, from the DOS date and time fields that unzip tools
// use): never 1980-00-00, which unpacks as 1979-12-31.
func TestZipEntriesAreDated(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("python3 is needed to read the zip with another reader")
		}
		t.Skip("python3 not found; skipping the zip date check with another reader")
	}
	for date, want := range map[string]string{"2025-03-14": "2025-03-14 00:00:00", "": "2000-01-01 00:00:00", "1970-01-01": "1980-01-01 00:00:00"} {
		yaml := strings.Replace(minimalSiteYAML, "title: Test Report\n", "title: Test Report\ndate: \""+date+"\"\n", 1)
		if date == "" {
			yaml = minimalSiteYAML
		}
		b := newSite(t, minimalSite, "-- content/site.yaml --\n"+yaml).mustBuild()
		out, err := exec.Command(py, "-c", `import sys, zipfile, datetime
z = zipfile.ZipFile(sys.argv[1])
print(sorted({str(datetime.datetime(*i.date_time)) for i in z.infolist()}))`, filepath.Join(b.out, "test-report.zip")).CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		if got := strings.TrimSpace(string(out)); got != "['"+want+"']" {
			t.Errorf("date %q: entries dated %s, want %s", date, got, want)
		}
	}
}

// builtinColumns are the data files' built-in fields in their documented
// order (the README's "Data files"), which is part of the format.
var builtinColumns = []string{"slug", "name", "layer", "layer_name", "section", "section_name", "summary", "website", "github", "x", "token", "tags", "in_report", "added", "page", "sections", "checked"}
