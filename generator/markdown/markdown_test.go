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
