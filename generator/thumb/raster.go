package thumb

import (
	"cmp"
	"image"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/srwiley/rasterx"
	"golang.org/x/image/math/fixed"
)

// mat is an affine transform, as SVG writes it: matrix(a b c d e f).
type mat struct{ a, b, c, d, e, f float64 }

var identity = mat{a: 1, d: 1}

// mul is m after n: n's transform first, then m's.
func (m mat) mul(n mat) mat {
	return mat{
		a: m.a*n.a + m.c*n.b, b: m.b*n.a + m.d*n.b,
		c: m.a*n.c + m.c*n.d, d: m.b*n.c + m.d*n.d,
		e: m.a*n.e + m.c*n.f + m.e, f: m.b*n.e + m.d*n.f + m.f,
	}
}

func (m mat) apply(p pt) pt { return pt{m.a*p.x + m.c*p.y + m.e, m.b*p.x + m.d*p.y + m.f} }

func (m mat) inv() (mat, bool) {
	det := m.a*m.d - m.b*m.c
	if det == 0 || math.IsNaN(det) || math.IsInf(det, 0) {
		return mat{}, false
	}
	return mat{
		a: m.d / det, b: -m.b / det, c: -m.c / det, d: m.a / det,
		e: (m.c*m.f - m.d*m.e) / det, f: (m.b*m.e - m.a*m.f) / det,
	}, true
}

// scale is how much the transform enlarges lengths, on average.
func (m mat) scale() float64 { return math.Sqrt(math.Abs(m.a*m.d - m.b*m.c)) }

func translate(x, y float64) mat { return mat{a: 1, d: 1, e: x, f: y} }
func scaling(x, y float64) mat   { return mat{a: x, d: y} }

// parseTransform reads a transform attribute's list of functions.
func parseTransform(s string) mat {
	m := identity
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimLeft(s, " ,\t\n\r") {
		open := strings.IndexByte(s, '(')
		end := strings.IndexByte(s, ')')
		if open < 0 || end < open {
			break
		}
		name := strings.TrimSpace(s[:open])
		sc := &pathScanner{s: s[open+1 : end]}
		var v []float64
		for {
			f, ok := sc.number()
			if !ok {
				break
			}
			v = append(v, f)
		}
		s = s[end+1:]
		arg := func(i int, def float64) float64 {
			if i < len(v) {
				return v[i]
			}
			return def
		}
		var t mat
		switch name {
		case "matrix":
			if len(v) != 6 {
				continue
			}
			t = mat{v[0], v[1], v[2], v[3], v[4], v[5]}
		case "translate":
			t = translate(arg(0, 0), arg(1, 0))
		case "scale":
			x := arg(0, 1)
			t = scaling(x, arg(1, x))
		case "rotate":
			r := arg(0, 0) * math.Pi / 180
			cx, cy := arg(1, 0), arg(2, 0)
			cos, sin := math.Cos(r), math.Sin(r)
			t = translate(cx, cy).mul(mat{a: cos, b: sin, c: -sin, d: cos}).mul(translate(-cx, -cy))
		case "skewX":
			t = mat{a: 1, d: 1, c: math.Tan(arg(0, 0) * math.Pi / 180)}
		case "skewY":
			t = mat{a: 1, d: 1, b: math.Tan(arg(0, 0) * math.Pi / 180)}
		default:
			continue
		}
		m = m.mul(t)
	}
	return m
}

// box is a bounding box; an empty one has its minimum above its maximum.
type box struct{ x0, y0, x1, y1 float64 }

func emptyBox() box { return box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)} }

func (b *box) add(p pt) {
	b.x0, b.y0 = math.Min(b.x0, p.x), math.Min(b.y0, p.y)
	b.x1, b.y1 = math.Max(b.x1, p.x), math.Max(b.y1, p.y)
}

