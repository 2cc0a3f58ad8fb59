package serve

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/panorama-ssg/panorama/internal/browsertest"
	"github.com/panorama-ssg/panorama/internal/scaffold"
)

func TestMain(m *testing.M) { browsertest.Main(m) }

// An open page follows saves by itself: content edits, a bad save's
// problems and their fix are patched into the page in place (the same
// document stays, with its scroll position and script state); a changed
// stylesheet reloads it.
func TestOpenPageFollowsEdits(t *testing.T) {
	_, site, base := start(t)
	ctx := browsertest.Tab(t)
	w := browsertest.Watch(t, ctx)
	w.Allow("/__panorama/events: net::ERR_ABORTED") // each reload cuts the old page's stream
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"projects/hugo.html")); err != nil {
		t.Fatal(err)
	}
	text := func() string {
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
		if err != nil {
			return ""
		}
		return s
	}
	waitText := func(what string, ok func(string) bool) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for !ok(text()) {
			if time.Now().After(deadline) {
				t.Fatalf("the open page never showed %s; it shows:\n%s", what, text())
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	waitText("the page", func(s string) bool { return strings.Contains(s, "known for fast builds") })
	// A mark on this document, gone if the page reloads.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.sameDocument = true`)); err != nil {
		t.Fatal(err)
	}
	sameDocument := func() bool {
		same, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.sameDocument === true`))
		return err == nil && same
	}

	hugo := filepath.Join(site, "content/projects/hugo.md")
	edit(t, hugo, "known for fast builds", "known for reloading builds")
	waitText("the edit", func(s string) bool { return strings.Contains(s, "known for reloading builds") })

	edit(t, hugo, "layer: tools", "layer: tols")
	waitText("the problem", func(s string) bool {
		return strings.Contains(s, "The site did not build") && strings.Contains(s, `content/projects/hugo.md:4:8: layer "tols" is not defined`)
	})
	edit(t, hugo, "layer: tols", "layer: tools")
	waitText("the fixed page", func(s string) bool {
		return !strings.Contains(s, "The site did not build") && strings.Contains(s, "known for reloading builds")
	})
	if !sameDocument() {
		t.Fatal("the page reloaded for content edits; they should be patched in place")
	}
	title, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.title + " | " + document.querySelector('meta[name=description]').content`))
	if err != nil || !strings.Contains(title, "known for reloading builds") {
		t.Errorf("head not patched: %q (%v)", title, err)
	}

	create(t, filepath.Join(site, "templates/assets/style.css"), "body { background: rgb(1, 2, 3) }\n")
	waitTrue(t, ctx, "the changed stylesheet", `getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)"`)
	if sameDocument() {
		t.Error("a stylesheet change should reload the page")
	}
	w.Check(t, base, strings.TrimSuffix(base, "report/")+"__panorama/")
}

// A page whose scripts' data changed cannot be patched, since the scripts
// would not run again: the home page's map (its data in a script of its
// own, whose version the page's island names) reloads with the renamed
// project, and draws again.
func TestPageWithChangedScriptDataReloads(t *testing.T) {
	_, site, base := start(t)
	ctx := browsertest.Tab(t)
	w := browsertest.Watch(t, ctx)
	w.Allow("/__panorama/events: net::ERR_ABORTED")
	if err := chromedp.Do(ctx, chromedp.Navigate(base)); err != nil {
		t.Fatal(err)
	}
	drawn := `document.querySelector("#layer-map canvas") !== null`
	waitTrue(t, ctx, "the map", drawn)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.sameDocument = true`)); err != nil {
		t.Fatal(err)
	}
	edit(t, filepath.Join(site, "content/projects/hugo.md"), "name: Hugo", "name: Hugo Extended")
	shown := drawn + ` && JSON.stringify((window.PANORAMA_CHARTS || {})["charts/layer-map.js"] || null).includes("Hugo Extended")`
	waitTrue(t, ctx, "the map with the new name", shown)
	same, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.sameDocument === true`))
	if err != nil || same {
		t.Errorf("the page was patched (%v); its chart data changed, so it must reload", err)
	}
	w.Check(t, base, strings.TrimSuffix(base, "report/")+"__panorama/")
}

