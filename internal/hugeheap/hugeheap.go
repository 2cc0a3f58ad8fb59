// Package hugeheap asks Linux to back the Go heap with transparent huge
// pages.
//
// A build touches most of its heap once: a build of 10,000 projects faults
// in some 70,000 pages of 4 KB, and in a virtual machine each fault costs
// microseconds: about a tenth of the build's time where it was measured.
// Go gives a program no way to ask for huge pages (Go 1.21.0 did
// it for every program, and went back), so Reserve makes the runtime map
// the heap a build needs, advises huge pages on it and frees it again: the
// runtime hands out the lowest free addresses first, so later allocations
// fall in it, and the kernel backs them 2 MB at a time.
package hugeheap

import "os"

// Off is the environment variable that turns Reserve off when set to 1.
const Off = "PANORAMA_NO_HUGE_PAGES"

// Reserve advises huge pages on size bytes of heap, where the system lends
// them on request (transparent huge pages in "madvise" mode). It reports
// whether it did: a system that gives every program huge pages, or none,
// or is not Linux, is left as it is. Only address space is taken: memory
// is used as the heap grows into it.
func Reserve(size int) bool {
	if os.Getenv(Off) == "1" {
		return false
	}
	return reserve(size)
}
