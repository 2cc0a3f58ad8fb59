package generator

// The landscape at scale (issue 13): a 2,000-project fixture with logos of
// every awkward kind, opened from file:// and under a subpath.

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/panorama-ssg/panorama/bench/fixture"
	"github.com/panorama-ssg/panorama/generator/page"
	"github.com/panorama-ssg/panorama/internal/browsertest"
	"github.com/panorama-ssg/panorama/templates"
)

// logoState scrolls every list of tiles into view, as a reader does, and
// waits for logos.js to put its logos in; then it scrolls every logo into
// view (they load lazily) and lists those that are not drawn whole and in
// proportion: not decoded, not object-fit: contain, or without width and
// height.
const logoState = `(async () => {
  for (const list of document.querySelectorAll('.landscape .tiles')) {
    list.scrollIntoView({block: 'center'});
    for (let i = 0; i < 150 && list.querySelector('.tile > noscript, .tile > img[data-src]'); i++) await new Promise(r => setTimeout(r, 20));
  }
  const imgs = [...document.querySelectorAll('.landscape img')];
  for (const img of imgs) {
    img.scrollIntoView({block: 'center'});
    if (!img.complete) await new Promise(r => { img.onload = img.onerror = r; setTimeout(r, 2000); });
  }
  const bad = imgs.filter(img => !(img.naturalWidth > 0 && getComputedStyle(img).objectFit === 'contain' &&
    img.getAttribute('width') && img.getAttribute('height') && img.loading === 'lazy')).map(img => img.getAttribute('src'));
  return {count: imgs.length, bad: bad.slice(0, 5), nbad: bad.length};
})()`

// allTilesIn waits, as a reader who stays on the page does, for logos.js
// to put in every list of tiles that a large map writes for later (as its
// lists near the screen, a few dozen tiles a frame, the rest while the
// page is idle) until each box has as many tiles as its heading counts:
// the number of lists still to come when it began, or -1 if some are not
// in after 30 s.
const allTilesIn = `(async () => {
  const waiting = document.querySelectorAll('noscript[data-tiles]').length;
  const short = () => document.querySelector('noscript[data-tiles]') || [...document.querySelectorAll('.landscape .box')].some(b => b.querySelectorAll('.tiles > li').length !== Number(b.querySelector('h4 .count').textContent));
  for (let i = 0; i < 600 && short(); i++) await new Promise(r => setTimeout(r, 50));
  return short() ? -1 : waiting;
})()`

// noIdleCallbacks makes the page's idle callbacks never come, so that
// logos.js leaves the lists far from the screen for later.
var noIdleCallbacks = chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
	_, err := cdp.Call(ctx, tgt, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: `window.requestIdleCallback = () => 0;`})
	return err
})

// waitAllTiles fails the test if a large map's lists do not all come in.
func waitAllTiles(t *testing.T, ctx context.Context) {
	t.Helper()
	if n := browsertest.Must(t, ctx, chromedp.Evaluate[int](allTilesIn, chromedp.EvalAwaitPromise)); n < 0 {
		t.Fatal("the map's lists written for later were not all in 30 s after the page loaded")
	}
}

// mapHeight measures the landscape at a viewport size: its height in
// screens, and where its first tile starts.
const mapHeight = `(() => { const l = document.querySelector('.landscape').getBoundingClientRect(), f = document.querySelector('.landscape .tile').getBoundingClientRect();
  return [l.height / innerHeight, f.top + scrollY, document.documentElement.scrollWidth - innerWidth]; })()`

