package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/panorama-ssg/panorama/generator/output"
	"github.com/panorama-ssg/panorama/generator/page"
	"github.com/panorama-ssg/panorama/internal/parallel"
)

// bigPage is the size above which a worker lets its page buffer go: the
// few pages that list everything are megabytes, the others kilobytes.
const bigPage = 1 << 20

// WriteSite renders s straight into dir, page by page on every core, so
// the whole site is never held in memory, and also packs it into s's zip
// unless zipped is false. It writes a fresh sibling folder and swaps it in
// only when all went well, so dir is either the previous site or the new
// one, never a mix or a half; it removes nothing but dir's previous
// contents. It returns how many pages and other files it wrote.
func WriteSite(dir string, s *Site, zipped bool) (pages, files int, err error) {
	return s.write(dir, zipped, nil)
}

// write is WriteSite reusing, with a warm cache, the files of the last
// build whose inputs did not change, and saving the cache after.
func (s *Site) write(dir string, zipped bool, w *warm) (pages, files int, err error) {
	paths := s.Paths()
	zipped = zipped && s.View.Zip != ""
	nzips := 0
	st := w.staging(s)
	st.Fill = func(tmp string, spare bool) error {
		if spare {
			if err := w.prune(tmp); err != nil {
				return err
			}
		}
		var zips []*output.Zip
		var views []*page.SiteView
		if w != nil {
			// Deferred first, so run last: the zips below are done with
			// the last build's entries before they are let go.
			defer w.end()
		}
		if zipped {
			var err error
			if zips, views, err = s.openZips(tmp, len(paths)); err != nil {
				return err
			}
			for _, z := range zips {
				defer z.Abort()
			}
			nzips = len(zips)
		}
		if w != nil {
			w.begin(views)
		}
		if err := output.JoinErrors(s.writeFiles(tmp, paths, zips, views, w), dir); err != nil {
			return err
		}
		for _, z := range zips {
			if err := z.Finish(); err != nil {
				return err
			}
		}
		return nil
	}
	err = output.StageWith(dir, st)
	if err != nil {
		return 0, 0, err
	}
	for _, p := range paths {
		if s.IsPage(p) {
			pages++
		} else {
			files++
		}
	}
	return pages, files + nzips, nil
}

// openZips starts a zip per language that has one: its pages and the
// files all languages share.
func (s *Site) openZips(tmp string, n int) ([]*output.Zip, []*page.SiteView, error) {
	var zips []*output.Zip
	var views []*page.SiteView
	for _, v := range s.views() {
		if v.Zip == "" {
			continue
		}
		file := filepath.Join(tmp, filepath.FromSlash(v.Prefix+v.Zip))
		err := os.MkdirAll(filepath.Dir(file), 0o755)
		var z *output.Zip
		if err == nil {
			z, err = output.NewZip(file, v.Zip, v.Date, n)
		}
		if err != nil {
			for _, z := range zips {
				z.Abort()
			}
			return nil, nil, err
		}
		zips, views = append(zips, z), append(views, v)
	}
	return zips, views, nil
}

// writeOrder is the order the paths are written in: first the files to
// make other than a project's or a chapter's page (the search index, the
// data files, the pages that list every project), which take the longest,
// then those pages, then the files a warm build takes from the last. A
// long file begun last keeps a core busy after the other is done.
func (s *Site) writeOrder(paths []string, w *warm) []int {
	var heavy, light, kept []int
	for i, p := range paths {
		j, isPage := s.byPath[p]
		switch {
		case w.known(p):
			kept = append(kept, i)
		case isPage && (s.jobs[j].page.Kind == page.KindProject || s.jobs[j].page.Kind == page.KindChapter):
			light = append(light, i)
		default:
			heavy = append(heavy, i)
		}
	}
	return append(append(heavy, light...), kept...)
}

// writeFiles renders and writes every path into tmp, and hands each to the
// zips of the languages whose offline copy holds it; the errors are by
// path.
func (s *Site) writeFiles(tmp string, paths []string, zips []*output.Zip, views []*page.SiteView, w *warm) []error {
	var made sync.Map
	errs := make([]error, len(paths))
	// Writing files waits on the disk, so more workers than cores keep
	// the cores busy. Each renders into a buffer of its own, which saves
	// growing (and clearing) a fresh one for every page.
	order := s.writeOrder(paths, w)
	// A zip holds its entries in the order a cold build makes them (not
	// the paths' order, which had the zip hold every list page made
	// first until the ten thousand project pages before them were done:
	// up to a quarter of the zip in memory), and a warm build's zip is
	// the same as a cold one's.
	entry := make([]int, len(paths))
	for j, i := range s.writeOrder(paths, nil) {
		entry[i] = j
	}
	parallel.ForWorkers(len(paths), 4*runtime.GOMAXPROCS(0), func() func(int) {
		var buf bytes.Buffer
		return func(j int) {
			i := order[j]
			var data []byte
			var err error
			prev, reused := w.reuseFile(tmp, paths[i], &made)
			if !reused {
				buf.Reset()
				data, _, err = s.file(paths[i], &buf, true)
				if err == nil {
					err = w.writeFile(tmp, paths[i], data, &made)
				}
			}
			var offline [][]byte
			for k, z := range zips {
				if !page.InOfflineCopy(paths[i], views[k].Prefix) || s.onlineOnly[paths[i]] || !s.inLanguage(paths[i], views[k]) {
					z.Skip(entry[i])
					continue
				}
				if reused && w.copyZipped(k, z, entry[i], paths[i]) {
					continue
				}
				if data == nil && reused {
					data, err = os.ReadFile(prev)
				}
				if offline == nil {
					offline = [][]byte{data}
					if s.IsPage(paths[i]) {
						offline = output.OfflineParts(data)
					}
				}
				z.Add(entry[i], paths[i], offline, err) // keeps a compressed copy
			}
			errs[i] = err
			if buf.Cap() > bigPage {
				buf = bytes.Buffer{} // not kept for the small pages that follow
			}
		}
	})
	return errs
}