// addRect adds the corners of a rectangle under transform m.
func (b *box) addRect(m mat, x0, y0, x1, y1 float64) {
	for _, q := range []pt{{x0, y0}, {x1, y0}, {x0, y1}, {x1, y1}} {
		b.add(m.apply(q))
	}
}

func (b box) empty() bool { return b.x0 > b.x1 }

// area tells whether the box is wider and taller than nothing.
func (b box) area() bool { return b.x1 > b.x0 && b.y1 > b.y0 }

// unit maps the unit square onto the box: objectBoundingBox units.
func (b box) unit() mat { return translate(b.x0, b.y0).mul(scaling(b.x1-b.x0, b.y1-b.y0)) }

// edges is a shape's outline in device pixels, as line segments.
type edges struct {
	segs       []seg
	box        box // of the points added
	cur, start pt
}

type seg struct {
	x0, y0, x1, y1 float64
	dir            float32
}

func newEdges() *edges {
	return &edges{box: emptyBox()}
}

func (e *edges) moveTo(p pt) {
	e.closeUp()
	e.cur, e.start = p, p
}

func (e *edges) closeUp() {
	if e.cur != e.start {
		e.lineTo(e.start)
	}
}

func (e *edges) lineTo(p pt) {
	a := e.cur
	e.cur = p
	if math.IsNaN(p.x) || math.IsNaN(p.y) || math.IsInf(p.x, 0) || math.IsInf(p.y, 0) {
		return
	}
	e.box.add(a)
	e.box.add(p)
	if a.y == p.y {
		return
	}
	if a.y < p.y {
		e.segs = append(e.segs, seg{a.x, a.y, p.x, p.y, 1})
	} else {
		e.segs = append(e.segs, seg{p.x, p.y, a.x, a.y, -1})
	}
}

func (e *edges) cubeTo(b, c, d pt) {
	a := e.cur
	dd := math.Hypot(a.x-2*b.x+c.x, a.y-2*b.y+c.y) + math.Hypot(b.x-2*c.x+d.x, b.y-2*c.y+d.y)
	n := int(math.Ceil(math.Sqrt(dd * 0.75 / 0.1)))
	n = max(1, min(n, 64))
	for i := 1; i <= n; i++ {
		t := float64(i) / float64(n)
		u := 1 - t
		e.lineTo(pt{
			u*u*u*a.x + 3*u*u*t*b.x + 3*u*t*t*c.x + t*t*t*d.x,
			u*u*u*a.y + 3*u*u*t*b.y + 3*u*t*t*c.y + t*t*t*d.y,
		})
	}
}

// addPath adds a user-space path under the transform m.
func (e *edges) addPath(p *path, m mat) {
	for _, o := range p.ops {
		switch o.kind {
		case 'M':
			e.moveTo(m.apply(o.pts[0]))
		case 'L':
			e.lineTo(m.apply(o.pts[0]))
		case 'C':
			e.cubeTo(m.apply(o.pts[0]), m.apply(o.pts[1]), m.apply(o.pts[2]))
		case 'Z':
			e.closeUp()
			e.cur = e.start
		}
	}
	e.closeUp()
}

// The rasterizer: each pixel row is sampled on sub rows; on each, the
// spans inside the shape (by its fill rule) cover their pixels exactly
// across and 1/sub down.
const sub = 5

// mask is coverage (0–1) over a rectangle of the image.
type mask struct {
	x0, y0, w, h int
	a            []float32
}

