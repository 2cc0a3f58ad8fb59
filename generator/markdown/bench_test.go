package markdown

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// BenchmarkMarkdownShapes parses shapes of text that could take goldmark
// longer than their size suggests, each at 1 MB and 4 MB (content files are
// at most 4 MB): a shape that TooCostly refuses reports 0 ns; the others
// must grow about linearly (figures in bench/README.md).
func BenchmarkMarkdownShapes(b *testing.B) {
	md := New()
	for _, name := range slices.Sorted(maps.Keys(costlyShapes)) {
		for _, n := range []int{1 << 20, 4 << 20} {
			src := []byte(costlyShapes[name](n))
			b.Run(fmt.Sprintf("%s/%dMB", strings.ReplaceAll(name, " ", "_"), n>>20), func(b *testing.B) {
				if _, msg := TooCostly(src); msg != "" {
					b.Skip("refused: " + msg)
				}
				for b.Loop() {
					var out bytes.Buffer
					md.Convert(src, &out)
				}
			})
		}
	}
}

// costlyShapes make text of about n bytes in one shape each.
var costlyShapes = map[string]func(n int) string{
	"backtick runs": func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			b.WriteString(strings.Repeat("`", i%50+1) + "a")
		}
		return b.String()
	},
	"a`":        func(n int) string { return strings.Repeat("a`", n/2) },
	"<a":        func(n int) string { return strings.Repeat("<a ", n/3) },
	"<http":     func(n int) string { return strings.Repeat("<http://a ", n/10) },
	"www.":      func(n int) string { return strings.Repeat("www.a.", n/6) },
	"http://a.": func(n int) string { return strings.Repeat("http://a.b ", n/11) },
	"email":     func(n int) string { return strings.Repeat("a@b.", n/4) },
	"quotes":    func(n int) string { return strings.Repeat("'\"a", n/3) },
	"entities":  func(n int) string { return strings.Repeat("&#a", n/3) },
	"backslash": func(n int) string { return strings.Repeat("\\", n) },
	"table cols": func(n int) string {
		c := n / 8
		return strings.Repeat("|a", c) + "|\n" + strings.Repeat("|-", c) + "|\n" + strings.Repeat("|b", c) + "|\n"
	},
	"table rows": func(n int) string { return "|a|b|\n|-|-|\n" + strings.Repeat("|c|d|\n", n/6) },
	"refdefs": func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, "[r%d]: /u%d\n", i, i)
		}
		return b.String()
	},
	"refuses": func(n int) string {
		var b strings.Builder
		b.WriteString("[r]: /u\n\n")
		for b.Len() < n {
			b.WriteString("[r] ")
		}
		return b.String()
	},
	"html comment":   func(n int) string { return strings.Repeat("<!-- a\n", n/7) },
	"html inline":    func(n int) string { return strings.Repeat("a <b x='", n/8) },
	"cdata":          func(n int) string { return strings.Repeat("a <![CDATA[", n/11) },
	"fn refs":        func(n int) string { return strings.Repeat("[^a] ", n/5) },
	"cjk":            func(n int) string { return strings.Repeat("中文\n", n/7) },
	"lines=":         func(n int) string { return strings.Repeat("a\n=\n", n/4) },
	"fences":         func(n int) string { return strings.Repeat("```\n", n/4) },
	"bang":           func(n int) string { return strings.Repeat("!", n) },
	"close brackets": func(n int) string { return strings.Repeat("]", n) },
	"link title":     func(n int) string { return "[a](/u \"" + strings.Repeat("a", n) },
	"lt":             func(n int) string { return strings.Repeat("<", n) },
	"list nest": func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			b.WriteString(strings.Repeat(" ", (i%90)*2) + "- a\n")
		}
		return b.String()
	},
	"dashes":              func(n int) string { return strings.Repeat("--", n/2) },
	"tilde runs":          func(n int) string { return strings.Repeat("~a", n/2) },
	"link in link":        func(n int) string { return strings.Repeat("[a](b)", n/6) },
	"img alt nest":        func(n int) string { return strings.Repeat("![", n/4) + strings.Repeat("](x)", n/4) },
	"autolink www nested": func(n int) string { return strings.Repeat("www.a(", n/6) },
	"angle dest":          func(n int) string { return strings.Repeat("[a](<", n/5) },
}
