package thumb

import (
	"math"
	"strconv"
)

// A path in user space: moves, lines, cubic curves and closes. Quadratic
// curves and arcs become cubics as they are read.
type path struct {
	ops []op
}

type op struct {
	kind byte // 'M', 'L', 'C', 'Z'
	pts  [3]pt
}

type pt struct{ x, y float64 }

const maxOps = 400000

func (p *path) moveTo(a pt)       { p.ops = append(p.ops, op{kind: 'M', pts: [3]pt{a}}) }
func (p *path) lineTo(a pt)       { p.ops = append(p.ops, op{kind: 'L', pts: [3]pt{a}}) }
func (p *path) cubeTo(a, b, c pt) { p.ops = append(p.ops, op{kind: 'C', pts: [3]pt{a, b, c}}) }
func (p *path) close()            { p.ops = append(p.ops, op{kind: 'Z'}) }
func (p *path) quadTo(cur, a, b pt) {
	p.cubeTo(pt{cur.x + 2.0/3*(a.x-cur.x), cur.y + 2.0/3*(a.y-cur.y)}, pt{b.x + 2.0/3*(a.x-b.x), b.y + 2.0/3*(a.y-b.y)}, b)
}

// pathScanner reads the numbers and flags of SVG path data, which may be
// written with no separators at all ("M1.5.5-2l.1.1", arc flags "a1 1 0 013 4").
type pathScanner struct {
	s string
	i int
}

func (sc *pathScanner) skip() {
	for sc.i < len(sc.s) {
		switch sc.s[sc.i] {
		case ' ', '\t', '\n', '\r', '\f', ',':
			sc.i++
		default:
			return
		}
	}
}

func (sc *pathScanner) number() (float64, bool) {
	sc.skip()
	start := sc.i
	j := sc.i
	if j < len(sc.s) && (sc.s[j] == '+' || sc.s[j] == '-') {
		j++
	}
	digits, dot := 0, false
	for j < len(sc.s) {
		c := sc.s[j]
		if c >= '0' && c <= '9' {
			digits++
			j++
		} else if c == '.' && !dot {
			dot = true
			j++
		} else {
			break
		}
	}
	if digits == 0 {
		return 0, false
	}
	if j < len(sc.s) && (sc.s[j] == 'e' || sc.s[j] == 'E') {
		k := j + 1
		if k < len(sc.s) && (sc.s[k] == '+' || sc.s[k] == '-') {
			k++
		}
		if k < len(sc.s) && sc.s[k] >= '0' && sc.s[k] <= '9' {
			for k < len(sc.s) && sc.s[k] >= '0' && sc.s[k] <= '9' {
				k++
			}
			j = k
		}
	}
	v, err := strconv.ParseFloat(sc.s[start:j], 64)
	if err != nil {
		return 0, false
	}
	sc.i = j
	return v, true
}

func (sc *pathScanner) flag() (bool, bool) {
	sc.skip()
	if sc.i < len(sc.s) && (sc.s[sc.i] == '0' || sc.s[sc.i] == '1') {
		sc.i++
		return sc.s[sc.i-1] == '1', true
	}
	return false, false
}

