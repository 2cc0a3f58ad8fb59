package generator

// Issue 25's reader's side: the home page of a 2,500-item landscape opened
// from file:// in headless Chromium with the CPU slowed four times, as a
// mid-range phone runs it. PerformanceObserver records the largest
// contentful paint (budget 2.5 s) and every task over 50 ms on the main
// thread (budget: none over 200 ms); the page's elements (budget 10,000)
// and HTML bytes (budget 900 KB) are counted too.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/panorama-ssg/panorama/bench/fixture"
	"github.com/panorama-ssg/panorama/internal/browsertest"
	"github.com/panorama-ssg/panorama/internal/importer"
	"github.com/panorama-ssg/panorama/internal/realdata"
)

// observePaint is evaluated in every new document before its scripts:
// it keeps the largest contentful paint and the long tasks.
const observePaint = `window.__paint = {lcp: 0, tasks: []};
new PerformanceObserver(l => { for (const e of l.getEntries()) window.__paint.lcp = e.startTime; }).observe({type: 'largest-contentful-paint', buffered: true});
new PerformanceObserver(l => { for (const e of l.getEntries()) window.__paint.tasks.push(e.duration); }).observe({type: 'longtask', buffered: true});`

type paint struct {
	LCP      float64   `json:"lcp"`
	Tasks    []float64 `json:"tasks"`
	Elements int       `json:"elements"`
	Load     float64   `json:"load"`   // the load event's end
	Images   int       `json:"images"` // images loaded by then
}

func BenchmarkHomePaint(b *testing.B) {
	b.Run("fixture-2500", func(b *testing.B) {
		out := builtLogoFixture(b)
		keepPaintSite(b, out)
		homePaint(b, out)
	})
	b.Run("real-logos-2500", func(b *testing.B) { homePaint(b, realLogos2500(b)) })
	// Any built site, to compare: PANORAMA_PAINT_SITE=public.
	if dir := os.Getenv("PANORAMA_PAINT_SITE"); dir != "" {
		b.Run("site", func(b *testing.B) { homePaint(b, dir) })
	}
}

