package thumb

import (
	"bytes"
	"encoding/base64"
	"errors"
	"image"
	"math"
	"net/url"
	"strings"

	"golang.org/x/image/draw"
)

// Unsupported is returned for a logo that uses what this package does not
// draw (text, filters, patterns): its thumbnail would be wrong, so the
// caller keeps the SVG.
type Unsupported struct{ What string }

func (u *Unsupported) Error() string { return "draws " + u.What + ", which thumbnails do not" }

// layer is an image being drawn: premultiplied RGBA, 0–1 each.
type layer struct {
	w, h int
	p    []float32
}

func newLayer(w, h int) *layer { return &layer{w: w, h: h, p: make([]float32, 4*w*h)} }

// source is what a mask is painted with: a colour, or one per pixel.
type source struct {
	c  [4]float32 // premultiplied
	at func(x, y int) [4]float32
}

// fillMask paints src through the mask, times alpha, over the layer.
func (l *layer) fillMask(m *mask, src source, alpha float32) {
	if m == nil {
		return
	}
	for y := 0; y < m.h; y++ {
		row := m.a[y*m.w : (y+1)*m.w]
		for x, cov := range row {
			if cov <= 0 {
				continue
			}
			c := src.c
			if src.at != nil {
				c = src.at(m.x0+x, m.y0+y)
			}
			k := cov * alpha
			i := 4 * ((m.y0+y)*l.w + m.x0 + x)
			inv := 1 - c[3]*k
			l.p[i] = c[0]*k + l.p[i]*inv
			l.p[i+1] = c[1]*k + l.p[i+1]*inv
			l.p[i+2] = c[2]*k + l.p[i+2]*inv
			l.p[i+3] = c[3]*k + l.p[i+3]*inv
		}
	}
}

// over composites top over l, each pixel's top scaled by k(i) (a clip's or
// mask's coverage, and the group's opacity).
func (l *layer) over(top *layer, k func(i int) float32) {
	for i := 0; i < l.w*l.h; i++ {
		j := 4 * i
		if top.p[j+3] == 0 {
			continue
		}
		f := k(i)
		if f <= 0 {
			continue
		}
		inv := 1 - top.p[j+3]*f
		l.p[j] = top.p[j]*f + l.p[j]*inv
		l.p[j+1] = top.p[j+1]*f + l.p[j+1]*inv
		l.p[j+2] = top.p[j+2]*f + l.p[j+2]*inv
		l.p[j+3] = top.p[j+3]*f + l.p[j+3]*inv
	}
}

// renderer draws one SVG document into a layer.
type renderer struct {
	w, h   int
	ids    map[string]*node
	sheet  sheet
	work   int // elements drawn, <use> expansions included
	ops    int // path commands drawn, the same
	pixels int // pixels of the embedded images decoded
	images map[string]image.Image
	err    error
}

// Bounds on one logo's drawing, far beyond any real logo's.
const (
	maxWork   = 200000
	maxDrawn  = 2000000  // path commands
	maxPixels = 32 << 20 // of embedded images decoded and drawn
)

func (r *renderer) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

// styleOf computes n's style from its parent's: presentation attributes,
// then the style sheet, then the style attribute, then the sheet's
// !important declarations.
func (r *renderer) styleOf(n *node, parent *style) *style {
	st := parent.child()
	for name, v := range n.attrs {
		if presentation[name] {
			st.set(name, v, parent)
		}
	}
	set := func(name, v string) { st.set(name, v, parent) }
	r.sheet.declarations(n, false, set)
	if s, ok := n.attrs["style"]; ok {
		inline(s, set)
	}
	r.sheet.declarations(n, true, set)
	return st
}

// viewport is the size percentages refer to.
type viewport struct{ w, h float64 }

func (r *renderer) length(n *node, attr string, ref float64, def float64) float64 {
	v, ok := n.attrs[attr]
	if !ok {
		return def
	}
	l, ok := parseLength(v)
	if !ok {
		return def
	}
	return l.of(ref)
}

