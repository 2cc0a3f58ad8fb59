package poster

import (
	"fmt"
	"math"
	"unicode"
)

// Badge is the "Listed in" badge of a section, which every project of
// that section shows in its README: the report's title on grey, then the
// section on its layer's colour, with the whole sentence as the image's
// accessible name. One file per section, not per project: the badge says
// nothing else. The same section gives the same bytes; every text is
// escaped, and text widths are fixed (textLength) so no font makes a word
// overflow its part.
// (named section, ink its layer's colour for white text) in a report titled
// title.
func Badge(title, section, ink string) []byte {
	left, right := "Listed in "+title, section
	lw, rw := textWidth(left)+12, textWidth(right)+12
	w := lw + rw
	label := left + ": " + right
	return fmt.Appendf(nil, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="20" viewBox="0 0 %d 20" role="img" aria-label="%s">
<title>%s</title>
<rect width="%d" height="20" rx="3" fill="#4a4f55"/>
<rect x="%d" width="%d" height="20" rx="3" fill="%s"/>
<rect x="%d" width="4" height="20" fill="%s"/>
<g fill="#fff" font-family="Verdana,DejaVu Sans,Geneva,sans-serif" font-size="11" text-rendering="geometricPrecision">
<text x="6" y="14" textLength="%d" lengthAdjust="spacingAndGlyphs">%s</text>
<text x="%d" y="14" textLength="%d" lengthAdjust="spacingAndGlyphs">%s</text>
</g>
</svg>
`, w, w, esc(label), esc(label), w, lw, rw, ink, lw, ink,
		lw-12, esc(left), lw+6, rw-12, esc(right))
}

// textWidth estimates a text's width in pixels at 11 px Verdana, the
// badge font: widths by kind of letter, wide for CJK and the like.
func textWidth(s string) int {
	w := 0.0
	for _, r := range s {
		switch {
		case r == ' ':
			w += 3.9
		case r < 128 && (r == 'i' || r == 'l' || r == 'j' || r == '.' || r == ',' || r == ':' || r == ';' || r == '!' || r == '\'' || r == '|' || r == 'I' || r == 'f' || r == 't' || r == 'r'):
			w += 4.2
		case r == 'm' || r == 'w' || r == 'M' || r == 'W':
			w += 10.5
		case unicode.IsUpper(r) || unicode.IsDigit(r):
			w += 7.6
		case r < 128:
			w += 6.8
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
			w += 11
		default:
			w += 7.2
		}
	}
	return int(math.Ceil(w))
}
