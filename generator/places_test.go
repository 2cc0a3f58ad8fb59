package generator

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/panorama-ssg/panorama/internal/browsertest"
)

// multiSite puts Acme in a second section of another layer, and defines
// fields of its own.
const multiSite = `
-- content/projects/acme.md --
---
name: Acme Compute
layer: infra
section: compute
also_in: [agents]
summary: Rents GPUs.
website: https://acme.example
tags: [gpu]
maturity: graduated
licenses: [MIT, Apache-2.0]
homepage_docs: https://docs.acme.example
---
Acme body.
-- content/projects/acme-agents.md --
---
name: Acme Compute
layer: infra
section: chains
summary: The same company's chain.
website: https://acme-chain.example
---
-- content/site.yaml --
` + minimalSiteYAML + `fields:
  - {id: maturity, label: Maturity, type: enum, values: [sandbox, graduated], filter: true}
  - {id: licenses, label: Licences, type: list, filter: true}
  - {id: homepage_docs, label: Documentation, type: url, show: true, export: false}
`

// A project in two sections appears in each, on every page kind that
// lists a section's projects, and has one page listing both places.
func TestProjectInTwoSections(t *testing.T) {
	b := newSite(t, minimalSite, multiSite).mustBuild()
	card := `href="../../projects/acme.html"`
	b.assertFile("layers/infra/compute.html", card)
	b.assertFile("layers/apps/agents.html", card, "Bolt Agents", `<p class="facts">2 projects</p>`)
	b.assertFile("layers/apps.html", `href="../projects/acme.html"`, `2 projects`)
	b.assertFile("index.html", `<h4 id="box-agents"><a href="layers/apps/agents.html">Agents</a> <span class="count">2</span></h4>`, `aria-describedby="tip-agents-acme"`, `aria-describedby="tip-compute-acme"`)
	page := b.file("projects.html")
	if n := strings.Count(page, `<a href="projects/acme.html">Acme Compute</a>`); n != 2 {
		t.Errorf("the directory lists Acme %d times, want once in each of its two sections", n)
	}
	b.assertFile("projects/acme.html", "<dt>Listed in</dt>", `href="../layers/infra/compute.html">Compute</a>`, `href="../layers/apps/agents.html">Agents</a>`)
	// Its own fields show, filter and export as site.yaml says.
	// Maturity as a badge in the header, addresses in the row of links.
	b.assertFile("projects/acme.html", `<span class="maturity maturity-graduated">graduated</span>`, "<dt>Licences</dt>", "<li>Apache-2.0</ul>",
		`<li><a href="https://docs.acme.example" rel="external" data-icon="docs">Documentation</a>`, "! <dt>Maturity</dt>")
	b.assertFile("projects.html", `name="maturity" value="graduated"`, "! value=\"sandbox\"", `name="licenses" value="MIT"`,
		`<script src="map-facets.js" defer></script>`)
	b.assertFile("map-facets.js", `{"id":"licenses","label":"Licences","v":[["Apache-2.0","Apache-2.0"],["MIT","MIT"]]}`, `"acme":[[0,1],[0,2],[0],[0],[1,0]]`)
	// The same name in another section is another project.
	b.assertFile("projects/acme-agents.html", "<h1>Acme Compute</h1>", "The same company")
	// Charts count it in both sections.
	b.assertFile("charts.html", `"name":"Agents","value":2,`)
	// The map of every layer is made of the layers' maps, and shows it in
	// both too.
	if got := strings.Join(mapLeaves(t, b, "charts/layer-map.js"), "\n"); !strings.Contains(got, "Infrastructure/Compute/Acme Compute projects/acme.html") ||
		!strings.Contains(got, "Applications/Agents/Acme Compute projects/acme.html") || !strings.Contains(got, "Applications/Agents/Bolt Agents projects/bolt.html") {
		t.Errorf("the map's projects:\n%s", got)
	}
	// Exports list every place and the exported fields.
	var doc struct {
		Projects []struct {
			Slug     string         `json:"slug"`
			Sections []string       `json:"sections"`
			Fields   map[string]any `json:"fields"`
		} `json:"projects"`
	}
	if err := json.Unmarshal([]byte(b.file("projects.json")), &doc); err != nil {
		t.Fatal(err)
	}
	for _, p := range doc.Projects {
		if p.Slug == "acme" {
			if strings.Join(p.Sections, ",") != "compute,agents" || p.Fields["maturity"] != "graduated" || p.Fields["homepage_docs"] != nil {
				t.Errorf("acme in projects.json: %+v", p)
			}
		}
	}
	b.assertFile("projects.csv", ",page,sections,checked,maturity,licenses\n", `,"compute; agents",,graduated,"MIT; Apache-2.0"`+"\n")
	b.assertFile("search-index/0.js", `"Infrastructure › Compute; Applications › Agents"`)
}

// Pages leave out what no project has: tokens, tags, in_report.
func TestPagesFollowTheData(t *testing.T) {
	b := newSite(t, minimalSite, "-- content/projects/acme.md --\n---\nname: Acme Compute\nlayer: infra\nsection: compute\nsummary: Rents GPUs.\nwebsite: https://acme.example\n---\n").mustBuild()
	b.assertFile("charts.html", `id="section-bar"`, "! token-bar", "! tag-bar")
	b.assertFile("projects.html", "! name=\"token\"", "! name=\"tag\"", "! named in the report", "! data-token")
	b.assertFile("projects/acme.html", "! In the report", "! <dt>Tags</dt>")
	b.assertFile("layers/infra/compute.html", "! tag-bar")
	// With the data, they are there.
	full := newSite(t, minimalSite, exportSite).mustBuild()
	full.assertFile("charts.html", `id="token-bar"`, `id="tag-bar"`)
	full.assertFile("projects.html", `name="token" value="yes"`, `name="tag" value="chain"`, "of them are named in the report")
	full.assertFile("projects/cella.html", "<dt>In the report</dt>")
	full.assertFile("layers/infra/chains.html", `id="tag-bar"`)
}

