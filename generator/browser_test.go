package generator

// Browser tests (issue 3): the built site opened in Debian's Chromium over
// file:// and over a loopback server under a GitHub Pages-like subpath.

import (
	"bytes"
	"context"
	"fmt"
	imagepng "image/png"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/panorama-ssg/panorama/internal/browsertest"
)

func TestMain(m *testing.M) { browsertest.Main(m) }

// serveSubpath serves dir under /report/ on loopback, like GitHub Pages
// serves a project site.
func serveSubpath(t *testing.T, dir string) string {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("/report/", http.StripPrefix("/report/", http.FileServer(http.Dir(dir))))
	srv := httptest.NewUnstartedServer(mux)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv.Listener = l
	srv.Start()
	t.Cleanup(srv.Close)
	return srv.URL + "/report/"
}

var defaultSite struct {
	once sync.Once
	out  string
	err  error
}

// builtDefaultSite builds, once per test binary, the fixture in
// testdata/report: a frozen copy of this repository's report, so that
// editing the report never breaks the generator's tests. The report itself
// is checked by TestDefaultSiteLinksResolve, TestDefaultSitePassesCheck
// and TestSourceProjectsInTheirSections.
func builtDefaultSite(t *testing.T) string {
	t.Helper()
	defaultSite.once.Do(func() {
		dir, err := browsertest.FixtureDir("panorama-site-")
		if err != nil {
			defaultSite.err = err
			return
		}
		defaultSite.out = filepath.Join(dir, "public")
		_, defaultSite.err = Build(Options{Source: filepath.Join("testdata", "report"), Out: defaultSite.out})
	})
	if defaultSite.err != nil {
		t.Fatal(defaultSite.err)
	}
	return defaultSite.out
}

func fileURL(dir, page string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, page))}).String()
}

// chartState reports, for every chart container on the page, its size and
// how many of its canvas pixels are painted.
const chartState = `(() => {
  const out = [];
  for (const el of document.querySelectorAll('[data-chart]')) {
    const c = el.querySelector('canvas');
    let painted = 0, w = 0, h = 0;
    if (c) {
      w = c.width; h = c.height;
      const d = c.getContext('2d').getImageData(0, 0, w, h).data;
      for (let i = 3; i < d.length; i += 16) if (d[i] > 0) painted++;
    }
    out.push({id: el.id, drawn: el.getAttribute('data-drawn') === 'true', w, h, painted});
  }
  return out;
})()`

type chartInfo struct {
	ID      string `json:"id"`
	Drawn   bool   `json:"drawn"`
	W       int    `json:"w"`
	H       int    `json:"h"`
	Painted int    `json:"painted"`
}

func waitCharts(t *testing.T, ctx context.Context, want int) []chartInfo {
	t.Helper()
	// Charts draw as they come near the viewport: bring each into view.
	expr := fmt.Sprintf(`(() => { for (const el of document.querySelectorAll('[data-chart]:not([data-drawn])')) { el.scrollIntoView({block: 'center'}); break; }
		return document.querySelectorAll('[data-drawn="true"]').length >= %d; })()`, want)
	if err := chromedp.Do(ctx, chromedp.Poll[Void](expr)); err != nil {
		t.Fatalf("charts not drawn: %v", err)
	}
	// ECharts paints on the next animation frames: wait until each drawn
	// chart has finished its first drawing.
	if err := chromedp.Do(ctx, chromedp.Poll[Void](`[...document.querySelectorAll('[data-drawn="true"]')].every(el => el.hasAttribute('data-settled'))`)); err != nil {
		t.Fatalf("charts never settled: %v", err)
	}
	infos, err := chromedp.Run(ctx, chromedp.Evaluate[[]chartInfo](chartState))
	if err != nil {
		t.Fatal(err)
	}
	return infos
}

type Void = chromedp.Void

// clickAndSettle clicks at x, y in the chart id and waits until the chart
// has drawn again, its animation ended.
func clickAndSettle(t *testing.T, ctx context.Context, id string, x, y float64) {
	t.Helper()
	get := fmt.Sprintf(`document.getElementById(%q).getAttribute('data-settled')`, id)
	before := browsertest.Must(t, ctx, chromedp.Evaluate[string](get))
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(x, y)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Poll[Void](fmt.Sprintf(`%s !== %q`, get, before))); err != nil {
		t.Fatalf("%s did not draw again after the click: %v", id, err)
	}
}