// viewBoxTransform maps a viewBox onto a viewport as preserveAspectRatio
// says (default xMidYMid meet).
func viewBoxTransform(vb [4]float64, par string, x, y, w, h float64) mat {
	if vb[2] <= 0 || vb[3] <= 0 {
		return translate(x, y)
	}
	sx, sy := w/vb[2], h/vb[3]
	fields := strings.Fields(par)
	align, slice := "xMidYMid", false
	if len(fields) > 0 {
		align = fields[0]
	}
	if len(fields) > 1 && fields[1] == "slice" {
		slice = true
	}
	if align != "none" {
		s := math.Min(sx, sy)
		if slice {
			s = math.Max(sx, sy)
		}
		sx, sy = s, s
	}
	tx, ty := x-vb[0]*sx, y-vb[1]*sy
	if strings.Contains(align, "xMid") {
		tx += (w - vb[2]*sx) / 2
	} else if strings.Contains(align, "xMax") {
		tx += w - vb[2]*sx
	}
	if strings.Contains(align, "YMid") {
		ty += (h - vb[3]*sy) / 2
	} else if strings.Contains(align, "YMax") {
		ty += h - vb[3]*sy
	}
	return mat{a: sx, d: sy, e: tx, f: ty}
}

func parseViewBox(v string) ([4]float64, bool) {
	var vb [4]float64
	sc := &pathScanner{s: v}
	for i := range vb {
		f, ok := sc.number()
		if !ok {
			return vb, false
		}
		vb[i] = f
	}
	return vb, vb[2] > 0 && vb[3] > 0
}

// draw draws n and what is below it.
func (r *renderer) draw(n *node, m mat, parent *style, dst *layer, vp viewport, depth int) {
	r.work++
	if r.work > maxWork {
		r.fail(ErrTooComplex)
	}
	if r.err != nil || depth > 24 {
		return
	}
	switch n.name {
	case "svg", "g", "a", "switch", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "use", "image", "text":
	default:
		return // definitions, metadata, animations: not drawn where they stand
	}
	st := r.styleOf(n, parent)
	if !st.display {
		return
	}
	switch {
	case st.transform != "":
		r.fail(&Unsupported{"a CSS transform"})
		return
	case st.filter != "":
		r.fail(&Unsupported{"a filter"})
		return
	}
	if t, ok := n.attrs["transform"]; ok {
		m = m.mul(parseTransform(t))
	}
	// A group with opacity, a clip or a mask is drawn on a layer of its
	// own, then put down through them; a shape that only fills or only
	// strokes takes its opacity as it is drawn.
	shape := isShape(n.name)
	layered := st.clipPath != "" || st.mask != "" || (st.opacity < 1 && !(shape && (st.fill.none || st.stroke.none)))
	target, alpha := dst, float32(st.opacity)
	if layered {
		target, alpha = newLayer(r.w, r.h), 1
	}
	r.content(n, st, m, target, vp, depth, alpha)
	if layered {
		r.composite(n, st, m, target, dst, vp, depth)
	}
}

func isShape(name string) bool {
	switch name {
	case "path", "rect", "circle", "ellipse", "line", "polyline", "polygon":
		return true
	}
	return false
}

// content draws what element n shows.
func (r *renderer) content(n *node, st *style, m mat, target *layer, vp viewport, depth int, alpha float32) {
	switch {
	case isShape(n.name):
		r.shape(n, st, m, target, vp, alpha)
	case n.name == "text":
		if strings.TrimSpace(allText(n)) != "" && st.visible {
			r.fail(&Unsupported{"text"})
		}
	case n.name == "image":
		r.image(n, st, m, target, vp)
	case n.name == "use":
		r.use(n, st, m, target, vp, depth)
	case n.name == "svg":
		r.nested(n, st, m, target, vp, depth)
	default:
		for _, k := range n.kids {
			r.draw(k, m, st, target, vp, depth+1)
			if n.name == "switch" && k.name != "desc" && k.name != "title" {
				break
			}
		}
	}
}