// cover rasterizes the edges within a w×h image.
func (e *edges) cover(w, h int, evenOdd bool) *mask {
	e.closeUp()
	if len(e.segs) == 0 {
		return nil
	}
	x0 := max(0, int(math.Floor(e.box.x0)))
	y0 := max(0, int(math.Floor(e.box.y0)))
	x1 := min(w, int(math.Ceil(e.box.x1))+1)
	y1 := min(h, int(math.Ceil(e.box.y1))+1)
	if x0 >= x1 || y0 >= y1 {
		return nil
	}
	m := &mask{x0: x0, y0: y0, w: x1 - x0, h: y1 - y0}
	m.a = make([]float32, m.w*m.h)
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	xs, start := e.crossings(x0, y0, m.h*sub, sc)
	run := grow(&sc.run, m.w+1) // whole pixels covered, as differences along the row
	clear(run)
	for y := range m.h {
		acc := m.a[y*m.w : (y+1)*m.w]
		for r := y * sub; r < (y+1)*sub; r++ {
			row := xs[start[r]:start[r+1]]
			if len(row) < 2 {
				continue
			}
			slices.SortFunc(row, func(a, b crossing) int { return cmp.Compare(a.x, b.x) })
			spans(row, acc, run, evenOdd)
		}
		var sum float32
		for x := range acc {
			sum += run[x]
			run[x] = 0
			acc[x] = min(acc[x]+sum, 1)
		}
		run[m.w] = 0
	}
	return m
}

