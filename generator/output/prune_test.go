package output

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"sync"
	"testing"
)

func put(t *testing.T, dir, rel, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			rel += "/"
		}
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// Prune keeps the files keep accepts, told their sizes, and the marker;
// it removes the others, links, and the folders it empties.
func TestPruneKeepsWhatItIsTold(t *testing.T) {
	dir := t.TempDir()
	put(t, dir, Marker, "m")
	put(t, dir, "index.html", "12345")
	put(t, dir, "old.html", "x")
	put(t, dir, "projects/a.html", "a")
	put(t, dir, "projects/b.html", "bb")
	put(t, dir, "gone/deep/c.html", "c")
	if err := os.Symlink("index.html", filepath.Join(dir, "link.html")); err != nil {
		t.Fatal(err)
	}
	sizes := map[string]int64{}
	var mu sync.Mutex // keep is asked on every core
	err := Prune(dir, func(rel string, size, mtime int64) bool {
		mu.Lock()
		defer mu.Unlock()
		sizes[rel] = size
		return rel == "index.html" || rel == "projects/b.html" || rel == "link.html"
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{Marker, "index.html", "projects/", "projects/b.html"}
	if got := files(t, dir); !slices.Equal(got, want) {
		t.Errorf("left %q; want %q", got, want)
	}
	if sizes["index.html"] != 5 || sizes["projects/b.html"] != 2 {
		t.Errorf("sizes told: %v", sizes)
	}
	if _, asked := sizes["link.html"]; asked {
		t.Error("keep was asked about a link")
	}
}

// A build given a spare fills it; one that fails leaves the output as it
// was and the spare removed, never half-filled for the next.
func TestStageFromSpare(t *testing.T) {
	parent := t.TempDir()
	dir, spare := filepath.Join(parent, "public"), filepath.Join(parent, "spare")
	put(t, dir, Marker, "m")
	put(t, dir, "index.html", "live")
	put(t, spare, Marker, "m")
	put(t, spare, "kept.html", "kept")
	failed := errors.New("failed")
	err := StageWith(dir, Staging{
		Spare: func() string { return spare },
		Fill: func(tmp string, fromSpare bool) error {
			if !fromSpare {
				t.Error("the spare was not used")
			}
			put(t, tmp, "index.html", "new")
			return failed
		},
	})
	if err != failed {
		t.Fatalf("err %v", err)
	}
	if got := files(t, dir); !slices.Equal(got, []string{Marker, "index.html"}) {
		t.Errorf("a failed build changed the output: %q", got)
	}
	if _, err := os.Stat(spare); err == nil {
		t.Error("a failed build left the spare it half-filled")
	}

	put(t, spare, Marker, "m")
	put(t, spare, "kept.html", "kept")
	keep := filepath.Join(parent, "next-spare")
	err = StageWith(dir, Staging{
		Spare: func() string { return spare },
		Fill:  func(tmp string, _ bool) error { put(t, tmp, "index.html", "new"); return nil },
		Keep:  func() string { return keep },
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := files(t, dir); !slices.Equal(got, []string{Marker, "index.html", "kept.html"}) {
		t.Errorf("output %q", got)
	}
	if data, _ := os.ReadFile(filepath.Join(keep, "index.html")); string(data) != "live" {
		t.Errorf("the replaced folder was not kept: index.html is %q", data)
	}
}