// composite puts a layer down on dst through the element's clip, mask
// and opacity.
func (r *renderer) composite(n *node, st *style, m mat, top, dst *layer, vp viewport, depth int) {
	var clip, msk []float32
	if st.clipPath != "" {
		if clip = r.clip(st.clipPath, n, m, st, vp, depth); clip == nil {
			return // a clip that is not a clipPath hides the element
		}
	}
	if st.mask != "" {
		if msk = r.mask(st.mask, n, m, vp, depth); msk == nil {
			return
		}
	}
	op := float32(st.opacity)
	dst.over(top, func(i int) float32 {
		f := op
		if clip != nil {
			f *= clip[i]
		}
		if msk != nil {
			f *= msk[i]
		}
		return f
	})
}

func allText(n *node) string {
	s := n.text
	for _, k := range n.kids {
		s += allText(k)
	}
	return s
}

// shapePath is a basic shape's outline in user space.
func (r *renderer) shapePath(n *node, vp viewport) *path {
	diag := math.Hypot(vp.w, vp.h) / math.Sqrt2
	L := func(a string, ref float64) float64 { return r.length(n, a, ref, 0) }
	switch n.name {
	case "path":
		p := parsePath(n.attrs["d"])
		if r.ops += len(p.ops); r.ops > maxDrawn {
			r.fail(ErrTooComplex)
			return &path{}
		}
		return p
	case "rect":
		rx, okx := n.attrs["rx"]
		ry, oky := n.attrs["ry"]
		x, y, w, h := L("x", vp.w), L("y", vp.h), L("width", vp.w), L("height", vp.h)
		var vx, vy float64
		if okx {
			vx = L("rx", vp.w)
		}
		if oky {
			vy = L("ry", vp.h)
		}
		if okx && !oky || (okx && ry == "auto") {
			vy = vx
		}
		if oky && !okx || (oky && rx == "auto") {
			vx = vy
		}
		return rectPath(x, y, w, h, vx, vy)
	case "circle":
		rr := L("r", diag)
		return ellipsePath(L("cx", vp.w), L("cy", vp.h), rr, rr)
	case "ellipse":
		rx, ry := L("rx", vp.w), L("ry", vp.h)
		if _, ok := n.attrs["rx"]; !ok {
			rx = ry
		}
		if _, ok := n.attrs["ry"]; !ok {
			ry = rx
		}
		return ellipsePath(L("cx", vp.w), L("cy", vp.h), rx, ry)
	case "line":
		p := &path{}
		p.moveTo(pt{L("x1", vp.w), L("y1", vp.h)})
		p.lineTo(pt{L("x2", vp.w), L("y2", vp.h)})
		return p
	case "polyline":
		return polyPath(n.attrs["points"], false)
	case "polygon":
		return polyPath(n.attrs["points"], true)
	}
	return &path{}
}

// bbox is the box of the path's points, control points included.
func (p *path) bbox() box {
	b := emptyBox()
	for _, o := range p.ops {
		k := 1
		if o.kind == 'C' {
			k = 3
		} else if o.kind == 'Z' {
			k = 0
		}
		for _, q := range o.pts[:k] {
			b.add(q)
		}
	}
	return b
}

func (r *renderer) shape(n *node, st *style, m mat, dst *layer, vp viewport, alpha float32) {
	if !st.visible {
		return
	}
	p := r.shapePath(n, vp)
	if len(p.ops) == 0 {
		return
	}
	if !st.fill.none && n.name != "line" {
		if src, ok := r.source(st.fill, st, p, m, st.fillOpacity, vp); ok {
			e := newEdges()
			e.addPath(p, m)
			dst.fillMask(e.cover(r.w, r.h, st.fillEvenOdd), src, alpha)
		}
	}
	if !st.stroke.none {
		if src, ok := r.source(st.stroke, st, p, m, st.strokeOpacity, vp); ok {
			e := strokeEdges(p, m, st, vp.w, vp.h)
			dst.fillMask(e.cover(r.w, r.h, false), src, alpha)
		}
	}
}

