package markdown

import (
	"strings"
	"testing"
)

// A line break before a link, emphasis or code span is a space in English
// and none between two Chinese characters, whatever element follows or
// holds the break (goldmark alone drops it before any such element).
func TestLineBreaksBesideInlineElements(t *testing.T) {
	cases := []struct{ src, want string }{
		{"On\n[Akash](https://akash.network) a user", "On\n<a href=\"https://akash.network\">Akash</a> a user"},
		{"in\n`server.go` and\n*this*", "in\n<code>server.go</code> and\n<em>this</em>"},
		{"[Akash](https://akash.network)\nruns", "</a>\nruns"},
		{"在\n[链接](https://a.example)上", "在<a href=\"https://a.example\">链接</a>上"},
		{"*加粗*\n继续", "<em>加粗</em>继续"},
		{"*bold*\nnext", "<em>bold</em>\nnext"},
		{"*加粗\n继续*", "<em>加粗继续</em>"},
		{"粗体\n*强调*", "粗体<em>强调</em>"},
		{"[链接](https://a.example)\n继续", "</a>继续"},
		{"中文\nEnglish", "中文\nEnglish"},
	}
	for _, c := range cases {
		r := Render(New(), "content/report/x.md", []byte(c.src+"\n"), 1, "../", func(string) (string, bool) { return "", false })
		if !strings.Contains(string(r.HTML), c.want) {
			t.Errorf("%q: got %s, want %q in it", c.src, r.HTML, c.want)
		}
	}
}

// Search passages keep the text a reader sees of every kind of link:
// the text of [text](url), and bare or bracketed addresses.
func TestPassagesKeepLinkText(t *testing.T) {
	body := []byte("## Sources\n\nSee the [CNCF Landscape](https://landscape.cncf.io), <https://example.org/a>, www.example.com and https://example.net/b, commit.\n")
	r := Render(New(), "content/report/x.md", body, 1, "../", func(string) (string, bool) { return "", false })
	if len(r.Passages) != 1 {
		t.Fatalf("passages %+v", r.Passages)
	}
	want := "See the CNCF Landscape, https://example.org/a, www.example.com and https://example.net/b, commit."
	if got := r.Passages[0].Text; got != want {
		t.Errorf("passage %q, want %q", got, want)
	}
}

// RenderTwice parses once and renders what Render and RenderAs render
// from two parses: headings (repeated ones too), links within the page
// and to other files, local and remote images, and broken links.
func TestRenderTwiceIsRenderAndRenderAs(t *testing.T) {
	body := []byte(`## Inputs

See [the next part](#inputs-1), [Acme](../projects/acme.md), [more](02-more.md#details) and [a site](https://example.org).

## Inputs

![chart](../static/chart.png) and ![remote](https://example.org/x.png); [broken](missing.md).

### Deeper

Text.
`)
	resolve := func(p string) (string, bool) {
		switch p {
		case "content/projects/acme.md":
			return "projects/acme.html", true
		case "content/report/02-more.md":
			return "report/02-more.html", true
		case "content/static/chart.png":
			return "chart.png", true
		}
		return "", false
	}
	md := New()
	want := Render(md, "content/report/01-x.md", body, 5, "../", resolve)
	wantPrint := RenderAs(md, "content/report/01-x.md", body, 5, "", resolve, "01-x-")
	got, gotPrint := RenderTwice(md, "content/report/01-x.md", body, 5, "../", resolve, "", "01-x-")
	if got.HTML != want.HTML || gotPrint != wantPrint.HTML {
		t.Errorf("page:\n%s\nwant\n%s\nwhole report:\n%s\nwant\n%s", got.HTML, want.HTML, gotPrint, wantPrint.HTML)
	}
	if len(got.TOC) != 3 || len(got.Passages) != len(want.Passages) || len(got.Problems) != len(want.Problems) || len(got.Problems) != 2 {
		t.Errorf("toc %v passages %d problems %v; want %v, %d, %v", got.TOC, len(got.Passages), got.Problems, want.TOC, len(want.Passages), want.Problems)
	}
	if !strings.Contains(string(gotPrint), `id="01-x-inputs-1"`) || !strings.Contains(string(gotPrint), `href="#01-x-inputs-1"`) {
		t.Errorf("whole-report rendering lacks the prefixed ids: %s", gotPrint)
	}
}
