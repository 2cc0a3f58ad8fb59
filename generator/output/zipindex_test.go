package output

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The central directory as Copy reads it says what archive/zip says of
// a zip Panorama wrote, and the data it finds is the entry's; a zip it
// did not write is refused.
func TestReadDirectoryAgreesWithArchiveZip(t *testing.T) {
	file := filepath.Join(t.TempDir(), "site.zip")
	names := []string{"index.html", "projects/acme.html", "zh/projects/中文.html", "empty.txt"}
	z, err := NewZip(file, "site.zip", "2026-12-07", len(names))
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range names {
		z.Add(i, n, [][]byte{bytes.Repeat([]byte(n+" "), i*100)}, nil)
	}
	if err := z.Finish(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	ours, err := readDirectory(data)
	if err != nil {
		t.Fatal(err)
	}
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if len(ours) != len(r.File) {
		t.Fatalf("%d entries read; archive/zip reads %d", len(ours), len(r.File))
	}
	for _, f := range r.File {
		e, ok := ours[f.Name]
		date, clock := f.ModifiedDate, f.ModifiedTime
		if !ok || e.method != f.Method || e.crc != f.CRC32 || e.csize != f.CompressedSize64 || e.usize != f.UncompressedSize64 ||
			e.date != date || e.time != clock || !bytes.Equal(e.extra, f.Extra) {
			t.Errorf("%s: read %+v; archive/zip says %+v", f.Name, e, f.FileHeader)
			continue
		}
		packed, _, ok := dataOf(data, e)
		raw, err := f.OpenRaw()
		if err != nil {
			t.Fatal(err)
		}
		want, _ := io.ReadAll(raw)
		if !ok || !bytes.Equal(packed, want) {
			t.Errorf("%s: data not the entry's", f.Name)
		}
	}
	for name, bad := range map[string][]byte{
		"cut short":    data[:len(data)-1],
		"with comment": append(append(bytes.Clone(data[:len(data)-2]), 3, 0), "abc"...),
		"not a zip":    []byte("not a zip at all, but longer than an end record"),
	} {
		if _, err := readDirectory(bad); err == nil {
			t.Errorf("%s: read without an error", name)
		}
	}
}

// A zip made partly from an earlier one is the zip made afresh, byte for
// byte, and its copied entries were copied file to file: the earlier
// zip's entries, headers included, are spliced in runs.
func TestZipFromAnEarlierOneIsTheSame(t *testing.T) {
	dir := t.TempDir()
	names := []string{"index.html", "a.html", "tiny.txt", "b.html", "changed.html", "c.html", "empty.txt", "d.html"}
	content := func(n string, round int) []byte {
		switch n {
		case "empty.txt":
			return nil
		case "tiny.txt":
			return []byte("x")
		case "changed.html":
			return bytes.Repeat([]byte(fmt.Sprintf("round %d ", round)), 500)
		}
		return bytes.Repeat([]byte(n+" "), 300)
	}
	var spliced int64 // bytes the last build copied from the earlier zip
	build := func(file string, round int, prev *Previous) (copied int) {
		t.Helper()
		z, err := NewZip(file, "site.zip", "2026-12-07", len(names))
		if err != nil {
			t.Fatal(err)
		}
		for i, n := range names {
			if prev != nil && n != "changed.html" && prev.Copy(z, i, n) {
				copied++
				continue
			}
			z.Add(i, n, [][]byte{content(n, round)}, nil)
		}
		if err := z.Finish(); err != nil {
			t.Fatal(err)
		}
		spliced = z.sw.copied
		return copied
	}
	first, fresh, warm := filepath.Join(dir, "1.zip"), filepath.Join(dir, "2.zip"), filepath.Join(dir, "2w.zip")
	build(first, 1, nil)
	build(fresh, 2, nil)
	prev, err := OpenPrevious(first)
	if err != nil {
		t.Fatal(err)
	}
	defer prev.Close()
	if prev.file == nil {
		t.Fatal("the earlier zip was not opened for copying")
	}
	if n := build(warm, 2, prev); n != len(names)-1 {
		t.Fatalf("copied %d entries, want %d", n, len(names)-1)
	}
	a, _ := os.ReadFile(fresh)
	b, _ := os.ReadFile(warm)
	if !bytes.Equal(a, b) {
		t.Fatalf("the zip made from the earlier one (%d bytes) differs from the one made afresh (%d bytes)", len(b), len(a))
	}
	// Every copied entry, small ones too, header and data, was spliced.
	dir2, err := readDirectory(b)
	if err != nil {
		t.Fatal(err)
	}
	var want int64
	for name, e := range dir2 {
		if packed, at, ok := dataOf(b, e); ok && !strings.HasSuffix(name, "/changed.html") {
			want += at + int64(len(packed)) - int64(e.header)
		}
	}
	if spliced != want {
		t.Fatalf("%d bytes copied from the earlier zip; its unchanged entries are %d", spliced, want)
	}
}

// The splicing writer copies the earlier file's bytes only where the
// bytes written are those it was told to expect, and equal to them.
func TestSpliceWriterWritesWhatItIsGiven(t *testing.T) {
	dir := t.TempDir()
	srcFile := filepath.Join(dir, "src")
	src := []byte("0123456789abcdefghijklmnopqrstuvwxyz")
	if err := os.WriteFile(srcFile, src, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(srcFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	prev := &Previous{data: bytes.Clone(src), file: f}
	out, err := os.Create(filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	w := newSpliceWriter(out)
	var want []byte
	write := func(p string) {
		w.Write([]byte(p))
		want = append(want, p...)
	}
	write("456") // nothing expected: written
	w.expect(prev, 4)
	write("456") // as expected: copied
	write("789ab")
	write("cdefghij") // still as expected: one run
	if len(w.lit) != 0 || w.from != 4 || w.to != 20 {
		t.Fatalf("after three expected writes: run [%d, %d) and %q pending; want the run [4, 20) alone", w.from, w.to, w.lit)
	}
	write("zzz") // not what is expected: written, and nothing expected after
	write("nop") // src's bytes next to the run, but not expected: written
	w.expect(prev, 30)
	write("uvw")  // a new run
	write("xyz0") // past the end: written
	w.expect(prev, 0)
	write("0123x") // not equal: written
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	out.Close()
	got, _ := os.ReadFile(filepath.Join(dir, "out"))
	if !bytes.Equal(got, want) {
		t.Fatalf("wrote %q, want %q", got, want)
	}
	if w.copied != 16+3 {
		t.Fatalf("copied %d bytes from the earlier file, want 19", w.copied)
	}
}

// A zip read ahead is taken only while it is the very file read, as it
// was: not once it is written again, touched, or replaced by another.
func TestPreviousIsTheFileItRead(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "site.zip")
	write := func(path, text string) {
		z, err := NewZip(path, "site.zip", "2026-12-07", 1)
		if err != nil {
			t.Fatal(err)
		}
		z.Add(0, "index.html", [][]byte{[]byte(text)}, nil)
		if err := z.Finish(); err != nil {
			t.Fatal(err)
		}
	}
	open := func() *Previous {
		write(file, "first")
		p, err := OpenPrevious(file)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { p.Close() })
		if !p.Is(file) {
			t.Fatal("a zip just read is not the file it read")
		}
		return p
	}
	later := time.Now().Add(time.Hour)
	for _, c := range []struct {
		name   string
		change func()
	}{
		{"written again in place", func() {
			f, err := os.OpenFile(file, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if _, err := f.WriteAt([]byte("PK\x03\x04 changed"), 0); err != nil {
				t.Fatal(err)
			}
			if err := os.Chtimes(file, later, later); err != nil {
				t.Fatal(err)
			}
		}},
		{"touched", func() {
			if err := os.Chtimes(file, later, later); err != nil {
				t.Fatal(err)
			}
		}},
		{"replaced", func() {
			other := filepath.Join(dir, "other.zip")
			write(other, "first")
			st, err := os.Stat(file)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Chtimes(other, st.ModTime(), st.ModTime()); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(other, file); err != nil {
				t.Fatal(err)
			}
		}},
		{"removed", func() {
			if err := os.Remove(file); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		p := open()
		c.change()
		if p.Is(file) {
			t.Errorf("%s: still taken for the file it read", c.name)
		}
	}
}