// checkMapBudget holds a compact map of n projects to its budgets: within
// 6 screens at 1366×900 and 18 at 390×844, its first row on a phone's
// first screen, no sideways scrolling; and its zoom steps (zoom.js)
// change the tiles, the largest showing names.
func checkMapBudget(t *testing.T, ctx context.Context, n int) {
	t.Helper()
	for _, vp := range []struct {
		w, h    int64
		screens float64
	}{{1366, 900, 6}, {390, 844, 18}} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(vp.w, vp.h)); err != nil {
			t.Fatal(err)
		}
		m := browsertest.Must(t, ctx, chromedp.Evaluate[[]float64](mapHeight))
		if m[0] > vp.screens || m[1] > float64(vp.h) || m[2] > 0 {
			t.Errorf("%d projects at %d×%d: the map is %.1f screens high (budget %g), its first tile at %.0f px, %.0f px too wide", n, vp.w, vp.h, m[0], vp.screens, m[1], m[2])
		}
	}
	width := `document.querySelector('.landscape .tile').getBoundingClientRect().width`
	medium := browsertest.Must(t, ctx, chromedp.Evaluate[float64](width))
	if err := chromedp.Do(ctx, chromedp.Click(`label[for=zoom-s]`)); err != nil {
		t.Fatal(err)
	}
	small := browsertest.Must(t, ctx, chromedp.Evaluate[float64](width))
	if err := chromedp.Do(ctx, chromedp.Click(`label[for=zoom-l]`)); err != nil {
		t.Fatal(err)
	}
	large := browsertest.Must(t, ctx, chromedp.Evaluate[float64](width))
	named := browsertest.Must(t, ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('.landscape .tile'), '::after').position`))
	if !(small < medium && medium < large) || named != "static" {
		t.Errorf("zoom steps: tiles %.0f, %.0f, %.0f px wide; names at the largest step %q", small, medium, large, named)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`label[for=zoom-m]`), chromedp.EmulateViewport(1366, 900)); err != nil {
		t.Fatal(err)
	}
}

type logoReport struct {
	Count int      `json:"count"`
	Bad   []string `json:"bad"`
	NBad  int      `json:"nbad"`
}

func TestLandscapeAtScale(t *testing.T) {
	out := builtFixture(t, fixture.Options{Projects: 2000, Chapters: 2})
	base := serveSubpath(t, out)
	for origin, home := range map[string]string{"file": fileURL(out, "index.html"), "http": base + "index.html"} {
		t.Run(origin, func(t *testing.T) {
			ctx := browsertest.Tab(t)
			w := browsertest.Watch(t, ctx)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(home)); err != nil {
				t.Fatal(err)
			}
			// Past the first screen's tiles, the lists come in once the
			// page is up; then every project has a tile, in one section
			// each here.
			waitAllTiles(t, ctx)
			n := browsertest.Must(t, ctx, chromedp.Evaluate[int](`new Set([...document.querySelectorAll('.landscape a.tile')].map(a => a.getAttribute('href'))).size`))
			if n != 2000 {
				t.Errorf("the landscape shows %d projects, want 2000", n)
			}
			logos, err := chromedp.Run(ctx, chromedp.Evaluate[logoReport](logoState, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			if logos.Count != 200 || logos.NBad != 0 {
				t.Errorf("%d logos, %d not drawn whole and in proportion: %q", logos.Count, logos.NBad, logos.Bad)
			}
			// Over 300 projects the map is compact: a tile is its logo, its
			// name in its accessible name, shown on keyboard focus.
			tip := browsertest.Must(t, ctx, chromedp.Evaluate[string](`(() => { const a = document.querySelector('.landscape.compact a.tile'); a.focus({focusVisible: true});
				const after = getComputedStyle(a, '::after'); return after.display + '|' + after.content + '|' + a.getAttribute('aria-label') + '|' + a.querySelectorAll('.tile-name, .tip').length; })()`))
			if parts := strings.Split(tip, "|"); len(parts) != 4 || parts[0] != "block" || parts[1] != strconv.Quote(parts[2]) || parts[2] == "" || parts[3] != "0" {
				t.Errorf("focused compact tile: %q, want its name shown from its accessible name", tip)
			}
			if origin == "file" {
				checkMapBudget(t, ctx, 2000)
			}
			// The hostile SVG logos are only ever images: their script never runs.
			hostile := fmt.Sprintf("projects/p-%05d.html", 50) // the sixth logo, kind 5
			if err := chromedp.Do(ctx, chromedp.Navigate(strings.TrimSuffix(home, "index.html")+hostile)); err != nil {
				t.Fatal(err)
			}
			src := browsertest.Must(t, ctx, chromedp.Evaluate[string](`document.querySelector('img.logo').getAttribute('src') + '|' + String(window.__pwned)`))
			if src != "../logos/p-00050.svg|undefined" {
				t.Errorf("hostile logo page: %q, want the logo as an image and no script run", src)
			}
			// Opened on its own, as a link to it would, the published file
			// has neither its script nor its onload any more. (In a tab of
			// its own: Chromium asks the server root for a favicon when it
			// shows a bare image, which the watcher would count.)
			tab := browsertest.Tab(t)
			if err := chromedp.Do(tab, chromedp.Navigate(strings.TrimSuffix(home, "index.html")+"logos/p-00050.svg")); err != nil {
				t.Fatal(err)
			}
			direct := browsertest.Must(t, tab, chromedp.Evaluate[string](`document.documentElement.localName + '|' + document.querySelectorAll('rect').length + '|' + String(window.__pwned)`))
			if direct != "svg|1|undefined" {
				t.Errorf("hostile logo opened directly: %q, want the drawing and no script run", direct)
			}
			if origin == "file" {
				diagramAtScale(t, ctx, out)
			}
			w.Check(t, "file://"+filepath.ToSlash(out)+"/", base)
		})
	}
	// On a phone the landscape fits the width.
	ctx := browsertest.Tab(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(fileURL(out, "index.html"))); err != nil {
		t.Fatal(err)
	}
	over := browsertest.Must(t, ctx, chromedp.Evaluate[string](`(() => { const w = document.documentElement.clientWidth; return [...document.querySelectorAll('.landscape *')].filter(e => e.getBoundingClientRect().right > w + 1).slice(0, 3).map(e => e.tagName + '.' + e.className).join(' '); })()`))
	if over != "" {
		t.Errorf("the landscape is wider than a 390px phone: %s", over)
	}
	pwned := browsertest.Must(t, ctx, chromedp.Evaluate[string](`String(window.__pwned)`))
	if pwned != "undefined" {
		t.Errorf("a logo's script ran on the home page: %s", pwned)
	}
	// Without script, every logo is an image from the start: logos.js only
	// puts them in when it runs.
	noJS := browsertest.Tab(t)
	disable := chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tgt, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
	if err := chromedp.Do(noJS, disable, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(fileURL(out, "index.html"))); err != nil {
		t.Fatal(err)
	}
	shown := browsertest.Must(t, noJS, chromedp.Evaluate[string](`(async () => {
	  const imgs = [...document.querySelectorAll('.landscape .tile img')];
	  const first = imgs[0], last = imgs[imgs.length - 1];
	  for (const img of [first, last]) {
	    if (!img) continue;
	    img.scrollIntoView();
	    if (!img.complete) await new Promise(r => { img.onload = img.onerror = r; setTimeout(r, 3000); });
	  }
	  return document.querySelectorAll('.landscape a.tile').length + '|' + imgs.length + '|' + (first ? first.naturalWidth > 0 : false) + '|' + (last ? last.naturalWidth > 0 : false);
	})()`, chromedp.EvalAwaitPromise))
	if shown != "2000|200|true|true" {
		t.Errorf("without script: %q tiles, logos as images, the first and last drawn; want 2000|200|true|true", shown)
	}
	// Those are a large map's lists written for later: the first ones
	// plain, their logos each in a <noscript> of its own; the rest whole
	// in one, their logos plain images, for no <noscript> holds another.
	home, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	later := regexp.MustCompile(`(?s)<noscript data-tiles>(.*?)</noscript>`).FindAllSubmatch(home, -1)
	lists := bytes.Count(home, []byte(`<ul class="tiles">`))
	if first := bytes.Index(home, []byte(`<ul class="tiles">`)); len(later) == 0 || len(later) == lists || bytes.HasSuffix(home[:first], []byte("<noscript data-tiles>")) {
		t.Errorf("the home page writes %d of its %d lists for later, want the first ones plain and the rest later", len(later), lists)
	}
	for _, l := range later {
		if bytes.Contains(l[1], []byte("<noscript")) {
			t.Fatalf("a list written for later holds a <noscript>: %.200s", l[1])
		}
	}
	// A reader who jumps down the page gets the lists there at once, not
	// after the idle page has put in all those above (here it never does).
	jump := browsertest.Tab(t)
	if err := chromedp.Do(jump, noIdleCallbacks, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(fileURL(out, "index.html"))); err != nil {
		t.Fatal(err)
	}
	jumped := browsertest.Must(t, jump, chromedp.Evaluate[string](`(async () => {
	  const boxes = [...document.querySelectorAll('.landscape .box')], last = boxes[boxes.length - 1];
	  last.scrollIntoView({block: 'center'});
	  for (let i = 0; i < 150 && !last.querySelector('.tiles'); i++) await new Promise(r => setTimeout(r, 20));
	  const img = last.querySelector('.tile img');
	  for (let i = 0; i < 150 && img && !(img.getAttribute('src') && img.complete); i++) await new Promise(r => setTimeout(r, 20));
	  const middle = boxes[Math.floor(boxes.length / 2)];
	  return last.querySelectorAll('.tile').length + '|' + (img ? img.naturalWidth > 0 : 'no logo') + '|' + !!middle.querySelector('noscript[data-tiles]');
	})()`, chromedp.EvalAwaitPromise))
	if parts := strings.Split(jumped, "|"); len(parts) != 3 || parts[0] == "0" || parts[1] == "false" || parts[2] != "true" {
		t.Errorf("jumping to the map's last section: %q (its tiles | its first logo drawn | a middle section still to come); want tiles, a logo, and true", jumped)
	}
	boxesKeepTheirHeight(t, out)
	// Printed, as "Save as PDF" does, the map has every list and logo in.
	pdf, err := chromedp.Run(jump, printPDF())
	if err != nil || len(pdf) == 0 {
		t.Fatalf("printing the map: %v", err)
	}
	printed := browsertest.Must(t, jump, chromedp.Evaluate[string](`document.querySelectorAll('noscript[data-tiles], .tile > noscript, .tile > img[data-src]').length + '|' + document.querySelectorAll('.landscape a.tile').length`))
	if printed != "0|2000" {
		t.Errorf("after printing: %q (lists and logos still to come | tiles); want 0|2000", printed)
	}
	// The directory's cards get theirs as they near the screen too: a card
	// far down has none until the reader scrolls to it.
	dir := browsertest.Tab(t)
	if err := chromedp.Do(dir, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(fileURL(out, "projects.html"))); err != nil {
		t.Fatal(err)
	}
	cards := browsertest.Must(t, dir, chromedp.Evaluate[string](`(async () => {
	  const withLogo = [...document.querySelectorAll('.cards > .card')].filter(c => c.querySelector('h3 > noscript, img.card-logo'));
	  const last = withLogo[withLogo.length - 1];
	  const before = !!last.querySelector('img.card-logo');
	  last.scrollIntoView({block: 'center'});
	  for (let i = 0; i < 150 && !last.querySelector('img.card-logo'); i++) await new Promise(r => setTimeout(r, 20));
	  const img = last.querySelector('img.card-logo');
	  if (img && !img.complete) await new Promise(r => { img.onload = img.onerror = r; setTimeout(r, 3000); });
	  return withLogo.length + '|' + before + '|' + (img ? img.naturalWidth > 0 : false);
	})()`, chromedp.EvalAwaitPromise))
	if cards != "200|false|true" {
		t.Errorf("directory: %q (cards with a logo | the last one's logo in before scrolling | drawn after); want 200|false|true", cards)
	}
}

// diagramAtScale: the layer diagram of 2,000 projects reads at the top
// (layers and sections, no label under 10 px, none overlapping), every
// project is one selection of its section away, selecting it opens its
// page, and the page carries no project's summary in the chart's data.
func diagramAtScale(t *testing.T, ctx context.Context, out string) {
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(out, "index.html"))); err != nil {
		t.Fatal(err)
	}
	waitCharts(t, ctx, 1)
	top := checkMapLabels(t, ctx, "the whole map of 2,000 projects")
	if len(top) < 20 || len(top) > 60 {
		t.Errorf("the whole map shows %d labels; want the layers and sections", len(top))
	}
	// The map's data comes with the chart, from the scripts of the layers'
	// maps it is made of, not in the page.
	data := browsertest.Must(t, ctx, chromedp.Evaluate[string](`JSON.stringify(window.PANORAMA_CHARTS['charts/layer-map.js'] || null) + (document.getElementById('layer-map-data').textContent ? ' inlined' : '')`))
	if len(data) < 1000 || strings.HasSuffix(data, " inlined") {
		t.Errorf("the map's data is not loaded from its scripts (%d bytes)", len(data))
	}
	page, err := os.ReadFile(filepath.Join(out, "projects", "p-00000.html"))
	if err != nil {
		t.Fatal(err)
	}
	summary := html.UnescapeString(string(regexp.MustCompile(`<p class="lead">(.*?)</p>`).FindSubmatch(page)[1]))
	if len(summary) < 20 || strings.Contains(data, strings.TrimSpace(summary)) {
		t.Errorf("the map's data holds project summaries (checked %q)", summary)
	}
	// Select the compute section, then one of its projects.
	x, y := projectPoint(t, ctx, "Compute")
	clickAndSettle(t, ctx, "layer-map", x, y)
	shown := browsertest.Must(t, ctx, chromedp.Evaluate[int](`(() => { const s = echarts.getInstanceByDom(document.getElementById('layer-map')).getModel().getSeriesByIndex(0);
		const root = s.getViewRoot(); return root.name === 'Compute' ? root.children.filter(n => { const l = n.getLayout(); return l && l.width > 0 && l.height > 0; }).length : -1; })()`))
	inSection := browsertest.Must(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('section[aria-labelledby=box-compute] a.tile').length`))
	if shown != inSection || shown < 50 {
		t.Errorf("after selecting Compute the map shows %d projects; the section has %d", shown, inSection)
	}
	labels := checkMapLabels(t, ctx, "the compute section of 2,000 projects")
	if len(labels) < shown/2 {
		t.Errorf("only %d of %d projects are labelled in the zoomed section", len(labels), shown)
	}
	first := browsertest.Must(t, ctx, chromedp.Evaluate[[]string](`(() => { const a = document.querySelector('section[aria-labelledby=box-compute] a.tile'); return [a.getAttribute('aria-label'), new URL(a.href).pathname]; })()`))
	if len(first) != 2 {
		t.Fatalf("no project in the compute box: %v", first)
	}
	x, y = projectPoint(t, ctx, first[0])
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(x, y)); err != nil {
		t.Fatal(err)
	}
	waitLocation(t, ctx, first[1][strings.LastIndex(first[1], "/projects/"):])
}

