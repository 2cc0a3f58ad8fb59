package content

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// maxFileSize is the largest content file (site.yaml, a chapter, a project)
// Panorama reads: far more than any real one, small enough that a file
// cannot exhaust memory.
const maxFileSize = 4 << 20

// ReadRegular reads a file that must be a regular file inside the site:
// a symbolic link could point anywhere on the editor's machine (or at
// /dev/zero), and a FIFO would block for ever. It reads at most max bytes
// and says so past that. The problem is for the file's owner to fix; the
// error is for a file that could not be read at all.
func ReadRegular(fsys fs.FS, name string, max int64) ([]byte, string, error) {
	if msg := notRegular(fsys, name); msg != "" {
		return nil, msg, nil
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, "", err
	}
	if int64(len(data)) > max {
		return nil, fmt.Sprintf("is over %d MB; content files are limited to that size", max>>20), nil
	}
	return data, "", nil
}

// notRegular says why name is not a regular file of the site's own, or "".
// Where the file system cannot tell links apart (fstest.MapFS), files are
// taken as they are.
func notRegular(fsys fs.FS, name string) string {
	info, err := fs.Lstat(fsys, name)
	if errors.Is(err, errors.ErrUnsupported) {
		info, err = fs.Stat(fsys, name)
	}
	if err != nil {
		return "" // reading it reports the error
	}
	return modeProblem(info.Mode())
}

func modeProblem(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "is a symbolic link, which could publish or read anything on this machine; copy the file into the site instead"
	case m.IsDir():
		return ""
	case !m.IsRegular():
		return "is not a regular file (a device, pipe or socket); content must be ordinary files"
	}
	return ""
}

// checkRoot reports a site folder that is itself a symbolic link: walking
// it would publish or read whatever it points to.
func checkRoot(fsys fs.FS, dir string, ps *Problems) bool {
	info, err := fs.Lstat(fsys, dir)
	if errors.Is(err, errors.ErrUnsupported) || err != nil {
		return true
	}
	if msg := modeProblem(info.Mode()); msg != "" {
		ps.add(Pos{File: dir}, KindStaticLink, "%s", msg)
		return false
	}
	return true
}

// WalkExisting is fs.WalkDir for a folder that may not be there: a missing
// root holds nothing. Errors below the root still reach fn.
func WalkExisting(fsys fs.FS, root string, fn fs.WalkDirFunc) error {
	return fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil && p == root && errors.Is(err, fs.ErrNotExist) {
			return fs.SkipDir
		}
		return fn(p, d, err)
	})
}

// WriteNew creates file with data, making its folder; it never replaces a
// file that exists (O_EXCL: not even one made at the same moment).
func WriteNew(file string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; not replacing it", file)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(file)
		return err
	}
	return f.Close()
}