// scratch is what rasterizing a shape needs for a while, kept for the
// next shape: a logo has hundreds, and clearing fresh memory for each
// was a tenth of the time.
type scratch struct {
	xs          []crossing
	start, fill []int32
	run         []float32
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// grow returns (*s)[:n], growing *s when it is shorter.
func grow[T any](s *[]T, n int) []T {
	if cap(*s) < n {
		*s = make([]T, n)
	}
	return (*s)[:n]
}

// crossing is where an edge crosses a sub row, x from the mask's left.
type crossing struct {
	x   float64
	dir float32
}

// crossings lists every edge's crossings of the sub rows below y0, by sub
// row: those of row r are xs[start[r]:start[r+1]]. Both are sc's.
func (e *edges) crossings(x0, y0, rows int, sc *scratch) (xs []crossing, start []int32) {
	rowsOf := func(s seg) (int, int) {
		r0 := int(math.Ceil((s.y0-float64(y0))*sub - 0.5))
		r1 := int(math.Ceil((s.y1-float64(y0))*sub - 0.5))
		return max(r0, 0), min(r1, rows)
	}
	start = grow(&sc.start, rows+1)
	clear(start)
	for _, s := range e.segs {
		r0, r1 := rowsOf(s)
		for r := r0; r < r1; r++ {
			start[r+1]++
		}
	}
	for r := range rows {
		start[r+1] += start[r]
	}
	xs = grow(&sc.xs, int(start[rows]))
	fill := grow(&sc.fill, rows)
	copy(fill, start[:rows])
	for _, s := range e.segs {
		r0, r1 := rowsOf(s)
		k := (s.x1 - s.x0) / (s.y1 - s.y0)
		for r := r0; r < r1; r++ {
			y := float64(y0) + (float64(r)+0.5)/sub
			xs[fill[r]] = crossing{s.x0 + (y-s.y0)*k - float64(x0), s.dir}
			fill[r]++
		}
	}
	return xs, start
}

// spans adds a sub row's inside spans, by the fill rule, to a pixel
// row: exactly across, 1/sub down. The pixels a span covers whole go into
// run as a difference (+ where they start, − where they end), which the
// caller sums along the row once for all its sub rows.
func spans(row []crossing, acc, run []float32, evenOdd bool) {
	const part = 1.0 / sub
	wf := float64(len(acc))
	var wind float32
	for i := 0; i < len(row)-1; i++ {
		wind += row[i].dir
		inside := wind != 0
		if evenOdd {
			inside = int(wind)%2 != 0
		}
		a, b := row[i].x, row[i+1].x
		if a < 0 {
			a = 0
		}
		if b > wf {
			b = wf
		}
		if !inside || b <= a {
			continue
		}
		pa, pb := int(a), int(b)
		if pa == pb {
			acc[pa] += float32((b - a) * part)
			continue
		}
		acc[pa] += float32((float64(pa+1) - a) * part)
		run[pa+1] += part
		run[pb] -= part
		if pb < len(acc) {
			acc[pb] += float32((b - float64(pb)) * part)
		}
	}
}

// strokeEdges outlines a path's stroke in device space with rasterx's
// stroker, which joins, caps and dashes as SVG says.
func strokeEdges(p *path, m mat, st *style, vw, vh float64) *edges {
	e := newEdges()
	diag := math.Hypot(vw, vh) / math.Sqrt2
	s := m.scale()
	width := st.strokeWidth.of(diag) * s
	if width <= 0 {
		return e
	}
	dasher := rasterx.NewDasher(1<<20, 1<<20, &edgeScanner{e: e})
	capF, join, gap := strokeShape(st)
	dasher.SetStroke(fixed.Int26_6(width*64), fixed.Int26_6(st.miterLimit*64), capF, capF, gap, join, dashes(st, diag, s), st.dashOffset.of(diag)*s)
	fp := func(q pt) fixed.Point26_6 {
		q = m.apply(q)
		return fixed.Point26_6{X: fixed.Int26_6(q.x * 64), Y: fixed.Int26_6(q.y * 64)}
	}
	open := false
	for _, o := range p.ops {
		switch o.kind {
		case 'M':
			if open {
				dasher.Stop(false)
			}
			dasher.Start(fp(o.pts[0]))
			open = true
		case 'L':
			dasher.Line(fp(o.pts[0]))
		case 'C':
			dasher.CubeBezier(fp(o.pts[0]), fp(o.pts[1]), fp(o.pts[2]))
		case 'Z':
			if open {
				dasher.Stop(true)
				open = false
			}
		}
	}
	if open {
		dasher.Stop(false)
	}
	e.start = e.cur
	return e
}

// dashes is the dash pattern in device pixels, nil for a solid line:
// diag is what percentages are of, scale the pixels of a user unit.
func dashes(st *style, diag, scale float64) []float64 {
	var out []float64
	total := 0.0
	for _, d := range st.dash {
		v := d.of(diag) * scale
		out = append(out, v)
		total += v
	}
	if len(out)%2 == 1 {
		out = append(out, out...)
	}
	if total <= 0 {
		return nil
	}
	return out
}

// strokeShape is rasterx's cap, join and gap for the style.
func strokeShape(st *style) (rasterx.CapFunc, rasterx.JoinMode, rasterx.GapFunc) {
	capF := rasterx.ButtCap
	switch st.lineCap {
	case "round":
		capF = rasterx.RoundCap
	case "square":
		capF = rasterx.SquareCap
	}
	join, gap := rasterx.Miter, rasterx.FlatGap
	switch st.lineJoin {
	case "round":
		join, gap = rasterx.Round, rasterx.RoundGap
	case "bevel":
		join = rasterx.Bevel
	case "miter-clip":
		join = rasterx.MiterClip
	case "arcs":
		join = rasterx.Arc
	}
	return capF, join, gap
}

// edgeScanner takes rasterx's outline of a stroke as edges.
type edgeScanner struct {
	e *edges
}

// Start moves the pen: rasterx's outline is a set of lines that close
// up as a whole, not one closed contour per start.
func (s *edgeScanner) Start(a fixed.Point26_6) {
	p := pt{float64(a.X) / 64, float64(a.Y) / 64}
	s.e.cur, s.e.start = p, p
}
func (s *edgeScanner) Line(b fixed.Point26_6) {
	s.e.lineTo(pt{float64(b.X) / 64, float64(b.Y) / 64})
}
func (s *edgeScanner) Draw()                              {}
func (s *edgeScanner) GetPathExtent() fixed.Rectangle26_6 { return fixed.Rectangle26_6{} }
func (s *edgeScanner) SetBounds(int, int)                 {}
func (s *edgeScanner) SetColor(any)                       {}
func (s *edgeScanner) SetWinding(bool)                    {}
func (s *edgeScanner) Clear()                             {}
func (s *edgeScanner) SetClip(image.Rectangle)            {}
