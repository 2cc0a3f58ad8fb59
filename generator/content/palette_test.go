package content

import (
	"math"
	"strconv"
	"testing"
)

// The default layer colours: at least 20, none repeated, white text on each
// at 4.5:1 or more, and neighbouring layers (and those two apart) distinct
// for normal vision and under simulated deuteranopia, protanopia and
// tritanopia (Machado, Oliveira and Fernandes 2009, full severity).
func TestDefaultColors(t *testing.T) {
	if len(defaultColors) < 20 {
		t.Fatalf("%d default colours, want at least 20", len(defaultColors))
	}
	seen := map[string]bool{}
	for _, c := range defaultColors {
		if seen[c] {
			t.Errorf("%s is in the palette twice", c)
		}
		seen[c] = true
		if r := contrastWithWhite(rgbOf(c)); r < 4.5 {
			t.Errorf("white text on %s has a contrast of %.2f, want 4.5", c, r)
		}
	}
	sims := map[string]*[3][3]float64{"normal vision": nil, "deuteranopia": &deutan, "protanopia": &protan, "tritanopia": &tritan}
	for name, m := range sims {
		for gap := 1; gap <= 2; gap++ {
			for i := 0; i+gap < len(defaultColors); i++ {
				a, b := defaultColors[i], defaultColors[i+gap]
				if d := deltaE(simulate(rgbOf(a), m), simulate(rgbOf(b), m)); d < 10 {
					t.Errorf("layers %d and %d (%s, %s) are only %.1f apart for %s", i+1, i+1+gap, a, b, d, name)
				}
			}
		}
	}
	// Ink keeps palette colours and darkens light ones just enough.
	for _, c := range append([]string{"#2e8b57", "#c0632a", "#f0e442", "#ffffff"}, defaultColors...) {
		ink := Ink(c)
		if r := contrastWithWhite(rgbOf(ink)); r < 4.5 {
			t.Errorf("Ink(%s) = %s: contrast %.2f", c, ink, r)
		}
		if slicesContains(defaultColors, c) && ink != c {
			t.Errorf("Ink changed palette colour %s to %s", c, ink)
		}
	}
	// Past the palette, 40 more layers still get colours of their own.
	seenAll := map[string]bool{}
	for i := range 60 {
		c := (&Layer{Index: i}).ShownColor()
		if seenAll[c] {
			t.Errorf("layer %d repeats colour %s", i+1, c)
		}
		seenAll[c] = true
		if r := contrastWithWhite(rgbOf(c)); r < 4.5 {
			t.Errorf("layer %d: white on %s is %.2f", i+1, c, r)
		}
	}
	// A site's own colour wins.
	l := &Layer{Index: 3}
	if l.ShownColor() != defaultColors[3] {
		t.Errorf("layer 4 is %s", l.ShownColor())
	}
	if l.Color = "#123456"; l.ShownColor() != "#123456" {
		t.Errorf("own colour ignored: %s", l.ShownColor())
	}
}

var (
	deutan = [3][3]float64{{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}}
	protan = [3][3]float64{{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}}
	tritan = [3][3]float64{{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}}
)

// rgbOf returns a "#rrggbb" colour as linear RGB.
func rgbOf(hex string) [3]float64 {
	v, _ := strconv.ParseUint(hex[1:], 16, 32)
	lin := func(c uint64) float64 {
		x := float64(c) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return [3]float64{lin(v >> 16 & 0xff), lin(v >> 8 & 0xff), lin(v & 0xff)}
}

func luminance(c [3]float64) float64 { return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2] }

func contrastWithWhite(c [3]float64) float64 { return 1.05 / (luminance(c) + 0.05) }

func simulate(c [3]float64, m *[3][3]float64) [3]float64 {
	if m == nil {
		return c
	}
	var out [3]float64
	for i := range 3 {
		for j := range 3 {
			out[i] += m[i][j] * c[j]
		}
		out[i] = min(max(out[i], 0), 1)
	}
	return out
}

// deltaE is the CIE 1976 distance of two linear RGB colours in L*a*b*.
func deltaE(a, b [3]float64) float64 {
	la, lb := lab(a), lab(b)
	return math.Sqrt((la[0]-lb[0])*(la[0]-lb[0]) + (la[1]-lb[1])*(la[1]-lb[1]) + (la[2]-lb[2])*(la[2]-lb[2]))
}

func lab(c [3]float64) [3]float64 {
	x := (0.4124*c[0] + 0.3576*c[1] + 0.1805*c[2]) / 0.95047
	y := 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
	z := (0.0193*c[0] + 0.1192*c[1] + 0.9505*c[2]) / 1.08883
	f := func(t float64) float64 {
		if t > 0.008856 {
			return math.Cbrt(t)
		}
		return 7.787*t + 16.0/116
	}
	return [3]float64{116*f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))}
}

func slicesContains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
