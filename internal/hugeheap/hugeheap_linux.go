package hugeheap

import (
	"bytes"
	"os"
	"runtime"
	"strconv"
	"syscall"
	"unsafe"
)

// modeFile says which programs get transparent huge pages: the mode in
// use is the one in brackets, as in "always [madvise] never".
const modeFile = "/sys/kernel/mm/transparent_hugepage/enabled"

const hugePage = 2 << 20

// overcommitFile holds 2 where the kernel refuses address space it could
// not back with memory: there, even an untouched reservation costs.
const overcommitFile = "/proc/sys/vm/overcommit_memory"

func reserve(size int) bool {
	// A 32-bit process has too little address space to set some aside.
	if strconv.IntSize < 64 {
		return false
	}
	mode, err := os.ReadFile(modeFile)
	if err != nil || !bytes.Contains(mode, []byte("[madvise]")) || size < 2*hugePage {
		return false
	}
	if policy, err := os.ReadFile(overcommitFile); err != nil || bytes.HasPrefix(bytes.TrimSpace(policy), []byte("2")) {
		return false
	}
	// A machine with little memory gets less of it advised.
	var info syscall.Sysinfo_t
	if syscall.Sysinfo(&info) == nil && uint64(size) > uint64(info.Totalram)*uint64(info.Unit)/4 {
		size = int(uint64(info.Totalram) * uint64(info.Unit) / 4)
		if size < 2*hugePage {
			return false
		}
	}
	b := make([]byte, size) // fresh from the system: mapped, not touched
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	from := (start+hugePage-1)&^(hugePage-1) - start
	to := (start+uintptr(size))&^(hugePage-1) - start
	err = syscall.Madvise(b[from:to], syscall.MADV_HUGEPAGE)
	runtime.KeepAlive(b)
	b = nil
	// Free it now, for the allocations that follow to take its place.
	runtime.GC()
	return err == nil
}
