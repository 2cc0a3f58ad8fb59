// Package cache keeps what a build needs to make the next one warm: the
// content hashes of the inputs, the key each output was made from, and the
// size and time of each output file as the build left it. It lives in a
// hidden folder beside the output folder (.public.cache beside public).
// The previous output's files are the output folder itself and the one
// it replaced, kept in the cache folder as spare (spare.go): a warm build
// fills the spare, keeping its files that did not change, links others
// unchanged from the output folder and makes the rest, then swaps it in,
// so the swap stays atomic.
//
// The cache never decides what an output depends on: the generator gives
// each output a Key made from the hashes of the inputs it reads, and asks
// whether the previous file was made from the same Key.
package cache

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/panorama-ssg/panorama/internal/binrec"
	"github.com/panorama-ssg/panorama/internal/folder"
	"github.com/panorama-ssg/panorama/internal/parallel"
)

// Key identifies what an output was made from: a hash of its inputs.
type Key [16]byte

// Hasher makes a Key from parts written in order. It gathers them in a
// buffer and hashes each full one, so that hashing thousands of files'
// names and keys does not grow one buffer to hold them all.
type Hasher struct {
	buf []byte
	sum hash.Hash // nil until a buffer was full
}

// hasherBuffer is the size at which a Hasher hashes what it gathered.
const hasherBuffer = 4 << 10

// grow makes room for n more bytes, hashing the buffer if it is full.
func (h *Hasher) grow(n int) {
	if h.buf == nil {
		h.buf = make([]byte, 0, max(256, n))
		return
	}
	if len(h.buf)+n > hasherBuffer && len(h.buf) > 0 {
		if h.sum == nil {
			h.sum = sha256.New()
		}
		h.sum.Write(h.buf)
		h.buf = h.buf[:0]
	}
}

// String adds s, its length first so "ab"+"c" differs from "a"+"bc".
func (h *Hasher) String(s string) *Hasher {
	h.grow(len(s) + 21)
	h.buf = strconv.AppendInt(h.buf, int64(len(s)), 10)
	h.buf = append(h.buf, ':')
	h.buf = append(h.buf, s...)
	return h
}

// Key adds another key.
func (h *Hasher) Key(k Key) *Hasher {
	h.grow(len(k))
	h.buf = append(h.buf, k[:]...)
	return h
}

// Bool adds b.
func (h *Hasher) Bool(b bool) *Hasher {
	h.grow(1)
	if b {
		h.buf = append(h.buf, 1)
	} else {
		h.buf = append(h.buf, 0)
	}
	return h
}

// Int adds n.
func (h *Hasher) Int(n int) *Hasher {
	h.grow(21)
	h.buf = strconv.AppendInt(h.buf, int64(n), 10)
	h.buf = append(h.buf, ';')
	return h
}

// Sum is the key of everything added.
func (h *Hasher) Sum() Key {
	if h.sum == nil {
		return hashOf(h.buf)
	}
	h.sum.Write(h.buf)
	h.buf = h.buf[:0]
	var k Key
	copy(k[:], h.sum.Sum(nil))
	return k
}

// Bytes is the key of b alone.
func Bytes(b []byte) Key { return hashOf(b) }

func hashOf(b []byte) Key {
	sum := sha256.Sum256(b)
	var k Key
	copy(k[:], sum[:])
	return k
}

// File is an input file's hashes. A Markdown or YAML file that starts
// with front matter between "---" lines has its front matter and its body
// hashed apart, since many outputs read the one and not the other.
type File struct {
	Front, Body Key
}

// Name is the folder the cache of output folder out is kept in.
func Name(out string) string {
	out = filepath.Clean(out)
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".cache")
}

// marker is in every cache folder, so a folder of that name that Panorama
// did not make is neither read nor written.
const marker = ".panorama-cache"

// format changes whenever the manifest's meaning does.
const format = "panorama-cache 3"

type input struct {
	Size  int64
	Mtime int64 // nanoseconds
	File  File
}

type output struct {
	Key   Key
	Size  int64
	Mtime int64
}

