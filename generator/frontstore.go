package generator

import (
	"bufio"
	"bytes"
	"errors"
	"sync"

	"github.com/panorama-ssg/panorama/generator/cache"
	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/internal/binrec"
)

// The content files as parsed persist in the build cache, so a warm build
// reads and parses only the files that changed: each file's record is
// used while the file hashes as it did when it was parsed. Decoding the
// records into chapters and projects, which reads site.yaml, is done
// again every build.

const (
	frontsCacheName = "fronts"
	frontsFormat    = "panorama fronts 1"
)

// frontStore is a build's content.FrontStore.
type frontStore struct {
	now  map[string]cache.File // the input files as this build hashed them
	prev map[string]frontRecord
	mu   sync.Mutex
	kept map[string]frontRecord // parsed by this build
	used map[string]bool        // records of prev this build took
}

// frontRecord is one file's parse, encoded, and the hashes of the bytes
// it was parsed from.
type frontRecord struct {
	key  cache.File
	data []byte
}

func newFrontStore(now map[string]cache.File) *frontStore {
	return &frontStore{now: now, prev: map[string]frontRecord{}, kept: map[string]frontRecord{}, used: map[string]bool{}}
}

// Front returns file's parse from the last build, if the file hashes as
// the bytes it was parsed from.
func (s *frontStore) Front(file string) *content.Front {
	r, ok := s.prev[file]
	if !ok || r.key != s.now[file] {
		return nil
	}
	fr, err := content.ReadFront(binrec.NewReader(r.data))
	if err != nil {
		return nil
	}
	s.mu.Lock()
	s.used[file] = true
	s.mu.Unlock()
	return fr
}

// Keep records the parse of a file this build read.
func (s *frontStore) Keep(file string, src []byte, fr *content.Front) {
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	w := binrec.NewWriter(bw)
	fr.Write(w)
	if w.Err() != nil || bw.Flush() != nil {
		return // parsed again next time
	}
	r := frontRecord{key: cache.HashFile(src), data: buf.Bytes()}
	s.mu.Lock()
	s.kept[file] = r
	s.mu.Unlock()
}

// write writes the records of this build's files: those it parsed and
// those it took from the last build.
func (s *frontStore) write(bw *bufio.Writer) error {
	w := binrec.NewWriter(bw)
	w.Str(frontsFormat)
	n := len(s.kept)
	for file := range s.used {
		if _, again := s.kept[file]; !again {
			n++
		}
	}
	w.Num(n)
	put := func(file string, r frontRecord) {
		w.Str(file)
		w.Fixed(r.key.Front[:])
		w.Fixed(r.key.Body[:])
		w.Bytes(r.data)
	}
	for file, r := range s.kept {
		put(file, r)
	}
	for file := range s.used {
		if _, again := s.kept[file]; !again {
			put(file, s.prev[file])
		}
	}
	return w.Err()
}

// readFronts reads the records write wrote; they share data's bytes.
func (s *frontStore) read(data []byte) error {
	r := binrec.NewReader(data)
	if r.Str() != frontsFormat {
		return errors.New("not a file of parsed content")
	}
	n := r.Num()
	prev := make(map[string]frontRecord, min(n, r.Len()/64))
	for range n {
		file := r.Str()
		var rec frontRecord
		rec.key.Front, rec.key.Body = readKey(r), readKey(r)
		rec.data = r.Bytes()
		if r.Err() != nil {
			return r.Err()
		}
		prev[file] = rec
	}
	s.prev = prev
	return nil
}
