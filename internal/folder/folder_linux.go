package folder

import (
	"errors"

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

// Close lets the folder go.
func (f *Folder) Close() { unix.Close(f.fd) }
