package generator

import (
	"bufio"
	"encoding/hex"
	"errors"
	"strings"
	"sync"

	"github.com/panorama-ssg/panorama/generator/cache"
	"github.com/panorama-ssg/panorama/generator/page"
	"github.com/panorama-ssg/panorama/internal/binrec"
)

// The project cards and tiles a build rendered persist in its cache, so a
// warm build after an edit that every list shows (a summary) renders the
// edited project's card and tiles, not every project's. A fragment's key
// is its project's context, which hashes the global inputs, what every
// page shows of the site and the project's own files, then the partial,
// language and section it was rendered for: a fragment is kept, from
// build to build, while its project's context is the build's.

const (
	fragmentsCacheName = "fragments"
	fragmentsFormat    = "panorama fragments 2"
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
		k := h.String(partial).String(lang).String(variant).Sum()
		return fragmentContext(in, site, it) + ":" + hex.EncodeToString(k[:16])
	}
}

// fragmentContext is the context of item it's fragments, as their keys
// begin.
func fragmentContext(in inputKeys, site cache.Key, it string) string {
	var h cache.Hasher
	k := h.String("fragment").Key(in.global).Key(site).String(it).Key(in.items[it]).Sum()
	return hex.EncodeToString(k[:16])
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
	w.site = site
	w.storedFragments = sync.OnceValue(func() map[string]string {
		data, err := w.c.Read(fragmentsCacheName)
		if err != nil {
			return nil
		}
		m, _ := readFragments(data)
		return m
	})
	s.frags.Keep(w.storedFragments, durableFragments(w.in, site))
}

// saveFragments keeps this build's cards and tiles for the next, with the
// last build's that still hold, unless it rendered too few to be worth
// writing them all again (see worthWriting): those few are rendered again.
// Writing this build's alone lost, after a text edit, every card and tile
// no page had asked for, and the next summary edit rendered them all.
func (w *warm) saveFragments(s *Site) {
	if w == nil {
		return
	}
	kept, rendered := s.frags.Kept()
	if w.c.Warm() && w.storedFragments != nil {
		stored := w.storedFragments()
		if !w.worthWriting(int(rendered), len(stored)) {
			return
		}
		current := make(map[string]bool, len(w.in.items))
		for it := range w.in.items {
			current[fragmentContext(w.in, w.site, it)] = true
		}
		for k, v := range stored {
			ctx, _, _ := strings.Cut(k, ":")
			if _, again := kept[k]; !again && current[ctx] {
				kept[k] = v
			}
		}
	}
	w.unsaved(w.c.Write(fragmentsCacheName, func(bw *bufio.Writer) error { return writeFragments(bw, kept) }))
}
