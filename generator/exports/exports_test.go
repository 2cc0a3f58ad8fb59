package exports

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// CSV cells that a spreadsheet could run as formulas stay text, also after
// a separator it may split on; control characters go.
func TestCSVCellsStayText(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1":                 "'=1+1",
		"Hugo;=cmd|' /C calc'": "Hugo;'=cmd|' /C calc'",
		"a, +SUM(A1)":          "a, '+SUM(A1)",
		"plain-text - dash":    "plain-text - dash",
		"nul\x00here\x1b[2J":   "nulhere[2J",
		"@user":                "'@user",
		"line\n=1+1":           "line\n'=1+1",
		"=a;@b":                "'=a;'@b",
		"tab\t-1":              "tab\t'-1",
	} {
		if got := cell(in); got != want {
			t.Errorf("cell(%q) = %q, want %q", in, got, want)
		}
	}
}

// A cell given back as it is, the common case, is one the careful path
// would give back unchanged too: on strings made of the characters that
// matter, and of bytes that are not UTF-8.
func TestCSVCellFastPathAgrees(t *testing.T) {
	alphabet := []string{"a", " ", "=", "+", "-", "@", "\t", "\r", "\n", ",", ";", "|", "\x00", "\x1b", "\x7f", "é", "\xff", "\xc3", "'", `"`}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		var b strings.Builder
		for range rng.IntN(7) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		s := b.String()
		if got, want := cell(s), guardCell(s); got != want {
			t.Fatalf("cell(%q) = %q, the careful path gives %q", s, got, want)
		}
	}
}

// Everyday cells take the fast path, tabs and dashes inside them too.
func TestCSVEverydayCellsAreText(t *testing.T) {
	for _, s := range []string{"", "Akash Network", "open-source, peer-to-peer - compute", "https://example.com/a?b=c", "tab\tinside", "日本語; 中文", "a | b"} {
		if !cellIsText(s) {
			t.Errorf("cellIsText(%q) = false", s)
		}
	}
}
