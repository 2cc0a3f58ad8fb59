package folder

import (
	"os"
	"path/filepath"
	"runtime"
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

// ReadFile reads a file whole by name, whatever size its stat said, and
// does not follow a link.
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{"a.md": "hello, world", "empty.md": ""} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, c := range []struct {
		name string
		size int64 // as a stat said, before the file changed
		want string
	}{
		{"a.md", 12, "hello, world"},
		{"a.md", 5, "hello, world"},  // grown since
		{"a.md", 40, "hello, world"}, // shrunk since
		{"empty.md", 0, ""},
	} {
		got, err := f.ReadFile(c.name, c.size)
		if err != nil || string(got) != c.want {
			t.Errorf("%s (size %d): %q, %v; want %q", c.name, c.size, got, err, c.want)
		}
	}
	if _, err := f.ReadFile("missing.md", 0); !os.IsNotExist(err) {
		t.Errorf("missing.md: %v", err)
	}
	if err := os.Symlink("a.md", filepath.Join(dir, "link.md")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if got, err := f.ReadFile("link.md", 12); err == nil && runtime.GOOS == "linux" {
		t.Errorf("link.md: read %q through the link", got)
	}
}
