package generator

import (
	"bufio"
	"errors"
	"sync"
	"time"
	"unsafe"

	"github.com/panorama-ssg/panorama/generator/cache"
	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/internal/binrec"
)

// The content files as parsed, and what reading the logos found, persist
// in the build cache, so a warm build reads and parses only the files
// that changed: each file's record is used while the file hashes as it
// did when it was parsed. Decoding the records into chapters and
// projects, which reads site.yaml, is done again every build.

const (
	frontsCacheName = "fronts"
	frontsFormat    = "panorama fronts 4"
)

// frontStore is a build's content.FrontStore.
type frontStore struct {
	now  map[string]cache.File // the input files as this build hashed them
	stat func(file string) (size, mtime int64, ok bool)
	prev map[string]frontRecord
	mu   sync.RWMutex
	kept map[string]frontRecord // parsed by this build
	used map[string]bool        // records of prev this build took

	logosPrev map[string]logoRecord
	logosKept map[string]logoRecord // checked by this build or taken from prev
	logosMade int

	// The projects this build loaded, encoded, by file.
	models map[string][]byte

	// The hashes of the bodies of the files this build parsed or took,
	// by the bodies' very bytes: the body cache then need not hash ten
	// thousand bodies again to find them unchanged.
	bodyKeys map[*byte]knownBody
}

// knownBody is the hash of a body of n bytes.
type knownBody struct {
	n   int
	key cache.Key
}

// logoRecord is what reading a logo file found, and the hashes of the
// file it read.
type logoRecord struct {
	key   cache.File
	check content.LogoCheck
}

// frontRecord is one file's parse, encoded, and the hashes of the bytes
// it was parsed from.
type frontRecord struct {
	key   cache.File
	data  []byte
	body  cache.Key // the hash of the parse's body
	model []byte    // the project loaded from it, if it is a project's
}

// newFrontStore starts a store for a build that found the input files
// now, of the sizes and times stat tells.
func newFrontStore(now map[string]cache.File, stat func(string) (int64, int64, bool)) *frontStore {
	return &frontStore{now: now, stat: stat, prev: map[string]frontRecord{}, kept: map[string]frontRecord{}, used: map[string]bool{},
		logosPrev: map[string]logoRecord{}, logosKept: map[string]logoRecord{}, bodyKeys: map[*byte]knownBody{}, models: map[string][]byte{}}
}

// unchanged tells whether file is as this build hashed it: the size and
// time stat found when the logo was read are those hashed.
func (s *frontStore) unchanged(file string, size int64, mod time.Time) bool {
	sz, mt, ok := s.stat(file)
	return ok && sz == size && mt == mod.UnixNano()
}

// Logo returns what the last build found reading a logo file, if the
// file is the one it read.
func (s *frontStore) Logo(file string, size int64, mod time.Time) (content.LogoCheck, bool) {
	r, ok := s.logosPrev[file]
	if !ok || r.key != s.now[file] || !s.unchanged(file, size, mod) {
		return content.LogoCheck{}, false
	}
	s.mu.Lock()
	s.logosKept[file] = r
	s.mu.Unlock()
	return r.check, true
}

// KeepLogo records what this build found reading a logo file, if the
// file is the one hashed.
func (s *frontStore) KeepLogo(file string, size int64, mod time.Time, c content.LogoCheck) {
	if !s.unchanged(file, size, mod) {
		return
	}
	s.mu.Lock()
	s.logosKept[file] = logoRecord{key: s.now[file], check: c}
	s.logosMade++
	s.mu.Unlock()
}

// made counts the records this build made, and all the records it keeps.
func (s *frontStore) made() (made, total int) {
	made = len(s.kept) + s.logosMade
	for file := range s.models {
		if _, parsed := s.kept[file]; !parsed { // a record taken, with a new project
			made++
		}
	}
	return made, len(s.kept) + len(s.used) + len(s.logosKept)
}

