package generator

// The landscape at scale (issue 13): a 2,000-project fixture with logos of
// every awkward kind, opened from file:// and under a subpath.

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/panorama-ssg/panorama/bench/fixture"
	"github.com/panorama-ssg/panorama/internal/browsertest"
)

// logoState scrolls every logo in the landscape into view (they load
// lazily), then lists those that are not drawn whole and in proportion:
// not decoded, not object-fit: contain, or without width and height.
const logoState = `(async () => {
  const imgs = [...document.querySelectorAll('.landscape img')];
  for (const img of imgs) {
    img.scrollIntoView({block: 'center'});
    if (!img.complete) await new Promise(r => { img.onload = img.onerror = r; setTimeout(r, 2000); });
  }
  const bad = imgs.filter(img => !(img.naturalWidth > 0 && getComputedStyle(img).objectFit === 'contain' &&
    img.getAttribute('width') && img.getAttribute('height') && img.loading === 'lazy')).map(img => img.getAttribute('src'));
  return {count: imgs.length, bad: bad.slice(0, 5), nbad: bad.length};
})()`

type logoReport struct {
	Count int      `json:"count"`
	Bad   []string `json:"bad"`
	NBad  int      `json:"nbad"`
}

func TestLandscapeAtScale(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	if err := fixture.Write(src, fixture.Options{Projects: 2000, Chapters: 2}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: src, Out: out, NoZip: true}); err != nil {
		t.Fatal(err)
	}
	base := serveSubpath(t, out)
	for origin, home := range map[string]string{"file": fileURL(out, "index.html"), "http": base + "index.html"} {
		t.Run(origin, func(t *testing.T) {
			ctx := browsertest.Tab(t)
			w := browsertest.Watch(t, ctx)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(home)); err != nil {
				t.Fatal(err)
			}
			// Every project has a tile, in one section each here.
			n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`new Set([...document.querySelectorAll('.landscape a.tile')].map(a => a.getAttribute('href'))).size`))
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
			// A tile's tooltip shows on keyboard focus, with name, place and summary.
			tip, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const a = document.querySelector('.landscape a.tile'); a.focus({focusVisible: true});
				const tip = document.getElementById(a.getAttribute('aria-describedby')); return getComputedStyle(tip).display + '|' + tip.textContent; })()`))
			if !strings.HasPrefix(tip, "block|") || !strings.Contains(tip, "Infrastructure › ") {
				t.Errorf("focused tile's tooltip: %q", tip)
			}
			// The hostile SVG logos are only ever images: their script never runs.
			hostile := fmt.Sprintf("projects/p-%05d.html", 50) // the sixth logo, kind 5
			if err := chromedp.Do(ctx, chromedp.Navigate(strings.TrimSuffix(home, "index.html")+hostile)); err != nil {
				t.Fatal(err)
			}
			src, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('img.logo').getAttribute('src') + '|' + String(window.__pwned)`))
			if src != "../logos/p-00050.svg|undefined" {
				t.Errorf("hostile logo page: %q, want the logo as an image and no script run", src)
			}
			w.Check(t, "file://"+filepath.ToSlash(out)+"/", base)
		})
	}
	// On a phone the landscape fits the width.
	ctx := browsertest.Tab(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(fileURL(out, "index.html"))); err != nil {
		t.Fatal(err)
	}
	over, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const w = document.documentElement.clientWidth; return [...document.querySelectorAll('.landscape *')].filter(e => e.getBoundingClientRect().right > w + 1).slice(0, 3).map(e => e.tagName + '.' + e.className).join(' '); })()`))
	if over != "" {
		t.Errorf("the landscape is wider than a 390px phone: %s", over)
	}
	pwned, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`String(window.__pwned)`))
	if pwned != "undefined" {
		t.Errorf("a logo's script ran on the home page: %s", pwned)
	}
}
