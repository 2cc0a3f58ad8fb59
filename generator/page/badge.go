package page

import (
	"fmt"
	"strings"
	"unicode"
)

// BadgeMarkdown is the snippet that shows the page's project badge, linked
// to its page, in a README: absolute with a base URL, else the paths inside
// the published site. (A site's HTML takes the same two addresses; one
// snippet a page keeps 10,000 pages 4 MB lighter.)
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

func (pg *Page) badgeParts() (img, page, alt string) {
	p := pg.Project
	img, page = p.Badge, p.Path
	if base := pg.Site.BaseURL; base != "" {
		img, page = AbsURL(FirstNonEmpty(pg.Site.RootURL, base), img), AbsURL(base, page)
	}
	alt = "Listed in " + pg.Site.Title + ": " + p.Section.Name
	return img, page, alt
}