// source resolves a paint: a colour, or a gradient over the shape p.
func (r *renderer) source(pa paint, st *style, p *path, m mat, opacity float64, vp viewport) (source, bool) {
	if pa.ref != "" {
		g, ok := r.ids[pa.ref]
		switch {
		case ok && (g.name == "linearGradient" || g.name == "radialGradient"):
			return r.gradient(g, p, m, opacity, vp)
		case ok && g.name == "pattern":
			r.fail(&Unsupported{"a pattern"})
			return source{}, false
		case pa.fallback != nil:
			pa = *pa.fallback
		default:
			return source{}, false
		}
	}
	if pa.none {
		return source{}, false
	}
	c := pa.c
	if pa.current {
		c = st.color
	}
	a := c.a * opacity
	return source{c: [4]float32{float32(c.r * a), float32(c.g * a), float32(c.b * a), float32(a)}}, true
}

// use draws what a <use> refers to, as if it stood there.
func (r *renderer) use(n *node, st *style, m mat, dst *layer, vp viewport, depth int) {
	href := n.attrs["href"]
	if !strings.HasPrefix(href, "#") {
		return
	}
	t, ok := r.ids[href[1:]]
	if !ok {
		return
	}
	for p := n; p != nil; p = p.parent {
		if p == t {
			return // refers to itself
		}
	}
	m = m.mul(translate(r.length(n, "x", vp.w, 0), r.length(n, "y", vp.h, 0)))
	if t.name == "symbol" || t.name == "svg" {
		w := r.length(n, "width", vp.w, r.length(t, "width", vp.w, vp.w))
		h := r.length(n, "height", vp.h, r.length(t, "height", vp.h, vp.h))
		r.viewportContent(t, st, m, dst, w, h, depth)
		return
	}
	r.draw(t, m, st, dst, vp, depth+1)
}

// nested draws an <svg> inside the document: a new viewport.
func (r *renderer) nested(n *node, st *style, m mat, dst *layer, vp viewport, depth int) {
	m = m.mul(translate(r.length(n, "x", vp.w, 0), r.length(n, "y", vp.h, 0)))
	r.viewportContent(n, st, m, dst, r.length(n, "width", vp.w, vp.w), r.length(n, "height", vp.h, vp.h), depth)
}

func (r *renderer) viewportContent(t *node, st *style, m mat, dst *layer, w, h float64, depth int) {
	if w <= 0 || h <= 0 {
		return
	}
	inner := viewport{w, h}
	if vb, ok := parseViewBox(t.attrs["viewBox"]); ok {
		m = m.mul(viewBoxTransform(vb, t.attrs["preserveAspectRatio"], 0, 0, w, h))
		inner = viewport{vb[2], vb[3]}
	}
	ts := st
	if t.name == "symbol" {
		ts = r.styleOf(t, st)
	}
	for _, k := range t.kids {
		r.draw(k, m, ts, dst, inner, depth+1)
	}
}

// clip is the coverage of a clipPath, 0–1 a pixel, or nil when id is not one.
func (r *renderer) clip(id string, el *node, m mat, st *style, vp viewport, depth int) []float32 {
	c, ok := r.ids[id]
	if !ok || c.name != "clipPath" || depth > 24 {
		return nil
	}
	if t, ok := c.attrs["transform"]; ok {
		m = m.mul(parseTransform(t))
	}
	if c.attrs["clipPathUnits"] == "objectBoundingBox" {
		b := r.bbox(el, vp)
		if !b.area() {
			return nil
		}
		m = m.mul(b.unit())
	}
	l := newLayer(r.w, r.h)
	cs := r.styleOf(c, st)
	for _, k := range c.kids {
		r.clipShape(l, k, m, cs, vp, depth+1)
	}
	out := make([]float32, r.w*r.h)
	for i := range out {
		out[i] = l.p[4*i+3]
	}
	// A clipPath may itself be clipped.
	if cs.clipPath != "" && cs.clipPath != id {
		if outer := r.clip(cs.clipPath, el, m, st, vp, depth+1); outer != nil {
			for i := range out {
				out[i] *= outer[i]
			}
		}
	}
	return out
}

