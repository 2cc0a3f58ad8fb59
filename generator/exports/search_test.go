package exports

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// terms are a text's search terms as assets/search.js finds them: folded
// (lower case, no accents), split at every character that is not a-z or
// 0-9, and Chinese, Japanese and Korean runs as pairs of characters.
func terms(s string) []string {
	s = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, norm.NFKD.String(strings.ToLower(s)))
	var out []string
	cjk := regexp.MustCompile(`[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]+`)
	s = cjk.ReplaceAllStringFunc(s, func(run string) string {
		r := []rune(run)
		if len(r) == 1 {
			out = append(out, run)
		}
		for i := 0; i+1 < len(r); i++ {
			out = append(out, string(r[i:i+2]))
		}
		return " "
	})
	for _, w := range regexp.MustCompile(`[^a-z0-9]+`).Split(s, -1) {
		if w != "" {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// The index keeps of a text its beginning, as a result shows it, and the
// words search finds in the rest, once each: the same terms in fewer bytes.
func TestSearchTextKeepsEveryTerm(t *testing.T) {
	long := strings.Repeat("The Data layer (data-availability) holds DATA, and data's proofs. ", 12)
	for _, text := range []string{
		"",
		"Short text: kept as it is.",
		long,
		long + "Café Ænix; IO.NET, naïve «quoted» — 分布式计算 and 分布式 again; x+y=z; C++ / C#; v1.2.3 [link](https://x.example/a?b=c)",
		strings.Repeat("零知识证明", 60),
		strings.Repeat("İstanbul ΣΊΣΥΦΟΣ straße ﬁne ① ", 20),
	} {
		got := SearchText(text, true)
		if !slices.Equal(terms(got), terms(text)) {
			t.Errorf("terms differ:\n text %q\n kept %q\n %q\n %q", text, got, terms(text), terms(got))
		}
		head := []rune(text)[:min(len([]rune(text)), snippetRunes)]
		if !strings.HasPrefix(got, string(head)) {
			t.Errorf("the snippet is gone: %q", got)
		}
		if len(got) > len(text) {
			t.Errorf("%d bytes kept of %d", len(got), len(text))
		}
	}
	if got, text := SearchText(long, true), long; len(got) > len(text)/3 {
		t.Errorf("a repetitive text keeps %d of its %d bytes", len(got), len(text))
	}
	// A project's text needs no snippet, nor the words its name and
	// summary already hold: with them, its terms are the text's.
	name, summary := "Acme Data", "Rents GPUs (for data)."
	text := "Acme rents GPUs by the hour. Data stays private; GPUs are shared."
	got := SearchText(text, false, name, summary)
	if got != "by the hour stays private are shared" {
		t.Errorf("kept %q", got)
	}
	if !slices.Equal(terms(strings.Join([]string{name, summary, got}, " ")), terms(strings.Join([]string{name, summary, text}, " "))) {
		t.Errorf("terms lost: %q", got)
	}
}