// The poster: the whole map as SVG that parses as XML, holds every
// project's name (as text, truncated names by their beginning) and every
// logo as a data: image, never as markup; and a PNG of it can be made in
// the browser from file://, where a canvas would be tainted by a file
// image.
func TestPosterSVGAndPNG(t *testing.T) {
	out := builtFixture(t, fixture.Options{Projects: 300, Chapters: 1})
	raw, err := os.ReadFile(filepath.Join(out, "posters", "map.svg"))
	if err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(bytes.NewReader(raw))
	var texts []string
	images, scripts := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the poster is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "image":
				images++
				for _, a := range tok.Attr {
					if a.Name.Local == "href" && !strings.HasPrefix(a.Value, "data:image/") {
						t.Errorf("a logo is not a data: image: %.60s", a.Value)
					}
				}
			case "script", "foreignObject":
				scripts++
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
					t.Errorf("the poster has an event handler: %s", a.Name.Local)
				}
			}
		case xml.CharData:
			texts = append(texts, string(tok))
		}
	}
	// Each distinct logo once: the fixture's 30 logo files hold fewer
	// distinct images, and a file the same as another is not embedded again.
	logoFiles, err := os.ReadDir(filepath.Join(out, "logos"))
	if err != nil {
		t.Fatal(err)
	}
	distinct := map[string]bool{}
	for _, l := range logoFiles {
		b, err := os.ReadFile(filepath.Join(out, "logos", l.Name()))
		if err != nil {
			t.Fatal(err)
		}
		distinct[string(b)] = true
	}
	if len(logoFiles) != 30 || images != len(distinct) || images >= 30 || scripts != 0 {
		t.Errorf("%d logos and %d scripts in the poster, want %d (the distinct of %d files) and 0", images, scripts, len(distinct), len(logoFiles))
	}
	all := strings.Join(texts, "\n")
	for i := range 300 {
		page, err := os.ReadFile(filepath.Join(out, "projects", fmt.Sprintf("p-%05d.html", i)))
		if err != nil {
			t.Fatal(err)
		}
		name := html.UnescapeString(string(regexp.MustCompile(`<h1>(.*?)</h1>`).FindSubmatch(page)[1]))
		if !strings.Contains(all, name) && !strings.Contains(all, string([]rune(name)[:14])+"…") {
			t.Errorf("the poster lacks %q", name)
		}
	}
	// Each distinct logo once, used by every tile that shows it.
	if uses := bytes.Count(raw, []byte("<use href=\"#l")); uses < images {
		t.Errorf("%d tiles use a logo", uses)
	}
	// The PNG, from file://, through the page's button code.
	ctx := browsertest.Tab(t)
	w := browsertest.Watch(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(out, "index.html"))); err != nil {
		t.Fatal(err)
	}
	png, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.panoramaPosterPNG().then(b => b.arrayBuffer()).then(a => { const u = new Uint8Array(a), d = new DataView(a); return u.length + ' ' + String.fromCharCode(u[1], u[2], u[3]) + ' ' + d.getUint32(16) + ' ' + d.getUint32(20); })`, chromedp.EvalAwaitPromise))
	var size, width, height int
	var magic string
	fmt.Sscan(png, &size, &magic, &width, &height)
	if err != nil || magic != "PNG" || size < 50000 || width < 3000 || height < 1000 {
		t.Errorf("PNG from file://: %q (%v)", png, err)
	}
	visible := browsertest.Must(t, ctx, chromedp.Evaluate[bool](`!document.querySelector('[data-poster-png]').hidden && !!document.querySelector('a[href="posters/map.svg"][download]')`))
	if !visible {
		t.Error("the home page does not offer the map as SVG and PNG")
	}
	// A layer's poster, made on its page from the map's data, from file://:
	// well-formed SVG with the layer's projects and only its logos.
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(out, "layers/infrastructure.html"))); err != nil {
		t.Fatal(err)
	}
	layer, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.panoramaLayerSVG('infrastructure').then(s => { const d = new DOMParser().parseFromString(s, 'image/svg+xml'); return [d.querySelector('parsererror') ? 'error' : 'ok', d.querySelectorAll('use').length + d.querySelectorAll('circle').length, d.querySelectorAll('defs image').length, d.querySelectorAll('script').length, !document.querySelector('[data-layer-poster]').hidden].join(' '); })`, chromedp.EvalAwaitPromise))
	var parsed string
	var tiles, logos, scriptsIn int
	var shown bool
	fmt.Sscan(layer, &parsed, &tiles, &logos, &scriptsIn, &shown)
	page, _ := os.ReadFile(filepath.Join(out, "layers", "infrastructure.html"))
	want := bytes.Count(page, []byte(`class="tile"`))
	if err != nil || parsed != "ok" || tiles == 0 || tiles < want || logos == 0 || logos >= images || scriptsIn != 0 || !shown {
		t.Errorf("the layer's poster: %q (%v); want %d tiles and fewer than %d logos", layer, err, want, images)
	}
	w.Check(t, "file://"+filepath.ToSlash(out)+"/")
}

