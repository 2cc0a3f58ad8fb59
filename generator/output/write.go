package output

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Marker is the file every output folder gets. Stage only replaces a
// non-empty folder that has it, so a mistyped --out never wipes a folder
// Panorama did not write.
const Marker = ".panorama-output"

// Stage runs fill on a fresh sibling folder of dir, then swaps it into
// place; on any error dir is left as it was.
func Stage(dir string, fill func(tmp string) error) error {
	return StageThen(dir, fill, nil)
}

// StageThen is Stage running after, if not nil, once the new folder is in
// place and while no other build can replace it: what it records of dir
// is what the next build will find. Its error is returned, dir kept.
func StageThen(dir string, fill func(tmp string) error, after func() error) error {
	return StageWith(dir, Staging{Fill: func(tmp string, _ bool) error { return fill(tmp) }, After: after})
}

// Staging is how StageWith makes the new folder and what becomes of the
// one it replaces.
type Staging struct {
	// Spare, if set, runs once the build holds the folder's lock and
	// returns a folder an earlier build replaced, to fill instead of an
	// empty one ("" for none): a warm build then writes only what
	// changed since. The folder is moved into the staging folder, so a
	// build that fails leaves it removed, never half-updated for the next.
	Spare func() string
	// Fill writes the new folder tmp; spare tells whether tmp is the
	// spare folder rather than an empty one.
	Fill func(tmp string, spare bool) error
	// Keep, if set, returns where the replaced folder goes, to be the
	// next build's spare, instead of being removed ("" removes it).
	Keep func() string
	// After, if set, runs once the new folder is in place and while no
	// other build can replace it: what it records of dir is what the
	// next build will find. Its error is returned, dir kept.
	After func() error
}

// StageWith runs st.Fill on a fresh sibling folder of dir (or on the spare
// folder st.Spare gives), then swaps it into place; on any error dir is
// left as it was.
func StageWith(dir string, st Staging) error {
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
	unlock, err := lock(parent, filepath.Base(dir))
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
	spare := st.Spare != nil && takeSpare(st.Spare(), tmp)
	if !spare {
		marker := "This folder is written by panorama build and replaced whole on every build.\n"
		if err := os.WriteFile(filepath.Join(tmp, Marker), []byte(marker), 0o644); err != nil {
			return err
		}
	}
	if err := st.Fill(tmp, spare); err != nil {
		return err
	}

	old, err := swap(tmp, dir)
	if err != nil {
		return err
	}
	ok = true
	if old != "" && st.Keep != nil {
		if keep := st.Keep(); keep != "" && os.Rename(old, keep) == nil {
			old = ""
		}
	}
	return removeWhile(old, st.After)
}

// takeSpare moves the folder spare, which an earlier build wrote, in the
// place of the empty staging folder tmp; it tells whether it did.
func takeSpare(spare, tmp string) bool {
	if spare == "" {
		return false
	}
	if fi, err := os.Lstat(filepath.Join(spare, Marker)); err != nil || !fi.Mode().IsRegular() {
		return false
	}
	// The empty folder goes first (os.Rename refuses to replace a folder
	// everywhere); the build holds the lock, so nothing takes its name
	// meanwhile, and where the spare cannot move it is made again.
	if os.Remove(tmp) != nil {
		return false
	}
	if os.Rename(spare, tmp) == nil {
		return true
	}
	os.Mkdir(tmp, 0o755)
	return false
}

// removeWhile removes the replaced folder old ("" for none) while after,
// if not nil, runs; the removal's error comes first.
func removeWhile(old string, after func() error) error {
	removed := make(chan error, 1)
	go func() {
		if old == "" {
			removed <- nil
			return
		}
		removed <- os.RemoveAll(old)
	}()
	var errAfter error
	if after != nil {
		errAfter = after()
	}
	if err := <-removed; err != nil {
		return err
	}
	return errAfter
}

// swap puts the staging folder tmp in dir's place, and returns where the
// previous dir went ("" when there was none), for the caller to remove.
// Where it can, it exchanges the two in one step: dir is never missing.
func swap(tmp, dir string) (old string, err error) {
	if _, err := os.Lstat(dir); err == nil {
		if ok, err := exchange(tmp, dir); ok {
			if err != nil {
				return "", err
			}
			return tmp, nil // the previous dir, under the staging name
		}
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return "", err
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			_ = os.Rename(old, dir)
		}
		return "", err
	}
	return old, nil
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

// WriteFile writes one output under tmp; made remembers folders already
// created, to save system calls. If mtime is not nil it gets the file's
// modification time in nanoseconds, read before the file is closed, for a
// build cache that records it.
func WriteFile(tmp, rel string, data []byte, made *sync.Map, mtime *int64) error {
	p, err := outputPath(tmp, rel, made)
	if err != nil {
		return err
	}
	return writeFile(p, data, mtime)
}

// outputPath is where output path rel goes under tmp, its folder made.
func outputPath(tmp, rel string, made *sync.Map) (string, error) {
	p := filepath.Join(tmp, filepath.FromSlash(rel))
	if !strings.HasPrefix(p, tmp+string(filepath.Separator)) {
		return "", fmt.Errorf("output path %q leaves the output folder", rel)
	}
	d := filepath.Dir(p)
	if _, done := made.Load(d); !done {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return "", err
		}
		made.Store(d, true)
	}
	return p, nil
}

// LinkFile puts an earlier build's file at output path rel under tmp: a
// hard link where the file system allows one, else a copy.
func LinkFile(tmp, rel, from string, made *sync.Map) error {
	p, err := outputPath(tmp, rel, made)
	if err != nil {
		return err
	}
	if err := os.Link(from, p); err == nil {
		return nil
	}
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// JoinErrors joins the errors of writing a site, saying an error of the
// file system that hit many files (a full disk, a read-only folder) once,
// with the output folder, instead of once per file and with the staging
// folder's name.
func JoinErrors(errs []error, dir string) error {
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