// waitTrue evaluates expr in the tab until it is true, across reloads.
func waitTrue(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the page never showed %s (%v)", what, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Scripts that keep what they read from the page follow a patched edit:
// the directory's text filter and the search box find a project by words
// it gained in the edit, without a reload.
func TestPatchedPageKeepsFiltersAndSearchCurrent(t *testing.T) {
	_, site, base := start(t)
	ctx := browsertest.Tab(t)
	w := browsertest.Watch(t, ctx)
	w.Allow("/__panorama/events: net::ERR_ABORTED")
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"projects.html")); err != nil {
		t.Fatal(err)
	}
	waitTrue(t, ctx, "the filters", `!document.getElementById("filters").hidden`)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.sameDocument = true`)); err != nil {
		t.Fatal(err)
	}
	// Filter and search for a word no project has yet.
	setup := `(function () {
		var q = document.getElementById("filters").elements.q;
		q.value = "reloading";
		q.dispatchEvent(new Event("input", {bubbles: true}));
		var s = document.getElementById("search-input");
		s.value = "reloading";
		s.dispatchEvent(new Event("input", {bubbles: true}));
		return true;
	})()`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](setup)); err != nil {
		t.Fatal(err)
	}
	hugoCard := `document.querySelector('.card a[href$="projects/hugo.html"]').closest(".card")`
	waitTrue(t, ctx, "the filter hiding Hugo", hugoCard+`.hidden`)
	waitTrue(t, ctx, "the search finding nothing", `document.getElementById("search-results").textContent.indexOf("Hugo") < 0 && window.PANORAMA_SEARCH !== undefined`)

	edit(t, filepath.Join(site, "content/projects/hugo.md"), "known for fast builds", "known for reloading builds")
	waitTrue(t, ctx, "the filter showing Hugo after the edit", `!`+hugoCard+`.hidden`)
	research := `(function () {
		var s = document.getElementById("search-input");
		s.dispatchEvent(new Event("input", {bubbles: true}));
		return document.getElementById("search-results").textContent.indexOf("Hugo") >= 0;
	})()`
	waitTrue(t, ctx, "the search finding Hugo after the edit", research)
	same, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.sameDocument === true`))
	if err != nil || !same {
		t.Errorf("the page reloaded (%v); the edit should have been patched in", err)
	}
	w.Check(t, base, strings.TrimSuffix(base, "report/")+"__panorama/")
}

// A project added while its section's page is open is patched in with its
// logo: logos.js takes the tile serve adds (its <noscript> parsed without
// script) as one of the page's own. (The home page and layer pages reload
// instead: their charts' data changed.)
func TestPatchedTileShowsItsLogo(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if _, err := scaffold.Site(site); err != nil {
		t.Fatal(err)
	}
	logo := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 32"><rect width="64" height="32" fill="#c05"/></svg>`
	if err := os.MkdirAll(filepath.Join(site, "content/static/logos"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "content/static/logos/zola.svg"), []byte(logo), 0o644); err != nil {
		t.Fatal(err)
	}
	_, base := serveSite(t, site, Options{Quiet: 50 * time.Millisecond})
	ctx := browsertest.Tab(t)
	w := browsertest.Watch(t, ctx)
	w.Allow("/__panorama/events: net::ERR_ABORTED")
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"layers/tools/general.html")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.sameDocument = true`)); err != nil {
		t.Fatal(err)
	}
	project := "---\nname: Zola\nlayer: tools\nsection: general\nsummary: A static site generator in one binary.\nwebsite: https://www.getzola.org\nlogo: logos/zola.svg\n---\n"
	if err := os.WriteFile(filepath.Join(site, "content/projects/zola.md"), []byte(project), 0o644); err != nil {
		t.Fatal(err)
	}
	tile := `document.querySelector('.landscape a.tile[href$="projects/zola.html"]')`
	waitTrue(t, ctx, "Zola's tile", tile+` !== null`)
	waitTrue(t, ctx, "Zola's logo drawn in its tile", `(() => { const i = `+tile+`.querySelector('img'); if (i) i.scrollIntoView(); return !!i && i.complete && i.naturalWidth > 0; })()`)
	same, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.sameDocument === true`))
	if err != nil || !same {
		t.Errorf("the page reloaded (%v); the new project should have been patched in", err)
	}
	w.Check(t, base, strings.TrimSuffix(base, "report/")+"__panorama/")
}
