package folder

import (
	"errors"
	"io/fs"
	"slices"

	"golang.org/x/sys/unix"
)

// Folder is an open folder whose files are looked at by name.
type Folder struct{ fd int }

// Open opens the folder at path p.
func Open(p string) (*Folder, error) {
	fd, err := unix.Open(p, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	return &Folder{fd: fd}, nil
}

// Stat is the size and modification time, in nanoseconds, of the file
// name in the folder, not following a link, and whether it is a regular
// file.
func (f *Folder) Stat(name string) (size, mtime int64, regular bool, err error) {
	var st unix.Stat_t
	for {
		err = unix.Fstatat(f.fd, name, &st, unix.AT_SYMLINK_NOFOLLOW)
		if !errors.Is(err, unix.EINTR) {
			break
		}
	}
	if err != nil {
		return 0, 0, false, err
	}
	return st.Size, st.Mtim.Nano(), st.Mode&unix.S_IFMT == unix.S_IFREG, nil
}

// ReadFile reads the file name in the folder whole, not following a link
// (nor waiting on a FIFO). size is what Stat said: a file of that size is
// read in one read, since a regular file's read falls short only at its
// end; four system calls in all, where os.ReadFile makes seven.
func (f *Folder) ReadFile(name string, size int64) ([]byte, error) {
	var fd int
	var err error
	for {
		fd, err = unix.Openat(f.fd, name, unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NOFOLLOW|unix.O_NONBLOCK, 0)
		if !errors.Is(err, unix.EINTR) {
			break
		}
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer unix.Close(fd)
	buf := make([]byte, max(size, 0)+1)
	n := 0
	for {
		if n == len(buf) { // grown since its stat
			buf = slices.Grow(buf, 64<<10)
			buf = buf[:cap(buf)]
		}
		k, err := unix.Read(fd, buf[n:])
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if k == 0 {
			break
		}
		n += k
		if int64(n) == size {
			break
		}
	}
	return buf[:n], nil
}

// Close lets the folder go.
func (f *Folder) Close() { unix.Close(f.fd) }
