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
	return StartSurvey(dir).Prune(dir, keep)
}

// Survey is what a spare folder holds, its files' sizes and times: taken
// while the build does other work, before the folder moves into staging.
type Survey struct {
	done  chan struct{}
	t     *tree
	stats []fileStat
	err   error
}

type fileStat struct {
	size, mtime int64
	ok          bool // a regular file, looked at
}

// StartSurvey starts looking at every file in the folder dir on every
// core, and returns at once.
func StartSurvey(dir string) *Survey {
	s := &Survey{done: make(chan struct{})}
	go func() {
		defer close(s.done)
		t, err := listTree(dir)
		if err != nil {
			s.err = err
			return
		}
		defer t.close()
		s.t, s.stats = t, make([]fileStat, len(t.files))
		parallel.ForN(len(t.files), 2*runtime.GOMAXPROCS(0), func(i int) {
			f := t.files[i]
			size, mtime, regular, err := t.folders[f.folder].Stat(f.name)
			s.stats[i] = fileStat{size: size, mtime: mtime, ok: err == nil && regular}
		})
	}()
	return s
}

// Prune is the package's Prune, on the folder surveyed, now at dir: a
// spare moved into staging keeps its files, which the survey saw. If the
// survey failed, dir is surveyed again.
func (s *Survey) Prune(dir string, keep func(rel string, size, mtime int64) bool) error {
	<-s.done
	if s.err != nil {
		again := StartSurvey(dir)
		<-again.done
		if again.err != nil {
			return again.err
		}
		s = again
	}
	t := s.t
	drop := make([]bool, len(t.files))
	parallel.ForN(len(t.files), 2*runtime.GOMAXPROCS(0), func(i int) {
		f, st := t.files[i], s.stats[i]
		rel := path.Join(t.rels[f.folder], f.name)
		drop[i] = !st.ok || (rel != Marker && !keep(rel, st.size, st.mtime))
	})
	var errs []error
	for i, f := range t.files {
		if drop[i] {
			if err := os.RemoveAll(filepath.Join(dir, filepath.FromSlash(t.rels[f.folder]), f.name)); err != nil {
				errs = append(errs, err)
			}
		}
	}
	// The deepest folders first: a folder emptied is removed before its
	// parent is tried; one that is not empty stays, and the error saying
	// so is no error here (nor would an empty folder left be one).
	order := make([]int, len(t.rels)-1)
	for i := range order {
		order[i] = i + 1
	}
	sort.Slice(order, func(a, b int) bool {
		return strings.Count(t.rels[order[a]], "/") > strings.Count(t.rels[order[b]], "/")
	})
	for _, i := range order {
		_ = os.Remove(filepath.Join(dir, filepath.FromSlash(t.rels[i])))
	}
	return errors.Join(errs...)
}

// tree is a folder's listing: its folders, the first being itself, and
// the names of everything else in them.
type tree struct {
	rels    []string // the folders' paths under the top, slash-separated; "" for it
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
		i := len(t.rels)
		t.rels, t.folders = append(t.rels, rel), append(t.folders, f)
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
