package output

import (
	"os"
	"path/filepath"
	"testing"
)

// A build replaces the output folder whole: afterwards it holds the new
// files only, the previous folder is gone, and no staging folder is left.
func TestStageReplacesTheFolderWhole(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	write := func(name string) func(string) error {
		return func(tmp string) error { return os.WriteFile(filepath.Join(tmp, name), []byte(name), 0o644) }
	}
	if err := Stage(dir, write("first.html")); err != nil {
		t.Fatal(err)
	}
	if err := Stage(dir, write("second.html")); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 2 || names[0] != Marker || names[1] != "second.html" {
		t.Errorf("the output folder holds %v, want the marker and second.html", names)
	}
	siblings, _ := os.ReadDir(parent)
	for _, s := range siblings {
		if s.Name() != "public" && s.Name() != ".public.lock" {
			t.Errorf("%s is left beside the output folder", s.Name())
		}
	}
}

// exchange swaps two folders' contents in one step where the system can.
func TestExchangeSwapsFolders(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, d := range []string{a, b} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "name"), []byte(filepath.Base(d)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ok, err := exchange(a, b)
	if !ok {
		t.Skip("this system cannot exchange two folders in one step; swap renames twice")
	}
	if err != nil {
		t.Fatal(err)
	}
	inA, _ := os.ReadFile(filepath.Join(a, "name"))
	inB, _ := os.ReadFile(filepath.Join(b, "name"))
	if string(inA) != "b" || string(inB) != "a" {
		t.Errorf("after the exchange a holds %q and b %q", inA, inB)
	}
}
