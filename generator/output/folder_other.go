//go:build !linux

package output

import (
	"os"
	"path/filepath"
)

// folder is a folder whose files are looked at by name.
type folder struct{ path string }

func openFolder(p string) (*folder, error) { return &folder{path: p}, nil }

// stat is the size and modification time, in nanoseconds, of the file
// name in the folder, not following a link, and whether it is a regular
// file.
func (f *folder) stat(name string) (size, mtime int64, regular bool, err error) {
	fi, err := os.Lstat(filepath.Join(f.path, name))
	if err != nil {
		return 0, 0, false, err
	}
	return fi.Size(), fi.ModTime().UnixNano(), fi.Mode().IsRegular(), nil
}

func (f *folder) close() {}