// clipShape adds a clipPath's child to its coverage: shapes filled by
// their clip rule, in black.
func (r *renderer) clipShape(l *layer, k *node, m mat, ps *style, vp viewport, d int) {
	r.work++
	if d > 24 || r.work > maxWork {
		return
	}
	ks := r.styleOf(k, ps)
	if !ks.display || !ks.visible && k.name != "use" {
		return
	}
	if t, ok := k.attrs["transform"]; ok {
		m = m.mul(parseTransform(t))
	}
	switch {
	case isShape(k.name) && k.name != "line": // a line encloses nothing
		e := newEdges()
		e.addPath(r.shapePath(k, vp), m)
		l.fillMask(e.cover(r.w, r.h, ks.clipEvenOdd), source{c: [4]float32{0, 0, 0, 1}}, 1)
	case k.name == "use":
		href := k.attrs["href"]
		if t, ok := r.ids[strings.TrimPrefix(href, "#")]; ok && strings.HasPrefix(href, "#") && t != k {
			r.clipShape(l, t, m.mul(translate(r.length(k, "x", vp.w, 0), r.length(k, "y", vp.h, 0))), ks, vp, d+1)
		}
	case k.name == "text":
		if strings.TrimSpace(allText(k)) != "" {
			r.fail(&Unsupported{"text in a clip"})
		}
	case k.name == "g":
		for _, kk := range k.kids {
			r.clipShape(l, kk, m, ks, vp, d+1)
		}
	}
}

// mask is a mask's coverage, 0–1 a pixel: its content's luminance times
// its alpha (or the alpha alone for mask-type: alpha), inside its region.
func (r *renderer) mask(id string, el *node, m mat, vp viewport, depth int) []float32 {
	c, ok := r.ids[id]
	if !ok || c.name != "mask" || depth > 8 {
		return nil
	}
	inside := r.maskRegion(c, el, m, vp)
	if inside == nil {
		return nil
	}
	if c.attrs["maskContentUnits"] == "objectBoundingBox" {
		m = m.mul(r.bbox(el, vp).unit())
	}
	l := newLayer(r.w, r.h)
	cs := r.styleOf(c, rootStyle())
	for _, k := range c.kids {
		r.draw(k, m, cs, l, vp, depth+1)
	}
	alphaOnly := c.attrs["mask-type"] == "alpha"
	out := make([]float32, r.w*r.h)
	for i := range out {
		x, y := i%r.w-inside.x0, i/r.w-inside.y0
		if x < 0 || y < 0 || x >= inside.w || y >= inside.h {
			continue
		}
		p := l.p[4*i : 4*i+4]
		v := p[3]
		if !alphaOnly {
			// Luminance of the premultiplied colour: luminance × alpha.
			v = 0.2125*p[0] + 0.7154*p[1] + 0.0721*p[2]
		}
		out[i] = v * inside.a[y*inside.w+x]
	}
	return out
}

// maskRegion is the coverage of a mask's region, outside which nothing
// shows: by default 10% more than the element's box on every side. It is
// nil when the element has no box to measure.
func (r *renderer) maskRegion(c, el *node, m mat, vp viewport) *mask {
	var rx, ry, rw, rh float64
	if c.attrs["maskUnits"] == "userSpaceOnUse" {
		rx, ry = r.length(c, "x", vp.w, -0.1*vp.w), r.length(c, "y", vp.h, -0.1*vp.h)
		rw, rh = r.length(c, "width", vp.w, 1.2*vp.w), r.length(c, "height", vp.h, 1.2*vp.h)
	} else {
		b := r.bbox(el, vp)
		if !b.area() {
			return nil
		}
		frac := func(a string, def float64) float64 {
			l, ok := parseLength(c.attrs[a])
			if !ok {
				return def
			}
			if l.pct {
				return l.v / 100
			}
			return l.v
		}
		bw, bh := b.x1-b.x0, b.y1-b.y0
		rx, ry = b.x0+frac("x", -0.1)*bw, b.y0+frac("y", -0.1)*bh
		rw, rh = frac("width", 1.2)*bw, frac("height", 1.2)*bh
	}
	region := newEdges()
	region.addPath(rectPath(rx, ry, rw, rh, 0, 0), m)
	if inside := region.cover(r.w, r.h, false); inside != nil {
		return inside
	}
	return &mask{} // a region outside the picture: nothing shows
}