// exeStat is where the executable was and its size and time: while they
// stay the same, its key is the manifest's and need not be computed.
type exeStat struct {
	Path        string
	Size, Mtime int64
}

func currentExe() exeStat {
	exe, err := os.Executable()
	if err != nil {
		return exeStat{}
	}
	fi, err := os.Stat(exe)
	if err != nil {
		return exeStat{}
	}
	return exeStat{Path: exe, Size: fi.Size(), Mtime: fi.ModTime().UnixNano()}
}

type manifest struct {
	Format  string
	Program Key // the executable that wrote it
	Exe     exeStat
	Out     string
	Saved   int64 // when, in nanoseconds
	Inputs  map[string]input
	Outputs map[string]output
	// HasSpare is set when the cache holds the output folder the build
	// replaced (see spare.go), whose files are those of Outputs but for
	// SpareDiff: the entries that differ, nil where the spare has none.
	HasSpare  bool
	SpareDiff map[string]*output
}

// Cache is one build's view of the cache: what the last build left, and
// what this one finds.
type Cache struct {
	dir  string
	seen os.FileInfo // the manifest as Open read it
	out  string
	prev *manifest // nil for a cold build
	next *manifest
	// The spare folder's files this build keeps, and whether the
	// folder it replaced went to be the next build's spare.
	kept   sync.Map // output path -> output, kept in the spare folder
	spared bool
	// usable is false when the folder is not Panorama's: nothing is read
	// from it or written to it.
	usable bool
}

// Open reads the cache kept for output folder out. A missing cache means a
// cold build; a cache that cannot be read, or was written by another
// version of Panorama or for another output, is set aside and its note
// says why. Open never fails: the worst cache is no cache.
func Open(out string) (c *Cache, note string) {
	out = filepath.Clean(out)
	c = &Cache{dir: Name(out), out: out, usable: true}
	c.next = &manifest{Format: format, Exe: currentExe(), Out: out, Inputs: map[string]input{}, Outputs: map[string]output{}}
	defer func() {
		// The executable's key, unless the last build's is this same
		// file unchanged.
		if c.prev != nil && c.prev.Exe == c.next.Exe && c.next.Exe.Path != "" {
			c.next.Program = c.prev.Program
		} else {
			c.next.Program = program()
		}
	}()
	fi, err := os.Lstat(c.dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return c, ""
	case err != nil:
		c.usable = false
		return c, fmt.Sprintf("cache %s: %v; building without it", c.dir, err)
	case !fi.IsDir():
		c.usable = false
		return c, fmt.Sprintf("cache %s is not a folder; building without it and not writing one", c.dir)
	}
	if mi, err := os.Lstat(filepath.Join(c.dir, marker)); err != nil || !mi.Mode().IsRegular() {
		c.usable = false
		return c, fmt.Sprintf("cache %s was not written by Panorama (no %s in it); building without it and not writing one", c.dir, marker)
	}
	m, err := readManifest(filepath.Join(c.dir, "manifest"))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return c, "" // a build was stopped while saving: cold
	case err != nil:
		return c, fmt.Sprintf("cache %s cannot be read (%v); building cold", c.dir, err)
	case m.Format != format || (m.Exe != c.next.Exe && m.Program != program()):
		return c, "" // another version of Panorama: its outputs may differ
	case m.Out != out:
		return c, fmt.Sprintf("cache %s was made for %s; building cold", c.dir, m.Out)
	}
	c.prev = m
	c.seen, _ = os.Stat(filepath.Join(c.dir, "manifest"))
	return c, ""
}

// Recheck forgets the last build's outputs if another build saved the
// cache since Open; a build calls it once it holds the output folder's
// lock, before it reuses any file.
func (c *Cache) Recheck() {
	if c.prev == nil {
		return
	}
	fi, err := os.Stat(filepath.Join(c.dir, "manifest"))
	if err != nil || c.seen == nil || !os.SameFile(fi, c.seen) || fi.ModTime() != c.seen.ModTime() || fi.Size() != c.seen.Size() {
		c.prev = nil
	}
}

