// Package browsertest runs browser tests in Debian's headless Chromium,
// driven with chromedp: one browser per test binary, a tab per test, and a
// recorder of what a page does wrong.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

var shared struct {
	once   sync.Once
	ctx    context.Context
	cancel func()
	err    error
}

// Tab returns a new tab of the one browser this test binary shares.
// Without Chromium it skips, except under CI=true where that is a failure.
func Tab(t testing.TB) context.Context {
	t.Helper()
	return TabWithin(t, 60*time.Second)
}

// TabWithin is Tab with its own deadline, for benchmarks that wait on a
// slowed-down page.
func TabWithin(t testing.TB, limit time.Duration) context.Context {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium is not installed; .ci/run installs it with apt-get install chromium (or set CHROMIUM to its path)")
		}
		t.Skip("chromium is not installed; skipping browser test (install Debian's chromium, or set CHROMIUM to a Chromium or Chrome binary)")
	}
	shared.once.Do(func() {
		// Chromium now and then dies as it starts (its crash reporter
		// catches it before it listens): a second or third try starts it.
		for try := 0; try < 3; try++ {
			if shared.cancel != nil {
				shared.cancel()
			}
			shared.err = start(path)
			if shared.err == nil {
				return
			}
		}
	})
	if shared.err != nil {
		t.Fatalf("starting chromium: %v", shared.err)
	}
	tab, cancel := chromedp.NewContext(shared.ctx)
	t.Cleanup(cancel)
	tctx, tcancel := context.WithTimeout(tab, limit)
	t.Cleanup(tcancel)
	return tctx
}

// start starts the shared browser.
func start(path string) error {
	dir, err := os.MkdirTemp("", "panorama-chromium-")
	if err != nil {
		return err
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(dir), chromedp.WindowSize(1200, 900))
	bctx, bcancel := chromedp.NewContext(actx)
	shared.ctx = bctx
	shared.cancel = func() { bcancel(); acancel(); os.RemoveAll(dir) }
	return chromedp.Do(bctx)
}

// Must runs an action in the tab and returns its value, failing the test
// on any error: a script that throws cannot pass as its zero value.
func Must[T any](t testing.TB, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	return v
}

// chromiumPath finds a Chromium: $CHROMIUM, then the usual names on PATH
// (Debian's chromium, Ubuntu's chromium-browser, Chrome), or "".
func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
		return ""
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

var fixtures struct {
	sync.Mutex
	dirs []string
}

// FixtureDir makes a temporary folder that outlives one test, for a
// fixture built once per test binary; Main removes it when the tests end.
func FixtureDir(prefix string) (string, error) {
	dir, err := os.MkdirTemp("", prefix)
	if err == nil {
		fixtures.Lock()
		fixtures.dirs = append(fixtures.dirs, dir)
		fixtures.Unlock()
	}
	return dir, err
}

// Main runs a test binary's tests, then closes the shared browser and
// removes the fixture folders; call it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	if shared.cancel != nil {
		shared.cancel()
	}
	fixtures.Lock()
	for _, d := range fixtures.dirs {
		os.RemoveAll(d)
	}
	fixtures.Unlock()
	os.Exit(code)
}

// Watcher records what a tab does that a test must see: console errors,
// uncaught exceptions, dialogs, and every request.
type Watcher struct {
	mu       sync.Mutex
	errors   []string
	requests []string
	dialogs  []string
	urls     map[network.RequestID]string
	allowed  []string
}

// Allow makes Check accept errors that contain s, such as a stream that a
// page reload cuts off.
func (w *Watcher) Allow(s string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.allowed = append(w.allowed, s)
}

// Watch starts recording what the tab ctx does.
func Watch(t testing.TB, ctx context.Context) *Watcher {
	t.Helper()
	w := &Watcher{urls: map[network.RequestID]string{}}
	err := chromedp.Listen(ctx, func(ev any) {
		w.mu.Lock()
		defer w.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value))
				}
				w.errors = append(w.errors, "console: "+strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			w.errors = append(w.errors, "exception: "+ev.ExceptionDetails.Text+" "+describeException(ev.ExceptionDetails))
		case *network.EventRequestWillBeSent:
			w.requests = append(w.requests, ev.Request.URL)
			w.urls[ev.RequestID] = ev.Request.URL
		case *network.EventLoadingFailed:
			w.errors = append(w.errors, "failed to load "+w.urls[ev.RequestID]+": "+ev.ErrorText)
		case *page.EventJavascriptDialogOpening:
			w.dialogs = append(w.dialogs, ev.Message)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func describeException(d *runtime.ExceptionDetails) string {
	if d.Exception != nil {
		return d.Exception.Description
	}
	return ""
}

// Check fails the test for console errors, dialogs, and requests to
// addresses that start with none of allowed (data: URLs are always allowed).
func (w *Watcher) Check(t testing.TB, allowed ...string) {
	t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
outer:
	for _, e := range w.errors {
		for _, a := range w.allowed {
			if strings.Contains(e, a) {
				continue outer
			}
		}
		t.Errorf("page error: %s", e)
	}
	for _, d := range w.dialogs {
		t.Errorf("a dialog opened: %q", d)
	}
	for _, r := range w.requests {
		ok := strings.HasPrefix(r, "data:")
		for _, a := range allowed {
			ok = ok || strings.HasPrefix(r, a)
		}
		if !ok {
			t.Errorf("request leaves the site: %s", r)
		}
	}
}
