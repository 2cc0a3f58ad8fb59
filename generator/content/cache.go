package content

import (
	"strings"
	"sync"
)

// Cache remembers decoded content files and folder listings between loads
// of one site, for a server that rebuilds on every save and knows which
// files changed: it trusts its entries until Forget drops them, so a load
// reads only the files that changed, and lists a folder again only when a
// file it did not know appeared in it. A nil Cache remembers nothing.
type Cache struct {
	mu    sync.Mutex
	files map[string]*cached
	lists map[string]listing // by folder
	order []int              // the last projects' order by name, as indexes in file order
	logos logoCache          // sniffed logo files
}

// listing is what a folder holds: file paths, sorted, and problems.
type listing struct {
	files    []string
	problems Problems
}

type cached struct {
	value    any // *Chapter or *Project, or nil when it did not decode
	problems Problems
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]*cached{}, lists: map[string]listing{}} }

// Forget drops the entries of these slash-separated paths, relative to the
// site folder, and of everything under them; with no path it drops all.
func (c *Cache) Forget(paths ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(paths) == 0 {
		c.files, c.lists = map[string]*cached{}, map[string]listing{}
		return
	}
	for _, p := range paths {
		// A file already known was changed; it is still in its folder's
		// listing (if it was removed, loading it says so). Anything else
		// may be new, so the folders it may be in are listed again.
		if _, known := c.files[p]; !known {
			for dir := range c.lists {
				if p == dir || strings.HasPrefix(p, dir+"/") || strings.HasPrefix(dir, p+"/") {
					delete(c.lists, dir)
				}
			}
		}
		delete(c.files, p)
		prefix := strings.TrimSuffix(p, "/") + "/"
		for k := range c.files {
			if strings.HasPrefix(k, prefix) {
				delete(c.files, k)
			}
		}
	}
}

// list returns dir's listing, made by make unless it is cached.
func (c *Cache) list(dir string, make func() (listing, error)) (listing, error) {
	if c == nil {
		return make()
	}
	c.mu.Lock()
	l, ok := c.lists[dir]
	c.mu.Unlock()
	if ok {
		return l, nil
	}
	l, err := make()
	if err == nil {
		c.mu.Lock()
		c.lists[dir] = l
		c.mu.Unlock()
	}
	return l, err
}

// dropList forgets dir's listing and tells whether there was one.
func (c *Cache) dropList(dir string) bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.lists[dir]
	delete(c.lists, dir)
	return ok
}

// lookup returns the entries of these paths, nil for those not cached.
func (c *Cache) lookup(paths []string) []*cached {
	out := make([]*cached, len(paths))
	if c == nil {
		return out
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, p := range paths {
		out[i] = c.files[p]
	}
	return out
}

func (c *Cache) store(path string, value any, ps Problems) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.files[path] = &cached{value: value, problems: ps}
}
