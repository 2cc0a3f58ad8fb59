package generator

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/panorama-ssg/panorama/internal/parallel"
)

// Marker is the file every output folder gets. WriteSite only replaces a
// non-empty folder that has it, so a mistyped --out never wipes a folder
// Panorama did not write.
const Marker = ".panorama-output"

// stage runs fill on a fresh sibling folder of dir, then swaps it into
// place; on any error dir is left as it was.
func stage(dir string, fill func(tmp string) error) error {
	dir = filepath.Clean(dir)
	if err := checkReplaceable(dir); err != nil {
		return err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	// One build at a time writes dir: two at once would swap each
	// other's folders away.
	unlock, err := lockOutput(parent, filepath.Base(dir))
	if err != nil {
		return err
	}
	defer unlock()
	// A build that was killed leaves its staging folder behind: remove
	// those, which carry the marker from their first moment, and nothing
	// else.
	removeLeftovers(parent, filepath.Base(dir))
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".new-")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	marker := "This folder is written by panorama build and replaced whole on every build.\n"
	if err := os.WriteFile(filepath.Join(tmp, Marker), []byte(marker), 0o644); err != nil {
		return err
	}
	if err := fill(tmp); err != nil {
		return err
	}

	var old string
	if _, err := os.Lstat(dir); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			_ = os.Rename(old, dir)
		}
		return err
	}
	ok = true
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// removeLeftovers removes the staging folders of builds of dir that were
// interrupted: siblings named .<base>.new-* (or their .old) that hold the
// marker.
func removeLeftovers(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), "."+base+".new-") {
			continue
		}
		p := filepath.Join(parent, e.Name())
		if info, err := os.Lstat(filepath.Join(p, Marker)); err == nil && info.Mode().IsRegular() {
			os.RemoveAll(p)
		}
	}
}

// writeFile writes one output under tmp; made remembers folders already
// created, to save system calls.
func writeFile(tmp, rel string, data []byte, made *sync.Map) error {
	p := filepath.Join(tmp, filepath.FromSlash(rel))
	if !strings.HasPrefix(p, tmp+string(filepath.Separator)) {
		return fmt.Errorf("output path %q leaves the output folder", rel)
	}
	d := filepath.Dir(p)
	if _, done := made.Load(d); !done {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
		made.Store(d, true)
	}
	return os.WriteFile(p, data, 0o644)
}

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
	paths := s.Paths()
	zipped = zipped && s.View.Zip != ""
	nzips := 0
	err = stage(dir, func(tmp string) error {
		var zips []*zipStream
		var views []*SiteView
		if zipped {
			var err error
			if zips, views, err = s.openZips(tmp, len(paths)); err != nil {
				return err
			}
			for _, z := range zips {
				defer z.abort()
			}
			nzips = len(zips)
		}
		if err := writeErrors(s.writeFiles(tmp, paths, zips, views), dir); err != nil {
			return err
		}
		for _, z := range zips {
			if err := z.finish(); err != nil {
				return err
			}
		}
		return nil
	})
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
func (s *Site) openZips(tmp string, n int) ([]*zipStream, []*SiteView, error) {
	var zips []*zipStream
	var views []*SiteView
	for _, v := range s.views() {
		if v.Zip == "" {
			continue
		}
		file := filepath.Join(tmp, filepath.FromSlash(v.Prefix+v.Zip))
		err := os.MkdirAll(filepath.Dir(file), 0o755)
		var z *zipStream
		if err == nil {
			z, err = newZipStream(file, v.Zip, v.Date, n)
		}
		if err != nil {
			for _, z := range zips {
				z.abort()
			}
			return nil, nil, err
		}
		zips, views = append(zips, z), append(views, v)
	}
	return zips, views, nil
}

// writeFiles renders and writes every path into tmp, and hands each to the
// zips of the languages whose offline copy holds it; the errors are by
// path.
func (s *Site) writeFiles(tmp string, paths []string, zips []*zipStream, views []*SiteView) []error {
	var made sync.Map
	errs := make([]error, len(paths))
	// Writing files waits on the disk, so more workers than cores keep
	// the cores busy. Each renders into a buffer of its own, which saves
	// growing (and clearing) a fresh one for every page.
	parallel.ForWorkers(len(paths), 4*runtime.GOMAXPROCS(0), func() func(int) {
		var buf bytes.Buffer
		return func(i int) {
			buf.Reset()
			data, _, err := s.file(paths[i], &buf, true)
			if err == nil {
				err = writeFile(tmp, paths[i], data, &made)
			}
			var offline []byte
			for k, z := range zips {
				if !inOfflineCopy(paths[i]) || !s.inLanguage(paths[i], views[k]) {
					z.skip(i)
					continue
				}
				if offline == nil {
					offline = data
					if s.IsPage(paths[i]) {
						offline = offlineCopy(data)
					}
				}
				z.add(i, paths[i], offline, err) // keeps a compressed copy
			}
			errs[i] = err
			if buf.Cap() > bigPage {
				buf = bytes.Buffer{} // not kept for the small pages that follow
			}
		}
	})
	return errs
}

// writeErrors joins the errors of writing a site, saying an error of the
// file system that hit many files (a full disk, a read-only folder) once,
// with the output folder, instead of once per file and with the staging
// folder's name.
func writeErrors(errs []error, dir string) error {
	var out []error
	seen := map[string]int{}
	for _, err := range errs {
		if err == nil {
			continue
		}
		var pe *os.PathError
		if errors.As(err, &pe) {
			key := pe.Err.Error()
			if n, ok := seen[key]; ok {
				seen[key] = n + 1
				continue
			}
			seen[key] = 1
			continue
		}
		out = append(out, err)
	}
	for _, key := range sortedKeysInt(seen) {
		n := seen[key]
		if n == 1 {
			out = append(out, fmt.Errorf("writing %s: %s", dir, key))
		} else {
			out = append(out, fmt.Errorf("writing %s: %s (%d files)", dir, key, n))
		}
	}
	return errors.Join(out...)
}

func sortedKeysInt(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// checkReplaceable refuses to replace a folder Panorama did not write.
func checkReplaceable(dir string) error {
	fi, err := os.Lstat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("output %s exists and is not a folder; choose another --out", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, Marker)); err != nil {
		return fmt.Errorf("output %s is not empty and was not written by panorama (no %s in it); empty it or choose another --out", dir, Marker)
	}
	return nil
}