// marksSite has a maturity field and map rules: graduated projects are
// featured, archived ones faded.
const marksSite = `
-- content/site.yaml --
` + minimalSiteYAML + `fields:
  - {id: maturity, label: Maturity, type: enum, values: [graduated, incubating, sandbox, archived]}
map:
  density: compact
  featured:
    - {field: maturity, value: graduated, label: Graduated}
  dimmed:
    - {field: maturity, value: archived}
-- content/projects/acme.md --
---
name: Acme Compute
layer: infra
section: compute
summary: Rents GPUs.
website: https://acme.example
maturity: graduated
---
-- content/projects/bolt.md --
---
name: Bolt
layer: infra
section: compute
summary: Old GPUs.
website: https://bolt.example
maturity: archived
---
-- content/projects/cargo.md --
---
name: Cargo
layer: infra
section: compute
summary: New GPUs.
website: https://cargo.example
maturity: sandbox
---
`

// The map marks what the site's rules say: a graduated project is drawn
// 2×2 with its label, which its accessible name carries too; an archived
// one is faded; a legend says what each mark means.
func TestMapMarks(t *testing.T) {
	b := newSite(t, minimalSite, marksSite).mustBuild(func(o *Options) { o.NoZip = true })
	b.assertFile("index.html", `<li class="featured"><a class="tile" href="projects/acme.html" aria-label="Acme Compute, Graduated" data-m="AC">`,
		`<span class="mark" aria-hidden="true">Graduated</span>`, `<li class="dimmed"><a class="tile" href="projects/bolt.html" aria-label="Bolt, Archived" data-m="B">`,
		`Larger: Graduated`, `Faded: Archived`)
	// A project's page shows its maturity once, whatever the case of the
	// mark's label.
	b.assertFile("projects/bolt.html", `<p class="badges"><span class="maturity maturity-archived">archived</span></p>`)
	// The poster marks them the same way.
	b.assertFile("posters/map.svg", `font-weight="600" fill="#ffffff" text-anchor="middle">Graduated</text>`, `<g opacity="0.45">`)
	ctx := browsertest.Tab(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(fileURL(b.out, "index.html"))); err != nil {
		t.Fatal(err)
	}
	sizes := browsertest.Must(t, ctx, chromedp.Evaluate[[]float64](`['acme', 'bolt', 'cargo'].map(s => document.querySelector('.landscape a[href="projects/' + s + '.html"]')).flatMap(a => { const r = a.getBoundingClientRect(); return [r.width, r.height, +getComputedStyle(a).opacity]; })`))
	if len(sizes) != 9 || sizes[0] < 1.8*sizes[6] || sizes[1] < 1.8*sizes[7] || sizes[5] >= 1 || sizes[8] != 1 {
		t.Errorf("acme, bolt, cargo: width, height, opacity %v; want acme twice cargo's size, bolt faded", sizes)
	}
}

