package thumb_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"github.com/panorama-ssg/panorama/generator/thumb"
)

func draw(t *testing.T, svg string, w, h int) *image.NRGBA {
	t.Helper()
	img, err := thumb.SVG([]byte(svg), w, h)
	if err != nil {
		t.Fatalf("%v\n%s", err, svg)
	}
	return img
}

// at is the colour at (x, y), rounded to steps of 16 so that edges'
// anti-aliasing does not matter where the test looks inside a shape.
func at(img *image.NRGBA, x, y int) color.NRGBA {
	c := img.NRGBAAt(x, y)
	r := func(v uint8) uint8 { return uint8(min(255, (int(v)+8)/16*16)) }
	if c.A == 0 {
		return color.NRGBA{}
	}
	return color.NRGBA{r(c.R), r(c.G), r(c.B), r(c.A)}
}

var (
	clear = color.NRGBA{}
	red   = color.NRGBA{255, 0, 0, 255}
	blue  = color.NRGBA{0, 0, 255, 255}
)

const svgNS = `xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"`

func TestDrawsWhatLogosUse(t *testing.T) {
	for _, c := range []struct {
		name, svg string
		want      map[[2]int]color.NRGBA // points of a 100×100 drawing
	}{
		{"a style sheet's class", `<svg ` + svgNS + ` viewBox="0 0 100 100"><style>.a{fill:#f00}#b{fill:blue}</style><rect class="a" width="50" height="100"/><rect id="b" x="50" width="50" height="100"/></svg>`,
			map[[2]int]color.NRGBA{{25, 50}: red, {75, 50}: blue}},
		{"a descendant selector and !important", `<svg ` + svgNS + ` viewBox="0 0 100 100"><style>g .a{fill:red!important}.a{fill:blue}</style><g><rect class="a" style="fill:green" width="100" height="100"/></g></svg>`,
			map[[2]int]color.NRGBA{{50, 50}: red}},
		{"evenodd leaves the hole", `<svg ` + svgNS + ` viewBox="0 0 100 100"><path fill="red" fill-rule="evenodd" d="M0 0h100v100H0zM25 25h50v50H25z"/></svg>`,
			map[[2]int]color.NRGBA{{10, 10}: red, {50, 50}: clear}},
		{"nonzero fills it", `<svg ` + svgNS + ` viewBox="0 0 100 100"><path fill="red" d="M0 0h100v100H0zM25 25h50v50H25z"/></svg>`,
			map[[2]int]color.NRGBA{{10, 10}: red, {50, 50}: red}},
		{"minified path data", `<svg ` + svgNS + ` viewBox="0 0 100 100"><path fill="red" d="M0 0h50v100H0z"/><path fill="#00f" d="M50.0.0h50v100h-50z"/></svg>`,
			map[[2]int]color.NRGBA{{25, 50}: red, {75, 50}: blue}},
		{"use of a symbol", `<svg ` + svgNS + ` viewBox="0 0 100 100"><defs><symbol id="s" viewBox="0 0 10 10"><rect width="10" height="10" fill="red"/></symbol></defs><use xlink:href="#s" x="50" width="50" height="50"/></svg>`,
			map[[2]int]color.NRGBA{{75, 25}: red, {25, 25}: clear, {75, 75}: clear}},
		{"a clip path", `<svg ` + svgNS + ` viewBox="0 0 100 100"><clipPath id="c"><rect width="50" height="100"/></clipPath><rect clip-path="url(#c)" width="100" height="100" fill="red"/></svg>`,
			map[[2]int]color.NRGBA{{25, 50}: red, {75, 50}: clear}},
		{"a mask", `<svg ` + svgNS + ` viewBox="0 0 100 100"><mask id="m"><rect width="100" height="50" fill="#fff"/></mask><rect mask="url(#m)" width="100" height="100" fill="red"/></svg>`,
			map[[2]int]color.NRGBA{{50, 25}: red, {50, 75}: clear}},
		{"a linear gradient", `<svg ` + svgNS + ` viewBox="0 0 100 100"><linearGradient id="g"><stop offset="0" stop-color="red"/><stop offset="1" style="stop-color:blue"/></linearGradient><rect width="100" height="100" fill="url(#g)"/></svg>`,
			map[[2]int]color.NRGBA{{1, 50}: red, {98, 50}: blue}},
		{"a stroke", `<svg ` + svgNS + ` viewBox="0 0 100 100"><path d="M50 0V100" stroke="red" stroke-width="20" fill="none"/></svg>`,
			map[[2]int]color.NRGBA{{50, 50}: red, {45, 50}: red, {20, 50}: clear}},
		{"transforms", `<svg ` + svgNS + ` viewBox="0 0 100 100"><g transform="translate(50 0) scale(.5 1)"><rect width="100" height="100" fill="red"/></g></svg>`,
			map[[2]int]color.NRGBA{{75, 50}: red, {25, 50}: clear}},
		{"display none", `<svg ` + svgNS + ` viewBox="0 0 100 100"><rect width="50" height="100" fill="red"/><rect x="50" width="50" height="100" fill="red" style="display:none"/></svg>`,
			map[[2]int]color.NRGBA{{25, 50}: red, {75, 50}: clear}},
	} {
		t.Run(c.name, func(t *testing.T) {
			img := draw(t, c.svg, 100, 100)
			for p, want := range c.want {
				if got := at(img, p[0], p[1]); got != want {
					t.Errorf("at %v: %v, want %v", p, got, want)
				}
			}
		})
	}
}

