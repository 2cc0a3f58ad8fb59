//go:build unix

package output

import (
	"os"
	"syscall"
)

// mapFile maps a file read-only into memory, outside the Go heap: an
// earlier build's zip is tens of megabytes that the garbage collector
// would otherwise scan around under the build's memory limit. release
// unmaps it.
func mapFile(name string) (data []byte, release func(), err error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if fi.Size() == 0 {
		return nil, func() {}, nil
	}
	data, err = syscall.Mmap(int(f.Fd()), 0, int(fi.Size()), syscall.PROT_READ, mapFlags)
	if err != nil {
		return nil, nil, err
	}
	return data, func() { syscall.Munmap(data) }, nil
}