// The charts page draws what the data holds: a bar per value of an enum
// field in its order, and the dated fields per year, each with its table.
func TestChartsFromTheData(t *testing.T) {
	dated := strings.NewReplacer("maturity: graduated\n", "maturity: graduated\naccepted: 2021-04-21\ngraduated: 2024-09-23\n",
		"maturity: sandbox\n", "maturity: sandbox\naccepted: 2023-01-02\n").Replace(marksSite)
	dated = strings.Replace(dated, "  - {id: maturity,", "  - {id: accepted, label: Accepted, type: date}\n  - {id: graduated, label: Graduated, type: date}\n  - {id: maturity,", 1)
	b := newSite(t, minimalSite, dated).mustBuild(func(o *Options) { o.NoZip = true })
	page := b.file("charts.html")
	maturity := regexp.MustCompile(`(?s)<table[^>]*>\s*<caption>Projects by maturity</caption>.*?</table>`).FindString(page)
	if !regexp.MustCompile(`(?s)graduated.*?1.*?sandbox.*?1.*?archived.*?1`).MatchString(maturity) {
		t.Errorf("the maturity chart's table, in the enum's order:\n%s", maturity)
	}
	years := regexp.MustCompile(`(?s)<table[^>]*>\s*<caption>Projects by year</caption>.*?</table>`).FindString(page)
	for _, want := range []string{`<th scope="col">Accepted</th>`, `<th scope="col">Graduated</th>`, `<th scope="row">2022</th><td>0</td><td>0</td>`, `<th scope="row">2024</th><td>0</td><td>1</td>`} {
		if !strings.Contains(years, want) {
			t.Errorf("the year chart's table lacks %s:\n%s", want, years)
		}
	}
	if strings.Contains(page, `id="field-accepted"`) {
		t.Error("a date field drew a bar of values")
	}
}