// An embedded raster image is drawn where the SVG places it.
func TestDrawsEmbeddedImages(t *testing.T) {
	src := image.NewNRGBA(image.Rect(0, 0, 4, 4))
	for i := range 16 {
		src.Set(i%4, i/4, red)
	}
	var b bytes.Buffer
	png.Encode(&b, src)
	uri := "data:image/png;base64," + base64.StdEncoding.EncodeToString(b.Bytes())
	img := draw(t, `<svg `+svgNS+` viewBox="0 0 100 100"><image x="50" width="50" height="100" preserveAspectRatio="none" href="`+uri+`"/></svg>`, 100, 100)
	if at(img, 75, 50) != red || at(img, 25, 50) != clear {
		t.Errorf("the image is not where it was placed: %v, %v", at(img, 75, 50), at(img, 25, 50))
	}
}

// A thumbnail fits the box with the logo's shape.
func TestFitsTheBox(t *testing.T) {
	for _, c := range []struct {
		svg  string
		w, h int
	}{
		{`<svg ` + svgNS + ` viewBox="0 0 400 100"><rect width="400" height="100"/></svg>`, 168, 42},
		{`<svg ` + svgNS + ` width="50" height="100"><rect width="50" height="100"/></svg>`, 40, 80},
		{`<svg ` + svgNS + ` width="100" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>`, 80, 80},
	} {
		img := draw(t, c.svg, 168, 80)
		if b := img.Bounds(); b.Dx() != c.w || b.Dy() != c.h {
			t.Errorf("%s: %d×%d, want %d×%d", c.svg, b.Dx(), b.Dy(), c.w, c.h)
		}
	}
}

// What a thumbnail would get wrong is refused, so the page keeps the SVG.
func TestRefusesWhatItCannotDraw(t *testing.T) {
	for _, c := range []struct{ svg, what string }{
		{`<svg ` + svgNS + ` viewBox="0 0 10 10"><text x="0" y="10">Logo</text></svg>`, "text"},
		{`<svg ` + svgNS + ` viewBox="0 0 10 10"><filter id="f"><feGaussianBlur stdDeviation="2"/></filter><rect filter="url(#f)" width="10" height="10"/></svg>`, "a filter"},
		{`<svg ` + svgNS + ` viewBox="0 0 10 10"><pattern id="p" width="2" height="2"><rect width="1" height="1"/></pattern><rect fill="url(#p)" width="10" height="10"/></svg>`, "a pattern"},
	} {
		_, err := thumb.SVG([]byte(c.svg), 168, 80)
		var u *thumb.Unsupported
		if !errors.As(err, &u) || u.What != c.what {
			t.Errorf("%s: %v, want it refused for %s", c.svg, err, c.what)
		}
	}
	for _, svg := range []string{
		`<svg ` + svgNS + ` viewBox="0 0 10 10"><rect width="10" height="10" fill="none"/></svg>`,
		`<svg ` + svgNS + ` viewBox="0 0 10 10"><rect width="10" height="10" opacity="0"/></svg>`,
	} {
		if _, err := thumb.SVG([]byte(svg), 168, 80); !errors.Is(err, thumb.ErrBlank) {
			t.Errorf("%s: %v, want ErrBlank", svg, err)
		}
	}
	if _, err := thumb.SVG([]byte(`<svg `+svgNS+`><rect width="10" height="10"/></svg>`), 168, 80); err == nil {
		t.Error("an SVG with no size was drawn")
	}
}

