package folder

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Stat tells a file's size and time by name, and does not follow a link.
func TestStat(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.html")
	if err := os.WriteFile(file, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	when := time.Date(2026, 3, 4, 5, 6, 7, 800, time.UTC)
	if err := os.Chtimes(file, when, when); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("a.html", filepath.Join(dir, "link.html")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	f, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	size, mtime, regular, err := f.Stat("a.html")
	if err != nil || size != 5 || !regular || mtime != when.UnixNano() {
		t.Errorf("a.html: %d bytes, time %d, regular %v, %v; want 5, %d, true", size, mtime, regular, err, when.UnixNano())
	}
	if _, _, regular, err := f.Stat("link.html"); err != nil || regular {
		t.Errorf("link.html: regular %v, %v; want a link, not its target", regular, err)
	}
	if _, _, _, err := f.Stat("missing.html"); !os.IsNotExist(err) {
		t.Errorf("missing.html: %v", err)
	}
}