// A site's own landscape.html made before the zoom was data-zoom (the
// map without it, the control not hidden) still zooms: zoom.js sets the
// attribute on every map with a zoom.
func TestOwnLandscapeBeforeDataZoomStillZooms(t *testing.T) {
	own, err := fs.ReadFile(templates.FS, "partials/landscape.html")
	if err != nil {
		t.Fatal(err)
	}
	old := regexp.MustCompile(` data-zoom="[^"]*"`).ReplaceAllString(string(own), "")
	old = strings.Replace(old, `<fieldset class="zoom" hidden>`, `<fieldset class="zoom">`, 1)
	b := newSite(t, minimalSite, "-- templates/partials/landscape.html --\n"+old).mustBuild()
	b.assertFile("index.html", `<div class="map">`, `<fieldset class="zoom">`)
	ctx := browsertest.Tab(t)
	w := browsertest.Watch(t, ctx)
	width := `document.querySelector('.landscape .tile').getBoundingClientRect().width`
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(fileURL(b.out, "index.html"))); err != nil {
		t.Fatal(err)
	}
	large := browsertest.Must(t, ctx, chromedp.Evaluate[float64](width))
	if err := chromedp.Do(ctx, chromedp.Click(`label[for=zoom-s]`)); err != nil {
		t.Fatal(err)
	}
	small := browsertest.Must(t, ctx, chromedp.Evaluate[float64](width))
	zoom := browsertest.Must(t, ctx, chromedp.Evaluate[string](`document.querySelector('.map').getAttribute('data-zoom') || ''`))
	if zoom != "s" || !(small < large) {
		t.Errorf("after choosing Small the map's data-zoom is %q and its tiles %.0f px wide (%.0f before)", zoom, small, large)
	}
	w.Check(t, "file://"+filepath.ToSlash(b.out)+"/")
}

