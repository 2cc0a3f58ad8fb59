//go:build unix

package output

import (
	"io/fs"
	"syscall"

	"golang.org/x/sys/unix"
)

// writeFile is os.WriteFile with the file's descriptor kept out of the
// runtime's poller: a regular file never waits there, and registering
// each of a build's 12,000 files (a non-blocking flag, the poller, a
// finaliser) cost a third of their system time. If mtime is not nil it
// gets the file's modification time, in nanoseconds, as it is once
// written.
func writeFile(name string, data []byte, mtime *int64) error {
	fd, err := retry(func() (int, error) {
		return syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
	})
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := retry(func() (int, error) { return syscall.Write(fd, data) })
		if err != nil {
			syscall.Close(fd)
			return &fs.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if mtime != nil {
		var st unix.Stat_t // its time is Mtim on every Unix, as syscall's is not
		if _, err := retry(func() (int, error) { return 0, unix.Fstat(fd, &st) }); err != nil {
			syscall.Close(fd)
			return &fs.PathError{Op: "stat", Path: name, Err: err}
		}
		*mtime = st.Mtim.Nano()
	}
	if err := syscall.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}

// retry calls f again while it is interrupted by a signal.
func retry(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != syscall.EINTR {
			return n, err
		}
	}
}
