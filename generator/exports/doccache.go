package exports

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"sync"

	"github.com/panorama-ssg/panorama/internal/binrec"
)

// DocCache keeps the search index's documents as encoded, by a hash of
// all that encoding reads, so that the next index encodes only the
// documents that changed: a warm build after a text edit would otherwise
// encode every chapter passage and project again. A nil DocCache keeps
// nothing.
type DocCache struct {
	mu   sync.Mutex
	old  map[docKey][]byte // from an earlier build
	now  map[docKey][]byte // this build's documents
	made int               // documents this build encoded
	load func()            // reads old, if it is read when first needed
}

type docKey [16]byte

// NewDocCache returns an empty cache.
func NewDocCache() *DocCache {
	return &DocCache{old: map[docKey][]byte{}, now: map[docKey][]byte{}}
}

// key hashes every field of d, each length first.
func (d *SearchDoc) key() docKey {
	b := keyBuffers.Get().(*[]byte)
	buf := (*b)[:0]
	put := func(s string) {
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	for _, s := range []string{d.Kind, d.Title, d.Heading, d.Summary, d.Section, d.URL, d.Text} {
		put(s)
	}
	for _, list := range [][]string{d.Tags, d.Aliases} {
		buf = binary.AppendUvarint(buf, uint64(len(list)))
		for _, s := range list {
			put(s)
		}
	}
	buf = binary.AppendVarint(buf, int64(d.Rank))
	sum := sha256.Sum256(buf)
	*b = buf
	keyBuffers.Put(b)
	var k docKey
	copy(k[:], sum[:])
	return k
}

// keyBuffers hold what key hashes: tens of thousands of documents a build.
var keyBuffers = sync.Pool{New: func() any { return new([]byte) }}

// encoded is d as the index holds it, taken from the cache or encoded.
func (c *DocCache) encoded(d SearchDoc) []byte {
	if c == nil {
		return encodeDoc(d)
	}
	if c.load != nil {
		c.load()
	}
	k := d.key()
	c.mu.Lock()
	b, ok := c.now[k]
	if !ok {
		b, ok = c.old[k]
	}
	c.mu.Unlock()
	if !ok {
		b = encodeDoc(d)
	}
	c.mu.Lock()
	if !ok {
		c.made++
	}
	c.now[k] = b
	c.mu.Unlock()
	return b
}

// Made counts the documents encoded since the cache was made or read.
func (c *DocCache) Made() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.made
}

// Len counts this build's documents.
func (c *DocCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.now)
}

// Next starts another build: the documents of the last index made are
// those it may take, and the rest are let go. (A server makes the index
// only when it is asked for, so a build may have made none.)
func (c *DocCache) Next() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.now) > 0 {
		c.old, c.now = c.now, make(map[docKey][]byte, len(c.now))
	}
	c.made = 0
}

const docCacheFormat = "panorama search documents 2"

// Write writes this build's documents for ReadDocCache.
func (c *DocCache) Write(w *binrec.Writer) {
	c.mu.Lock()
	defer c.mu.Unlock()
	w.Str(docCacheFormat)
	w.Num(len(c.now))
	for k, b := range c.now {
		w.Fixed(k[:])
		w.Bytes(b)
	}
}

// ReadDocCacheLater is ReadDocCache when a document is first asked for:
// read returns what to read, or false for nothing. After a text edit a
// warm build encodes one part of the index, whose documents it looks up
// alone, and reading the others' first was 8 ms of its one-core start.
func ReadDocCacheLater(read func() (*binrec.Reader, bool)) *DocCache {
	c := NewDocCache()
	c.load = sync.OnceFunc(func() {
		if r, ok := read(); ok {
			if d, err := ReadDocCache(r); err == nil {
				c.mu.Lock()
				c.old = d.old
				if len(c.now) == 0 {
					c.now = make(map[docKey][]byte, len(d.old)) // as many as the last build
				}
				c.mu.Unlock()
			}
		}
	})
	return c
}

// ReadDocCache reads what Write wrote, as the documents a build may take;
// they share r's bytes.
func ReadDocCache(r *binrec.Reader) (*DocCache, error) {
	if r.Str() != docCacheFormat {
		return nil, errors.New("not a file of search documents")
	}
	c := NewDocCache()
	n := r.Num()
	c.old = make(map[docKey][]byte, min(n, r.Len()/len(docKey{})))
	for range n {
		var k docKey
		copy(k[:], r.Fixed(len(k)))
		b := r.Bytes()
		if r.Err() != nil {
			return nil, r.Err()
		}
		c.old[k] = b
	}
	return c, nil
}
