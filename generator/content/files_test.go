package content

import (
	"io/fs"
	"testing"
	"testing/fstest"
)

// A missing folder holds nothing; an existing one is walked whole.
func TestWalkExisting(t *testing.T) {
	fsys := fstest.MapFS{"content/static/a.png": {}, "content/static/x/b.png": {}}
	var got []string
	for _, root := range []string{"content/static", "content/missing"} {
		err := WalkExisting(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				got = append(got, p)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("%s: %v", root, err)
		}
	}
	if len(got) != 2 || got[0] != "content/static/a.png" || got[1] != "content/static/x/b.png" {
		t.Errorf("walked %q", got)
	}
}