// A map whose first section alone holds far more than a screen's worth
// writes out that list's first tiles and the rest for later, which
// logos.js puts into the same list: one list, every tile, every logo.
func TestMapSplitsAHugeFirstSection(t *testing.T) {
	// 160 projects a section (the first: every 20th project, each with a logo).
	out := builtFixture(t, fixture.Options{Projects: 3200, Chapters: 1, LogoEvery: 4})
	home, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	first := home[bytes.Index(home, []byte(`<section class="box"`)):]
	first = first[:bytes.Index(first, []byte("</section>"))]
	if eager, more := bytes.Count(first[:bytes.Index(first, []byte(`<noscript data-tiles="more">`))+1], []byte("<li")), bytes.Count(first, []byte("<li")); eager != page.EagerTiles || more != 160 {
		t.Errorf("the first section writes %d of its %d tiles out, want %d of 160", eager, more, page.EagerTiles)
	}
	ctx := browsertest.Tab(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(fileURL(out, "index.html"))); err != nil {
		t.Fatal(err)
	}
	waitAllTiles(t, ctx)
	got := browsertest.Must(t, ctx, chromedp.Evaluate[string](`(async () => {
	  const box = document.querySelector('.landscape .box'), lists = box.querySelectorAll('ul.tiles');
	  // logos.js gives a list's logos a few at a time, nearest the screen first.
	  for (let i = 0; i < 250 && box.querySelector('.tile > noscript, .tile > img[data-src]'); i++) await new Promise(r => setTimeout(r, 20));
	  const imgs = [...box.querySelectorAll('.tile img')], last = imgs[imgs.length - 1];
	  last.scrollIntoView({block: 'center'});
	  for (let i = 0; i < 150 && !(last.complete && last.naturalWidth > 0); i++) await new Promise(r => setTimeout(r, 20));
	  return lists.length + '|' + lists[0].children.length + '|' + imgs.length + '|' + (last.naturalWidth > 0);
	})()`, chromedp.EvalAwaitPromise))
	if got != "1|160|160|true" {
		t.Errorf("the first section once in: %q (lists | tiles | logos | its last logo drawn); want 1|160|160|true", got)
	}
}

