package content

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// maxFileSize is the largest content file (site.yaml, a chapter, a project)
// Panorama reads: far more than any real one, small enough that a file
// cannot exhaust memory.
const maxFileSize = MaxFileSize

// MaxFileSize is the largest content file Panorama reads, for readers
// outside this package (the schema's and the issue form's copies).
const MaxFileSize = 4 << 20

// ReadRegular reads a file that must be a regular file inside the site:
// a symbolic link could point anywhere on the editor's machine (or at
// /dev/zero), and a FIFO would block for ever. It reads at most max bytes
// and says so past that. The problem is for the file's owner to fix; the
// error is for a file that could not be read at all.
func ReadRegular(fsys fs.FS, name string, max int64) ([]byte, string, error) {
	if d, ok := fsys.(DirFS); ok {
		if data, msg, err, ok := d.readRegular(name, max); ok {
			return data, msg, err
		}
	}
	if msg := notRegular(fsys, name); msg != "" {
		return nil, msg, nil
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	// Said before reading: a sparse file of any size costs nothing to make.
	info, err := f.Stat()
	if err == nil && info.Size() > max {
		return nil, tooBig(max), nil
	}
	var data []byte
	if err == nil {
		data, err = readSized(f, info.Size(), max)
	} else {
		data, err = io.ReadAll(io.LimitReader(f, max+1))
	}
	if err != nil {
		return nil, "", err
	}
	if int64(len(data)) > max {
		return nil, tooBig(max), nil
	}
	return data, "", nil
}

// readSized reads a file of the size its Stat gave into a buffer of that
// size and one byte more, which sees the end in one read: growing a buffer
// from 512 bytes took several reads a file. A file that grew since is read
// on, to max+1 bytes.
func readSized(f fs.File, size, max int64) ([]byte, error) {
	buf := make([]byte, size+1)
	n, err := io.ReadFull(f, buf)
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		return buf[:n], nil
	case err != nil:
		return nil, err
	}
	rest, err := io.ReadAll(io.LimitReader(f, max+1-int64(n)))
	return append(buf, rest...), err
}

func tooBig(max int64) string {
	if max == MaxStaticSize {
		return fmt.Sprintf("is over %d MB; static files and templates are limited to that size", max>>20)
	}
	return fmt.Sprintf("is over %d MB; content files are limited to that size", max>>20)
}

// MaxStaticSize bounds a static file or template: far above any logo or
// image a report shows, small enough that a build's memory stays bounded.
const MaxStaticSize = 64 << 20

// notRegular says why name is not a regular file of the site's own, or "".
// A folder on its path that is a link is as bad as the file being one:
// content/editions linked to an outside folder would publish its files.
// Where the file system cannot tell links apart (fstest.MapFS), files are
// taken as they are.
func notRegular(fsys fs.FS, name string) string {
	if dir := linkedFolder(fsys, path.Dir(name)); dir != "" {
		return linkedFolderMsg(dir)
	}
	info, err := fs.Lstat(fsys, name)
	if errors.Is(err, errors.ErrUnsupported) {
		info, err = fs.Stat(fsys, name)
	}
	if err != nil {
		return "" // reading it reports the error
	}
	return modeProblem(info.Mode())
}

func linkedFolderMsg(dir string) string {
	return fmt.Sprintf("is in %s, a symbolic link to another folder, which could publish or read anything on this machine; make it a folder of the site", dir)
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

// linkedFolder returns the first folder of dir's path (dir included,
// from the top) that is a symbolic link, or "".
func linkedFolder(fsys fs.FS, dir string) string {
	if dir == "." || dir == "" {
		return ""
	}
	end := 0
	for end < len(dir) {
		next := strings.IndexByte(dir[end+1:], '/')
		if next < 0 {
			end = len(dir)
		} else {
			end += 1 + next
		}
		info, err := fs.Lstat(fsys, dir[:end])
		if err != nil {
			return "" // missing, or links cannot be told apart
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			return dir[:end]
		}
	}
	return ""
}

// LinkedFolder is linkedFolder for a folder on disk below root: the first
// folder of rel's path that is a symbolic link, or "". Panorama writes
// into the site (editions, project files, translations) only where it is
// "".
func LinkedFolder(root, rel string) string {
	return linkedFolder(os.DirFS(root), path.Clean(filepath.ToSlash(rel)))
}

// checkRoot reports a site folder that is itself a symbolic link, or lies
// in one: walking it would publish or read whatever it points to.
func checkRoot(fsys fs.FS, dir string, ps *Problems) bool {
	if linked := linkedFolder(fsys, dir); linked != "" {
		ps.add(Pos{File: linked}, KindStaticLink, "%s", modeProblem(fs.ModeSymlink))
		return false
	}
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

// ErrLinked marks a walk refused because its folder is, or lies in, a
// symbolic link.
var ErrLinked = errors.New("is a symbolic link")

// LinkedError is a folder of the site that is a symbolic link.
type LinkedError string

func (e LinkedError) Error() string        { return string(e) + ": " + linkedMsg }
func (e LinkedError) Is(target error) bool { return target == ErrLinked }

const linkedMsg = "is a symbolic link to another folder, which could publish or read anything on this machine; make it a folder of the site"

// WalkExisting is fs.WalkDir for a folder that may not be there: a missing
// root holds nothing. Errors below the root still reach fn. A root that is
// or lies in a symbolic link is not walked: the error is a *fs.PathError
// that matches ErrLinked (errors.Is), naming the link.
func WalkExisting(fsys fs.FS, root string, fn fs.WalkDirFunc) error {
	if linked := linkedFolder(fsys, root); linked != "" {
		return LinkedError(linked)
	}
	return fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil && p == root && errors.Is(err, fs.ErrNotExist) {
			return fs.SkipDir
		}
		return fn(p, d, err)
	})
}

// WriteNew creates the file rel (slash-separated) in the site folder root
// with data, making its folder; it never replaces a file that exists
// (O_EXCL: not even one made at the same moment, nor a link), and never
// writes through a folder of the site that is a symbolic link.
func WriteNew(root, rel string, data []byte) error {
	if linked := LinkedFolder(root, path.Dir(rel)); linked != "" {
		return fmt.Errorf("%w; not writing %s through it", LinkedError(linked), rel)
	}
	file := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; not replacing it", rel)
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

// WriteOver writes the file rel (slash-separated) in the site folder root
// with data, replacing the file that is there: through a temporary file
// renamed into place, never through a link (the file's or a folder's).
func WriteOver(root, rel string, data []byte) error {
	if linked := LinkedFolder(root, path.Dir(rel)); linked != "" {
		return fmt.Errorf("%w; not writing %s through it", LinkedError(linked), rel)
	}
	file := filepath.Join(root, filepath.FromSlash(rel))
	if info, err := os.Lstat(file); err == nil && !info.Mode().IsRegular() {
		return fmt.Errorf("%s %s; not replacing it", rel, modeProblem(info.Mode()))
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// ReadFile reads a file the editor names on the command line (an import's
// landscape.yml, an issue's body): a link is followed, since the editor
// chose it, but what it names must be a regular file of at most max bytes,
// checked before reading, so a pipe cannot hang and /dev/zero cannot fill
// memory.
func ReadFile(name string, max int64) ([]byte, error) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file (a device, pipe, socket or folder)", name)
	}
	if info.Size() > max {
		return nil, fmt.Errorf("%s is %d MB, over the %d MB Panorama reads of it", name, info.Size()>>20, max>>20)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err == nil && int64(len(data)) > max {
		err = fmt.Errorf("%s is over the %d MB Panorama reads of it", name, max>>20)
	}
	return data, err
}
