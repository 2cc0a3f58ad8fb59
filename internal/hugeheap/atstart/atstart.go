// Package atstart advises huge pages on the heap a build needs (see
// hugeheap) as the program starts: a program imports it for that effect.
//
// It must run before the program first collects garbage. The heap the
// runtime lends Reserve is then fresh from the system, untouched; after a
// collection it may begin with memory the collection freed, and the
// runtime clears the whole reservation before handing it out, which
// touched 512 MB and took two seconds in one warm build out of some
// twenty. Go initialises packages in the order of their import paths, a
// package after those it imports: this one imports nothing that
// allocates, and its path sorts before those of the libraries whose
// initialisation allocates megabytes (JSON Schema, Markdown), so it runs
// while the heap is a few hundred kilobytes, far from the first
// collection.
package atstart

import (
	"runtime/metrics"

	"github.com/panorama-ssg/panorama/internal/hugeheap"
)

// heapReserve is the heap advised for huge pages: a build of 10,000
// projects peaks at about 270 MB, 400 MB when it writes its cache.
const heapReserve = 512 << 20

func init() {
	// After a collection the reservation could be cleared (above): then
	// it is better left out.
	s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	if s[0].Value.Kind() == metrics.KindUint64 && s[0].Value.Uint64() == 0 {
		hugeheap.Reserve(heapReserve)
	}
}
