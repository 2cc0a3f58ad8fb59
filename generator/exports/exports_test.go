package exports

import "testing"

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