func readManifest(file string) (*manifest, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	r := binrec.NewReader(data)
	m := &manifest{Format: r.Str()}
	if r.Err() != nil {
		return nil, r.Err()
	}
	if m.Format != format {
		return m, nil // another version's: Open sets it aside
	}
	copy(m.Program[:], r.Fixed(len(m.Program)))
	m.Exe = exeStat{Path: r.Str(), Size: r.Int(), Mtime: r.Int()}
	m.Out, m.Saved = r.Str(), r.Int()
	n := r.Num()
	m.Inputs = make(map[string]input, min(n, r.Len()/40))
	for range n {
		rel := r.Str()
		in := input{Size: r.Int(), Mtime: r.Int()}
		copy(in.File.Front[:], r.Fixed(len(in.File.Front)))
		copy(in.File.Body[:], r.Fixed(len(in.File.Body)))
		m.Inputs[rel] = in
	}
	n = r.Num()
	m.Outputs = make(map[string]output, min(n, r.Len()/24))
	for range n {
		p := r.Str()
		var o output
		copy(o.Key[:], r.Fixed(len(o.Key)))
		o.Size, o.Mtime = r.Int(), r.Int()
		m.Outputs[p] = o
	}
	m.HasSpare = r.Bool()
	n = r.Num()
	if n > 0 {
		m.SpareDiff = make(map[string]*output, min(n, r.Len()/2))
	}
	for range n {
		p := r.Str()
		var o *output
		if r.Bool() {
			o = new(output)
			copy(o.Key[:], r.Fixed(len(o.Key)))
			o.Size, o.Mtime = r.Int(), r.Int()
		}
		m.SpareDiff[p] = o
	}
	if r.Err() != nil {
		return nil, r.Err()
	}
	if r.Len() != 0 {
		return nil, errors.New("manifest with bytes after its tables")
	}
	return m, nil
}

// writeManifest writes m for readManifest.
func writeManifest(bw *bufio.Writer, m *manifest) error {
	w := binrec.NewWriter(bw)
	w.Str(m.Format)
	w.Fixed(m.Program[:])
	w.Str(m.Exe.Path)
	w.Int(m.Exe.Size)
	w.Int(m.Exe.Mtime)
	w.Str(m.Out)
	w.Int(m.Saved)
	w.Num(len(m.Inputs))
	for rel, in := range m.Inputs {
		w.Str(rel)
		w.Int(in.Size)
		w.Int(in.Mtime)
		w.Fixed(in.File.Front[:])
		w.Fixed(in.File.Body[:])
	}
	w.Num(len(m.Outputs))
	for p, o := range m.Outputs {
		w.Str(p)
		w.Fixed(o.Key[:])
		w.Int(o.Size)
		w.Int(o.Mtime)
	}
	w.Bool(m.HasSpare)
	w.Num(len(m.SpareDiff))
	for p, o := range m.SpareDiff {
		w.Str(p)
		w.Bool(o != nil)
		if o != nil {
			w.Fixed(o.Key[:])
			w.Int(o.Size)
			w.Int(o.Mtime)
		}
	}
	return w.Err()
}

// Warm tells whether the last build's outputs can be reused.
func (c *Cache) Warm() bool { return c.prev != nil }

// program is the key of the running executable: the code it was built
// from, since a program built from changed code makes other outputs.
var program = sync.OnceValue(func() Key {
	exe, err := os.Executable()
	if err != nil {
		return Key{}
	}
	data, err := os.ReadFile(exe)
	if err != nil {
		return Key{}
	}
	bi, _ := debug.ReadBuildInfo()
	return ProgramKey(data, bi)
})

