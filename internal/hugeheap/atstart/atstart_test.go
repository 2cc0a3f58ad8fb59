//go:build linux

package atstart

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"unsafe"
)

// Imported, the package has advised huge pages by the time the program
// runs, on memory the heap then allocates from: a fresh allocation lies
// in a mapping flagged "hg", and the reservation was not cleared (the
// process has not touched half a gigabyte).
func TestReservedAtStart(t *testing.T) {
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || !bytes.Contains(mode, []byte("[madvise]")) {
		t.Skipf("transparent huge pages are not in madvise mode here (%q): nothing is advised", bytes.TrimSpace(mode))
	}
	b := make([]byte, 32<<20)
	b[len(b)/2] = 1
	addr := uintptr(unsafe.Pointer(&b[len(b)/2]))
	flags, rss := mapping(t, addr)
	if !strings.Contains(" "+flags+" ", " hg ") {
		t.Errorf("an allocation's mapping has flags %q, without hg", flags)
	}
	if rss > heapReserve/2 {
		t.Errorf("the heap's mapping has %d kB resident: the reservation was cleared", rss>>10)
	}
}

// mapping returns the VmFlags and resident bytes of the mapping holding addr.
func mapping(t *testing.T, addr uintptr) (flags string, rss int) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	in := false
	for sc.Scan() {
		line := sc.Text()
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x ", &lo, &hi); n == 2 {
			in = lo <= addr && addr < hi
			continue
		}
		if !in {
			continue
		}
		var kb int
		if n, _ := fmt.Sscanf(line, "Rss: %d kB", &kb); n == 1 {
			rss = kb << 10
		}
		if rest, ok := strings.CutPrefix(line, "VmFlags:"); ok {
			return strings.TrimSpace(rest), rss
		}
	}
	t.Fatalf("no mapping holds %#x", addr)
	return "", 0
}
