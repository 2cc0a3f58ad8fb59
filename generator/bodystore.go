package generator

import (
	"bufio"
	"errors"
	"html/template"
	"sync"

	"github.com/panorama-ssg/panorama/generator/cache"
	"github.com/panorama-ssg/panorama/generator/markdown"
	"github.com/panorama-ssg/panorama/internal/binrec"
)

// The rendered Markdown persists in the build cache, so a warm build
// renders only the bodies that changed. An entry is used only for the
// same bytes (by hash), at the same line, among the same link targets, in
// the same language folder: whatever build wrote it.

// bodiesCacheName is the cache's file of rendered bodies, and
// bodiesFormat the first string in it.
const (
	bodiesCacheName = "bodies"
	bodiesFormat    = "panorama bodies 1"
)

// writeBodies writes every body c keeps but those with problems, which
// stop a build and are rendered again to report them: per language
// folder ("" first), each file's entry as length-prefixed fields.
func writeBodies(w *bufio.Writer, c *BodyCache) error {
	e := binrec.NewWriter(w)
	e.Str(bodiesFormat)
	langs := map[string]*BodyCache{"": c}
	for p, l := range c.langs {
		langs[p] = l
	}
	e.Num(len(langs))
	for prefix, l := range langs {
		e.Str(prefix)
		l.mu.Lock()
		e.Num(len(l.byFile))
		for f, b := range l.byFile {
			if len(b.r.Problems) > 0 {
				f = "" // read back as nothing
			}
			e.Str(f)
			e.Fixed(b.targets[:])
			e.Fixed(b.key[:])
			e.Num(b.line)
			e.Str(string(b.r.HTML))
			e.Str(string(b.print))
			e.Str(b.text)
			e.Num(len(b.r.TOC))
			for _, h := range b.r.TOC {
				e.Num(h.Level)
				e.Str(h.ID)
				e.Str(h.Text)
			}
			e.Num(len(b.r.Passages))
			for _, p := range b.r.Passages {
				e.Str(p.ID)
				e.Str(p.Heading)
				e.Str(p.Text)
			}
		}
		l.mu.Unlock()
	}
	return e.Err()
}

// readBodies reads what writeBodies wrote into a body cache that keeps
// no source bytes, since a build reads every file once.
func readBodies(data []byte) (*BodyCache, error) {
	d := binrec.NewReader(data)
	if d.Str() != bodiesFormat {
		return nil, errors.New("not a file of rendered bodies")
	}
	c := &BodyCache{byFile: map[string]*bodyEntry{}}
	for range d.Num() {
		prefix := d.Str()
		l := c
		if prefix != "" {
			l = &BodyCache{byFile: map[string]*bodyEntry{}}
			if c.langs == nil {
				c.langs = map[string]*BodyCache{}
			}
			c.langs[prefix] = l
		}
		for range d.Num() {
			f := d.Str()
			b := &bodyEntry{targets: readKey(d), key: readKey(d), line: d.Num()}
			b.r.HTML, b.print, b.text = template.HTML(d.Str()), template.HTML(d.Str()), d.Str()
			if n := d.Num(); n > 0 {
				b.r.TOC = make([]markdown.Heading, n)
				for i := range b.r.TOC {
					b.r.TOC[i] = markdown.Heading{Level: d.Num(), ID: d.Str(), Text: d.Str()}
				}
			}
			if n := d.Num(); n > 0 {
				b.r.Passages = make([]markdown.Passage, n)
				for i := range b.r.Passages {
					b.r.Passages[i] = markdown.Passage{ID: d.Str(), Heading: d.Str(), Text: d.Str()}
				}
			}
			if d.Err() != nil {
				return nil, d.Err()
			}
			if f != "" {
				l.byFile[f], l.targets = b, b.targets
			}
		}
	}
	return c, d.Err()
}

// bodyCacheFrom starts reading the bodies the last build stored, while
// the content loads; the cache waits for them when first used.
func bodyCacheFrom(c *cache.Cache) *BodyCache {
	done := make(chan *BodyCache, 1)
	go func() {
		read := &BodyCache{byFile: map[string]*bodyEntry{}}
		if data, err := c.Read(bodiesCacheName); err == nil {
			if r, err := readBodies(data); err == nil {
				read = r
			}
		}
		done <- read
	}()
	b := &BodyCache{}
	b.wait = sync.OnceFunc(func() {
		read := <-done
		b.byFile, b.langs, b.targets = read.byFile, read.langs, read.targets
	})
	return b
}

// rendered counts the bodies rendered, in every language.
func (c *BodyCache) rendered() int64 {
	n := c.renders.Load()
	for _, l := range c.langs {
		n += l.renders.Load()
	}
	return n
}

// readKey reads a key a Writer wrote with Fixed.
func readKey(d *binrec.Reader) cache.Key {
	var k cache.Key
	copy(k[:], d.Fixed(len(k)))
	return k
}

// writeFile writes a file's hashes, for readFile.
func writeFile(w *binrec.Writer, f cache.File) {
	w.Fixed(f.Front[:])
	w.Fixed(f.Body[:])
}

// readFile reads what writeFile wrote.
func readFile(d *binrec.Reader) cache.File {
	return cache.File{Front: readKey(d), Body: readKey(d)}
}

// len counts the bodies kept, in every language.
func (c *BodyCache) len() int {
	c.mu.Lock()
	n := len(c.byFile)
	c.mu.Unlock()
	for _, l := range c.langs {
		n += l.len()
	}
	return n
}