// Model returns the project the last build loaded from file, encoded,
// and the file's parse, if the file hashes as it did.
func (s *frontStore) Model(file string) (model, front []byte, ok bool) {
	r, ok := s.prev[file]
	if !ok || r.key != s.now[file] || r.model == nil {
		return nil, nil, false
	}
	body, _ := content.FrontBody(r.data)
	s.mu.Lock()
	s.used[file] = true
	s.knowBody(body, r.body)
	s.mu.Unlock()
	return r.model, r.data, true
}

// KeepModel records the project this build loaded from file's parse.
func (s *frontStore) KeepModel(file string, model []byte) {
	s.mu.Lock()
	s.models[file] = model
	s.mu.Unlock()
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
	s.knowBody(fr.Body(), r.body)
	s.mu.Unlock()
	return fr
}

// knowBody notes the hash of body; s.mu is held.
func (s *frontStore) knowBody(body []byte, key cache.Key) {
	if len(body) > 0 {
		s.bodyKeys[unsafe.SliceData(body)] = knownBody{n: len(body), key: key}
	}
}

// bodyKey returns the hash of body if it is the very bytes of a body
// this build parsed or took from the last.
func (s *frontStore) bodyKey(body []byte) (cache.Key, bool) {
	if len(body) == 0 {
		return cache.Key{}, false
	}
	s.mu.RLock()
	k, ok := s.bodyKeys[unsafe.SliceData(body)]
	s.mu.RUnlock()
	return k.key, ok && k.n == len(body)
}

// Keep records the parse of a file this build read.
func (s *frontStore) Keep(file string, src []byte, fr *content.Front) {
	data, err := binrec.Encode(fr.Write)
	if err != nil {
		return // parsed again next time
	}
	r := frontRecord{key: cache.HashFile(src), data: data, body: cache.Bytes(fr.Body())}
	s.mu.Lock()
	s.kept[file] = r
	s.knowBody(fr.Body(), r.body)
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
		writeFile(w, r.key)
		w.Bytes(r.data)
		w.Fixed(r.body[:])
		if m, ok := s.models[file]; ok {
			r.model = m
		}
		w.Bytes(r.model)
	}
	for file, r := range s.kept {
		put(file, r)
	}
	for file := range s.used {
		if _, again := s.kept[file]; !again {
			put(file, s.prev[file])
		}
	}
	w.Num(len(s.logosKept))
	for file, r := range s.logosKept {
		w.Str(file)
		writeFile(w, r.key)
		w.Str(r.check.Kind)
		w.Str(r.check.Detail)
		w.Bool(r.check.Broken)
	}
	return w.Err()
}

// read reads the records write wrote; they share data's bytes.
func (s *frontStore) read(data []byte) error {
	r := binrec.NewReader(data)
	if r.Str() != frontsFormat {
		return errors.New("not a file of parsed content")
	}
	n := r.Num()
	prev := make(map[string]frontRecord, min(n, r.Len()/64))
	for range n {
		file := r.Str()
		rec := frontRecord{key: readFile(r), data: r.Bytes(), body: readKey(r), model: r.Bytes()}
		if len(rec.model) == 0 {
			rec.model = nil // a chapter's, or a file not loaded as a project
		}
		if r.Err() != nil {
			return r.Err()
		}
		prev[file] = rec
	}
	n = r.Num()
	logos := make(map[string]logoRecord, min(n, r.Len()/48))
	for range n {
		file := r.Str()
		rec := logoRecord{key: readFile(r)}
		rec.check.Kind, rec.check.Detail, rec.check.Broken = r.Str(), r.Str(), r.Bool()
		if r.Err() != nil {
			return r.Err()
		}
		logos[file] = rec
	}
	s.prev, s.logosPrev = prev, logos
	s.used, s.bodyKeys = make(map[string]bool, len(prev)), make(map[*byte]knownBody, len(prev))
	return nil
}
