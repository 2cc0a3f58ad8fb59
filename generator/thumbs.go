package generator

import (
	"bufio"
	"errors"
	"path"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/panorama-ssg/panorama/generator/cache"
	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/generator/thumb"
	"github.com/panorama-ssg/panorama/internal/binrec"
	"github.com/panorama-ssg/panorama/internal/parallel"
)

// Thumbnails: the map's tiles, the directory's cards and the project
// pages show a logo as a small PNG (generator/thumb), which a browser
// decodes off its main thread, where each SVG logo is a document parsed
// and painted on it; the map's PNG is drawn from the same thumbnails. An
// SVG logo of a few hundred bytes is cheaper as it is, and a logo the
// thumbnailer refuses or draws blank keeps its own file. The SVG files
// stay published, and posters/map.svg still embeds them.

const (
	// thumbW×thumbH is the box a thumbnail fits: twice the poster's logo
	// box (84×40), about twice what a tile shows.
	thumbW, thumbH = 168, 80
	// thumbMinSVG is the smallest SVG logo given a thumbnail.
	thumbMinSVG = 2048
	// thumbsDir holds the thumbnails: thumbs/logos/x.svg.png for
	// logos/x.svg.
	thumbsDir = "thumbs/"
	// thumbVersion changes when thumbnails would be drawn differently,
	// so a cache of the old ones is not used.
	thumbVersion = "thumb 1"
)

// thumbPath is where logo's thumbnail is published.
func thumbPath(logo string) string { return thumbsDir + logo + ".png" }

// thumbSet makes the thumbnails of one build, shared by its languages.
type thumbSet struct {
	read  func(string) ([]byte, error)
	store *ThumbStore
	mu    sync.Mutex
	done  map[string]*thumbDone // by logo path
	off   bool                  // draw none: check renders pages without them
}

type thumbDone struct {
	once sync.Once
	png  []byte // nil: the logo is shown as it is
}

func newThumbSet(read func(string) ([]byte, error), store *ThumbStore) *thumbSet {
	if store == nil {
		store = NewThumbStore()
	}
	return &thumbSet{read: read, store: store, done: map[string]*thumbDone{}}
}

// images makes the thumbnails of these logos, in parallel, and returns
// the map pages take (SiteView.SetImages): logo path → thumbnail path.
func (t *thumbSet) images(logos []string) map[string]string {
	if t.off {
		return nil
	}
	todo := make([]*thumbDone, len(logos))
	t.mu.Lock()
	for i, l := range logos {
		d := t.done[l]
		if d == nil {
			d = &thumbDone{}
			t.done[l] = d
		}
		todo[i] = d
	}
	t.mu.Unlock()
	parallel.For(len(logos), func(i int) {
		todo[i].once.Do(func() { todo[i].png = t.make(logos[i]) })
	})
	out := map[string]string{}
	for i, l := range logos {
		if todo[i].png != nil {
			out[l] = thumbPath(l)
		}
	}
	return out
}

// png is a logo's thumbnail, nil without one.
func (t *thumbSet) png(logo string) []byte {
	t.mu.Lock()
	d := t.done[logo]
	t.mu.Unlock()
	if d == nil {
		return nil
	}
	return d.png
}

// make draws one logo's thumbnail, or takes it from the store: without
// reading the logo when the store knows what the same file gave.
func (t *thumbSet) make(logo string) []byte {
	if src, ok := t.store.source(logo); ok {
		if src.none {
			return nil
		}
		if png, ok := t.store.get(src.key); ok {
			return png
		}
	}
	data, err := t.read(logo)
	if err != nil {
		return nil
	}
	svg := strings.EqualFold(path.Ext(logo), ".svg")
	if svg && len(data) < thumbMinSVG {
		t.store.noteSource(logo, thumbSource{none: true})
		return nil
	}
	var h cache.Hasher
	key := h.String(thumbVersion).Int(thumbW).Int(thumbH).String(path.Ext(logo)).Key(cache.Bytes(data)).Sum()
	t.store.noteSource(logo, thumbSource{key: key})
	if png, ok := t.store.get(key); ok {
		return png
	}
	png, err := thumb.PNG(logo, data, thumbW, thumbH)
	if err != nil || (!svg && len(png) >= len(data)) {
		png = nil // a raster logo already small stays as it is
	}
	t.store.put(key, png)
	return png
}

