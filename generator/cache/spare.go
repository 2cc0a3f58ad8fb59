package cache

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// The spare folder. A build does not remove the output folder it
// replaces: it keeps it in the cache folder, as spare, with a table of
// its files (the outputs of the build before, as that build recorded
// them). The next build fills the spare instead of an empty staging
// folder: it keeps each file made from the key it needs and still as it
// was recorded, and removes the rest, so after an edit of one project it
// writes a few files where it would link twelve thousand into an empty
// folder and remove as many from the replaced one. The spare shares the
// files that did not change with the output folder (they are the same
// files, linked), so it costs the disk only the files that did.

// spareName is the spare folder's name in the cache folder.
const spareName = "spare"

// SpareDir is the spare folder the last build left, "" if none: what a
// build may look at before it holds the output folder's lock, to use if
// TakeSpare then gives it the same folder.
func (c *Cache) SpareDir() string {
	if c.prev == nil || !c.prev.HasSpare {
		return ""
	}
	return filepath.Join(c.dir, spareName)
}

// TakeSpare returns the spare folder for a build that holds the output
// folder's lock to fill, "" when there is none it can use; a spare that
// is not this cache's to use is removed. It checks first that no other
// build saved the cache since Open (Recheck).
func (c *Cache) TakeSpare() string {
	c.Recheck()
	if dir := c.SpareDir(); dir != "" {
		return dir
	}
	dir := filepath.Join(c.dir, spareName)
	if c.usable {
		if _, err := os.Lstat(dir); err == nil {
			os.RemoveAll(dir)
		}
	}
	return ""
}

// Spared tells whether the spare file at output path p, of the size and
// modification time (nanoseconds) given, is the one the table records
// as made from key k; if so, the build keeps it. Safe to call at once.
func (c *Cache) Spared(p string, k Key, size, mtime int64) bool {
	o, ok := c.spareEntry(p)
	if !ok || o.Key != k || o.Size != size || !sameSecond(o.Mtime, mtime) {
		return false
	}
	c.kept.Store(p, o)
	return true
}

// Kept tells whether the build kept the file at output path p in the
// spare folder.
func (c *Cache) Kept(p string) bool {
	_, ok := c.kept.Load(p)
	return ok
}

// spareEntry is the table's entry for output path p.
func (c *Cache) spareEntry(p string) (output, bool) {
	if c.prev == nil || !c.prev.HasSpare {
		return output{}, false
	}
	if o, ok := c.prev.SpareDiff[p]; ok {
		if o == nil {
			return output{}, false
		}
		return *o, true
	}
	o, ok := c.prev.Outputs[p]
	return o, ok
}

// KeepReplaced returns where the output folder this build replaced goes,
// to be the next build's spare: only a folder the last build's manifest
// describes, and "" for any other, which is removed. The manifest is
// removed first: a build stopped before it saves a new one leaves no
// table that could describe the wrong folder.
func (c *Cache) KeepReplaced() string {
	if !c.usable || c.prev == nil {
		return ""
	}
	if err := c.makeDir(); err != nil {
		return ""
	}
	if err := os.Remove(filepath.Join(c.dir, "manifest")); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return ""
	}
	dir := filepath.Join(c.dir, spareName)
	if err := os.RemoveAll(dir); err != nil {
		return ""
	}
	c.spared = true
	return dir
}

// recordSpare sets the next manifest's table of the spare folder: the
// files of the folder this build replaced, which the last build recorded,
// as they differ from this build's.
func (c *Cache) recordSpare() {
	if !c.spared {
		return
	}
	c.next.HasSpare = true
	c.next.SpareDiff = map[string]*output{}
	for p, o := range c.prev.Outputs {
		if now, ok := c.next.Outputs[p]; !ok || now != o {
			c.next.SpareDiff[p] = &o
		}
	}
	for p := range c.next.Outputs {
		if _, ok := c.prev.Outputs[p]; !ok {
			c.next.SpareDiff[p] = nil
		}
	}
}
