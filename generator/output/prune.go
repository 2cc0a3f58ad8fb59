package output

import (
	"errors"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/panorama-ssg/panorama/internal/folder"
	"github.com/panorama-ssg/panorama/internal/parallel"
)

// Prune readies a spare folder, an earlier build's output, to be filled
// again: it removes every file keep refuses, anything that is neither a
// regular file nor a folder, and the folders left empty. keep is asked,
// on every core, each regular file's path under dir (slash-separated),
// size and modification time in nanoseconds; the folder's Marker stays.
// What it keeps, the build need not write again.
func Prune(dir string, keep func(rel string, size, mtime int64) bool) error {
	t, err := listTree(dir)
	if err != nil {
		return err
	}
	defer t.close()
	drop := make([]bool, len(t.files))
	parallel.ForN(len(t.files), 2*runtime.GOMAXPROCS(0), func(i int) {
		f := t.files[i]
		size, mtime, regular, err := t.folders[f.folder].Stat(f.name)
		rel := path.Join(t.rels[f.folder], f.name)
		drop[i] = err != nil || !regular || (rel != Marker && !keep(rel, size, mtime))
	})
	var errs []error
	for i, f := range t.files {
		if drop[i] {
			if err := os.RemoveAll(filepath.Join(t.paths[f.folder], f.name)); err != nil {
				errs = append(errs, err)
			}
		}
	}
	// The deepest folders first: a folder emptied is removed before its
	// parent is tried; one that is not empty stays, and the error saying
	// so is no error here (nor would an empty folder left be one).
	order := make([]int, len(t.paths)-1)
	for i := range order {
		order[i] = i + 1
	}
	sort.Slice(order, func(a, b int) bool {
		return strings.Count(t.rels[order[a]], "/") > strings.Count(t.rels[order[b]], "/")
	})
	for _, i := range order {
		_ = os.Remove(t.paths[i])
	}
	return errors.Join(errs...)
}

// tree is a folder's listing: its folders, the first being itself, and
// the names of everything else in them.
type tree struct {
	paths   []string // the folders
	rels    []string // their paths under the top, slash-separated; "" for it
	folders []*folder.Folder
	files   []treeFile
}

type treeFile struct {
	folder int
	name   string
}

func listTree(dir string) (*tree, error) {
	t := &tree{}
	var walk func(p, rel string) error
	walk = func(p, rel string) error {
		entries, err := os.ReadDir(p)
		if err != nil {
			return err
		}
		f, err := folder.Open(p)
		if err != nil {
			return err
		}
		i := len(t.paths)
		t.paths, t.rels, t.folders = append(t.paths, p), append(t.rels, rel), append(t.folders, f)
		for _, e := range entries {
			if e.IsDir() {
				if err := walk(filepath.Join(p, e.Name()), path.Join(rel, e.Name())); err != nil {
					return err
				}
				continue
			}
			t.files = append(t.files, treeFile{folder: i, name: e.Name()})
		}
		return nil
	}
	if err := walk(dir, ""); err != nil {
		t.close()
		return nil, err
	}
	return t, nil
}

func (t *tree) close() {
	for _, f := range t.folders {
		f.Close()
	}
}