// ProgramKey hashes an executable's bytes but for what stamps the commit
// it was built at: the build ids, the version-control settings and the
// version made from them. A site's own repository is commonly the one it
// is built in, and a commit of content must not make the next build cold.
// The bytes are hashed as they are, around what is left out: copying
// the executable once for each stamp was a tenth of a first build's page
// faults.
func ProgramKey(data []byte, bi *debug.BuildInfo) Key {
	var skip []stamp
	if f, err := elf.NewFile(bytes.NewReader(data)); err == nil {
		for _, sec := range f.Sections {
			if sec.Type == elf.SHT_NOTE && sec.Offset+sec.Size <= uint64(len(data)) {
				skip = append(skip, stamp{int(sec.Offset), int(sec.Offset + sec.Size), true})
			}
		}
	}
	if bi != nil {
		var texts [][]byte
		for _, s := range bi.Settings {
			if strings.HasPrefix(s.Key, "vcs.") {
				texts = append(texts, []byte("build\t"+s.Key+"="+s.Value+"\n"))
			}
		}
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			texts = append(texts, []byte(v))
		}
		for _, t := range texts {
			for at := 0; ; {
				i := bytes.Index(data[at:], t)
				if i < 0 {
					break
				}
				skip = append(skip, stamp{at + i, at + i + len(t), false})
				at += i + len(t)
			}
		}
	}
	slices.SortFunc(skip, func(a, b stamp) int { return a.from - b.from })
	h := sha256.New()
	var zeros [4096]byte
	at := 0
	for _, s := range skip {
		if s.to <= at { // within one left out already
			continue
		}
		s.from = max(s.from, at)
		h.Write(data[at:s.from])
		for n := s.to - s.from; s.zero && n > 0; n -= min(n, len(zeros)) {
			h.Write(zeros[:min(n, len(zeros))])
		}
		at = s.to
	}
	h.Write(data[at:])
	var k Key
	copy(k[:], h.Sum(nil))
	return k
}

// stamp is a part of an executable its key leaves out: hashed as zeros
// (a note section, which keeps its place) or not at all (a stamped text).
type stamp struct {
	from, to int
	zero     bool
}

// Inputs hashes every file under the given folders of src (slash-separated
// paths relative to src), reading only the files whose size or time
// changed since the last build. A folder that is not there has no files.
func (c *Cache) Inputs(src string, dirs ...string) (map[string]File, error) {
	// The folders are listed first, then the files looked at (and those
	// that changed read) on every core: ten thousand calls to stat take
	// a warm build's time. Each is looked at by name in its open folder.
	all, folders, err := listInputs(src, dirs)
	defer func() {
		for _, f := range folders {
			f.Close()
		}
	}()
	if err != nil {
		return nil, err
	}
	parallel.ForN(len(all), 2*runtime.GOMAXPROCS(0), func(i int) {
		f := &all[i]
		size, mtime, _, err := folders[f.dir].Stat(filepath.Base(f.path))
		if err != nil {
			f.err = err
			return
		}
		f.in = input{Size: size, Mtime: mtime}
		if old, ok := c.prevInput(f.rel); ok && old.Size == f.in.Size && old.Mtime == f.in.Mtime {
			f.in.File = old.File
		} else {
			f.in.File, f.err = hashIn(folders[f.dir], f.path, size)
		}
	})
	files := make(map[string]File, len(all))
	for _, f := range all {
		if f.err != nil {
			return nil, f.err
		}
		c.next.Inputs[f.rel] = f.in
		files[f.rel] = f.in.File
	}
	return files, nil
}

// inputFile is a file Inputs found: its path, its path relative to the
// site, and its folder (an index in the folders listInputs opened).
type inputFile struct {
	path, rel string
	dir       int
	in        input
	err       error
}

// listInputs lists the regular files under the given folders of src, and
// opens their folders; the caller closes those, even with an error.
func listInputs(src string, dirs []string) ([]inputFile, []*folder.Folder, error) {
	var all []inputFile
	var folders []*folder.Folder
	byPath := map[string]int{} // folder path -> index in folders
	for _, d := range dirs {
		root := filepath.Join(src, filepath.FromSlash(d))
		err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				if p == root && errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			if e.IsDir() {
				f, err := folder.Open(p)
				if err != nil {
					return err
				}
				byPath[p] = len(folders)
				folders = append(folders, f)
				return nil
			}
			if !e.Type().IsRegular() {
				return nil // links are the loader's to refuse
			}
			rel, err := filepath.Rel(src, p)
			if err != nil {
				return err
			}
			all = append(all, inputFile{path: p, rel: filepath.ToSlash(rel), dir: byPath[filepath.Dir(p)]})
			return nil
		})
		if err != nil {
			return nil, folders, err
		}
	}
	return all, folders, nil
}

