package serve

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/panorama-ssg/panorama/internal/browsertest"
)

func TestMain(m *testing.M) { browsertest.Main(m) }

// An open page reloads by itself after a save, shows a bad save's problems,
// and clears them once fixed.
func TestOpenPageReloads(t *testing.T) {
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
	w.Check(t, base, strings.TrimSuffix(base, "report/")+"__panorama/")
}
