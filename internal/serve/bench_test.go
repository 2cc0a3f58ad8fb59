package serve

import (
	"fmt"
	"io"
	"net/http"
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

// BenchmarkSaveToReload measures what an editor waits for: from saving a
// project file to the open page in Chromium showing the edit, through the
// watcher, the quiet time, the rebuild, the reload event and the browser
// loading the page again. Its ms/save is that wait.
func BenchmarkSaveToReload(b *testing.B) {
	// The page itself tells when it shows the edit: a script in it checks
	// on every change of the page, so no polling delays the answer. A
	// reload ends the script; it is then asked again 5 ms later.
	benchSaves(b, editorPause, 5*time.Millisecond, func(b *testing.B, page string) func(string) bool {
		ctx := browsertest.Tab(b)
		if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
			b.Fatal(err)
		}
		return func(s string) bool {
			ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`new Promise(function (done) {
				var want = %q, ob;
				function check() {
					if (document.readyState === "loading" || !document.body.innerText.includes(want)) return;
					ob.disconnect();
					done(true);
				}
				ob = new MutationObserver(check);
				ob.observe(document, {subtree: true, childList: true, characterData: true});
				check();
				setTimeout(function () { ob.disconnect(); done(false); }, 1000);
			})`, s), chromedp.EvalAwaitPromise))
			return err == nil && ok
		}
	})
}

// BenchmarkSaveToServedPage is the server's share of that wait: from the
// save to the server answering the page's address with the edit (polled
// every millisecond), without a browser.
func BenchmarkSaveToServedPage(b *testing.B) {
	benchSaves(b, editorPause, time.Millisecond, func(b *testing.B, page string) func(string) bool {
		shows := func(s string) bool {
			res, err := http.Get(page)
			if err != nil {
				b.Fatal(err)
			}
			defer res.Body.Close()
			body, err := io.ReadAll(res.Body)
			return err == nil && strings.Contains(string(body), s)
		}
		if !shows("p-00007") {
			b.Fatal("the page is not served")
		}
		return shows
	})
}

// editorPause passes between saves, off the clock: an editor reads the
// page before the next save, and the server collects the last build's
// garbage meanwhile. PANORAMA_BENCH_PAUSE (e.g. 50ms) sets another, to
// see saves that come faster than collections.
var editorPause = func() time.Duration {
	if d, err := time.ParseDuration(os.Getenv("PANORAMA_BENCH_PAUSE")); err == nil {
		return d
	}
	return 400 * time.Millisecond
}()

// warmUpSaves are saved before the clock starts; the slowest is reported
// as first-ms.
const warmUpSaves = 2

// benchSaves serves a fixture site of each size, lets open watch the page
// of one project, then saves edits of that project's summary and times
// each until shows reports the edit, asking every poll. settle passes
// between saves, off the clock. It reports the mean wait as ms/save, and
// the median and 90th percentile.
func benchSaves(b *testing.B, settle, poll time.Duration, open func(b *testing.B, page string) (shows func(string) bool)) {
	for _, o := range fixture.Sizes {
		b.Run(o.String(), func(b *testing.B) {
			site := filepath.Join(b.TempDir(), "site")
			if err := fixture.Write(site, o); err != nil {
				b.Fatal(err)
			}
			_, base := serveSite(b, site, Options{})
			shows := open(b, base+"projects/p-00007.html")
			file := filepath.Join(site, "content/projects/p-00007.md")
			orig, err := os.ReadFile(file)
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			save := func() time.Duration {
				n++
				want := fmt.Sprintf("Edit %d.", n)
				text := strings.Replace(string(orig), `summary: "`, `summary: "`+want+" ", 1)
				saved := time.Now()
				if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
					b.Fatal(err)
				}
				for !shows(want) {
					if time.Since(saved) > 20*time.Second {
						b.Fatalf("the page never showed %q", want)
					}
					time.Sleep(poll)
				}
				return time.Since(saved)
			}
			// The first saves after the server starts wait while the
			// browser and the runtime settle (200-300 ms at 10,000
			// projects); they are timed apart, as first-ms.
			var first time.Duration
			for range warmUpSaves {
				time.Sleep(settle)
				first = max(first, save())
			}
			var waits []time.Duration
			b.ResetTimer()
			for b.Loop() {
				if settle > 0 {
					b.StopTimer()
					time.Sleep(settle)
					b.StartTimer()
				}
				waits = append(waits, save())
			}
			slices.Sort(waits)
			var sum time.Duration
			for _, w := range waits {
				sum += w
			}
			ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
			b.ReportMetric(ms(sum)/float64(len(waits)), "ms/save")
			b.ReportMetric(ms(waits[len(waits)/2]), "p50-ms")
			b.ReportMetric(ms(waits[len(waits)*9/10]), "p90-ms")
			b.ReportMetric(ms(first), "first-ms")
		})
	}
}
