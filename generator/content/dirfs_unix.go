//go:build unix

package content

import (
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"syscall"
)

// readRegular is ReadRegular on a folder of the disk: one open that
// refuses a link (and does not wait on a FIFO), then fstat, reads and
// close. ok is false where the general path must answer instead: for
// anything but a regular file, which it says without opening. (A device
// node is opened once here before that; making one takes root.)
func (d DirFS) readRegular(name string, max int64) (data []byte, msg string, err error, ok bool) {
	if !fs.ValidPath(name) {
		return nil, "", nil, false
	}
	if dir := d.linkedFolder(path.Dir(name)); dir != "" {
		return nil, linkedFolderMsg(dir), nil, true
	}
	file := filepath.Join(d.root, filepath.FromSlash(name))
	fd, err := syscall.Open(file, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	switch {
	case errors.Is(err, syscall.ELOOP):
		return nil, modeProblem(fs.ModeSymlink), nil, true
	case err != nil:
		return nil, "", &fs.PathError{Op: "open", Path: name, Err: err}, true
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, "", &fs.PathError{Op: "stat", Path: name, Err: err}, true
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return nil, "", nil, false // a folder or a device: said as before
	}
	if st.Size > max {
		return nil, tooBig(max), nil, true
	}
	buf := make([]byte, st.Size+1)
	n := 0
	for {
		if n == len(buf) {
			if int64(n) > max {
				return nil, tooBig(max), nil, true
			}
			buf = slices.Grow(buf, 64<<10) // grown since its stat
			buf = buf[:cap(buf)]
		}
		k, err := syscall.Read(fd, buf[n:])
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if err != nil {
			return nil, "", &fs.PathError{Op: "read", Path: name, Err: err}, true
		}
		if k == 0 {
			break
		}
		n += k
		if int64(n) == st.Size {
			// As big as its stat said and one byte short of the buffer: a
			// regular file's read falls short only at its end, so the read
			// that would say so (once per file of a build) is left out.
			break
		}
	}
	if int64(n) > max {
		return nil, tooBig(max), nil, true
	}
	return buf[:n], "", nil, true
}

// openSize opens a file of the folder once, without following a link
// (nor waiting on a FIFO), for its size: three system calls where opening
// it through the fs.FS took seven. ok is false where the general path
// must answer instead.
func (d DirFS) openSize(name string) (size int64, err error, ok bool) {
	if !fs.ValidPath(name) {
		return 0, nil, false
	}
	file := filepath.Join(d.root, filepath.FromSlash(name))
	fd, err := syscall.Open(file, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return 0, &fs.PathError{Op: "open", Path: name, Err: err}, true
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return 0, &fs.PathError{Op: "stat", Path: name, Err: err}, true
	}
	return st.Size, nil, true
}
