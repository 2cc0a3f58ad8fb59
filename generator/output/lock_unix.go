//go:build unix

package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// lock takes the lock of the output folder base in parent, a file
// .<base>.lock beside it, so that two builds do not write one folder at
// once. The operating system releases it when the process ends, so a
// killed build leaves no stale lock.
func lock(parent, base string) (unlock func(), err error) {
	name := filepath.Join(parent, "."+base+".lock")
	// Never through a link: a lock file that is one would make the build
	// create or open a file wherever it points.
	f, err := os.OpenFile(name, os.O_CREATE|os.O_RDWR|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0o644)
	if errors.Is(err, syscall.ELOOP) {
		return nil, fmt.Errorf("%s is a symbolic link; remove it (it is only a lock file)", name)
	}
	if err != nil {
		return nil, err
	}
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%s is not a regular file; remove it (it is only a lock file)", name)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("another panorama build is writing %s; wait for it to finish", filepath.Join(parent, base))
		}
		return nil, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
