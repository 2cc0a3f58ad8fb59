package poster

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"image"
	_ "image/gif" // GIF logos
	"image/jpeg"
	"image/png"
	"math"
	"path"
	"strings"

	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp" // logos may be WebP
)

// The poster: the landscape as one self-contained SVG file, for slides and
// print. Names are text; each distinct logo is embedded once, in <defs>,
// as an <image> with a data: URI (an SVG logo as its sanitised, minified
// markup, percent-encoded; a raster logo downscaled to twice the size it
// is drawn at), and every tile that shows it <use>s it. An SVG drawn as an
// image never runs scripts and its styles stay inside it, so no logo can
// act on the poster or on another logo. The same site gives the same
// bytes.
//
// The PNG of the map, and the SVG of one layer, are made in the browser
// from posters/map.js: the same layout as data (bands, boxes, tiles,
// names) and each logo once as a data: URI, which a page opened from
// file:// may load as a script and draw into a canvas without tainting
// it. A logo with a thumbnail is there as its small PNG, not its SVG: the
// script is not a second copy of the poster's logos, and the browser
// decodes a PNG in a fraction of the time it takes an SVG document.

// Poster geometry, in SVG pixels.
const (
	width        = 1600 // up to maxTiles tiles; wider beyond, so the map stays printable
	maxTiles     = 800
	maxWidth     = 4800
	margin       = 24
	tileW, tileH = 96, 78
	tileGap      = 6
	boxPad       = 8
	boxHead      = 24
	bandHead     = 32
	logoW, logoH = 84, 40
	nameSize     = 11
)

// widthFor is the poster's width for n tiles: 1,600 pixels, and for
// large maps as much wider as keeps its shape (so its PNG is at least 3,000
// pixels wide within what a canvas can hold), at most 4,800.
func widthFor(n int) int {
	if n <= maxTiles {
		return width
	}
	return min(maxWidth, int(float64(width)*math.Sqrt(float64(n)/maxTiles)))
}

// Shapes is the poster laid out, for the SVG and for the PNG.
type Shapes struct {
	W      int      `json:"w"`
	H      int      `json:"h"`
	Title  string   `json:"title"`
	Sub    string   `json:"sub,omitempty"`
	Footer string   `json:"footer"`
	Bands  []band   `json:"bands"`
	Logos  []string `json:"logos"` // data: URIs, by index
	logoOf map[string]int
	// byURI finds a logo already embedded with the same bytes under
	// another name: projects of one organisation often share a file.
	byURI  map[string]int
	thumbs []string // the map.js's data: URI of each logo with a thumbnail, else ""
}

type band struct {
	ID    string `json:"id"`
	X     int    `json:"x"`
	Y     int    `json:"y"`
	W     int    `json:"w"`
	H     int    `json:"h"`
	Ink   string `json:"ink"`
	Name  string `json:"name"`
	Count string `json:"count"`
	Boxes []box  `json:"boxes"`
}

type box struct {
	X      int    `json:"x"`
	Y      int    `json:"y"`
	W      int    `json:"w"`
	H      int    `json:"h"`
	Fill   string `json:"fill"`
	Stroke string `json:"stroke"`
	Name   string `json:"name"`
	Count  int    `json:"count"`
	Tiles  []tile `json:"tiles"`
}

type tile struct {
	X        int    `json:"x"`
	Y        int    `json:"y"`
	Logo     int    `json:"logo"` // index in Logos, or -1
	Mono     string `json:"mono,omitempty"`
	Name     string `json:"name"`
	Featured string `json:"featured,omitempty"` // the map's mark: its label
	Dimmed   bool   `json:"dimmed,omitempty"`
}

// Map is what a poster shows: its title, a line under it, a footer, and
// the layers with their sections' projects, in order.
type Map struct {
	Title, Sub, Footer string
	Layers             []Layer
}

// Layer is a band of the poster: its colour, the ink of its band (dark
// enough for white text), its count of projects in words, and its
// sections.
type Layer struct {
	ID, Name, Color, Ink, Count string
	Sections                    []Section
}

// Section is a box of tiles.
type Section struct {
	Name  string
	Tiles []Tile
}

// Tile is a project: its logo file (read with the layout's reader), or its
// monogram without one, and the map's marks (the featured label, dimmed).
type Tile struct {
	Name, Logo, Monogram, Featured string
	Dimmed                         bool
}

// Layout lays out m; logo returns a logo file's published bytes, and
// thumb its thumbnail's (a PNG), or nil.
func Layout(m Map, logo func(string) ([]byte, error), thumb func(string) []byte) (*Shapes, error) {
	tiles := 0
	for _, l := range m.Layers {
		for _, sec := range l.Sections {
			tiles += len(sec.Tiles)
		}
	}
	pl := &Shapes{W: widthFor(tiles), Title: m.Title, Sub: m.Sub, Footer: m.Footer, logoOf: map[string]int{}, byURI: map[string]int{}, Logos: []string{}}
	y := margin + 40
	if pl.Sub != "" {
		y += 28
	}
	y += 8
	for _, l := range m.Layers {
		var err error
		if y, err = pl.band(l, y, logo, thumb); err != nil {
			return nil, err
		}
	}
	y += 8
	pl.H = y + 12 + margin
	return pl, nil
}

func (pl *Shapes) band(l Layer, y int, logo func(string) ([]byte, error), thumb func(string) []byte) (int, error) {
	b := band{ID: l.ID, X: margin, Y: y, W: pl.W - 2*margin, Ink: l.Ink, Name: l.Name, Count: l.Count}
	var secs []Section
	for _, sec := range l.Sections {
		if len(sec.Tiles) > 0 {
			secs = append(secs, sec)
		}
	}
	cols := pl.columns(secs)
	for _, sec := range secs {
		n := len(sec.Tiles)
		c := min(cols, n)
		w, h := boxSize(n, c)
		b.Boxes = append(b.Boxes, box{W: w, H: h,
			Fill: tintHex(l.Color, 0.93), Stroke: tintHex(l.Color, 0.55), Count: n})
		bx := &b.Boxes[len(b.Boxes)-1]
		bx.Name = truncate(sec.Name, (bx.W-40)*10/70)
		for i, p := range sec.Tiles {
			t := tile{Logo: -1, Name: truncate(p.Name, 15), X: boxPad + (i%c)*(tileW+tileGap), Y: boxHead + (i/c)*(tileH+tileGap),
				Featured: truncate(p.Featured, 16), Dimmed: p.Dimmed}
			if p.Logo != "" {
				idx, err := pl.logo(p.Logo, logo, thumb)
				if err != nil {
					return 0, err
				}
				t.Logo = idx
			} else {
				t.Mono = p.Monogram
			}
			bx.Tiles = append(bx.Tiles, t)
		}
	}
	if len(b.Boxes) == 0 {
		return y, nil
	}
	// Shelves: boxes left to right, a new shelf when one does not fit.
	top := y + bandHead + 8
	x, shelf, bottom := margin+8, top, top
	for i := range b.Boxes {
		bx := &b.Boxes[i]
		if x > margin+8 && x+bx.W > pl.W-margin-8 {
			x, shelf = margin+8, bottom+8
		}
		bx.X, bx.Y = x, shelf
		x += bx.W + 8
		bottom = max(bottom, shelf+bx.H)
	}
	b.H = bottom + 8 - y
	pl.Bands = append(pl.Bands, b)
	return bottom + 8 + 12, nil
}

// columns is how many tiles wide a band's section boxes are: the width
// that, with as many boxes side by side as then fit, makes the band the
// least tall, so rows are not left half empty beside one wide box.
func (pl *Shapes) columns(secs []Section) int {
	avail := pl.W - 2*margin - 16
	maxCols := max(1, (avail-2*boxPad+tileGap)/(tileW+tileGap))
	best, bestH := maxCols, -1
	for k := 1; k <= len(secs) && k <= maxCols; k++ {
		boxW := (avail - (k-1)*8) / k
		c := (boxW - 2*boxPad + tileGap) / (tileW + tileGap)
		if c < 1 {
			break
		}
		// Shelves as band fills them, boxes at their own widths.
		h, x, shelfH := 0, 0, 0
		for _, sec := range secs {
			n := len(sec.Tiles)
			cc := min(c, n)
			w, bh := boxSize(n, cc)
			if x > 0 && x+w > avail {
				h += shelfH + 8
				x, shelfH = 0, 0
			}
			x += w + 8
			shelfH = max(shelfH, bh)
		}
		h += shelfH
		if bestH < 0 || h < bestH {
			best, bestH = c, h
		}
	}
	return best
}

// boxSize is the width and height of a section's box of n tiles, cols wide.
func boxSize(n, cols int) (w, h int) {
	rows := (n + cols - 1) / cols
	return 2*boxPad + cols*tileW + (cols-1)*tileGap, boxHead + boxPad + rows*tileH + (rows-1)*tileGap
}

// logo returns the index of a logo's data: URI, made on first use.
func (pl *Shapes) logo(name string, read func(string) ([]byte, error), thumb func(string) []byte) (int, error) {
	if i, ok := pl.logoOf[name]; ok {
		return i, nil
	}
	data, err := read(name)
	if err != nil {
		return 0, fmt.Errorf("poster: logo %s: %w", name, err)
	}
	uri := logoURI(name, data)
	if i, ok := pl.byURI[uri]; ok {
		pl.logoOf[name] = i
		return i, nil
	}
	pl.logoOf[name], pl.byURI[uri] = len(pl.Logos), len(pl.Logos)
	pl.Logos = append(pl.Logos, uri)
	t := ""
	if thumb != nil {
		if png := thumb(name); png != nil {
			t = "data:image/png;base64," + base64.StdEncoding.EncodeToString(png)
		}
	}
	pl.thumbs = append(pl.thumbs, t)
	return len(pl.Logos) - 1, nil
}

// logoURI is a logo as a data: URI: an SVG as its text, percent-encoding
// only what a URL or a single-quoted XML attribute cannot hold as is (a
// third the size of base64; an SVG's many double quotes and closing
// brackets stay as they are); a raster image downscaled to twice the size
// it is drawn at.
func logoURI(name string, data []byte) string {
	typ := logoType(name)
	if typ == "image/svg+xml" {
		var b strings.Builder
		b.Grow(len(data) + len(data)/16 + 32)
		b.WriteString("data:image/svg+xml,")
		for _, c := range data {
			switch c {
			case '%', '#', '<', '&', '\'':
				fmt.Fprintf(&b, "%%%02X", c)
			case '\n', '\r', '\t':
				b.WriteByte(' ')
			default:
				b.WriteByte(c)
			}
		}
		return b.String()
	}
	if small, smallType := downscale(data, 2*logoW, 2*logoH); small != nil {
		data, typ = small, smallType
	}
	return "data:" + typ + ";base64," + base64.StdEncoding.EncodeToString(data)
}

// downscale returns a raster image shrunk to fit w×h, as PNG (JPEG stays
// JPEG), or nil when it already fits or cannot be read.
func downscale(data []byte, w, h int) ([]byte, string) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (cfg.Width <= w && cfg.Height <= h) || cfg.Width*cfg.Height > 64<<20 {
		return nil, ""
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, ""
	}
	scale := min(float64(w)/float64(cfg.Width), float64(h)/float64(cfg.Height))
	dw, dh := max(1, int(float64(cfg.Width)*scale+0.5)), max(1, int(float64(cfg.Height)*scale+0.5))
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	var b bytes.Buffer
	if format == "jpeg" {
		if jpeg.Encode(&b, dst, &jpeg.Options{Quality: 85}) != nil {
			return nil, ""
		}
		return b.Bytes(), "image/jpeg"
	}
	if (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, dst) != nil || b.Len() >= len(data) {
		return nil, ""
	}
	return b.Bytes(), "image/png"
}

// SVG is the poster as one self-contained SVG file.
func (pl *Shapes) SVG() []byte {
	var out bytes.Buffer
	fmt.Fprintf(&out, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif">`+"\n",
		pl.W, pl.H, pl.W, pl.H)
	fmt.Fprintf(&out, "<title>%s</title>\n", esc(pl.Title))
	// A plain tile's frame is drawn once and <use>d by every tile; its
	// name takes its size, colour and anchor from its box's group.
	out.WriteString("<defs>\n")
	fmt.Fprintf(&out, `<rect id="t" width="%d" height="%d" rx="3" fill="#ffffff" stroke="#dde2e7"/>`+"\n", tileW, tileH)
	for i, uri := range pl.Logos {
		fmt.Fprintf(&out, `<image id="l%d" width="%d" height="%d" preserveAspectRatio="xMidYMid meet" href='%s'/>`+"\n", i, logoW, logoH, uri)
	}
	out.WriteString("</defs>\n")
	fmt.Fprintf(&out, `<rect width="%d" height="%d" fill="#fbfbfa"/>`+"\n", pl.W, pl.H)
	fmt.Fprintf(&out, `<text x="%d" y="%d" font-size="28" font-weight="700" fill="#1c232b">%s</text>`+"\n", margin, margin+28, esc(pl.Title))
	if pl.Sub != "" {
		fmt.Fprintf(&out, `<text x="%d" y="%d" font-size="15" fill="#5b6672">%s</text>`+"\n", margin, margin+56, esc(pl.Sub))
	}
	for _, b := range pl.Bands {
		fmt.Fprintf(&out, `<g><rect x="%d" y="%d" width="%d" height="%d" rx="6" fill="#ffffff" stroke="%s" stroke-width="2"/>`+"\n", b.X, b.Y, b.W, b.H, b.Ink)
		fmt.Fprintf(&out, `<rect x="%d" y="%d" width="%d" height="%d" rx="6" fill="%s"/>`+"\n", b.X, b.Y, b.W, bandHead, b.Ink)
		fmt.Fprintf(&out, `<text x="%d" y="%d" font-size="16" font-weight="700" fill="#ffffff">%s <tspan font-weight="400">%s</tspan></text>`+"\n", b.X+12, b.Y+21, esc(b.Name), esc(b.Count))
		for _, bx := range b.Boxes {
			fmt.Fprintf(&out, `<rect x="%d" y="%d" width="%d" height="%d" rx="4" fill="%s" stroke="%s"/>`+"\n", bx.X, bx.Y, bx.W, bx.H, bx.Fill, bx.Stroke)
			fmt.Fprintf(&out, `<text x="%d" y="%d" font-size="13" font-weight="600" fill="#1c232b">%s <tspan fill="#5b6672" font-weight="400">%d</tspan></text>`+"\n", bx.X+boxPad, bx.Y+17, esc(bx.Name), bx.Count)
			fmt.Fprintf(&out, `<g font-size="%d" fill="#1c232b" text-anchor="middle">`+"\n", nameSize)
			for _, t := range bx.Tiles {
				writeTile(&out, t, bx.X+t.X, bx.Y+t.Y, b.Ink)
				out.WriteString("\n")
			}
			out.WriteString("</g>\n")
		}
		out.WriteString("</g>\n")
	}
	fmt.Fprintf(&out, `<text x="%d" y="%d" font-size="12" fill="#5b6672">%s</text>`+"\n", margin, pl.H-margin, esc(pl.Footer))
	out.WriteString("</svg>\n")
	return out.Bytes()
}