// parsePath reads SVG path data. Like a browser, it draws what came before
// an error and stops there.
func parsePath(d string) *path {
	pp := &pathParser{p: &path{}, sc: &pathScanner{s: d}}
	for len(pp.p.ops) <= maxOps {
		pp.sc.skip()
		if pp.sc.i >= len(pp.sc.s) {
			break
		}
		c := pp.sc.s[pp.sc.i]
		switch {
		case (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'):
			pp.cmd = c
			pp.sc.i++
		case pp.cmd == 0 || pp.cmd == 'Z' || pp.cmd == 'z':
			return pp.p // numbers with no command to take them
		case pp.cmd == 'M': // numbers after a move are lines
			pp.cmd = 'L'
		case pp.cmd == 'm':
			pp.cmd = 'l'
		}
		if !pp.step() {
			break
		}
	}
	return pp.p
}

// pathParser reads one command after another.
type pathParser struct {
	p                *path
	sc               *pathScanner
	cur, start, ctrl pt
	cmd, last        byte
}

// abs is a point of the command: relative ones from the current point.
func (pp *pathParser) abs(x, y float64) pt {
	if pp.cmd >= 'a' {
		return pt{pp.cur.x + x, pp.cur.y + y}
	}
	return pt{x, y}
}

// points reads n points of the command.
func (pp *pathParser) points(n int) ([3]pt, bool) {
	var out [3]pt
	for k := range n {
		x, ok1 := pp.sc.number()
		y, ok2 := pp.sc.number()
		if !ok1 || !ok2 {
			return out, false
		}
		out[k] = pp.abs(x, y)
	}
	return out, true
}

// reflected is the control point a smooth curve starts with.
func (pp *pathParser) reflected(after ...byte) pt {
	for _, c := range after {
		if pp.last == c {
			return pt{2*pp.cur.x - pp.ctrl.x, 2*pp.cur.y - pp.ctrl.y}
		}
	}
	return pp.cur
}

// step reads one command's numbers and adds what it draws.
func (pp *pathParser) step() bool {
	upper := pp.cmd &^ 0x20
	ok := true
	switch upper {
	case 'Z':
		pp.p.close()
		pp.cur = pp.start
	case 'M', 'L':
		var v [3]pt
		if v, ok = pp.points(1); ok {
			if upper == 'M' {
				pp.p.moveTo(v[0])
				pp.start = v[0]
			} else {
				pp.p.lineTo(v[0])
			}
			pp.cur = v[0]
		}
	case 'H', 'V':
		ok = pp.axisLine(upper)
	case 'C', 'S', 'Q', 'T':
		ok = pp.curve(upper)
	case 'A':
		ok = pp.arc()
	default:
		return false
	}
	pp.last = upper
	return ok
}

func (pp *pathParser) axisLine(upper byte) bool {
	f, ok := pp.sc.number()
	if !ok {
		return false
	}
	a := pp.cur
	rel := pp.cmd >= 'a'
	switch {
	case upper == 'H' && rel:
		a.x += f
	case upper == 'H':
		a.x = f
	case rel:
		a.y += f
	default:
		a.y = f
	}
	pp.p.lineTo(a)
	pp.cur = a
	return true
}

func (pp *pathParser) curve(upper byte) bool {
	n := map[byte]int{'C': 3, 'S': 2, 'Q': 2, 'T': 1}[upper]
	v, ok := pp.points(n)
	if !ok {
		return false
	}
	switch upper {
	case 'C':
		pp.p.cubeTo(v[0], v[1], v[2])
		pp.ctrl, pp.cur = v[1], v[2]
	case 'S':
		pp.p.cubeTo(pp.reflected('C', 'S'), v[0], v[1])
		pp.ctrl, pp.cur = v[0], v[1]
	case 'Q':
		pp.p.quadTo(pp.cur, v[0], v[1])
		pp.ctrl, pp.cur = v[0], v[1]
	case 'T':
		q := pp.reflected('Q', 'T')
		pp.p.quadTo(pp.cur, q, v[0])
		pp.ctrl, pp.cur = q, v[0]
	}
	return true
}

func (pp *pathParser) arc() bool {
	sc := pp.sc
	rx, ok1 := sc.number()
	ry, ok2 := sc.number()
	rot, ok3 := sc.number()
	large, ok4 := sc.flag()
	sweep, ok5 := sc.flag()
	x, ok6 := sc.number()
	y, ok7 := sc.number()
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7) {
		return false
	}
	e := pp.abs(x, y)
	pp.p.arcTo(pp.cur, rx, ry, rot, large, sweep, e)
	pp.cur = e
	return true
}

// arcTo adds an elliptical arc as cubic curves (SVG 1.1, F.6.5 and F.6.6).
func (p *path) arcTo(a pt, rx, ry, rotDeg float64, large, sweep bool, b pt) {
	if a == b {
		return
	}
	rx, ry = math.Abs(rx), math.Abs(ry)
	if rx == 0 || ry == 0 {
		p.lineTo(b)
		return
	}
	e := arcCenter(a, b, rx, ry, rotDeg*math.Pi/180, large, sweep)
	n := int(math.Ceil(math.Abs(e.dt) / (math.Pi / 2)))
	step := e.dt / float64(n)
	k := 4.0 / 3 * math.Tan(step/4)
	t := e.t1
	p0, d0 := e.point(t)
	for i := range n {
		t2 := t + step
		p3, d3 := e.point(t2)
		if i == n-1 {
			p3 = b
		}
		p.cubeTo(pt{p0.x + k*d0.x, p0.y + k*d0.y}, pt{p3.x - k*d3.x, p3.y - k*d3.y}, p3)
		p0, d0, t = p3, d3, t2
	}
}

// ellipseArc is an arc in centre form: the ellipse, where it starts and
// how far it turns.
type ellipseArc struct {
	cx, cy, rx, ry, cos, sin float64
	t1, dt                   float64
}