// Stat is the size and time Inputs found input file rel at, in
// nanoseconds; ok is false for a file it did not find.
func (c *Cache) Stat(rel string) (size, mtime int64, ok bool) {
	in, ok := c.next.Inputs[rel]
	return in.Size, in.Mtime, ok
}

// splitAbove is the size above which a file is hashed whole, streamed:
// front matter is only split from Markdown and YAML files, which the
// loader takes up to 4 MB.
const splitAbove = 4 << 20

// readAbove is the size above which a file is not read at all: more than
// any file the loader takes (64 MB).
const readAbove = 64 << 20

// hashIn hashes the file at p, of the given size, in its open folder dir.
func hashIn(dir *folder.Folder, p string, size int64) (File, error) {
	if size > readAbove {
		// The loader refuses such a file by its size before reading it,
		// and so does the cache: hashing it would take its time.
		var h Hasher
		return File{Front: h.String("size").Int(int(size)).String(p).Sum()}, nil
	}
	if size <= splitAbove {
		data, err := dir.ReadFile(filepath.Base(p), size)
		if pe, ok := err.(*fs.PathError); ok {
			pe.Path = p
		}
		if err != nil {
			return File{}, err
		}
		return HashFile(data), nil
	}
	f, err := os.Open(p)
	if err != nil {
		return File{}, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return File{}, err
	}
	var k Key
	copy(k[:], h.Sum(nil))
	return File{Front: k}, nil
}

// prevInput is the last build's entry for an input, unless the file could
// have changed within the same clock tick as that build saved it.
func (c *Cache) prevInput(rel string) (input, bool) {
	if c.prev == nil {
		return input{}, false
	}
	in, ok := c.prev.Inputs[rel]
	if !ok || in.Mtime >= c.prev.Saved-int64(2*time.Second) {
		return input{}, false
	}
	return in, true
}

// HashFile hashes a file, its front matter and body apart when it has
// front matter.
func HashFile(data []byte) File {
	front, body, ok := splitFront(data)
	if !ok {
		return File{Front: hashOf(data)}
	}
	return File{Front: hashOf(front), Body: hashOf(body)}
}

// splitFront splits data after the line "---" that closes the front matter
// opened by its first line.
func splitFront(data []byte) (front, body []byte, ok bool) {
	first, rest, found := bytes.Cut(data, []byte("\n"))
	if !found || string(bytes.TrimRight(first, "\r")) != "---" {
		return nil, nil, false
	}
	at := len(first) + 1
	for len(rest) > 0 {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		at += len(line) + 1
		if string(bytes.TrimRight(line, "\r")) == "---" {
			at = min(at, len(data))
			return data[:at], data[at:], true
		}
		rest = after
	}
	return nil, nil, false
}

// Previous returns the file the last build wrote at output path p (slash
// separated) if it was made from key k and is still as that build left
// it; else ok is false and the output must be made.
func (c *Cache) Previous(p string, k Key) (file string, ok bool) {
	if c.prev == nil {
		return "", false
	}
	o, found := c.prev.Outputs[p]
	if !found || o.Key != k {
		return "", false
	}
	file = filepath.Join(c.out, filepath.FromSlash(p))
	fi, err := os.Lstat(file)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != o.Size || !sameSecond(fi.ModTime().UnixNano(), o.Mtime) {
		return "", false
	}
	return file, true
}

// Known tells whether the last build wrote output path p from key k,
// without looking at the file.
func (c *Cache) Known(p string, k Key) bool {
	if c.prev == nil {
		return false
	}
	o, ok := c.prev.Outputs[p]
	return ok && o.Key == k
}

// makeDir makes the cache folder with its marker.
func (c *Cache) makeDir() error {
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(c.dir, marker), []byte("This folder is Panorama's build cache; removing it only makes the next build cold.\n"), 0o644)
}