// bbox is an element's bounding box in its user space, roughly: the
// control points of its shapes.
func (r *renderer) bbox(n *node, vp viewport) box {
	b := emptyBox()
	var add func(k *node, m mat, d int)
	add = func(k *node, m mat, d int) {
		if d > 16 {
			return
		}
		if t, ok := k.attrs["transform"]; ok && d > 0 {
			m = m.mul(parseTransform(t))
		}
		switch k.name {
		case "path", "rect", "circle", "ellipse", "line", "polyline", "polygon":
			if s := r.shapePath(k, vp).bbox(); !s.empty() {
				b.addRect(m, s.x0, s.y0, s.x1, s.y1)
			}
		case "image":
			x, y := r.length(k, "x", vp.w, 0), r.length(k, "y", vp.h, 0)
			b.addRect(m, x, y, x+r.length(k, "width", vp.w, 0), y+r.length(k, "height", vp.h, 0))
		case "g", "a", "switch":
			for _, kk := range k.kids {
				add(kk, m, d+1)
			}
		}
	}
	add(n, identity, 0)
	return b
}

// image draws an embedded raster image.
func (r *renderer) image(n *node, st *style, m mat, dst *layer, vp viewport) {
	if !st.visible {
		return
	}
	img, err := r.embedded(n.attrs["href"])
	if err != nil {
		if _, ok := err.(*Unsupported); ok || err == ErrTooComplex {
			r.fail(err)
		}
		return
	}
	b := img.Bounds()
	// Each drawing reads the whole image: it counts against the bound.
	if r.pixels += b.Dx() * b.Dy(); r.pixels > maxPixels {
		r.fail(ErrTooComplex)
		return
	}
	iw, ih := float64(b.Dx()), float64(b.Dy())
	x, y := r.length(n, "x", vp.w, 0), r.length(n, "y", vp.h, 0)
	w, h := r.length(n, "width", vp.w, iw), r.length(n, "height", vp.h, ih)
	if w <= 0 || h <= 0 {
		return
	}
	src, t := shrink(img, m.mul(viewBoxTransform([4]float64{0, 0, iw, ih}, n.attrs["preserveAspectRatio"], x, y, w, h)))
	inv, ok := t.inv()
	if !ok {
		return
	}
	e := newEdges()
	e.addPath(rectPath(0, 0, float64(src.Rect.Dx()), float64(src.Rect.Dy()), 0, 0), t)
	dst.fillMask(e.cover(r.w, r.h, false), source{at: bilinear(src, inv)}, float32(st.opacity))
}

// shrink is the image scaled to about the size transform t draws it at,
// so that sampling it does not skip most of its pixels, and the transform
// that draws the result.
func shrink(img image.Image, t mat) (*image.RGBA, mat) {
	b := img.Bounds()
	iw, ih := float64(b.Dx()), float64(b.Dy())
	if s := t.scale(); s < 0.75 {
		sw, sh := max(1, int(iw*s+0.5)), max(1, int(ih*s+0.5))
		small := image.NewRGBA(image.Rect(0, 0, sw, sh))
		draw.CatmullRom.Scale(small, small.Bounds(), img, b, draw.Src, nil)
		return small, t.mul(scaling(iw/float64(sw), ih/float64(sh)))
	}
	full := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(full, full.Bounds(), img, b.Min, draw.Src)
	return full, t
}

// bilinear samples the image at each device pixel's centre mapped back
// by inv.
func bilinear(src *image.RGBA, inv mat) func(x, y int) [4]float32 {
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	return func(x, y int) [4]float32 {
		q := inv.apply(pt{float64(x) + 0.5, float64(y) + 0.5})
		fx, fy := q.x-0.5, q.y-0.5
		ix, iy := int(math.Floor(fx)), int(math.Floor(fy))
		ax, ay := float32(fx-float64(ix)), float32(fy-float64(iy))
		var out [4]float32
		for k, w := range [4]float32{(1 - ax) * (1 - ay), ax * (1 - ay), (1 - ax) * ay, ax * ay} {
			px, py := min(max(ix+k%2, 0), sw-1), min(max(iy+k/2, 0), sh-1)
			o := src.PixOffset(px, py)
			for c := range 4 {
				out[c] += w * float32(src.Pix[o+c]) / 255
			}
		}
		return out
	}
}

