package content

import (
	"io/fs"
	"os"
	"sync"
)

// DirFS is os.DirFS(root) that also knows its folder, so that ReadRegular
// can open a file once, without following a link, and check what it is on
// the open file: a third of the system calls of opening it through the
// fs.FS, which matters for reports of thousands of files.
type DirFS struct {
	fsys fs.FS
	root string
	// folders holds, while one load reads thousands of files from a few
	// folders, the folders found not to be links; nil outside a load.
	folders *sync.Map
}

// remembering is d checking each folder for links once: for one load.
// A folder replaced by a link during the load is read through for the
// rest of it, as one replaced between a check and an open always could.
func (d DirFS) remembering() DirFS {
	d.folders = new(sync.Map)
	return d
}

// linkedFolder is linkedFolder(d, dir), remembered during a load.
func (d DirFS) linkedFolder(dir string) string {
	if d.folders != nil {
		if _, ok := d.folders.Load(dir); ok {
			return ""
		}
	}
	linked := linkedFolder(d, dir)
	if linked == "" && d.folders != nil {
		d.folders.Store(dir, true)
	}
	return linked
}

// Dir returns the DirFS of the folder root.
func Dir(root string) DirFS { return DirFS{fsys: os.DirFS(root), root: root} }

// The methods of os.DirFS, which the fs helpers look for.

func (d DirFS) Open(name string) (fs.File, error)          { return d.fsys.Open(name) }
func (d DirFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(d.fsys, name) }
func (d DirFS) ReadFile(name string) ([]byte, error)       { return fs.ReadFile(d.fsys, name) }
func (d DirFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(d.fsys, name) }
func (d DirFS) Lstat(name string) (fs.FileInfo, error)     { return fs.Lstat(d.fsys, name) }
func (d DirFS) ReadLink(name string) (string, error)       { return fs.ReadLink(d.fsys, name) }
