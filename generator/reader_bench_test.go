package generator

// Budgets of the readers' tools at 10,000 projects (issue 12), measured in
// headless Chromium: a search keystroke to its results, and a filter
// change to the updated directory, each including the layout it causes.

import (
	"bytes"
	"compress/gzip"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/panorama-ssg/panorama/bench/fixture"
	"github.com/panorama-ssg/panorama/internal/browsertest"
)

// readerFixture builds a 10,000-project fixture once per benchmark.
func readerFixture(b *testing.B) string {
	src := fixtureSite(b, fixture.Options{Projects: 10000, Chapters: 100})
	out := filepath.Join(b.TempDir(), "public")
	if _, err := Build(Options{Source: src, Out: out, NoZip: true}); err != nil {
		b.Fatal(err)
	}
	return out
}

// timeIn2 runs js, which returns a list of durations in milliseconds, and
// reports their mean, median and worst, and the worst of a first run made
// off the clock while the page's script is still cold (ms-cold-max).
func timeIn2(b *testing.B, ctx context.Context, js string) {
	cold, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](js))
	if err != nil {
		b.Fatal(err)
	}
	var all []float64
	for b.Loop() {
		ms, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](js))
		if err != nil {
			b.Fatal(err)
		}
		all = append(all, ms...)
		if os.Getenv("PANORAMA_BENCH_LOG") != "" {
			b.Log(ms)
		}
	}
	slices.Sort(all)
	sum := 0.0
	for _, v := range all {
		sum += v
	}
	b.ReportMetric(sum/float64(len(all)), "ms/op-mean")
	b.ReportMetric(all[len(all)/2], "ms-median")
	b.ReportMetric(all[len(all)-1], "ms-max")
	b.ReportMetric(slices.Max(cold), "ms-cold-max")
}

func BenchmarkSearchKeystroke(b *testing.B) {
	out := readerFixture(b)
	ctx := browsertest.Tab(b)
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(out, "projects.html")), chromedp.Focus("#search-input")); err != nil {
		b.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`window.PANORAMA_SEARCH !== undefined`)); err != nil {
		b.Fatal(err)
	}
	// Each keystroke of a few queries, as typed, with one typo.
	timeIn2(b, ctx, `(() => {
		const input = document.getElementById('search-input'), list = document.getElementById('search-results');
		const out = [];
		for (const q of ['network', 'p-0123', 'infernce', 'zero knowledge proof']) {
			for (let i = 1; i <= q.length; i++) {
				input.value = q.slice(0, i);
				const t = performance.now();
				input.dispatchEvent(new Event('input'));
				list.offsetHeight; // the layout of the new results
				out.push(performance.now() - t);
			}
		}
		return out;
	})()`)
}

func BenchmarkFilterChange(b *testing.B) {
	out := readerFixture(b)
	ctx := browsertest.Tab(b)
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(out, "projects.html"))); err != nil {
		b.Fatal(err)
	}
	// Tick and untick values of every facet, one change at a time.
	timeIn2(b, ctx, `(() => {
		const out = [];
		const boxes = [...document.querySelectorAll('#filters input[type=checkbox]')].filter((b, i) => i % 5 === 0).slice(0, 12);
		for (const box of [...boxes, ...boxes.reverse()]) {
			const t = performance.now();
			box.checked = !box.checked;
			box.dispatchEvent(new Event('input', {bubbles: true}));
			document.body.offsetHeight; // the layout of the updated directory
			out.push(performance.now() - t);
		}
		return out;
	})()`)
}

// BenchmarkHomeAtScale opens the home page of a 2,500-project fixture in
// which every project has a logo, served over HTTP at 1366 x 900, and
// measures what it fetches before the reader scrolls: the HTML, scripts,
// styles and chart data gzip-compressed as a host serves them (budget 300
// KB), and the logo bytes (budget 1 MB).
func BenchmarkHomeAtScale(b *testing.B) {
	b.Run("fixture-2500", func(b *testing.B) { homeWeight(b, builtLogoFixture(b)) })
	// The real LF AI & Data landscape, its logos as received.
	b.Run("lfai-472", func(b *testing.B) { homeWeight(b, builtLFAI(b)) })
}

// builtLogoFixture builds a 2,500-project fixture in which every project
// has a logo.
func builtLogoFixture(b *testing.B) string {
	return builtFixture(b, fixture.Options{Projects: 2500, Chapters: 10, LogoEvery: 1})
}

func homeWeight(b *testing.B, out string) {
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	ctx := browsertest.Tab(b)
	type entry struct {
		Name string  `json:"name"`
		Size float64 `json:"size"`
		Kind string  `json:"kind"`
	}
	var gz, logos float64
	var nlogos int
	for b.Loop() {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(srv.URL+"/index.html"), chromedp.Sleep(2*time.Second)); err != nil {
			b.Fatal(err)
		}
		entries, err := chromedp.Run(ctx, chromedp.Evaluate[[]entry](`[...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map(e => ({name: e.name, size: e.encodedBodySize, kind: e.initiatorType}))`))
		if err != nil {
			b.Fatal(err)
		}
		gz, logos, nlogos = 0, 0, 0
		for _, e := range entries {
			rel := strings.TrimPrefix(e.Name, srv.URL+"/")
			if rel == "" {
				rel = "index.html"
			}
			if strings.HasPrefix(rel, "logos/") {
				logos += e.Size
				nlogos++
				continue
			}
			data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
			if err != nil {
				b.Fatal(err)
			}
			var z bytes.Buffer
			w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
			w.Write(data)
			w.Close()
			gz += float64(z.Len())
			if os.Getenv("PANORAMA_BENCH_LOG") != "" {
				b.Logf("%s: %d bytes, %d gzip", rel, len(data), z.Len())
			}
		}
		if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(gz/1024, "gzip-KB")
	b.ReportMetric(logos/1024, "logo-KB")
	b.ReportMetric(float64(nlogos), "logos")
}

// BenchmarkBuildLogos builds 2,500 projects with a logo each and without
// any: the budget is 1.5 times the time without.
func BenchmarkBuildLogos(b *testing.B) {
	for _, c := range []struct {
		name  string
		every int
	}{{"none", -1}, {"every", 1}} {
		b.Run(c.name, func(b *testing.B) {
			src := filepath.Join(b.TempDir(), "site")
			if err := fixture.Write(src, fixture.Options{Projects: 2500, Chapters: 100, LogoEvery: c.every}); err != nil {
				b.Fatal(err)
			}
			out := filepath.Join(b.TempDir(), "public")
			for b.Loop() {
				if _, err := Build(Options{Source: src, Out: out, NoCache: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