func TestChartsDrawFromFileAndSubpath(t *testing.T) {
	out := builtDefaultSite(t)
	base := serveSubpath(t, out)
	pages := []struct {
		page   string
		charts int
	}{
		{"index.html", 1},
		{"charts.html", 5},
		{"layers/middle.html", 2},
		{"layers/infrastructure/compute.html", 1},
		{"editions/2026-09/map.html", 1},
	}
	for _, origin := range []string{"file", "http"} {
		for _, p := range pages {
			t.Run(origin+"/"+p.page, func(t *testing.T) {
				ctx := browsertest.Tab(t)
				w := browsertest.Watch(t, ctx)
				u, allowed := fileURL(out, p.page), "file://"+filepath.ToSlash(out)+"/"
				if origin == "http" {
					u, allowed = base+p.page, base
				}
				if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
					t.Fatal(err)
				}
				infos := waitCharts(t, ctx, p.charts)
				if len(infos) != p.charts {
					t.Fatalf("%d charts on the page, want %d", len(infos), p.charts)
				}
				for _, c := range infos {
					if !c.Drawn || c.W == 0 || c.H == 0 || c.Painted < 500 {
						t.Errorf("chart %s: drawn=%v size=%dx%d painted samples=%d", c.ID, c.Drawn, c.W, c.H, c.Painted)
					}
				}
				w.Check(t, allowed)
			})
		}
	}
}

// projectPoint returns the page coordinates of a project's sector in the
// layer map, from the layout ECharts computed, after scrolling it into view.
func projectPoint(t *testing.T, ctx context.Context, name string) (float64, float64) {
	t.Helper()
	expr := fmt.Sprintf(`(() => {
  const el = document.getElementById('layer-map');
  el.scrollIntoView({block: 'center'});
  const box = el.getBoundingClientRect();
  const series = echarts.getInstanceByDom(el).getModel().getSeriesByIndex(0), data = series.getData();
  for (let i = 0; i < data.count(); i++) {
    if (data.getName(i) !== %q) continue;
    const node = data.tree.getNodeByDataIndex(i), own = node.getLayout();
    if (!own || own.invisible || !own.width) continue;
    // Layouts are relative to the parent node; the series sits at layoutInfo.
    let x = series.layoutInfo.x, y = series.layoutInfo.y;
    const top = series.getViewRoot();
    for (let n = node; n; n = n.parentNode) { const l = n.getLayout(); if (l) { x += l.x; y += l.y; } if (n === top) break; }
    // A node with children is selected on its name band, a project anywhere.
    return node.children.length ? [box.left + x + 12, box.top + y + 8] : [box.left + x + own.width / 2, box.top + y + own.height / 2];
  }
  return null;
})()`, name)
	xy, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](expr))
	if err != nil || len(xy) != 2 {
		t.Fatalf("locating %q in the layer map: %v %v", name, xy, err)
	}
	return xy[0], xy[1]
}

// mapLabelsJS defines mapLabels(el): the labels the chart in el draws and
// shows, with their text, font size and rectangle in the chart's pixels,
// read from ECharts' renderer.
const mapLabelsJS = `function mapLabels(el) {
  const chart = echarts.getInstanceByDom(el);
  const out = [];
  for (const t of chart.getZr().storage.getDisplayList(true)) {
    if ((t.type !== 'text' && t.type !== 'tspan') || t.invisible || t.ignore || !t.style || !t.style.text) continue;
    let hidden = false;
    for (let p = t.parent; p; p = p.parent) if (p.ignore || p.invisible) hidden = true;
    if (hidden || t.style.opacity === 0) continue;
    // A line is drawn as a tspan; its text element knows the box.
    const host = t.parent && t.parent.type === 'text' ? t.parent : t;
    // The text element's computed transform places it in the chart,
    // through its host shape.
    const r = host.getBoundingRect().clone();
    const m = host.getComputedTransform();
    if (m) r.applyTransform(m);
    const size = t.style.fontSize || parseFloat((t.style.font || '').match(/(\d+(\.\d+)?)px/)?.[1] || '12');
    if (out.some(o => o.host === host)) continue;
    out.push({host: host, text: host.style && host.style.text || t.style.text, size: size, x: r.x, y: r.y, w: r.width, h: Math.max(r.height, size)});
  }
  return out.map(o => ({text: o.text, size: o.size, x: o.x, y: o.y, w: o.w, h: o.h}));
}
`

