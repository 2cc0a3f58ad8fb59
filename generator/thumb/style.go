package thumb

import (
	"math"
	"strconv"
	"strings"

	"golang.org/x/image/colornames"
)

// rgba is a colour with straight alpha, each channel 0–1.
type rgba struct{ r, g, b, a float64 }

var black = rgba{0, 0, 0, 1}

// paint is what fills or strokes a shape.
type paint struct {
	none     bool
	current  bool   // currentColor
	ref      string // a gradient's id, from url(#id)
	c        rgba
	fallback *paint // url(#id) red: what to use when id is not a paint server
}

// style is an element's computed style, as far as a logo needs it.
type style struct {
	fill, stroke      paint
	fillOpacity       float64
	strokeOpacity     float64
	fillEvenOdd       bool
	clipEvenOdd       bool
	strokeWidth       length
	lineCap, lineJoin string
	miterLimit        float64
	dash              []length
	dashOffset        length
	color             rgba
	visible           bool
	// not inherited
	opacity        float64
	display        bool
	clipPath, mask string
	filter         string
	stopColor      paint
	stopOpacity    float64
	transform      string // a CSS transform, kept to refuse
}

func rootStyle() *style {
	return &style{
		fill: paint{c: black}, stroke: paint{none: true},
		fillOpacity: 1, strokeOpacity: 1, strokeWidth: length{v: 1},
		lineCap: "butt", lineJoin: "miter", miterLimit: 4,
		color: black, visible: true, opacity: 1, display: true,
		stopColor: paint{c: black}, stopOpacity: 1,
	}
}

// child is the style an element starts from: its parent's inherited
// properties, and the initial values of the rest.
func (s *style) child() *style {
	c := *s
	c.opacity, c.display = 1, true
	c.clipPath, c.mask, c.filter, c.transform = "", "", "", ""
	c.stopColor, c.stopOpacity = paint{c: black}, 1
	return &c
}

// presentation are the properties an attribute may set as well as CSS.
var presentation = map[string]bool{
	"fill": true, "stroke": true, "fill-opacity": true, "stroke-opacity": true, "fill-rule": true,
	"clip-rule": true, "stroke-width": true, "stroke-linecap": true, "stroke-linejoin": true,
	"stroke-miterlimit": true, "stroke-dasharray": true, "stroke-dashoffset": true, "color": true,
	"visibility": true, "opacity": true, "display": true, "clip-path": true, "mask": true,
	"filter": true, "stop-color": true, "stop-opacity": true,
}

// set applies one declaration; parent gives inherit its meaning.
func (s *style) set(name, v string, parent *style) {
	v = strings.TrimSpace(v)
	if v == "inherit" && parent != nil {
		s.inherit(name, parent)
		return
	}
	if s.setPaint(name, v) || s.setStroke(name, v) {
		return
	}
	switch name {
	case "fill-opacity":
		s.fillOpacity = parseOpacity(v, s.fillOpacity)
	case "stroke-opacity":
		s.strokeOpacity = parseOpacity(v, s.strokeOpacity)
	case "opacity":
		s.opacity = parseOpacity(v, s.opacity)
	case "stop-opacity":
		s.stopOpacity = parseOpacity(v, s.stopOpacity)
	case "fill-rule":
		s.fillEvenOdd = v == "evenodd"
	case "clip-rule":
		s.clipEvenOdd = v == "evenodd"
	case "visibility":
		s.visible = v != "hidden" && v != "collapse"
	case "display":
		s.display = v != "none"
	case "clip-path":
		s.clipPath = refID(v)
	case "mask":
		s.mask = refID(v)
	case "filter":
		if v != "none" {
			s.filter = v
		}
	case "transform":
		if v != "none" {
			s.transform = v
		}
	}
}

// inherit takes one property from the parent.
func (s *style) inherit(name string, parent *style) {
	switch name {
	case "fill":
		s.fill = parent.fill
	case "stroke":
		s.stroke = parent.stroke
	case "opacity":
		s.opacity = parent.opacity
	case "stop-color":
		s.stopColor = parent.stopColor
	case "color":
		s.color = parent.color
	}
}

// setPaint sets fill, stroke, stop-color or color, telling whether name
// was one of them.
func (s *style) setPaint(name, v string) bool {
	var dst *paint
	switch name {
	case "fill":
		dst = &s.fill
	case "stroke":
		dst = &s.stroke
	case "stop-color":
		dst = &s.stopColor
	case "color":
		if p, ok := parsePaint(v); ok && !p.current && p.ref == "" && !p.none {
			s.color = p.c
		}
		return true
	default:
		return false
	}
	if p, ok := parsePaint(v); ok {
		*dst = p
	}
	return true
}

// setStroke sets the shape of strokes, telling whether name was one.
func (s *style) setStroke(name, v string) bool {
	switch name {
	case "stroke-width":
		if l, ok := parseLength(v); ok && l.v >= 0 {
			s.strokeWidth = l
		}
	case "stroke-linecap":
		s.lineCap = v
	case "stroke-linejoin":
		s.lineJoin = v
	case "stroke-miterlimit":
		if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 1 {
			s.miterLimit = f
		}
	case "stroke-dasharray":
		s.dash = nil
		if v == "none" {
			break
		}
		for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' }) {
			if l, ok := parseLength(f); ok && l.v >= 0 {
				s.dash = append(s.dash, l)
			}
		}
	case "stroke-dashoffset":
		if l, ok := parseLength(v); ok {
			s.dashOffset = l
		}
	default:
		return false
	}
	return true
}

