package issueform

import (
	"bytes"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// withFile is a site's files with one more, held in memory: the site as
// it will be once the file is written, to check before writing. Links and
// modes of the other files are the site's own (Lstat and ReadLink pass
// through), so the checks that refuse links still see them.
type withFile struct {
	fs.FS
	name string
	data []byte
}

func (w withFile) Open(name string) (fs.File, error) {
	if name == w.name {
		return &memFile{Reader: bytes.NewReader(w.data), info: w.info()}, nil
	}
	return w.FS.Open(name)
}

func (w withFile) Stat(name string) (fs.FileInfo, error) {
	if name == w.name {
		return w.info(), nil
	}
	return fs.Stat(w.FS, name)
}

func (w withFile) Lstat(name string) (fs.FileInfo, error) {
	if name == w.name {
		return w.info(), nil
	}
	return fs.Lstat(w.FS, name)
}

func (w withFile) ReadLink(name string) (string, error) {
	if name == w.name {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrInvalid}
	}
	return fs.ReadLink(w.FS, name)
}

func (w withFile) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(w.FS, name)
	if err != nil || name != path.Dir(w.name) {
		return entries, err
	}
	entries = slices.DeleteFunc(entries, func(e fs.DirEntry) bool { return e.Name() == path.Base(w.name) })
	entries = append(entries, fs.FileInfoToDirEntry(w.info()))
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

func (w withFile) info() fs.FileInfo { return memInfo{path.Base(w.name), int64(len(w.data))} }

type memFile struct {
	*bytes.Reader
	info fs.FileInfo
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Close() error               { return nil }

type memInfo struct {
	name string
	size int64
}

func (i memInfo) Name() string       { return i.name }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) Mode() fs.FileMode  { return 0o644 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }
