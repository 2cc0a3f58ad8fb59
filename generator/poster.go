package generator

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"path"
	"strings"
)

// The poster: the landscape as one self-contained SVG file, for slides and
// print. Names are text; logos are embedded as data: URIs in <image>
// elements, where an SVG logo is drawn as an image and its scripts never
// run; no logo's markup is ever copied into the poster. The same site
// gives the same bytes.

// Poster geometry, in SVG pixels.
const (
	posterWidth   = 1600
	posterMargin  = 24
	tileW, tileH  = 96, 78
	tileGap       = 6
	boxPad        = 8
	boxHead       = 24
	bandHead      = 32
	logoW, logoH  = 84, 40
	nameSize      = 11
	posterMaxCols = (posterWidth - 2*posterMargin - 2*boxPad + tileGap) / (tileW + tileGap)
)

// posterSVG draws the layers given, with every project of their sections.
// logo returns a logo file's bytes.
func posterSVG(site *SiteView, title string, layers []*LayerView, logo func(string) ([]byte, error)) ([]byte, error) {
	var body bytes.Buffer
	y := posterMargin
	y = posterTitle(&body, site, title, y)
	uris := map[string]string{}
	for _, l := range layers {
		var err error
		if y, err = posterBand(&body, l, y, uris, logo); err != nil {
			return nil, err
		}
	}
	y += 8
	fmt.Fprintf(&body, `<text x="%d" y="%d" font-size="12" fill="#5b6672">%s · %s · made with Panorama</text>`+"\n",
		posterMargin, y+12, esc(site.Title), esc(countWords(len(site.Projects), "project", "projects")))
	height := y + 12 + posterMargin
	var out bytes.Buffer
	fmt.Fprintf(&out, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif">`+"\n",
		posterWidth, height, posterWidth, height)
	fmt.Fprintf(&out, "<title>%s</title>\n", esc(title))
	fmt.Fprintf(&out, `<rect width="%d" height="%d" fill="#fbfbfa"/>`+"\n", posterWidth, height)
	out.Write(body.Bytes())
	out.WriteString("</svg>\n")
	return out.Bytes(), nil
}

func posterTitle(b *bytes.Buffer, site *SiteView, title string, y int) int {
	fmt.Fprintf(b, `<text x="%d" y="%d" font-size="28" font-weight="700" fill="#1c232b">%s</text>`+"\n", posterMargin, y+28, esc(title))
	y += 40
	sub := site.Subtitle
	if site.Date != "" {
		sub = strings.TrimPrefix(sub+" · "+site.Date, " · ")
	}
	if sub != "" {
		fmt.Fprintf(b, `<text x="%d" y="%d" font-size="15" fill="#5b6672">%s</text>`+"\n", posterMargin, y+16, esc(sub))
		y += 28
	}
	return y + 8
}

// posterBox is a section's box, laid out in a band.
type posterBox struct {
	sec        *SectionView
	cols, rows int
	w, h       int
	x, y       int
}

func posterBand(b *bytes.Buffer, l *LayerView, y int, uris map[string]string, logo func(string) ([]byte, error)) (int, error) {
	var boxes []*posterBox
	for _, sec := range l.Sections {
		n := len(sec.Projects)
		if n == 0 {
			continue
		}
		cols := min(sec.Columns(), posterMaxCols, n)
		rows := (n + cols - 1) / cols
		boxes = append(boxes, &posterBox{sec: sec, cols: cols, rows: rows,
			w: 2*boxPad + cols*tileW + (cols-1)*tileGap, h: boxHead + boxPad + rows*tileH + (rows-1)*tileGap})
	}
	if len(boxes) == 0 {
		return y, nil
	}
	// Shelves: boxes left to right, a new shelf when one does not fit.
	top := y + bandHead + 8
	x, shelf, bottom := posterMargin+8, top, top
	for _, bx := range boxes {
		if x > posterMargin+8 && x+bx.w > posterWidth-posterMargin-8 {
			x, shelf = posterMargin+8, bottom+8
		}
		bx.x, bx.y = x, shelf
		x += bx.w + 8
		bottom = max(bottom, shelf+bx.h)
	}
	end := bottom + 8
	fmt.Fprintf(b, `<g><rect x="%d" y="%d" width="%d" height="%d" rx="6" fill="#ffffff" stroke="%s" stroke-width="2"/>`+"\n",
		posterMargin, y, posterWidth-2*posterMargin, end-y, l.Ink)
	fmt.Fprintf(b, `<rect x="%d" y="%d" width="%d" height="%d" rx="6" fill="%s"/>`+"\n", posterMargin, y, posterWidth-2*posterMargin, bandHead, l.Ink)
	fmt.Fprintf(b, `<text x="%d" y="%d" font-size="16" font-weight="700" fill="#ffffff">%s <tspan font-weight="400">%s</tspan></text>`+"\n",
		posterMargin+12, y+21, esc(l.Name), esc(countWords(len(l.Projects), "project", "projects")))
	for _, bx := range boxes {
		if err := posterSection(b, l, bx, uris, logo); err != nil {
			return 0, err
		}
	}
	b.WriteString("</g>\n")
	return end + 12, nil
}

func posterSection(b *bytes.Buffer, l *LayerView, bx *posterBox, uris map[string]string, logo func(string) ([]byte, error)) error {
	fmt.Fprintf(b, `<rect x="%d" y="%d" width="%d" height="%d" rx="4" fill="%s" stroke="%s"/>`+"\n",
		bx.x, bx.y, bx.w, bx.h, tintHex(l.Color, 0.93), tintHex(l.Color, 0.55))
	fmt.Fprintf(b, `<text x="%d" y="%d" font-size="13" font-weight="600" fill="#1c232b">%s <tspan fill="#5b6672" font-weight="400">%d</tspan></text>`+"\n",
		bx.x+boxPad, bx.y+17, esc(truncate(bx.sec.Name, (bx.w-40)*10/70)), len(bx.sec.Projects))
	for i, p := range bx.sec.Projects {
		tx := bx.x + boxPad + (i%bx.cols)*(tileW+tileGap)
		ty := bx.y + boxHead + (i/bx.cols)*(tileH+tileGap)
		fmt.Fprintf(b, `<rect x="%d" y="%d" width="%d" height="%d" rx="3" fill="#ffffff" stroke="#dde2e7"/>`, tx, ty, tileW, tileH)
		if p.Logo != "" {
			uri, ok := uris[p.Logo]
			if !ok {
				data, err := logo(p.Logo)
				if err != nil {
					return fmt.Errorf("poster: logo %s: %w", p.Logo, err)
				}
				uri = "data:" + logoType(p.Logo) + ";base64," + base64.StdEncoding.EncodeToString(data)
				uris[p.Logo] = uri
			}
			fmt.Fprintf(b, `<image x="%d" y="%d" width="%d" height="%d" preserveAspectRatio="xMidYMid meet" href="%s"/>`,
				tx+(tileW-logoW)/2, ty+6, logoW, logoH, uri)
		} else {
			cx, cy := tx+tileW/2, ty+6+logoH/2
			fmt.Fprintf(b, `<circle cx="%d" cy="%d" r="18" fill="%s"/><text x="%d" y="%d" font-size="13" font-weight="700" fill="#ffffff" text-anchor="middle">%s</text>`,
				cx, cy, l.Ink, cx, cy+5, esc(p.Monogram()))
		}
		fmt.Fprintf(b, `<text x="%d" y="%d" font-size="%d" fill="#1c232b" text-anchor="middle">%s</text>`+"\n",
			tx+tileW/2, ty+tileH-12, nameSize, esc(truncate(p.Name, 15)))
	}
	return nil
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

func countWords(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// posterJS wraps the map's SVG in a script, so a page opened from file://
// can make a PNG of it: browsers refuse to draw a file:// image into a
// canvas they would then export, but not a data: one made from a string.
func posterJS(svg []byte) []byte {
	s, _ := json.Marshal(string(svg)) // escapes <, > and & too
	return append(append([]byte("window.PANORAMA_POSTER = "), s...), ";\n"...)
}
