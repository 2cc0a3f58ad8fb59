package generator

import (
	"bufio"
	"encoding/binary"
	"errors"
	"html/template"
	"sync"
	"unsafe"

	"github.com/panorama-ssg/panorama/generator/cache"
	"github.com/panorama-ssg/panorama/generator/markdown"
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
	var e bodyWriter
	e.w = w
	e.str(bodiesFormat)
	langs := map[string]*BodyCache{"": c}
	for p, l := range c.langs {
		langs[p] = l
	}
	e.num(len(langs))
	for prefix, l := range langs {
		e.str(prefix)
		l.mu.Lock()
		e.num(len(l.byFile))
		for f, b := range l.byFile {
			if len(b.r.Problems) > 0 {
				f = "" // read back as nothing
			}
			e.str(f)
			e.key(b.targets)
			e.key(b.key)
			e.num(b.line)
			e.str(string(b.r.HTML))
			e.str(string(b.print))
			e.str(b.text)
			e.num(len(b.r.TOC))
			for _, h := range b.r.TOC {
				e.num(h.Level)
				e.str(h.ID)
				e.str(h.Text)
			}
			e.num(len(b.r.Passages))
			for _, p := range b.r.Passages {
				e.str(p.ID)
				e.str(p.Heading)
				e.str(p.Text)
			}
		}
		l.mu.Unlock()
	}
	return e.err
}

type bodyWriter struct {
	w   *bufio.Writer
	err error
	buf [binary.MaxVarintLen64]byte
}

func (e *bodyWriter) num(n int) {
	if e.err == nil {
		_, e.err = e.w.Write(binary.AppendUvarint(e.buf[:0], uint64(n)))
	}
}

func (e *bodyWriter) str(s string) {
	e.num(len(s))
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

func (e *bodyWriter) key(k cache.Key) {
	if e.err == nil {
		_, e.err = e.w.Write(k[:])
	}
}

// readBodies reads what writeBodies wrote into a body cache that keeps
// no source bytes, since a build reads every file once.
func readBodies(data []byte) (*BodyCache, error) {
	d := bodyReader{data: data}
	if d.str() != bodiesFormat {
		return nil, errors.New("not a file of rendered bodies")
	}
	c := &BodyCache{byFile: map[string]*bodyEntry{}}
	for range d.num() {
		prefix := d.str()
		l := c
		if prefix != "" {
			l = &BodyCache{byFile: map[string]*bodyEntry{}}
			if c.langs == nil {
				c.langs = map[string]*BodyCache{}
			}
			c.langs[prefix] = l
		}
		for range d.num() {
			f := d.str()
			b := &bodyEntry{targets: d.key(), key: d.key(), line: d.num()}
			b.r.HTML, b.print, b.text = template.HTML(d.str()), template.HTML(d.str()), d.str()
			if n := d.num(); n > 0 {
				b.r.TOC = make([]markdown.Heading, n)
				for i := range b.r.TOC {
					b.r.TOC[i] = markdown.Heading{Level: d.num(), ID: d.str(), Text: d.str()}
				}
			}
			if n := d.num(); n > 0 {
				b.r.Passages = make([]markdown.Passage, n)
				for i := range b.r.Passages {
					b.r.Passages[i] = markdown.Passage{ID: d.str(), Heading: d.str(), Text: d.str()}
				}
			}
			if d.err != nil {
				return nil, d.err
			}
			if f != "" {
				l.byFile[f], l.targets = b, b.targets
			}
		}
	}
	return c, d.err
}

var errShortBodies = errors.New("file of rendered bodies cut short")

type bodyReader struct {
	data []byte
	err  error
}

func (d *bodyReader) num() int {
	n, k := binary.Uvarint(d.data)
	if k <= 0 || n > uint64(len(d.data))+1<<20 {
		d.err, d.data = errShortBodies, nil
		return 0
	}
	d.data = d.data[k:]
	return int(n)
}

func (d *bodyReader) str() string {
	n := d.num()
	if n > len(d.data) {
		d.err, d.data = errShortBodies, nil
		return ""
	}
	// The strings share the file's bytes, read for this alone and never
	// changed: copying them would double the memory a warm build takes
	// for its bodies.
	s := unsafe.String(unsafe.SliceData(d.data), n)
	d.data = d.data[n:]
	return s
}

func (d *bodyReader) key() cache.Key {
	var k cache.Key
	if len(d.data) < len(k) {
		d.err, d.data = errShortBodies, nil
		return k
	}
	copy(k[:], d.data)
	d.data = d.data[len(k):]
	return k
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
