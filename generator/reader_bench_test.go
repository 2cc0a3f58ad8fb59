package generator

// Budgets of the readers' tools at 10,000 projects (issue 12), measured in
// headless Chromium: a search keystroke to its results, and a filter
// change to the updated directory, each including the layout it causes.

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

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

// timeIn runs js, which returns a list of durations in milliseconds, and
// reports their mean, median and worst.
func timeIn2(b *testing.B, ctx context.Context, js string) {
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