// Hostile logos end in bounded time: a billion-use bomb, deep nesting,
// endless path data.
func TestHostileLogosEnd(t *testing.T) {
	var bomb strings.Builder
	bomb.WriteString(`<svg ` + svgNS + ` viewBox="0 0 10 10"><defs><rect id="a0" width="1" height="1"/>`)
	for i := 1; i < 30; i++ {
		fmt.Fprintf(&bomb, `<g id="a%d">`, i)
		for range 10 {
			fmt.Fprintf(&bomb, `<use href="#a%d"/>`, i-1)
		}
		bomb.WriteString(`</g>`)
	}
	bomb.WriteString(`</defs><use href="#a29"/></svg>`)
	deep := `<svg ` + svgNS + ` viewBox="0 0 10 10">` + strings.Repeat("<g>", 5000) + `<rect width="10" height="10"/>` + strings.Repeat("</g>", 5000) + `</svg>`
	path := `<svg ` + svgNS + ` viewBox="0 0 10 10"><path d="M0 0` + strings.Repeat("L10 10 0 10", 300000) + `"/></svg>`
	self := `<svg ` + svgNS + ` viewBox="0 0 10 10"><g id="g"><use href="#g"/><rect width="5" height="5"/></g></svg>`
	// A long path used a thousand times; a large image used as often.
	pathUses := `<svg ` + svgNS + ` viewBox="0 0 10 10"><defs><path id="p" d="M0 0` + strings.Repeat("L10 10 0 10", 20000) + `"/></defs>` + strings.Repeat(`<use href="#p"/>`, 1000) + `</svg>`
	big := image.NewNRGBA(image.Rect(0, 0, 3000, 3000))
	for i := range big.Pix {
		big.Pix[i] = 255
	}
	var pb bytes.Buffer
	png.Encode(&pb, big)
	imageUses := `<svg ` + svgNS + ` viewBox="0 0 10 10"><defs><image id="i" width="10" height="10" href="data:image/png;base64,` + base64.StdEncoding.EncodeToString(pb.Bytes()) + `"/></defs>` + strings.Repeat(`<use href="#i"/>`, 1000) + `</svg>`
	for _, c := range []struct {
		name, svg string
		tooBig    bool
	}{{"use bomb", bomb.String(), true}, {"deep", deep, true}, {"long path", path, false}, {"self use", self, false},
		{"a long path used often", pathUses, true}, {"a large image used often", imageUses, true}} {
		_, err := thumb.PNG("x.svg", []byte(c.svg), 168, 80)
		if c.tooBig != errors.Is(err, thumb.ErrTooComplex) || (!c.tooBig && err != nil) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

// A raster logo is scaled down to the box, keeping its shape; one
// already small keeps its size.
func TestScalesRasterLogos(t *testing.T) {
	for _, c := range []struct{ w, h, ww, wh int }{{1000, 500, 160, 80}, {100, 40, 100, 40}} {
		src := image.NewNRGBA(image.Rect(0, 0, c.w, c.h))
		for i := range src.Pix {
			src.Pix[i] = 200
		}
		var b bytes.Buffer
		png.Encode(&b, src)
		out, err := thumb.PNG("logo.png", b.Bytes(), 168, 80)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(out))
		if err != nil || cfg.Width != c.ww || cfg.Height != c.wh {
			t.Errorf("%d×%d: %d×%d (%v), want %d×%d", c.w, c.h, cfg.Width, cfg.Height, err, c.ww, c.wh)
		}
	}
}
