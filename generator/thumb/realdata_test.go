package thumb_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"image"
	"image/png"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/generator/thumb"
	"github.com/panorama-ssg/panorama/internal/browsertest"
	"github.com/panorama-ssg/panorama/internal/realdata"
)

func TestMain(m *testing.M) { browsertest.Main(m) }

// realLogos are every SVG logo beside the repository, as Panorama
// publishes them (minified and sanitised), by file name.
func realLogos(t *testing.T) map[string][]byte {
	data := filepath.Dir(realdata.Dir(t, "lfai-landscape", "thumbnails of every real logo against Chromium's rendering"))
	var files []string
	for _, pattern := range []string{"lfai-landscape/hosted_logos/*.svg", "landscapes/*/hosted_logos/*.svg"} {
		m, _ := filepath.Glob(filepath.Join(data, pattern))
		files = append(files, m...)
	}
	logos := map[string][]byte{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		clean, err := content.CleanSVG(raw)
		if err != nil {
			continue // the build refuses it too
		}
		rel, _ := filepath.Rel(data, f)
		logos[filepath.ToSlash(rel)] = clean
	}
	if len(logos) < 1000 {
		t.Fatalf("only %d real SVG logos", len(logos))
	}
	return logos
}

// TestThumbnailsMatchChromium draws every real SVG logo with this package
// and in Chromium at the same size, and compares them pixel by pixel on
// white: a thumbnail that is made must look like the logo, and nearly
// every logo must get one.
func TestThumbnailsMatchChromium(t *testing.T) {
	logos := realLogos(t)
	names := make([]string, 0, len(logos))
	for n := range logos {
		names = append(names, n)
	}
	sort.Strings(names)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<!DOCTYPE html><title>logos</title>")
			return
		}
		data, ok := logos[strings.TrimPrefix(r.URL.Path, "/")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "image/svg+xml")
		w.Write(data)
	}))
	defer srv.Close()
	ctx := browsertest.TabWithin(t, 10*time.Minute)
	browsertest.Must(t, ctx, chromedp.Navigate(srv.URL+"/"))

	const W, H = 168, 80
	var made, refused, wrong int
	var wrongNames []string
	why := map[string]int{}
	keep := os.Getenv("PANORAMA_THUMB_KEEP")
	type drawn struct {
		name string
		img  *image.NRGBA
	}
	var batch []drawn
	compare := func() {
		// Chromium draws the batch's logos at the thumbnails' sizes.
		var list strings.Builder
		for i, d := range batch {
			if i > 0 {
				list.WriteString(",")
			}
			fmt.Fprintf(&list, "[%q,%d,%d]", "/"+d.name, d.img.Bounds().Dx(), d.img.Bounds().Dy())
		}
		refs := browsertest.Must(t, ctx, chromedp.Evaluate[[]string](`Promise.all([`+list.String()+`].map(([src, w, h]) => new Promise(ok => {
			const img = new Image();
			img.onload = () => {
				const c = document.createElement("canvas");
				c.width = w; c.height = h;
				c.getContext("2d").drawImage(img, 0, 0, w, h);
				ok(c.toDataURL("image/png").slice(22));
			};
			img.onerror = () => ok("");
			img.src = src;
		})))`, chromedp.EvalAwaitPromise))
		for i, d := range batch {
			if refs[i] == "" {
				continue // Chromium cannot draw it either
			}
			raw, _ := base64.StdEncoding.DecodeString(refs[i])
			ref, err := png.Decode(bytes.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			diff := difference(d.img, ref)
			if diff > 0.08 {
				wrong++
				wrongNames = append(wrongNames, fmt.Sprintf("%s (%.2f)", d.name, diff))
			}
			if keep != "" {
				base := strings.NewReplacer("/", "_").Replace(d.name)
				writePNG(t, filepath.Join(keep, fmt.Sprintf("%.3f-%s-ours.png", diff, base)), d.img)
				writePNG(t, filepath.Join(keep, fmt.Sprintf("%.3f-%s-chromium.png", diff, base)), ref)
			}
		}
		batch = batch[:0]
	}
	for _, name := range names {
		img, err := thumb.SVG(logos[name], W, H)
		if err != nil {
			refused++
			var u *thumb.Unsupported
			switch {
			case errors.As(err, &u):
				why[u.What]++
			case errors.Is(err, thumb.ErrBlank):
				why["blank"]++
			default:
				why[err.Error()]++
			}
			continue
		}
		made++
		if batch = append(batch, drawn{name, img}); len(batch) == 40 {
			compare()
		}
	}
	compare()
	t.Logf("%d logos: %d thumbnails made, %d refused %v, %d unlike Chromium's: %v", len(names), made, refused, why, wrong, wrongNames)
	// The bars: nearly every logo gets a thumbnail, and nearly every
	// thumbnail looks like the logo (on 2026-12-06: 1,537 of 1,553 made,
	// 2 unlike, both a few thin strokes a pixel off).
	if made*100 < len(names)*98 {
		t.Errorf("only %d of %d logos got a thumbnail", made, len(names))
	}
	if wrong*100 > made {
		t.Errorf("%d of %d thumbnails differ from Chromium's drawing of the logo", wrong, made)
	}
}

// difference is the share of the logo's pixels, on white, that differ
// from Chromium's by more than a quarter in some channel.
func difference(a, b image.Image) float64 {
	r := a.Bounds()
	var ink, bad int
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			pa, pb := onWhite(a, x, y), onWhite(b, x, y)
			if pa != [3]float64{1, 1, 1} || pb != [3]float64{1, 1, 1} {
				ink++
			}
			for c := range 3 {
				if math.Abs(pa[c]-pb[c]) > 0.25 {
					bad++
					break
				}
			}
		}
	}
	if ink == 0 {
		return 0
	}
	return float64(bad) / float64(ink)
}

func onWhite(img image.Image, x, y int) [3]float64 {
	r, g, b, a := img.At(x, y).RGBA()
	k := 1 - float64(a)/0xffff
	return [3]float64{float64(r)/0xffff + k, float64(g)/0xffff + k, float64(b)/0xffff + k}
}

func writePNG(t *testing.T, file string, img image.Image) {
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}
