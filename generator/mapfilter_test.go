package generator

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/panorama-ssg/panorama/bench/fixture"

	"github.com/chromedp/chromedp"
	"github.com/panorama-ssg/panorama/internal/browsertest"
)

// The map itself filters by the directory's facets: choosing a value hides
// the other tiles and re-counts sections and layers, the choice stays in
// the address, and an address with a choice opens filtered; on a layer's
// map too. Without JavaScript every tile shows (nothing is hidden in the
// HTML).
func TestMapFilter(t *testing.T) {
	b := newSite(t, minimalSite, `
-- content/projects/cella.md --
---
name: Cella
layer: infra
section: compute
summary: Stores data.
website: https://cella.example
tags: [storage]
---
`).mustBuild(func(o *Options) { o.NoZip = true })
	b.assertFile("index.html", `data-map-filter hidden`, `data-section="compute"`, `! <li hidden`)
	b.assertFile("map-facets.js", `window.PANORAMA_FACETS = {"f":[{"id":"layer"`, `"acme":[[0],[0],[0]]`)
	ctx := browsertest.Tab(t)
	w := browsertest.Watch(t, ctx)
	state := `[...document.querySelectorAll('.landscape .tiles li')].filter(li => !li.hidden).map(li => li.querySelector('.tile-name').textContent.trim()).join(',') + ' | ' +
		[...document.querySelectorAll('.landscape .box')].map(b => b.dataset.section + (b.hidden ? ':hidden' : ':' + b.querySelector('h4 .count').textContent)).join(' ') + ' | ' + location.hash`
	browsertest.Must(t, ctx, chromedp.Navigate(fileURL(b.out, "index.html")))
	browsertest.Must(t, ctx, chromedp.Click(`[data-map-filter] > summary`))
	browsertest.Must(t, ctx, chromedp.WaitVisible(`[data-map-facets] input[name=tag][value=gpu]`))
	if got := browsertest.Must(t, ctx, chromedp.Evaluate[string](`document.querySelector('[data-map-facets] input[value=gpu]').parentNode.textContent.trim()`)); got != "gpu (1)" {
		t.Errorf("the gpu value reads %q, want its count", got)
	}
	browsertest.Must(t, ctx, chromedp.Click(`[data-map-facets] input[name=tag][value=gpu]`))
	got := browsertest.Must(t, ctx, chromedp.Evaluate[string](state))
	if want := "Acme Compute | compute:1 agents:hidden | #tag=gpu"; got != want {
		t.Errorf("filtered by tag gpu: %q, want %q", got, want)
	}
	if s := browsertest.Must(t, ctx, chromedp.Evaluate[string](`document.querySelector('[data-map-status]').textContent`)); !strings.Contains(s, "1 of 3") {
		t.Errorf("status %q", s)
	}
	// Opened from that address, the map is filtered at once; the layer's
	// map too.
	for _, page := range []string{"index.html", "layers/infra.html"} {
		browsertest.Must(t, ctx, chromedp.Navigate(fileURL(b.out, "projects.html")))
		browsertest.Must(t, ctx, chromedp.Navigate(fileURL(b.out, page)+"#section=compute&tag=storage"))
		browsertest.Must(t, ctx, chromedp.Poll[Void](`document.querySelector('[data-map-status]').textContent !== ""`))
		got := browsertest.Must(t, ctx, chromedp.Evaluate[string](state))
		if !strings.HasPrefix(got, "Cella | compute:1") {
			t.Errorf("%s from the address: %q", page, got)
		}
	}
	browsertest.Must(t, ctx, chromedp.Click(`[data-map-filter] > summary`))
	browsertest.Must(t, ctx, chromedp.Click(`[data-map-reset]`))
	if got := browsertest.Must(t, ctx, chromedp.Evaluate[string](state)); !strings.HasPrefix(got, "Acme Compute,Cella | compute:2") {
		t.Errorf("after Show all: %q", got)
	}
	w.Check(t, "file://"+b.out+"/")
}

// On the LF AI & Data import and a 2,000-project fixture with logos, a
// facet choice in the address filters the home map to exactly the
// projects map-facets.js gives that value, and the sections' counts add up
// to them.
func TestMapFilterAtScale(t *testing.T) {
	check := func(t *testing.T, out, facet, value string) {
		ctx := browsertest.Tab(t)
		browsertest.Must(t, ctx, chromedp.Navigate(fileURL(out, "index.html")+"#"+facet+"="+value))
		browsertest.Must(t, ctx, chromedp.Poll[Void](`document.querySelector('[data-map-status]').textContent !== ""`))
		got := browsertest.Must(t, ctx, chromedp.Evaluate[[]int](`(() => {
			const d = window.PANORAMA_FACETS, f = d.f.findIndex(x => x.id === '`+facet+`'), k = d.f[f].v.findIndex(v => v[0] === '`+value+`');
			const want = Object.values(d.p).filter(p => p[f].includes(k)).length;
			const slugs = new Set([...document.querySelectorAll('.landscape .tiles li')].filter(li => !li.hidden).map(li => li.querySelector('a.tile').getAttribute('href')));
			const counted = [...document.querySelectorAll('.landscape .box')].filter(b => !b.hidden).reduce((n, b) => n + Number(b.querySelector('h4 .count').textContent), 0);
			const tiles = [...document.querySelectorAll('.landscape .tiles li')].filter(li => !li.hidden).length;
			return [want, slugs.size, counted, tiles];
		})()`))
		if got[0] == 0 || got[0] != got[1] || got[2] != got[3] {
			t.Errorf("%s=%s: %d projects have it; the map shows %d projects, its boxes count %d of %d tiles", facet, value, got[0], got[1], got[2], got[3])
		}
	}
	t.Run("lfai", func(t *testing.T) {
		check(t, builtLFAI(t), "maturity", "graduated")
	})
	t.Run("fixture-2000", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "site")
		must(t, fixture.Write(dir, fixture.Options{Projects: 2000, Chapters: 10, Seed: 3, LogoEvery: 1}))
		out := filepath.Join(dir, "public")
		_, err := Build(Options{Source: dir, Out: out, NoZip: true})
		must(t, err)
		tags, _ := os.ReadFile(filepath.Join(out, mapFacetsPath))
		tag := regexp.MustCompile(`"id":"tag","label":"Tag","v":\[\["([a-z0-9-]+)"`).FindSubmatch(tags)
		if tag == nil {
			t.Fatal("the fixture's map has no tag facet")
		}
		check(t, out, "tag", string(tag[1]))
	})
}