// writeTile draws one tile at (tx, ty) in its box's group, which gives
// its name's size, colour and anchor; ink is its layer's colour.
func writeTile(out *bytes.Buffer, t tile, tx, ty int, ink string) {
	if t.Dimmed {
		out.WriteString(`<g opacity="0.45">`)
	}
	if t.Featured != "" {
		fmt.Fprintf(out, `<rect x="%d" y="%d" width="%d" height="%d" rx="3" fill="#ffffff" stroke="%s" stroke-width="2"/>`, tx, ty, tileW, tileH, ink)
	} else {
		fmt.Fprintf(out, `<use href="#t" x="%d" y="%d"/>`, tx, ty)
	}
	if t.Logo >= 0 {
		fmt.Fprintf(out, `<use href="#l%d" x="%d" y="%d"/>`, t.Logo, tx+(tileW-logoW)/2, ty+6)
	} else {
		cx, cy := tx+tileW/2, ty+6+logoH/2
		fmt.Fprintf(out, `<circle cx="%d" cy="%d" r="18" fill="%s"/><text x="%d" y="%d" font-size="13" font-weight="700" fill="#ffffff" text-anchor="middle">%s</text>`,
			cx, cy, ink, cx, cy+5, esc(t.Mono))
	}
	if t.Featured != "" {
		// The mark's label in a strip at the tile's foot, the name above it.
		fmt.Fprintf(out, `<text x="%d" y="%d">%s</text>`, tx+tileW/2, ty+tileH-20, esc(t.Name))
		fmt.Fprintf(out, `<rect x="%d" y="%d" width="%d" height="14" fill="%s"/><text x="%d" y="%d" font-size="9" font-weight="600" fill="#ffffff" text-anchor="middle">%s</text>`, tx+1, ty+tileH-15, tileW-2, ink, tx+tileW/2, ty+tileH-5, esc(t.Featured))
	} else {
		fmt.Fprintf(out, `<text x="%d" y="%d">%s</text>`, tx+tileW/2, ty+tileH-12, esc(t.Name))
	}
	if t.Dimmed {
		out.WriteString(`</g>`)
	}
}

// JS is the layout as a script, for the PNG button: a page opened
// from file:// may load a script, and images made from its data: URIs
// leave a canvas clean, where a file:// image would taint it. JSON escapes
// <, > and &, so the data cannot end the script.
func (pl *Shapes) JS() []byte {
	js := *pl
	js.Logos = make([]string, len(pl.Logos))
	for i, uri := range pl.Logos {
		js.Logos[i] = uri
		if pl.thumbs[i] != "" {
			js.Logos[i] = pl.thumbs[i]
		}
	}
	data, _ := json.Marshal(&js)
	return append(append([]byte("window.PANORAMA_POSTER = "), data...), ";\n"...)
}

// logoType is a logo's media type by its name, which check has matched
// against its content.
func logoType(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".gif":
		return "image/gif"
	case ".webp":
		return "image/webp"
	case ".avif":
		return "image/avif"
	}
	return "application/octet-stream"
}

func truncate(s string, n int) string {
	r := []rune(s)
	if n < 2 || len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// esc escapes text for XML.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// tintHex mixes a "#rrggbb" colour with white.
func tintHex(hex string, f float64) string {
	var r, g, bl int
	if _, err := fmt.Sscanf(hex, "#%02x%02x%02x", &r, &g, &bl); err != nil {
		return hex
	}
	mix := func(c int) int { return c + int(float64(255-c)*f+0.5) }
	return fmt.Sprintf("#%02x%02x%02x", mix(r), mix(g), mix(bl))
}