// refID is the id in url(#id), or "".
func refID(v string) string {
	v = strings.TrimSpace(v)
	if !strings.HasPrefix(v, "url(") {
		return ""
	}
	end := strings.IndexByte(v, ')')
	if end < 0 {
		return ""
	}
	in := strings.Trim(strings.TrimSpace(v[4:end]), `"'`)
	if !strings.HasPrefix(in, "#") {
		return ""
	}
	return in[1:]
}

func parsePaint(v string) (paint, bool) {
	switch v {
	case "none", "transparent":
		return paint{none: true}, true
	case "currentColor", "currentcolor":
		return paint{current: true}, true
	case "":
		return paint{}, false
	}
	if strings.HasPrefix(v, "url(") {
		id := refID(v)
		p := paint{ref: id}
		if rest := strings.TrimSpace(v[strings.IndexByte(v, ')')+1:]); rest != "" {
			if fb, ok := parsePaint(rest); ok {
				p.fallback = &fb
			}
		}
		if id == "" {
			return paint{none: true}, true
		}
		return p, true
	}
	c, ok := parseColor(v)
	if !ok {
		return paint{}, false
	}
	return paint{c: c}, true
}

func parseColor(v string) (rgba, bool) {
	v = strings.ToLower(strings.TrimSpace(v))
	if strings.HasPrefix(v, "#") {
		h := v[1:]
		n, err := strconv.ParseUint(h, 16, 64)
		if err != nil {
			return rgba{}, false
		}
		f := func(x uint64, max float64) float64 { return float64(x) / max }
		switch len(h) {
		case 3:
			return rgba{f(n>>8&0xf, 15), f(n>>4&0xf, 15), f(n&0xf, 15), 1}, true
		case 4:
			return rgba{f(n>>12&0xf, 15), f(n>>8&0xf, 15), f(n>>4&0xf, 15), f(n&0xf, 15)}, true
		case 6:
			return rgba{f(n>>16&0xff, 255), f(n>>8&0xff, 255), f(n&0xff, 255), 1}, true
		case 8:
			return rgba{f(n>>24&0xff, 255), f(n>>16&0xff, 255), f(n>>8&0xff, 255), f(n&0xff, 255)}, true
		}
		return rgba{}, false
	}
	if open := strings.IndexByte(v, '('); open > 0 && strings.HasSuffix(v, ")") {
		fn := v[:open]
		args := strings.FieldsFunc(v[open+1:len(v)-1], func(r rune) bool { return r == ',' || r == ' ' || r == '/' })
		if len(args) < 3 {
			return rgba{}, false
		}
		num := func(s string, scale float64) float64 {
			if strings.HasSuffix(s, "%") {
				f, _ := strconv.ParseFloat(s[:len(s)-1], 64)
				return f / 100
			}
			f, _ := strconv.ParseFloat(strings.TrimSuffix(s, "deg"), 64)
			return f / scale
		}
		c := rgba{a: 1}
		if len(args) > 3 {
			c.a = clamp(num(args[3], 1))
		}
		switch fn {
		case "rgb", "rgba":
			c.r, c.g, c.b = clamp(num(args[0], 255)), clamp(num(args[1], 255)), clamp(num(args[2], 255))
			return c, true
		case "hsl", "hsla":
			h := math.Mod(num(args[0], 1), 360) / 360
			if h < 0 {
				h++
			}
			c.r, c.g, c.b = hsl(h, clamp(num(args[1], 100)), clamp(num(args[2], 100)))
			return c, true
		}
		return rgba{}, false
	}
	if c, ok := colornames.Map[v]; ok {
		return rgba{float64(c.R) / 255, float64(c.G) / 255, float64(c.B) / 255, 1}, true
	}
	return rgba{}, false
}

func hsl(h, s, l float64) (r, g, b float64) {
	q := l + s - l*s
	if l < 0.5 {
		q = l * (1 + s)
	}
	p := 2*l - q
	f := func(t float64) float64 {
		if t < 0 {
			t++
		}
		if t > 1 {
			t--
		}
		switch {
		case t < 1.0/6:
			return p + (q-p)*6*t
		case t < 0.5:
			return q
		case t < 2.0/3:
			return p + (q-p)*(2.0/3-t)*6
		}
		return p
	}
	return f(h + 1.0/3), f(h), f(h - 1.0/3)
}

func clamp(f float64) float64 { return math.Max(0, math.Min(1, f)) }

func parseOpacity(v string, def float64) float64 {
	if strings.HasSuffix(v, "%") {
		if f, err := strconv.ParseFloat(v[:len(v)-1], 64); err == nil {
			return clamp(f / 100)
		}
		return def
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil {
		return clamp(f)
	}
	return def
}

// length is a number in user units, or a percentage of the viewport.
type length struct {
	v   float64
	pct bool
}

// parseLength reads a length; absolute units become user units (px).
func parseLength(v string) (length, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return length{}, false
	}
	if strings.HasSuffix(v, "%") {
		f, err := strconv.ParseFloat(v[:len(v)-1], 64)
		return length{v: f, pct: true}, err == nil
	}
	unit := 1.0
	for _, u := range []struct {
		s string
		f float64
	}{{"px", 1}, {"pt", 4.0 / 3}, {"pc", 16}, {"mm", 96 / 25.4}, {"cm", 96 / 2.54}, {"in", 96}, {"em", 16}, {"ex", 8}} {
		if strings.HasSuffix(v, u.s) {
			v, unit = v[:len(v)-len(u.s)], u.f
			break
		}
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return length{}, false
	}
	return length{v: f * unit}, true
}

// of resolves a length against a reference size (for percentages).
func (l length) of(ref float64) float64 {
	if l.pct {
		return l.v / 100 * ref
	}
	return l.v
}