// ThumbStore keeps thumbnails by the bytes they were drawn from, between
// a server's builds and, through the build cache, between builds.
type ThumbStore struct {
	mu   sync.Mutex
	m    map[cache.Key][]byte // an empty slice: no thumbnail
	used map[cache.Key]bool   // asked for since the store was made
	made atomic.Int64         // drawn, not found

	// A warm build knows each logo file's hash before reading it: what
	// the file gave the last time it had that hash (the thumbnail's key)
	// saves reading and cleaning every logo to find its thumbnail.
	inputs      func(file string) (cache.File, bool) // nil: not known
	sources     map[string]thumbSource               // by logo, from the last build
	kept        map[string]thumbSource               // this build's
	sourcesMade int
}

// thumbSource is what a logo file gave: the key of its thumbnail, or
// none when it is too small to get one.
type thumbSource struct {
	input cache.File // the file's hashes
	key   cache.Key
	none  bool
}

// NewThumbStore returns an empty store.
func NewThumbStore() *ThumbStore {
	return &ThumbStore{m: map[cache.Key][]byte{}, used: map[cache.Key]bool{}, sources: map[string]thumbSource{}, kept: map[string]thumbSource{}}
}

// source returns what logo gave the last build, if its file is the same.
func (s *ThumbStore) source(logo string) (thumbSource, bool) {
	if s.inputs == nil {
		return thumbSource{}, false
	}
	in, ok := s.inputs(content.StaticDir + "/" + logo)
	s.mu.Lock()
	defer s.mu.Unlock()
	src, found := s.sources[logo]
	if !ok || !found || src.input != in {
		return thumbSource{}, false
	}
	s.kept[logo] = src
	return src, true
}

// noteSource records what logo gave this build.
func (s *ThumbStore) noteSource(logo string, src thumbSource) {
	if s.inputs == nil {
		return
	}
	in, ok := s.inputs(content.StaticDir + "/" + logo)
	if !ok {
		return
	}
	src.input = in
	s.mu.Lock()
	defer s.mu.Unlock()
	s.kept[logo] = src
	s.sourcesMade++
}

func (s *ThumbStore) get(k cache.Key) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	png, ok := s.m[k]
	if ok {
		s.used[k] = true
	}
	if len(png) == 0 {
		png = nil
	}
	return png, ok
}

func (s *ThumbStore) put(k cache.Key, png []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if png == nil {
		png = []byte{}
	}
	s.m[k] = png
	s.used[k] = true
	s.made.Add(1)
}

const (
	thumbsCacheName = "thumbs"
	thumbsFormat    = "panorama thumbs 2"
)

// writeThumbs writes the thumbnails this store was asked for, so the
// file stays the size of the site's logos.
func writeThumbs(w *bufio.Writer, s *ThumbStore) error {
	e := binrec.NewWriter(w)
	e.Str(thumbsFormat)
	s.mu.Lock()
	defer s.mu.Unlock()
	e.Num(len(s.used))
	for k := range s.used {
		e.Fixed(k[:])
		e.Str(string(s.m[k]))
	}
	e.Num(len(s.kept))
	for logo, src := range s.kept {
		e.Str(logo)
		writeFile(e, src.input)
		e.Fixed(src.key[:])
		e.Bool(src.none)
	}
	return e.Err()
}

func readThumbs(data []byte) (*ThumbStore, error) {
	d := binrec.NewReader(data)
	if d.Str() != thumbsFormat {
		return nil, errors.New("not a file of thumbnails")
	}
	s := NewThumbStore()
	for range d.Num() {
		k := readKey(d)
		png := d.Str()
		if d.Err() != nil {
			return nil, d.Err()
		}
		s.m[k] = []byte(png)
	}
	for range d.Num() {
		logo := d.Str()
		src := thumbSource{input: readFile(d), key: readKey(d), none: d.Bool()}
		if d.Err() != nil {
			return nil, d.Err()
		}
		s.sources[logo] = src
	}
	return s, d.Err()
}