// point is the arc's point at angle t, and its tangent.
func (e ellipseArc) point(t float64) (pt, pt) {
	ct, st := math.Cos(t), math.Sin(t)
	x, y := e.rx*ct, e.ry*st
	tx, ty := -e.rx*st, e.ry*ct
	return pt{e.cos*x - e.sin*y + e.cx, e.sin*x + e.cos*y + e.cy}, pt{e.cos*tx - e.sin*ty, e.sin*tx + e.cos*ty}
}

// arcCenter converts an arc from endpoints to centre form, radii too
// small for the endpoints scaled up as SVG says.
func arcCenter(a, b pt, rx, ry, phi float64, large, sweep bool) ellipseArc {
	cos, sin := math.Cos(phi), math.Sin(phi)
	dx, dy := (a.x-b.x)/2, (a.y-b.y)/2
	x1 := cos*dx + sin*dy
	y1 := -sin*dx + cos*dy
	if l := x1*x1/(rx*rx) + y1*y1/(ry*ry); l > 1 {
		s := math.Sqrt(l)
		rx, ry = rx*s, ry*s
	}
	num := rx*rx*ry*ry - rx*rx*y1*y1 - ry*ry*x1*x1
	den := rx*rx*y1*y1 + ry*ry*x1*x1
	f := 0.0
	if den != 0 && num > 0 {
		f = math.Sqrt(num / den)
	}
	if large == sweep {
		f = -f
	}
	cx1, cy1 := f*rx*y1/ry, -f*ry*x1/rx
	angle := func(ux, uy, vx, vy float64) float64 {
		return math.Atan2(ux*vy-uy*vx, ux*vx+uy*vy)
	}
	e := ellipseArc{cx: cos*cx1 - sin*cy1 + (a.x+b.x)/2, cy: sin*cx1 + cos*cy1 + (a.y+b.y)/2, rx: rx, ry: ry, cos: cos, sin: sin}
	e.t1 = angle(1, 0, (x1-cx1)/rx, (y1-cy1)/ry)
	e.dt = angle((x1-cx1)/rx, (y1-cy1)/ry, (-x1-cx1)/rx, (-y1-cy1)/ry)
	if !sweep && e.dt > 0 {
		e.dt -= 2 * math.Pi
	} else if sweep && e.dt < 0 {
		e.dt += 2 * math.Pi
	}
	return e
}

// shapes as paths

func rectPath(x, y, w, h, rx, ry float64) *path {
	p := &path{}
	if w <= 0 || h <= 0 {
		return p
	}
	if rx < 0 {
		rx = 0
	}
	if ry < 0 {
		ry = 0
	}
	rx, ry = math.Min(rx, w/2), math.Min(ry, h/2)
	if rx == 0 || ry == 0 {
		p.moveTo(pt{x, y})
		p.lineTo(pt{x + w, y})
		p.lineTo(pt{x + w, y + h})
		p.lineTo(pt{x, y + h})
		p.close()
		return p
	}
	p.moveTo(pt{x + rx, y})
	p.lineTo(pt{x + w - rx, y})
	p.arcTo(pt{x + w - rx, y}, rx, ry, 0, false, true, pt{x + w, y + ry})
	p.lineTo(pt{x + w, y + h - ry})
	p.arcTo(pt{x + w, y + h - ry}, rx, ry, 0, false, true, pt{x + w - rx, y + h})
	p.lineTo(pt{x + rx, y + h})
	p.arcTo(pt{x + rx, y + h}, rx, ry, 0, false, true, pt{x, y + h - ry})
	p.lineTo(pt{x, y + ry})
	p.arcTo(pt{x, y + ry}, rx, ry, 0, false, true, pt{x + rx, y})
	p.close()
	return p
}

func ellipsePath(cx, cy, rx, ry float64) *path {
	p := &path{}
	if rx <= 0 || ry <= 0 {
		return p
	}
	p.moveTo(pt{cx + rx, cy})
	p.arcTo(pt{cx + rx, cy}, rx, ry, 0, false, true, pt{cx, cy + ry})
	p.arcTo(pt{cx, cy + ry}, rx, ry, 0, false, true, pt{cx - rx, cy})
	p.arcTo(pt{cx - rx, cy}, rx, ry, 0, false, true, pt{cx, cy - ry})
	p.arcTo(pt{cx, cy - ry}, rx, ry, 0, false, true, pt{cx + rx, cy})
	p.close()
	return p
}

func polyPath(points string, closed bool) *path {
	p := &path{}
	sc := &pathScanner{s: points}
	first := true
	for {
		x, ok1 := sc.number()
		y, ok2 := sc.number()
		if !ok1 || !ok2 {
			break
		}
		if first {
			p.moveTo(pt{x, y})
			first = false
		} else {
			p.lineTo(pt{x, y})
		}
	}
	if closed && !first {
		p.close()
	}
	return p
}