// embedded is an embedded raster image, decoded once however often it
// is drawn.
func (r *renderer) embedded(href string) (image.Image, error) {
	if img, ok := r.images[href]; ok {
		return img, nil
	}
	img, err := dataImage(href, maxPixels-r.pixels)
	if err != nil {
		return nil, err
	}
	r.pixels += img.Bounds().Dx() * img.Bounds().Dy()
	if r.images == nil {
		r.images = map[string]image.Image{}
	}
	r.images[href] = img
	return img, nil
}

// dataImage decodes an embedded raster image of at most budget pixels.
func dataImage(href string, budget int) (image.Image, error) {
	if !strings.HasPrefix(href, "data:") {
		return nil, errors.New("not embedded")
	}
	meta, data, ok := strings.Cut(href[5:], ",")
	if !ok {
		return nil, errors.New("bad data URI")
	}
	if strings.HasPrefix(meta, "image/svg") {
		return nil, &Unsupported{"an SVG image inside the SVG"}
	}
	var raw []byte
	if strings.HasSuffix(meta, ";base64") {
		var err error
		raw, err = base64.StdEncoding.DecodeString(strings.Map(func(r rune) rune {
			if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
				return -1
			}
			return r
		}, data))
		if err != nil {
			return nil, err
		}
	} else {
		s, err := url.PathUnescape(data)
		if err != nil {
			return nil, err
		}
		raw = []byte(s)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	if cfg.Width*cfg.Height > budget {
		return nil, ErrTooComplex
	}
	img, _, err := image.Decode(bytes.NewReader(raw))
	return img, err
}

// gradient is a linear or radial gradient over the shape p.
func (r *renderer) gradient(g *node, p *path, m mat, opacity float64, vp viewport) (source, bool) {
	attr, stopNodes := r.gradientDef(g)
	ss := r.stops(g, stopNodes, opacity)
	switch len(ss) {
	case 0:
		return source{}, false
	case 1:
		return source{c: ss[0].c}, true
	}
	last := source{c: ss[len(ss)-1].c}
	// Gradient space: the shape's box for objectBoundingBox units, then
	// the gradient's own transform.
	gm, refW, refH := m, vp.w, vp.h
	if attr["gradientUnits"] != "userSpaceOnUse" {
		b := p.bbox()
		if !b.area() {
			return source{}, false
		}
		gm = gm.mul(b.unit())
		refW, refH = 1, 1
	}
	if t, ok := attr["gradientTransform"]; ok {
		gm = gm.mul(parseTransform(t))
	}
	inv, ok := gm.inv()
	if !ok {
		return last, true
	}
	num := func(k string, ref float64, def string) float64 {
		l, ok := parseLength(attr[k])
		if !ok {
			l, _ = parseLength(def)
		}
		return l.of(ref)
	}
	var tAt func(q pt) float64
	if g.name == "linearGradient" {
		tAt = linearT(pt{num("x1", refW, "0%"), num("y1", refH, "0%")}, pt{num("x2", refW, "100%"), num("y2", refH, "0%")})
	} else {
		c := pt{num("cx", refW, "50%"), num("cy", refH, "50%")}
		f := c // the focus: the centre unless given
		if _, ok := attr["fx"]; ok {
			f.x = num("fx", refW, "50%")
		}
		if _, ok := attr["fy"]; ok {
			f.y = num("fy", refH, "50%")
		}
		tAt = radialT(c, f, num("r", math.Hypot(refW, refH)/math.Sqrt2, "50%"))
	}
	if tAt == nil {
		return last, true
	}
	spread := attr["spreadMethod"]
	return source{at: func(x, y int) [4]float32 {
		return colorAt(ss, spreadT(tAt(inv.apply(pt{float64(x) + 0.5, float64(y) + 0.5})), spread))
	}}, true
}

