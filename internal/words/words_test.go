package words

import (
	"strings"
	"testing"
)

func TestCount(t *testing.T) {
	for got, want := range map[string]string{
		Count(0, "entry", "entries"): "0 entries",
		Count(1, "entry", "entries"): "1 entry",
		Plural(1, "warning"):         "1 warning",
		Plural(3, "warning"):         "3 warnings",
		Projects(2500):               "2500 projects",
	} {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

func TestNumber(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -45000: "-45,000"} {
		if got := Number(n); got != want {
			t.Errorf("Number(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestLowerASCII(t *testing.T) {
	for in, want := range map[string]string{"": "", "plain": "plain", "MixedCase 42": "mixedcase 42", "İSTANBUL Café": "İstanbul café", "ÆON": "Æon"} {
		if got := LowerASCII(in); got != want || len(got) != len(in) {
			t.Errorf("LowerASCII(%q) = %q, want %q of the same length", in, got, want)
		}
	}
}

func TestCollapse(t *testing.T) {
	for _, texts := range [][]string{
		nil,
		{""},
		{"  "},
		{"one"},
		{" one  two\tthree\n"},
		{"a\u00a0b\u2003c", "", " d "},
		{"héllo ", " wörld", "日本 語"},
	} {
		want := strings.Join(strings.Fields(strings.Join(texts, " ")), " ")
		if got := Collapse(texts...); got != want {
			t.Errorf("Collapse(%q) = %q, want %q", texts, got, want)
		}
		if got := CollapseBytes([]byte(strings.Join(texts, " "))); got != want {
			t.Errorf("CollapseBytes(%q) = %q, want %q", strings.Join(texts, " "), got, want)
		}
	}
}