// In a browser, a project in two sections is seen in both on every page
// kind: the home page's list and layer map, both layer pages' lists and
// maps, both section pages, the directory filtered to either section, the
// charts' section bar, and its own page.
func TestProjectInTwoSectionsInBrowser(t *testing.T) {
	b := newSite(t, minimalSite, multiSite).mustBuild(func(o *Options) { o.NoZip = true })
	ctx := browsertest.Tab(t)
	w := browsertest.Watch(t, ctx)
	visible := func(page, js string) bool {
		t.Helper()
		file, frag, _ := strings.Cut(page, "#")
		if frag != "" {
			frag = "#" + frag
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(b.out, file)+frag)); err != nil {
			t.Fatal(err)
		}
		ok, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(5*time.Second)))
		if err != nil {
			t.Errorf("%s: %v", page, err)
		}
		return ok
	}
	// A link to Acme's page that shows, inside the given element.
	shown := func(within string) string {
		return fmt.Sprintf(`[...document.querySelectorAll(%q)].some(el => [...el.querySelectorAll('a[href$="projects/acme.html"]')].some(a => a.offsetParent !== null && a.getBoundingClientRect().width > 0))`, within)
	}
	// The layer map holds Acme under a section of that name.
	inMap := func(section string) string {
		return fmt.Sprintf(`(() => { const c = window.echarts && echarts.getInstanceByDom(document.getElementById('layer-map')); if (!c) return false;
			const find = (nodes, path) => nodes.some(n => (n.name === 'Acme Compute' && path.includes(%q)) || (n.children && find(n.children, path.concat(n.name))));
			return find(c.getOption().series[0].data, []); })()`, section)
	}
	for _, c := range []struct{ page, js string }{
		{"index.html", shown(`section[aria-labelledby=box-agents]`) + ` && ` + shown(`section[aria-labelledby=box-compute]`)},
		{"index.html", inMap("Compute") + " && " + inMap("Agents")},
		{"layers/infra.html", shown(`section[aria-labelledby=box-compute]`) + " && " + inMap("Compute")},
		{"layers/apps.html", shown(`section[aria-labelledby=box-agents]`) + " && " + inMap("Agents")},
		{"layers/infra/compute.html", shown("main")},
		{"layers/apps/agents.html", shown("main")},
		{"projects.html#section=agents", shown(`[data-section=agents]`) + ` && !` + shown(`[data-section=compute]`)},
		{"projects.html#section=compute", shown(`[data-section=compute]`)},
		{"charts.html", `(() => { const c = window.echarts && echarts.getInstanceByDom(document.getElementById('section-bar')); return !!c && c.getOption().series[0].data.find(d => d.name === 'Agents').value === 2; })()`},
		{"projects/acme.html", `[...document.querySelectorAll('.places a')].map(a => a.textContent).join(',') === 'Infrastructure,Compute,Applications,Agents'`},
	} {
		if !visible(c.page, c.js) {
			t.Errorf("%s: Acme is not shown where it should be (%s)", c.page, c.js)
		}
	}
	w.Check(t, "file://"+filepath.ToSlash(b.out)+"/")
}

// A list field's addresses are links; its other items are text.
func TestListFieldLinksAddresses(t *testing.T) {
	b := newSite(t, minimalSite, multiSite, "-- content/projects/bolt.md --\n---\nname: Bolt Agents\nlayer: apps\nsection: agents\nsummary: Runs agents.\nwebsite: https://bolt.example\nlicenses: [MIT, \"https://bolt.example/LICENSE\", \"javascript:alert(1)\"]\n---\n").mustBuild()
	b.assertFile("projects/bolt.html", `<li>MIT<li>`, `<li><a href="https://bolt.example/LICENSE" rel="external">https://bolt.example/LICENSE</a><li>`, `<li>javascript:alert(1)</ul>`)
}

// mapLeaves reads a map's chart file and the files of the parts it is made
// of, as charts.js puts them together, and lists its projects as
// "Layer/Section/Name link".
func mapLeaves(t *testing.T, b *siteBuilder, key string) []string {
	t.Helper()
	type node struct {
		Name     string `json:"name"`
		Link     string `json:"link"`
		Children []node `json:"children"`
	}
	var spec struct {
		Option struct {
			Series []struct {
				Data []node `json:"data"`
			} `json:"series"`
		} `json:"option"`
		Parts []struct {
			K string `json:"k"`
		} `json:"parts"`
	}
	js := b.file(key)
	if err := json.Unmarshal([]byte(strings.TrimSuffix(js[strings.Index(js, "] = ")+4:], ";\n")), &spec); err != nil {
		t.Fatalf("%s: %v", key, err)
	}
	var out []string
	for _, part := range spec.Parts {
		out = append(out, mapLeaves(t, b, part.K)...)
	}
	for _, l := range spec.Option.Series[0].Data {
		for _, s := range l.Children {
			for _, p := range s.Children {
				out = append(out, l.Name+"/"+s.Name+"/"+p.Name+" "+p.Link)
			}
		}
	}
	if len(spec.Parts) > 0 && len(spec.Option.Series[0].Data) > 0 {
		t.Errorf("%s holds projects as well as its parts", key)
	}
	return out
}