// mapLabel is one label the map shows.
type mapLabel struct {
	Text       string
	Size       float64
	X, Y, W, H float64
}

// checkMapLabels fails on a shown label of the layer map under 10 px or
// overlapping another, and returns the labels.
func checkMapLabels(t *testing.T, ctx context.Context, when string) []mapLabel {
	t.Helper()
	return chartLabels(t, ctx, "layer-map", when)
}

// hover moves the mouse over a point and returns the tooltip's text.
func hover(t *testing.T, ctx context.Context, x, y float64) string {
	t.Helper()
	err := chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MouseMoved, x-3, y), chromedp.MouseEvent(chromedp.MouseMoved, x, y))
	if err != nil {
		t.Fatal(err)
	}
	var tip string
	for range 20 {
		tip, err = chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { for (const d of document.querySelectorAll('#layer-map div')) { if (d.style.display !== 'none' && d.style.position === 'absolute' && d.textContent) return d.textContent; } return ''; })()`))
		if err != nil {
			t.Fatal(err)
		}
		if tip != "" {
			break
		}
		chromedp.Do(ctx, chromedp.Sleep(50*time.Millisecond))
	}
	return tip
}

func TestLayerMapClickOpensProjectPage(t *testing.T) {
	out := builtDefaultSite(t)
	base := serveSubpath(t, out)
	for origin, start := range map[string]string{"file": fileURL(out, "index.html"), "http": base + "index.html"} {
		t.Run(origin, func(t *testing.T) {
			ctx := browsertest.Tab(t)
			w := browsertest.Watch(t, ctx)
			if err := chromedp.Do(ctx, chromedp.Navigate(start)); err != nil {
				t.Fatal(err)
			}
			waitCharts(t, ctx, 1)
			checkMapLabels(t, ctx, "the whole map")
			// A section zooms in rather than navigating.
			before := browsertest.Must(t, ctx, chromedp.Location())
			sx, sy := projectPoint(t, ctx, "Decentralized compute")
			clickAndSettle(t, ctx, "layer-map", sx, sy)
			root, err := chromedp.Run(ctx, chromedp.Evaluate[string](`echarts.getInstanceByDom(document.getElementById('layer-map')).getModel().getSeriesByIndex(0).getViewRoot().name`))
			if err != nil || root != "Decentralized compute" {
				t.Errorf("after clicking the section the map shows %q (%v), want it zoomed into Decentralized compute", root, err)
			}
			if loc := browsertest.Must(t, ctx, chromedp.Location()); loc != before {
				t.Errorf("clicking a section navigated to %s", loc)
			}
			checkMapLabels(t, ctx, "zoomed into a section")
			x, y := projectPoint(t, ctx, "IO.NET")
			tip := hover(t, ctx, x, y)
			for _, want := range []string{"IO.NET", "Infrastructure layer › Decentralized compute"} {
				if !strings.Contains(tip, want) {
					t.Errorf("tooltip %q lacks %q", tip, want)
				}
			}
			if err := chromedp.Do(ctx, chromedp.MouseClickXY(x, y)); err != nil {
				t.Fatal(err)
			}
			waitLocation(t, ctx, "/projects/io-net.html")
			h1, err := chromedp.Run(ctx, chromedp.Text("h1"))
			if err != nil || h1 != "IO.NET" {
				t.Errorf("landed on a page titled %q (%v)", h1, err)
			}
			loc := browsertest.Must(t, ctx, chromedp.Location())
			if origin == "http" && !strings.HasPrefix(loc, base) {
				t.Errorf("navigated out of the subpath to %s", loc)
			}
			w.Check(t, "file://"+filepath.ToSlash(out)+"/", base)
		})
	}
}

// A past edition's diagram shows the edition's names; a project still
// listed opens its current page, one the report dropped opens nothing.
func TestPastMapLinksCurrentPages(t *testing.T) {
	out := builtDefaultSite(t)
	ctx := browsertest.Tab(t)
	w := browsertest.Watch(t, ctx)
	start := fileURL(out, "editions/2026-09/map.html")
	if err := chromedp.Do(ctx, chromedp.Navigate(start)); err != nil {
		t.Fatal(err)
	}
	waitCharts(t, ctx, 1)
	checkMapLabels(t, ctx, "a past map")
	x, y := projectPoint(t, ctx, "Example Retired Project")
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(x, y)); err != nil {
		t.Fatal(err)
	}
	// A click that would navigate does so in its handler: two frames after
	// it, the page is still the map or is already leaving.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
	if loc := browsertest.Must(t, ctx, chromedp.Location()); loc != start {
		t.Errorf("clicking a project the report dropped navigated to %s", loc)
	}
	x, y = projectPoint(t, ctx, "Gensyn Network") // its name in that edition
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(x, y)); err != nil {
		t.Fatal(err)
	}
	waitLocation(t, ctx, "/projects/gensyn.html")
	if h1, err := chromedp.Run(ctx, chromedp.Text("h1")); err != nil || h1 != "Gensyn" {
		t.Errorf("landed on a page titled %q (%v), want the current Gensyn", h1, err)
	}
	w.Check(t, "file://"+filepath.ToSlash(out)+"/")
}

// waitLocation waits until the tab has loaded a page whose path ends with
// suffix (or, since servers redirect …/index.html to …/, with that folder). Navigation destroys the page's JavaScript context, so errors while
// it happens are expected and retried.
func waitLocation(t *testing.T, ctx context.Context, suffix string) {
	t.Helper()
	var last string
	for range 100 {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`(location.pathname.endsWith(%q) || location.pathname.endsWith(%q)) && document.readyState === 'complete'`, suffix, strings.TrimSuffix(suffix, "index.html"))))
		if err == nil && ok {
			return
		}
		if loc, err := chromedp.Run(ctx, chromedp.Location()); err == nil { // fails while a page loads
			last = loc
		}
		if err := chromedp.Do(ctx, chromedp.Sleep(100*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
	}
	t.Fatalf("did not reach a page ending in %s; at %s", suffix, last)
}

// TestHomeScreenshot saves a picture of the home page for a person to look
// at (the path is in the test log), and checks that it shows the whole
// page, drawn in more than a few colours.
func TestHomeScreenshot(t *testing.T) {
	out := builtDefaultSite(t)
	ctx := browsertest.Tab(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(out, "index.html"))); err != nil {
		t.Fatal(err)
	}
	waitCharts(t, ctx, 1)
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(os.TempDir(), "panorama-home.png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("home page screenshot: %s (%d bytes)", path, len(png))
	img, err := imagepng.Decode(bytes.NewReader(png))
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	colors := map[[3]uint32]bool{}
	for y := b.Min.Y; y < b.Max.Y; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colors[[3]uint32{r >> 10, g >> 10, bl >> 10}] = true
		}
	}
	height := browsertest.Must(t, ctx, chromedp.Evaluate[float64](`document.documentElement.scrollHeight`))
	if b.Dx() < 1000 || float64(b.Dy()) < height-1 || len(colors) < 50 {
		t.Errorf("the screenshot is %d×%d px (page %.0f px high) with %d colours: not the whole page drawn", b.Dx(), b.Dy(), height, len(colors))
	}
}

const hostileSite = `
-- content/projects/acme.md --
---
name: "</script><script>window.__pwned=1</script>"
layer: infra
section: compute
summary: "<img src=x onerror=window.__pwned=2> and \u2028 line separator"
website: https://acme.example/
tags: ["<svg onload=window.__pwned=3>"]
---
<script>window.__pwned=4</script>
-- content/projects/bolt.md --
---
name: "Bolt'\"><img src=x onerror=alert(1)>"
layer: apps
section: agents
summary: "{b} {c} ${window.__pwned=5} <b>bold</b>"
website: https://bolt.example
tags: ["<svg onload=window.__pwned=3>"]
---
`

// TestHostileProjectDataNeverRuns: project data built to break out of HTML,
// JSON, tooltips and templates shows as text everywhere and runs nowhere.
func TestHostileProjectDataNeverRuns(t *testing.T) {
	b := newSite(t, minimalSite, hostileSite).mustBuild()
	ctx := browsertest.Tab(t)
	w := browsertest.Watch(t, ctx)
	for _, p := range []string{"index.html", "charts.html", "projects/acme.html", "projects/bolt.html", "layers/infra.html", "layers/infra/compute.html",
		"embed.html", "embed/map.html", "embed/layers/infra/compute.html", "badges/compute.svg", "badges/agents.svg"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(b.out, p))); err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(p, "index") || strings.HasPrefix(p, "charts") || strings.HasPrefix(p, "layers") {
			waitCharts(t, ctx, 1)
		}
		pwned, err := chromedp.Run(ctx, chromedp.Evaluate[any](`window.__pwned === undefined ? null : window.__pwned`))
		if err != nil {
			t.Fatal(err)
		}
		if pwned != nil {
			t.Errorf("%s: injected script ran (window.__pwned = %v)", p, pwned)
		}
	}
	// The tooltip shows the hostile name as text.
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(b.out, "index.html"))); err != nil {
		t.Fatal(err)
	}
	waitCharts(t, ctx, 1)
	x, y := projectPoint(t, ctx, "</script><script>window.__pwned=1</script>")
	tip := hover(t, ctx, x, y)
	if !strings.HasPrefix(tip, "</script><script>window.__pwned=1</script>") {
		t.Errorf("tooltip %q does not show the name as text", tip)
	}
	// The landscape's tooltip shows name and summary as text too.
	land := browsertest.Must(t, ctx, chromedp.Evaluate[string](`(() => { const a = [...document.querySelectorAll('.landscape a.tile')].find(a => a.textContent.includes('__pwned=1')); a.focus();
		const tip = document.getElementById(a.getAttribute('aria-describedby')); return tip.textContent + '|' + tip.querySelectorAll('img, svg, script').length; })()`))
	if !strings.Contains(land, "<img src=x onerror=window.__pwned=2>") || !strings.HasSuffix(land, "|0") {
		t.Errorf("landscape tooltip %q does not show the summary as text", land)
	}
	imgs := browsertest.Must(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('#layer-map img, #layer-map svg').length`))
	if imgs != 0 {
		t.Errorf("tooltip holds %d injected elements", imgs)
	}
	pwned := browsertest.Must(t, ctx, chromedp.Evaluate[any](`window.__pwned === undefined ? null : window.__pwned`))
	if pwned != nil {
		t.Errorf("injected script ran on hover (window.__pwned = %v)", pwned)
	}
	// Search results and the directory's filters show it as text too.
	if err := chromedp.Do(ctx, chromedp.Focus("#search-input"), chromedp.KeyEvent("script")); err != nil {
		t.Fatal(err)
	}
	got := waitResults(t, ctx, func(r []string) bool { return len(r) > 0 })
	if !slices.Contains(got, "Projects: </script><script>window.__pwned=1</script>") {
		t.Errorf("search results %q do not show the name as text", got)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(b.out, "projects.html")+"#tag=%3Csvg%20onload%3Dwindow.__pwned%3D3%3E&q=%3Cb%3Ebold")); err != nil {
		t.Fatal(err)
	}
	shown := browsertest.Must(t, ctx, chromedp.Evaluate[[]string](visibleCards))
	if len(shown) != 1 || !strings.HasPrefix(shown[0], "agents:Bolt") {
		t.Errorf("filtering by the hostile tag and text shows %q, want Bolt alone", shown)
	}
	injected := browsertest.Must(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('main img, main svg').length`))
	pwned = browsertest.Must(t, ctx, chromedp.Evaluate[any](`window.__pwned === undefined ? null : window.__pwned`))
	if injected != 0 || pwned != nil {
		t.Errorf("the directory holds %d injected elements; window.__pwned = %v", injected, pwned)
	}
	w.Check(t, "file://"+filepath.ToSlash(b.out)+"/")
}
