package generator

import (
	"fmt"
	"html"
	"math"
	"strings"
	"unicode"
)

// badgeSVG is the "Listed in" badge of a section, which every project of
// that section shows in its README: the report's title on grey, then the
// section on its layer's colour, with the whole sentence as the image's
// accessible name. One file per section, not per project: the badge says
// nothing else. The same section gives the same bytes; every text is
// escaped, and text widths are fixed (textLength) so no font makes a word
// overflow its part.
func badgeSVG(site *SiteView, sec *SectionView) []byte {
	left, right := "Listed in "+site.Title, sec.Name
	lw, rw := badgeTextWidth(left)+12, badgeTextWidth(right)+12
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
`, w, w, esc(label), esc(label), w, lw, rw, sec.Layer.Ink, lw, sec.Layer.Ink,
		lw-12, esc(left), lw+6, rw-12, esc(right))
}

// badgeTextWidth estimates a text's width in pixels at 11 px Verdana, the
// badge font: widths by kind of letter, wide for CJK and the like.
func badgeTextWidth(s string) int {
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

// BadgeMarkdown and BadgeHTML are the snippets that show the page's
// project badge, linked to its page, in a README or a site: absolute with
// a base URL, else the paths inside the published site.
func (pg *Page) BadgeMarkdown() string {
	img, page, alt := pg.badgeParts()
	return fmt.Sprintf("[![%s](%s)](%s)", markdownText(alt), markdownURL(img), markdownURL(page))
}

// markdownText escapes every ASCII punctuation character with a backslash,
// as CommonMark allows: a name ending in \ or holding ](, * or < stays
// text inside a link's brackets.
func markdownText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 && unicode.IsPunct(r) || r < 0x80 && unicode.IsSymbol(r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// markdownURL percent-encodes what would end or break a link destination
// in Markdown: spaces, brackets, parentheses, quotes, backslashes, controls.
func markdownURL(u string) string {
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c <= ' ' || c == 0x7f || strings.IndexByte("()<>[]\\\"'`", c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func (pg *Page) BadgeHTML() string {
	img, page, alt := pg.badgeParts()
	return fmt.Sprintf(`<a href="%s"><img src="%s" alt="%s" height="20"></a>`, html.EscapeString(page), html.EscapeString(img), html.EscapeString(alt))
}

func (pg *Page) badgeParts() (img, page, alt string) {
	p := pg.Project
	img, page = p.Badge, p.Path
	if base := pg.Site.BaseURL; base != "" {
		img, page = absURL(firstNonEmpty(pg.Site.RootURL, base), img), absURL(base, page)
	}
	alt = "Listed in " + pg.Site.Title + ": " + p.Section.Name
	return img, page, alt
}
