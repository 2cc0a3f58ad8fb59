package generator

import (
	"bufio"
	"errors"
	"html/template"
	"slices"
	"sync"

	"github.com/panorama-ssg/panorama/generator/cache"
	"github.com/panorama-ssg/panorama/generator/markdown"
	"github.com/panorama-ssg/panorama/internal/binrec"
	"github.com/panorama-ssg/panorama/internal/parallel"
)

// The rendered Markdown persists in the build cache, so a warm build
// renders only the bodies that changed. An entry is used only for the
// same bytes (by hash), at the same line, among the same link targets, in
// the same language folder: whatever build wrote it.

// bodiesCacheName is the cache's file of rendered bodies, and
// bodiesFormat the first string in it.
const (
	bodiesCacheName = "bodies"
	bodiesFormat    = "panorama bodies 2"
)

// The file is an index, then the bodies. The index holds each entry's
// file, keys and line and the lengths of its parts; the parts follow it,
// in the index's order: the HTML, the whole-report page's HTML, the
// plain text, and the headings and passages encoded. A warm build decodes
// the index alone: the parts are strings over the file's bytes, read in
// one go, where reading lengths between the parts walked tens of
// megabytes. Only the chapters' headings and passages are kept, and
// decoded, since only chapters show them: a project's part is empty.

// bodyParts is the number of lengths each index entry holds.
const bodyParts = 4

// writeBodies writes every body c keeps but those with problems, which
// stop a build and are rendered again to report them: per language
// folder ("" first), each file's entry.
func writeBodies(w *bufio.Writer, c *BodyCache) error {
	e := binrec.NewWriter(w)
	e.Str(bodiesFormat)
	langs := map[string]*BodyCache{"": c}
	for p, l := range c.langs {
		langs[p] = l
	}
	type part struct {
		b    *bodyEntry
		rest []byte
	}
	var parts []part
	e.Num(len(langs))
	for prefix, l := range langs {
		e.Str(prefix)
		l.mu.Lock()
		e.Num(len(l.byFile))
		for f, b := range l.byFile {
			if len(b.r.Problems) > 0 {
				f = "" // read back as nothing
			}
			rest := b.rest
			if !chapterFile(f) {
				rest = []byte{} // written out, they were a third of the file
			}
			if rest == nil {
				var err error
				if rest, err = binrec.Encode(func(e *binrec.Writer) { writeOutline(e, b.r.TOC, b.r.Passages) }); err != nil {
					l.mu.Unlock()
					return err
				}
			}
			e.Str(f)
			e.Fixed(b.targets[:])
			e.Fixed(b.key[:])
			e.Num(b.line)
			e.Num(len(b.r.HTML))
			e.Num(len(b.print))
			e.Num(len(b.text))
			e.Num(len(rest))
			parts = append(parts, part{b, rest})
		}
		l.mu.Unlock()
	}
	for _, p := range parts {
		e.FixedStr(string(p.b.r.HTML))
		e.FixedStr(string(p.b.print))
		e.FixedStr(p.b.text)
		e.Fixed(p.rest)
	}
	return e.Err()
}

// writeOutline writes a body's headings and passages.
func writeOutline(e *binrec.Writer, toc []markdown.Heading, passages []markdown.Passage) {
	e.Num(len(toc))
	for _, h := range toc {
		e.Num(h.Level)
		e.Str(h.ID)
		e.Str(h.Text)
	}
	e.Num(len(passages))
	for _, p := range passages {
		e.Str(p.ID)
		e.Str(p.Heading)
		e.Str(p.Text)
	}
}

// readOutline reads what writeOutline wrote, all of it.
func readOutline(data []byte) ([]markdown.Heading, []markdown.Passage, error) {
	d := binrec.NewReader(data)
	var toc []markdown.Heading
	var passages []markdown.Passage
	if n := d.Num(); n > 0 && n <= d.Len() {
		toc = make([]markdown.Heading, n)
		for i := range toc {
			toc[i] = markdown.Heading{Level: d.Num(), ID: d.Str(), Text: d.Str()}
		}
	}
	if n := d.Num(); n > 0 && n <= d.Len() {
		passages = make([]markdown.Passage, n)
		for i := range passages {
			passages[i] = markdown.Passage{ID: d.Str(), Heading: d.Str(), Text: d.Str()}
		}
	}
	if d.Err() == nil && d.Len() != 0 {
		return nil, nil, errors.New("rendered body's outline runs past its end")
	}
	return toc, passages, d.Err()
}

// bodyIndexed is an entry of the bodies' index: where it goes, and the
// lengths of its parts.
type bodyIndexed struct {
	b    *bodyEntry
	file string
	l    *BodyCache
	lens [bodyParts]int
}

// readBodies reads what writeBodies wrote into a body cache that keeps
// no source bytes, since a build reads every file once.
func readBodies(data []byte) (*BodyCache, error) {
	d := binrec.NewReader(data)
	if d.Str() != bodiesFormat {
		return nil, errors.New("not a file of rendered bodies")
	}
	c, index, err := readBodyIndex(d)
	if err != nil {
		return nil, err
	}
	for _, x := range index {
		b := x.b
		b.r.HTML = template.HTML(d.StrN(x.lens[0]))
		b.print = template.HTML(d.StrN(x.lens[1]))
		b.text = d.StrN(x.lens[2])
		b.rest = d.Fixed(x.lens[3])
		if chapterFile(x.file) {
			var err error
			if b.r.TOC, b.r.Passages, err = readOutline(b.rest); err != nil {
				return nil, err
			}
		}
		if x.file != "" {
			x.l.byFile[x.file], x.l.targets = b, b.targets
		}
	}
	return c, d.Err()
}

// readBodyIndex reads the index, by language folder; the parts must
// fill what is left of d.
func readBodyIndex(d *binrec.Reader) (*BodyCache, []bodyIndexed, error) {
	var index []bodyIndexed
	total := 0
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
		n := d.Num()
		if n > d.Len() {
			return nil, nil, binrec.ErrShort
		}
		if len(l.byFile) == 0 {
			l.byFile = make(map[string]*bodyEntry, n)
		}
		index = slices.Grow(index, n)
		for range n {
			x := bodyIndexed{file: d.Str(), l: l, b: &bodyEntry{targets: readKey(d), key: readKey(d), line: d.Num()}}
			for i := range x.lens {
				x.lens[i] = d.Num()
				total += x.lens[i]
			}
			if d.Err() != nil {
				return nil, nil, d.Err()
			}
			index = append(index, x)
		}
	}
	if total != d.Len() {
		return nil, nil, errors.New("rendered bodies do not fill their file")
	}
	return c, index, nil
}

// bodyCacheFrom starts reading the bodies the last build stored, while
// the content loads; the cache waits for them when first used.
func bodyCacheFrom(c *cache.Cache) *BodyCache {
	read := parallel.Later(func() *BodyCache {
		if data, err := c.Read(bodiesCacheName); err == nil {
			if r, err := readBodies(data); err == nil {
				return r
			}
		}
		return &BodyCache{byFile: map[string]*bodyEntry{}}
	})
	b := &BodyCache{}
	b.wait = sync.OnceFunc(func() {
		r := read()
		b.byFile, b.langs, b.targets = r.byFile, r.langs, r.targets
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
