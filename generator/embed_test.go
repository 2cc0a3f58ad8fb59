package generator

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/panorama-ssg/panorama/internal/browsertest"
)

var textareaRE = regexp.MustCompile(`(?s)<textarea id="code-([^"]+)"[^>]*>(.*?)</textarea>`)

// embedCodes reads the code the embed page offers, by view path.
func embedCodes(t *testing.T, out string) map[string]string {
	t.Helper()
	codes := map[string]string{}
	for _, m := range textareaRE.FindAllStringSubmatch(readOut(t, out, "embed.html"), -1) {
		codes[m[1]] = html.UnescapeString(m[2])
	}
	return codes
}

// Every view has its code, the whole map first; every link of a view
// opens in the top window.
func TestEmbedPages(t *testing.T) {
	out := builtDefaultSite(t)
	codes := embedCodes(t, out)
	if len(codes) != 1+3+9 {
		t.Errorf("the embed page offers %d views, want the map, 3 layers and 9 sections", len(codes))
	}
	want := `<iframe src="embed/layers/infrastructure/compute.html" title="Decentralized compute · Web3-AI Panorama" width="100%" height=`
	if c := codes["embed/layers/infrastructure/compute.html"]; !strings.HasPrefix(c, want) || !strings.Contains(c, "panoramaEmbedHeight") {
		t.Errorf("the code for compute is\n%s\nwant it to begin %s and fit the frame", c, want)
	}
	for view := range codes {
		page := readOut(t, out, view)
		if !strings.Contains(page, `<base target="_top">`) || strings.Contains(page, "site-header") || strings.Contains(page, "site-footer") {
			t.Errorf("%s: not a bare view whose links open in the top window", view)
		}
		if strings.Count(page, ` target="`) != 1 {
			t.Errorf("%s: a link overrides the top window", view)
		}
		// The zoom control needs zoom.js: without script it stays hidden.
		if !strings.Contains(page, `<fieldset class="zoom" hidden>`) || !strings.Contains(page, `assets/zoom.js"`) {
			t.Errorf("%s: the zoom control is not left to zoom.js", view)
		}
	}
}

// A page elsewhere embeds a section and the whole map with the code the
// embed page gives, from file://: each frame comes to fit its view, no
// request leaves the two folders, and without script the frame's own
// height already holds the view at the width it is given for.
func TestEmbedFitsItsFrame(t *testing.T) {
	out := builtDefaultSite(t)
	codes := embedCodes(t, out)
	host := t.TempDir()
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>An article</title></head><body style="margin:0;width:960px"><p>Before.</p>`)
	views := []string{"embed/layers/infrastructure/compute.html", "embed/map.html"}
	for i, v := range views {
		code := strings.Replace(codes[v], `src="`+v+`"`, fmt.Sprintf(`id="f%d" src="%s"`, i, fileURL(out, v)), 1)
		b.WriteString(code + "<p>Between.</p>")
	}
	// A frame of the host page that is not an embed asks to be made
	// huge, as one of the host's ads could.
	b.WriteString(`<iframe id="other" height="50" srcdoc="&lt;script&gt;parent.postMessage({panoramaEmbedHeight:1e9},'*')&lt;/script&gt;"></iframe>`)
	b.WriteString(`</body></html>`)
	if err := os.WriteFile(filepath.Join(host, "article.html"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.Tab(t)
	w := browsertest.Watch(t, ctx)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(960, 900)); err != nil {
		t.Fatal(err)
	}
	// Each view's own height at 960 pixels, opened on its own.
	heights := make([]float64, len(views))
	for i, v := range views {
		if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(out, v))); err != nil {
			t.Fatal(err)
		}
		h, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.documentElement.getBoundingClientRect().height`))
		if err != nil {
			t.Fatal(err)
		}
		heights[i] = h
		var fallback float64
		fmt.Sscanf(regexp.MustCompile(`height="(\d+)"`).FindStringSubmatch(codes[v])[1], "%g", &fallback)
		if fallback < h || fallback > 1.25*h {
			t.Errorf("%s: the frame's height without script is %g px for a view %g px high", v, fallback, h)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(host, "article.html"))); err != nil {
		t.Fatal(err)
	}
	for i, v := range views {
		var got float64
		for range 50 {
			var err error
			if got, err = chromedp.Run(ctx, chromedp.Evaluate[float64](fmt.Sprintf(`document.getElementById('f%d').getBoundingClientRect().height`, i))); err != nil {
				t.Fatal(err)
			}
			if got > heights[i]-1 && got < heights[i]+1 {
				break
			}
			chromedp.Do(ctx, chromedp.Sleep(100*time.Millisecond))
		}
		if got < heights[i]-1 || got > heights[i]+1 {
			t.Errorf("%s: the frame is %g px high, its view %g px", v, got, heights[i])
		}
	}
	if h, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.getElementById('other').getBoundingClientRect().height`)); err != nil || h > 60 {
		t.Errorf("a frame that is not an embed was resized to %g px (%v)", h, err)
	}
	w.Check(t, "file://"+filepath.ToSlash(out)+"/", "file://"+filepath.ToSlash(host)+"/")
}
