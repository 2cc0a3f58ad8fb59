package words

import "testing"

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