// gradientDef collects a gradient's attributes and stops, which it may
// take from the gradients it refers to.
func (r *renderer) gradientDef(g *node) (map[string]string, []*node) {
	attr := map[string]string{}
	var stops []*node
	seen := map[*node]bool{}
	for cur := g; cur != nil && !seen[cur]; {
		seen[cur] = true
		for k, v := range cur.attrs {
			if _, ok := attr[k]; !ok {
				attr[k] = v
			}
		}
		if stops == nil {
			for _, k := range cur.kids {
				if k.name == "stop" {
					stops = append(stops, k)
				}
			}
		}
		href := cur.attrs["href"]
		next, ok := r.ids[strings.TrimPrefix(href, "#")]
		if !ok || !strings.HasPrefix(href, "#") || (next.name != "linearGradient" && next.name != "radialGradient") {
			break
		}
		cur = next
	}
	return attr, stops
}

type stop struct {
	t float64
	c [4]float32 // premultiplied
}

// stops are a gradient's colours by offset, offsets never going back.
func (r *renderer) stops(g *node, nodes []*node, opacity float64) []stop {
	var ss []stop
	gs := r.styleOf(g, rootStyle())
	last := 0.0
	for _, s := range nodes {
		st := r.styleOf(s, gs)
		off := 0.0
		if l, ok := parseLength(s.attrs["offset"]); ok {
			off = l.v
			if l.pct {
				off = l.v / 100
			}
		}
		off = math.Max(last, clamp(off))
		last = off
		c := st.stopColor.c
		switch {
		case st.stopColor.current:
			c = st.color
		case st.stopColor.none:
			c = rgba{}
		}
		a := c.a * st.stopOpacity * opacity
		ss = append(ss, stop{off, [4]float32{float32(c.r * a), float32(c.g * a), float32(c.b * a), float32(a)}})
	}
	return ss
}

// linearT is where a point falls between a linear gradient's ends.
func linearT(a, b pt) func(pt) float64 {
	dx, dy := b.x-a.x, b.y-a.y
	d2 := dx*dx + dy*dy
	if d2 == 0 {
		return nil
	}
	return func(q pt) float64 { return ((q.x-a.x)*dx + (q.y-a.y)*dy) / d2 }
}

// radialT is where a point falls from a radial gradient's focus f to its
// circle (centre c, radius r): t where q lies on the circle of radius t·r
// centred at f + t·(c − f). A focus outside the circle is moved onto it.
func radialT(c, f pt, r float64) func(pt) float64 {
	if r <= 0 {
		return nil
	}
	if d := math.Hypot(f.x-c.x, f.y-c.y); d > r*0.99 {
		f = pt{c.x + (f.x-c.x)*r*0.99/d, c.y + (f.y-c.y)*r*0.99/d}
	}
	dx, dy := c.x-f.x, c.y-f.y
	a := dx*dx + dy*dy - r*r // < 0: the focus is inside
	return func(q pt) float64 {
		px, py := q.x-f.x, q.y-f.y
		b := -2 * (px*dx + py*dy)
		disc := math.Max(0, b*b-4*a*(px*px+py*py))
		return (-b - math.Sqrt(disc)) / (2 * a)
	}
}

// spreadT maps t beyond 0–1 as the spread method says (pad clamps, in colorAt).
func spreadT(t float64, spread string) float64 {
	switch spread {
	case "repeat":
		return t - math.Floor(t)
	case "reflect":
		t = math.Mod(math.Abs(t), 2)
		if t > 1 {
			t = 2 - t
		}
	}
	return t
}

// colorAt is the gradient's colour at t, between the stops around it.
func colorAt(ss []stop, t float64) [4]float32 {
	if t <= ss[0].t {
		return ss[0].c
	}
	for i := 1; i < len(ss); i++ {
		if t <= ss[i].t {
			a, b := ss[i-1], ss[i]
			if b.t == a.t {
				return b.c
			}
			f := float32((t - a.t) / (b.t - a.t))
			return [4]float32{a.c[0] + (b.c[0]-a.c[0])*f, a.c[1] + (b.c[1]-a.c[1])*f, a.c[2] + (b.c[2]-a.c[2])*f, a.c[3] + (b.c[3]-a.c[3])*f}
		}
	}
	return ss[len(ss)-1].c
}