// Left returns the file the last build left at output path p, whatever
// it was made from, if it is still as that build left it.
func (c *Cache) Left(p string) (file string, ok bool) {
	if c.prev == nil {
		return "", false
	}
	o, found := c.prev.Outputs[p]
	if !found {
		return "", false
	}
	return c.Previous(p, o.Key)
}

// Unkeyed lists the outputs the last build recorded with no key (the zero
// Key): those it made from everything, its zips, which a build reads
// ahead. Left still tells whether each is as that build left it.
func (c *Cache) Unkeyed() []string {
	if c.prev == nil {
		return nil
	}
	var paths []string
	for p, o := range c.prev.Outputs {
		if o.Key == (Key{}) {
			paths = append(paths, p)
		}
	}
	return paths
}

// sameSecond compares file times to the second: an archive that keeps an
// output folder between runs (a CI cache) may keep no finer time. The
// output folder is replaced whole by every build; a file edited there in
// place within the same second and to the same size would go unnoticed.
func sameSecond(a, b int64) bool {
	return a/int64(time.Second) == b/int64(time.Second)
}

// Save records the outputs now in the output folder, each with the key it
// was made from, for the next build; linked tells the files this build
// linked from the last, whose size and time are known, and written the
// size and time of those it wrote (the others are looked at: in a first
// build, 12,000 calls to lstat at the end took 0.1 s). It is called after
// the new output is in place; a build stopped while saving leaves no
// manifest, so the next build is cold rather than wrong.
func (c *Cache) Save(keys map[string]Key, linked func(p string) bool, written func(p string) (Written, bool)) error {
	if !c.usable {
		return nil
	}
	if err := c.makeDir(); err != nil {
		return err
	}
	man := filepath.Join(c.dir, "manifest")
	if err := os.Remove(man); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if len(c.next.Outputs) == 0 {
		c.next.Outputs = make(map[string]output, len(keys))
	}
	for p, k := range keys {
		if v, ok := c.kept.Load(p); ok && v.(output).Key == k {
			c.next.Outputs[p] = v.(output) // kept in the spare folder: its size and time
			continue
		}
		if c.prev != nil {
			if o, ok := c.prev.Outputs[p]; ok && o.Key == k && linked(p) {
				c.next.Outputs[p] = o // the very file, linked: its size and time
				continue
			}
		}
		if f, ok := written(p); ok {
			c.next.Outputs[p] = output{Key: k, Size: f.Size, Mtime: f.Mtime}
			continue
		}
		fi, err := os.Lstat(filepath.Join(c.out, filepath.FromSlash(p)))
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		c.next.Outputs[p] = output{Key: k, Size: fi.Size(), Mtime: fi.ModTime().UnixNano()}
	}
	c.recordSpare()
	c.next.Saved = time.Now().UnixNano()
	return c.Write("manifest", func(w *bufio.Writer) error { return writeManifest(w, c.next) })
}

// Written is the size and modification time, in nanoseconds, of an output
// file a build wrote, as it was once written.
type Written struct{ Size, Mtime int64 }

// Read returns the bytes stored under name by the last build; an error
// means there are none to use. Readers keep strings that share the bytes,
// which nothing changes. They are read, not mapped: in the heap's huge
// pages a warm build's scattered reads of them took 10-20 ms of CPU less
// than in the file's 4 KB pages, and less memory (populated mappings
// counted whole).
func (c *Cache) Read(name string) ([]byte, error) {
	if c.prev == nil {
		return nil, fs.ErrNotExist
	}
	return os.ReadFile(filepath.Join(c.dir, name))
}

// Write stores what write writes under name for the next build, replacing
// the file whole. What is stored must carry its own checks: the next build
// may find it from any earlier build.
func (c *Cache) Write(name string, write func(*bufio.Writer) error) error {
	if !c.usable {
		return nil
	}
	if err := c.makeDir(); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(c.dir, name+"-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriterSize(tmp, 1<<20)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(c.dir, name))
}
