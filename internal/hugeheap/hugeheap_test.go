//go:build linux

package hugeheap

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"unsafe"
)

// After Reserve, what the program allocates lies in memory advised for
// huge pages: /proc/self/smaps shows the flag "hg" on its mapping.
func TestAllocationsFallInAdvisedMemory(t *testing.T) {
	mode, err := os.ReadFile(modeFile)
	if err != nil || !bytes.Contains(mode, []byte("[madvise]")) {
		t.Skipf("transparent huge pages are not in madvise mode here (%q): Reserve leaves the heap as it is", bytes.TrimSpace(mode))
	}
	if !Reserve(256 << 20) {
		t.Fatal("Reserve did not advise huge pages")
	}
	b := make([]byte, 64<<20)
	for i := range b {
		b[i] = 1
	}
	// Its middle: the advice covers whole huge pages, inside the reserve.
	addr := uintptr(unsafe.Pointer(&b[len(b)/2]))
	flags, err := vmFlags(addr)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(" "+flags+" ", " hg ") {
		t.Errorf("the mapping of a later allocation (%#x) has flags %q, without hg", addr, flags)
	}
	runtime.KeepAlive(b)

	t.Setenv(Off, "1")
	if Reserve(256 << 20) {
		t.Errorf("Reserve advised huge pages with %s=1", Off)
	}
}

// vmFlags returns the VmFlags line of the mapping that holds addr.
func vmFlags(addr uintptr) (string, error) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return "", err
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
		if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok && in {
			return strings.TrimSpace(flags), nil
		}
	}
	return "", fmt.Errorf("no mapping holds %#x", addr)
}
