// Package thumb draws a logo small, as a PNG of the size it is shown at:
// tiles on the map, and the map's PNG, then decode a small raster image
// off the browser's main thread instead of parsing an SVG document each.
//
// An SVG logo (already sanitised) is drawn by this package: its shapes,
// paths, strokes and dashes (outlined with rasterx), its style sheet,
// <use>, nested viewports, clip paths, masks, group opacity, linear and
// radial gradients and embedded raster images. What it does not draw
// (text, filters, patterns) is an *Unsupported error, and so is a logo
// that comes out blank: the caller keeps the SVG for those. A raster logo
// is scaled down. Every bound (elements, path commands, <use> expansions,
// pixels) is fixed, so no logo can take more than a bounded time.
package thumb

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // raster logos and embedded images
	_ "image/jpeg"
	"image/png"
	"math"
	pathpkg "path"
	"strings"
	"sync"

	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp"
)

// encoders keeps PNG encoders' buffers from one thumbnail to the next.
var encoders = &encoderPool{}

type encoderPool struct{ p sync.Pool }

func (e *encoderPool) Get() *png.EncoderBuffer {
	b, _ := e.p.Get().(*png.EncoderBuffer)
	return b
}
func (e *encoderPool) Put(b *png.EncoderBuffer) { e.p.Put(b) }

// ErrBlank is returned for a logo that draws nothing visible.
var ErrBlank = errors.New("draws nothing")

// PNG draws a logo to fit w×h pixels, keeping its shape, and returns it
// as a PNG. name's extension says what data is.
func PNG(name string, data []byte, w, h int) (out []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, fmt.Errorf("thumb: %s: %v", name, p)
		}
	}()
	var img image.Image
	if strings.EqualFold(pathpkg.Ext(name), ".svg") {
		img, err = SVG(data, w, h)
	} else {
		img, err = raster(data, w, h)
	}
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.DefaultCompression, BufferPool: encoders}).Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// fit is the size of a w0×h0 picture scaled to fit w×h.
func fit(w0, h0 float64, w, h int) (int, int) {
	s := math.Min(float64(w)/w0, float64(h)/h0)
	return max(1, int(math.Round(w0*s))), max(1, int(math.Round(h0*s)))
}

func raster(data []byte, w, h int) (image.Image, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > 64<<20 {
		return nil, fmt.Errorf("a raster logo of %d×%d pixels", cfg.Width, cfg.Height)
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	dw, dh := fit(float64(cfg.Width), float64(cfg.Height), w, h)
	if dw >= cfg.Width && dh >= cfg.Height {
		dw, dh = cfg.Width, cfg.Height
	}
	dst := image.NewNRGBA(image.Rect(0, 0, dw, dh))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	return dst, blank(dst)
}

// SVG draws an SVG document to fit w×h pixels, keeping its shape.
func SVG(data []byte, w, h int) (*image.NRGBA, error) {
	root, err := parseTree(data)
	if err != nil {
		return nil, err
	}
	iw, ih, err := intrinsic(root)
	if err != nil {
		return nil, err
	}
	dw, dh := fit(iw, ih, w, h)
	m := scaling(float64(dw)/iw, float64(dh)/ih)
	vp := viewport{iw, ih}
	if vb, ok := parseViewBox(root.attrs["viewBox"]); ok {
		m = m.mul(viewBoxTransform(vb, root.attrs["preserveAspectRatio"], 0, 0, iw, ih))
		vp = viewport{vb[2], vb[3]}
	}
	r := &renderer{w: dw, h: dh, ids: map[string]*node{}, sheet: newSheet(root)}
	walk(root, func(n *node) {
		if id := n.attrs["id"]; id != "" {
			if _, dup := r.ids[id]; !dup {
				r.ids[id] = n
			}
		}
	})
	l := newLayer(dw, dh)
	if st := r.styleOf(root, rootStyle()); st.display {
		for _, k := range root.kids {
			r.draw(k, m, st, l, vp, 1)
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	img := l.image()
	return img, blank(img)
}

// intrinsic is an SVG's own size: width and height, or else its viewBox.
func intrinsic(root *node) (float64, float64, error) {
	vb, hasVB := parseViewBox(root.attrs["viewBox"])
	iw, ih := 0.0, 0.0
	if l, ok := parseLength(root.attrs["width"]); ok && !l.pct {
		iw = l.v
	}
	if l, ok := parseLength(root.attrs["height"]); ok && !l.pct {
		ih = l.v
	}
	switch {
	case iw > 0 && ih > 0:
	case hasVB && iw > 0:
		ih = iw * vb[3] / vb[2]
	case hasVB && ih > 0:
		iw = ih * vb[2] / vb[3]
	case hasVB:
		iw, ih = vb[2], vb[3]
	default:
		return 0, 0, errors.New("no size: neither width and height nor a viewBox")
	}
	return iw, ih, nil
}

// image is the layer with straight alpha, as PNG stores it.
func (l *layer) image() *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, l.w, l.h))
	for i := 0; i < l.w*l.h; i++ {
		p := l.p[4*i : 4*i+4]
		a := p[3]
		if a <= 0 {
			continue
		}
		a = min(a, 1)
		img.Pix[4*i] = uint8(min(p[0]/a, 1)*255 + 0.5)
		img.Pix[4*i+1] = uint8(min(p[1]/a, 1)*255 + 0.5)
		img.Pix[4*i+2] = uint8(min(p[2]/a, 1)*255 + 0.5)
		img.Pix[4*i+3] = uint8(a*255 + 0.5)
	}
	return img
}

// blank tells whether an image shows nothing: every pixel (almost) clear.
func blank(img *image.NRGBA) error {
	for i := 3; i < len(img.Pix); i += 4 {
		if img.Pix[i] > 8 {
			return nil
		}
	}
	return ErrBlank
}
