package generator

import (
	"archive/zip"
	"fmt"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/panorama-ssg/panorama/bench/fixture"
	"github.com/panorama-ssg/panorama/internal/browsertest"
)

// bigLogo is an SVG logo over thumbMinSVG bytes: red left, blue right.
func bigLogo(comment string) string {
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><style>.l{fill:#f00}</style><!-- ` + comment + ` --><path class="l" d="M0 0h100v100H0z"/><path fill="#00f" d="M100 0h100v100H100z"/>` +
		strings.Repeat(`<path fill="#00f" d="M100 0h1v1h-1z"/>`, 80) + `</svg>`
}

// acmeWithLogo is minimalSite's Acme with the logo logos/acme.svg.
const acmeWithLogo = `
-- content/projects/acme.md --
---
name: Acme Compute
layer: infra
section: compute
summary: Rents GPUs.
website: https://acme.example
logo: logos/acme.svg
---
`

// The map's tiles, the directory's cards and a project's page show a big
// logo as its thumbnail; a small SVG logo as it is. The offline copy holds
// the thumbnail instead of the logo, unless a text shows the logo itself;
// the map's PNG data carries the thumbnail, the SVG poster the logo.
func TestThumbnailsReplaceBigLogos(t *testing.T) {
	site := minimalSite + acmeWithLogo + `
-- content/projects/bolt.md --
---
name: Bolt Agents
layer: apps
section: agents
summary: Runs agents.
website: https://bolt.example
logo: logos/bolt.svg
---
-- content/projects/cella.md --
---
name: Cella Chains
layer: infra
section: chains
summary: Chains.
website: https://cella.example
logo: logos/cella.svg
---
-- content/report/02-more.md --
---
title: More
weight: 2
---
## Details

![Cella's logo](../static/logos/cella.svg)
-- content/static/logos/acme.svg --
` + bigLogo("acme") + `
-- content/static/logos/cella.svg --
` + bigLogo("cella") + `
-- content/static/logos/bolt.svg --
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#0a0"/></svg>
`
	b := newSite(t, site).mustBuild()
	b.assertFile("index.html", `src="thumbs/logos/acme.svg.png"`, `src="logos/bolt.svg"`, `! src="logos/acme.svg"`)
	b.assertFile("projects.html", `src="thumbs/logos/acme.svg.png"`)
	b.assertFile("projects/acme.html", `class="logo" src="../thumbs/logos/acme.svg.png"`)
	b.assertFile("layers/infra.html", `src="../thumbs/logos/acme.svg.png"`)
	// The thumbnail: a PNG that fits 168×80, red on the left, blue on the right.
	img, err := png.Decode(strings.NewReader(b.file("thumbs/logos/acme.svg.png")))
	if err != nil {
		t.Fatal(err)
	}
	if r := img.Bounds(); r.Dx() != 160 || r.Dy() != 80 {
		t.Errorf("thumbnail of %v, want 160×80", r)
	}
	if !near(img.At(40, 40), color.NRGBA{255, 0, 0, 255}) || !near(img.At(120, 40), color.NRGBA{0, 0, 255, 255}) {
		t.Errorf("thumbnail colours %v, %v", img.At(40, 40), img.At(120, 40))
	}
	b.file("logos/acme.svg") // still published
	// The offline copy.
	names := b.zipNames()
	for name, want := range map[string]bool{
		"thumbs/logos/acme.svg.png": true, "logos/acme.svg": false, // every page shows the thumbnail
		"logos/bolt.svg":  true,                                     // no thumbnail
		"logos/cella.svg": true, "thumbs/logos/cella.svg.png": true, // a chapter shows the logo itself
	} {
		if names[name] != want {
			t.Errorf("offline copy holds %s: %v, want %v", name, names[name], want)
		}
	}
	// Posters: the SVG embeds the logo's markup; map.js the thumbnail.
	b.assertFile("posters/map.svg", `href='data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">%3Cstyle>`)
	js := b.file("posters/map.js")
	if !strings.Contains(js, `"data:image/png;base64,`) || strings.Contains(js, `acme -->`) {
		t.Error("map.js does not carry the thumbnail instead of the logo")
	}
	if !strings.Contains(js, "data:image/svg+xml,") {
		t.Error("map.js lost the small logo")
	}
}

func near(c color.Color, want color.NRGBA) bool {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	d := func(a, b uint8) bool { return a-b < 24 || b-a < 24 }
	return d(n.R, want.R) && d(n.G, want.G) && d(n.B, want.B) && d(n.A, want.A)
}

// A logo the thumbnailer refuses keeps its own file everywhere.
func TestRefusedLogosStay(t *testing.T) {
	text := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><text x="10" y="50">Acme</text>` + strings.Repeat(`<rect width="1" height="1" fill="#00f"/>`, 60) + `</svg>`
	b := newSite(t, minimalSite, acmeWithLogo+`
-- content/static/logos/acme.svg --
`+text+`
`).mustBuild()
	b.assertFile("index.html", `src="logos/acme.svg"`, `! thumbs/`)
	if !b.zipNames()["logos/acme.svg"] {
		t.Error("the offline copy lacks a logo its pages show")
	}
}

// On a fixture of heavy SVG logos (each distinct, about 25 KB, as drawing
// programs export them), every logo gets a thumbnail, map.js carries
// thumbnails only, and the map's PNG comes from file://, a PNG of the
// poster's size.
func TestPosterPNGWithHeavyLogos(t *testing.T) {
	out := builtFixture(t, fixture.Options{Projects: 400, Chapters: 2, LogoEvery: 1, HeavyLogos: true})
	thumbs, _ := filepath.Glob(filepath.Join(out, "thumbs", "logos", "*.png"))
	if len(thumbs) != 400 {
		t.Errorf("%d thumbnails for 400 heavy logos", len(thumbs))
	}
	js, err := os.ReadFile(filepath.Join(out, "posters", "map.js"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(js), "data:image/png;base64,"); n != 400 || strings.Contains(string(js), "data:image/svg+xml") {
		t.Errorf("map.js carries %d thumbnails (want 400) or an SVG logo", n)
	}
	svg, err := os.ReadFile(filepath.Join(out, "posters", "map.svg"))
	if err != nil {
		t.Fatal(err)
	}
	var w, h float64
	fmt.Sscanf(string(svg[strings.Index(string(svg), "<svg "):]), `<svg xmlns="http://www.w3.org/2000/svg" width="%g" height="%g"`, &w, &h)
	scale := min(2, 32000/h, math.Sqrt(200e6/(w*h)))
	ctx := browsertest.Tab(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(out, "index.html"))); err != nil {
		t.Fatal(err)
	}
	got := browsertest.Must(t, ctx, chromedp.Evaluate[[]int](`window.panoramaPosterPNG().then(b => b.arrayBuffer()).then(a => { const u = new Uint8Array(a), d = new DataView(a); return String.fromCharCode(u[1], u[2], u[3]) === 'PNG' ? [u.length, d.getUint32(16), d.getUint32(20)] : [0, 0, 0]; })`, chromedp.EvalAwaitPromise))
	if got[0] < 100000 || got[1] != int(math.Round(w*scale)) || got[2] != int(math.Round(h*scale)) || got[1] < 3000 {
		t.Errorf("PNG of %d bytes, %d×%d; want %.0f×%.0f, at least 3,000 wide", got[0], got[1], got[2], w*scale, h*scale)
	}
}

// zipNames are the paths the site's offline zip holds, within its folder.
func (b *siteBuilder) zipNames() map[string]bool {
	b.t.Helper()
	zr, err := zip.OpenReader(filepath.Join(b.out, "test-report.zip"))
	if err != nil {
		b.t.Fatal(err)
	}
	defer zr.Close()
	names := map[string]bool{}
	for _, f := range zr.File {
		names[strings.TrimPrefix(f.Name, "test-report/")] = true
	}
	return names
}