// boxesKeepTheirHeight: a box whose list is still to come (here the idle
// page never puts the far ones in) is as high as the list will make it, at
// a desktop's and a phone's width and at each zoom; a box that shrank as
// its list came in moved those below onto the screen, and the browser drew
// them all in one long task (issue 25's reader's side).
func boxesKeepTheirHeight(t *testing.T, out string) {
	t.Helper()
	for _, vp := range []struct {
		w, h int64
		zoom string
	}{{1366, 900, ""}, {1366, 900, "s"}, {1366, 900, "l"}, {390, 844, ""}} {
		ctx := browsertest.Tab(t)
		if err := chromedp.Do(ctx, noIdleCallbacks, chromedp.EmulateViewport(vp.w, vp.h), chromedp.Navigate(fileURL(out, "index.html"))); err != nil {
			t.Fatal(err)
		}
		got := browsertest.Must(t, ctx, chromedp.Evaluate[string](`(async (zoom) => {
		  const frames = async n => { for (let i = 0; i < n; i++) await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0))); };
		  if (zoom) document.querySelector('label[for=zoom-' + zoom + ']').click();
		  await frames(10);
		  // Measured once the boxes around have settled: a box is as high
		  // as the highest of its row, and those near the screen take
		  // their tiles a few dozen a frame.
		  const later = [...document.querySelectorAll('.landscape .box')].filter(b => b.querySelector(':scope > noscript[data-tiles]'));
		  const heights = () => later.map(b => b.getBoundingClientRect().height);
		  let before = heights();
		  for (let i = 0; i < 50; i++) {
		    await frames(5);
		    const now = heights();
		    if (now.every((h, k) => h === before[k])) break;
		    before = now;
		  }
		  window.Panorama.allTiles();
		  const s = document.createElement('style');
		  s.textContent = '.landscape .box { content-visibility: visible !important; }';
		  document.head.append(s);
		  const off = later.map((b, i) => [b.dataset.section, before[i], b.getBoundingClientRect().height]).filter(x => Math.abs(x[1] - x[2]) > 1.5);
		  return later.length + '|' + off.slice(0, 3).map(x => x[0] + ' ' + x[1].toFixed(1) + ' then ' + x[2].toFixed(1)).join(', ');
		})(`+strconv.Quote(vp.zoom)+`)`, chromedp.EvalAwaitPromise))
		n, off, _ := strings.Cut(got, "|")
		if n == "0" || off != "" {
			t.Errorf("at %d px, zoom %q: of %s boxes whose lists were still to come, these changed height when they came: %s", vp.w, vp.zoom, n, off)
		}
	}
}
