package output

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
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
		packed, ok := dataOf(data, e)
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