// realLogos2500 imports 2,500 items drawn with every real logo beside the
// repository (1,560 distinct) and builds them.
func realLogos2500(b *testing.B) string {
	data := filepath.Dir(realdata.Dir(b, "lfai-landscape", "the home page of 2,500 items with the real landscapes' logos"))
	yml, err := fixture.OverRealLogos(data, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	site := filepath.Join(b.TempDir(), "site")
	if _, err := importer.Landscape2(importer.Options{Landscape: yml, Logos: data, Out: site}); err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(site, "public")
	if _, err := Build(Options{Source: site, Out: out, NoZip: true}); err != nil {
		b.Fatal(err)
	}
	keepPaintSite(b, out)
	return out
}

// keepPaintSite copies a built site to PANORAMA_PAINT_KEEP/NAME, to look
// at or to measure again with PANORAMA_PAINT_SITE.
func keepPaintSite(b *testing.B, out string) {
	if keep := os.Getenv("PANORAMA_PAINT_KEEP"); keep != "" {
		if err := os.CopyFS(filepath.Join(keep, filepath.Base(b.Name())), os.DirFS(out)); err != nil {
			b.Fatal(err)
		}
	}
}

func homePaint(b *testing.B, out string) {
	html, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		b.Fatal(err)
	}
	setup := chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tgt, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: observePaint}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tgt, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: paintRate()})
		return err
	})
	// The build that made the site is over: its memory goes back now, not
	// while the browser is measured (the collector and the scavenger would
	// take a core of two from it).
	debug.FreeOSMemory()
	// A first visit, not measured, starts the browser and reads the site
	// into the system's file cache, as a reader's second visit would find.
	warm := browsertest.TabWithin(b, 3*time.Minute)
	if err := chromedp.Do(warm, chromedp.Navigate(fileURL(out, "index.html"))); err != nil {
		b.Fatal(err)
	}
	if err := chromedp.Cancel(warm); err != nil { // it would go on loading logos
		b.Fatal(err)
	}
	// The LCP and element count are the last run's; the longest task is
	// the longest of all runs, and badRuns counts the runs with a task
	// over 200 ms: the budget holds only when none has one.
	var lcp, worst float64
	var over50, over200, badRuns, elements int
	for b.Loop() {
		// A tab of its own each time: a cold page, within the tab's time.
		ctx := browsertest.TabWithin(b, 3*time.Minute)
		// Not chromedp.Navigate, which waits for the load event: a page
		// may paint and answer long before its last lazy image arrives.
		url := fileURL(out, "index.html")
		open := chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
			_, err := cdp.Call(ctx, tgt, page.Navigate, page.NavigateParams{URL: url})
			return err
		})
		if err := chromedp.Do(ctx, setup, chromedp.EmulateViewport(1366, 900), open); err != nil {
			b.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`location.protocol === 'file:' && document.readyState !== 'loading' && window.__paint !== undefined`)); err != nil {
			b.Fatal(err)
		}
		// Settled: the page has loaded and two seconds have passed with no
		// new long task (or two minutes, reported as not settled).
		settled, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`new Promise(done => {
			let n = -1, quiet = 0;
			const start = performance.now();
			const tick = () => {
				if (window.__paint.tasks.length === n) quiet++; else quiet = 0;
				n = window.__paint.tasks.length;
				if (quiet >= 8 || performance.now() - start > 120000) done(quiet >= 8); else setTimeout(tick, 250);
			};
			tick();
		})`, chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatal(err)
		}
		if !settled {
			b.Log("long tasks still came two minutes after navigating")
		}
		p, err := chromedp.Run(ctx, chromedp.Evaluate[paint](`({lcp: window.__paint.lcp, tasks: window.__paint.tasks, elements: document.getElementsByTagName('*').length, load: performance.getEntriesByType('navigation')[0].loadEventEnd, images: [...document.images].filter(i => i.complete && i.naturalWidth > 0).length})`))
		if err != nil {
			b.Fatal(err)
		}
		lcp, over50, over200, elements = p.LCP, len(p.Tasks), 0, p.Elements
		for _, d := range p.Tasks {
			worst = max(worst, d)
			if d > 200 {
				over200++
			}
		}
		if over200 > 0 {
			badRuns++
		}
		if os.Getenv("PANORAMA_BENCH_LOG") != "" {
			b.Logf("lcp %.0f ms, load %.0f ms, %d images loaded, tasks %v", p.LCP, p.Load, p.Images, p.Tasks)
		}
		// Closed, so that its page loads nothing more while the next is
		// measured: kept open, each tab made the next runs slower.
		if err := chromedp.Cancel(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(lcp, "lcp-ms")
	b.ReportMetric(worst, "longest-task-ms")
	b.ReportMetric(float64(over200), "tasks>200ms")
	b.ReportMetric(float64(badRuns), "runs-with-tasks>200ms")
	b.ReportMetric(float64(over50), "tasks>50ms")
	b.ReportMetric(float64(elements), "elements")
	b.ReportMetric(float64(len(html))/1024, "html-KB")
}

// paintRate is the CPU slow-down, 4 unless PANORAMA_PAINT_RATE says.
func paintRate() float64 {
	var r float64 = 4
	if s := os.Getenv("PANORAMA_PAINT_RATE"); s != "" {
		fmt.Sscan(s, &r)
	}
	return r
}

// BenchmarkPosterPNG times the map's PNG as the home page's button makes
// it, from file://, on 2,500 items over every real logo beside the
// repository (issue 25's budget: 15 s), and checks it is a PNG at least
// 3,000 pixels wide. PANORAMA_PAINT_SITE measures a built site instead.
func BenchmarkPosterPNG(b *testing.B) {
	out := os.Getenv("PANORAMA_PAINT_SITE")
	if out == "" {
		out = realLogos2500(b)
	}
	ctx := browsertest.TabWithin(b, 5*time.Minute)
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(out, "index.html"))); err != nil {
		b.Fatal(err)
	}
	var width, height, size int
	for b.Loop() {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`window.PANORAMA_POSTER = undefined, window.panoramaPosterPNG().then(b => b.arrayBuffer()).then(a => { const u = new Uint8Array(a), d = new DataView(a); return String.fromCharCode(u[1], u[2], u[3]) === 'PNG' ? [u.length, d.getUint32(16), d.getUint32(20)] : [0, 0, 0]; })`, chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatal(err)
		}
		size, width, height = got[0], got[1], got[2]
	}
	if size == 0 || width < 3000 {
		b.Fatalf("not a PNG 3,000 pixels wide: %d bytes, %d×%d", size, width, height)
	}
	b.ReportMetric(float64(width), "px-wide")
	b.ReportMetric(float64(height), "px-high")
	b.ReportMetric(float64(size)/1e6, "MB")
}
