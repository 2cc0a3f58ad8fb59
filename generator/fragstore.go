package generator

import (
	"bufio"
	"encoding/hex"
	"errors"
	"sync"

	"github.com/panorama-ssg/panorama/generator/cache"
	"github.com/panorama-ssg/panorama/generator/page"
	"github.com/panorama-ssg/panorama/internal/binrec"
)

// The project cards and tiles a build rendered persist in its cache, so a
// warm build after an edit that every list shows (a summary) renders the
// edited project's card and tiles, not every project's. A fragment's key
// hashes the global inputs, what every page shows of the site, the
// project's own files, and the partial, language and section it was
// rendered for.

const (
	fragmentsCacheName = "fragments"
	fragmentsFormat    = "panorama fragments 1"
)

// durableFragments is the Durable of a build with these input keys.
func durableFragments(in inputKeys, site cache.Key) page.Durable {
	return func(partial, lang, variant string, p *page.ProjectView) string {
		if p.Project == nil {
			return ""
		}
		it := item(p.Project.File)
		if it == "" {
			return ""
		}
		var h cache.Hasher
		k := h.String("fragment").Key(in.global).Key(site).String(it).Key(in.items[it]).
			String(partial).String(lang).String(variant).Sum()
		return hex.EncodeToString(k[:])
	}
}

func writeFragments(w *bufio.Writer, m map[string]string) error {
	e := binrec.NewWriter(w)
	e.Str(fragmentsFormat)
	e.Num(len(m))
	for k, v := range m {
		e.Str(k)
		e.Str(v)
	}
	return e.Err()
}

func readFragments(data []byte) (map[string]string, error) {
	d := binrec.NewReader(data)
	if d.Str() != fragmentsFormat {
		return nil, errors.New("not a file of fragments")
	}
	n := d.Num()
	m := make(map[string]string, min(n, len(data)/8))
	for range n {
		k, v := d.Str(), d.Str()
		if d.Err() != nil {
			return nil, d.Err()
		}
		m[k] = v
	}
	return m, d.Err()
}

// keepFragments gives the site's fragments those the last build kept,
// read when the first is asked for: after an edit of a project's text, no
// list is made again, and reading megabytes of cards and tiles would be a
// tenth of the build.
func (w *warm) keepFragments(s *Site, site cache.Key) {
	stored := sync.OnceValue(func() map[string]string {
		data, err := w.c.Read(fragmentsCacheName)
		if err != nil {
			return nil
		}
		m, _ := readFragments(data)
		return m
	})
	s.frags.Keep(stored, durableFragments(w.in, site))
}

// saveFragments keeps this build's cards and tiles for the next, unless
// it rendered none of them.
func (w *warm) saveFragments(s *Site) {
	if w == nil {
		return
	}
	kept, rendered := s.frags.Kept()
	if rendered == 0 && w.c.Warm() {
		return
	}
	w.unsaved(w.c.Write(fragmentsCacheName, func(bw *bufio.Writer) error { return writeFragments(bw, kept) }))
}
