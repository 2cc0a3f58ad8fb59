package content

import (
	"bytes"
	"testing"
	"testing/fstest"
)

// FuzzSplit: the splitter never panics, and a split joined back gives the
// input (minus a byte-order mark).
func FuzzSplit(f *testing.F) {
	for _, s := range []string{"---\na: 1\n---\nbody", "---\n---\n", "---\r\nx: y\r\n---\r\n", "no", "---\n", "---\na\n...\nb", "\ufeff---\nq: 1\n---\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		front, body, fmLine, bodyLine, err := Split(src)
		if err != nil {
			return
		}
		if fmLine != 2 || bodyLine < 3 {
			t.Fatalf("lines %d %d", fmLine, bodyLine)
		}
		in := bytes.TrimPrefix(src, []byte("\ufeff"))
		if !bytes.HasPrefix(in, []byte("---")) || !bytes.HasSuffix(in, body) || !bytes.Contains(in, front) {
			t.Fatalf("parts do not join back: %q -> %q + %q", src, front, body)
		}
	})
}

// FuzzProject: loading any project file never panics and gives either a
// complete project or problems that all carry the file's name and a line.
// Seeds live in testdata/fuzz/FuzzProject as well as here.
func FuzzProject(f *testing.F) {
	f.Add([]byte(project(okProject)))
	f.Add([]byte("---\nname: [\n---\n"))
	f.Add([]byte("---\n- a\n- b\n---\n"))
	f.Add([]byte("---\nname: &a x\nlayer: *a\ntags: {a: b}\n---\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{
			"content/site.yaml":        {Data: []byte(siteYAML)},
			"content/projects/acme.md": {Data: src},
		}
		set, err := Load(fsys, Options{})
		if err != nil {
			t.Fatal(err)
		}
		err = set.Validate()
		for _, p := range set.problems {
			if p.Pos.File != "content/projects/acme.md" || p.Pos.Line < 1 {
				t.Fatalf("problem without the file and a line: %v", p)
			}
		}
		if err != nil || len(set.Projects) == 0 {
			if err == nil && !bytes.Contains(src, []byte("draft")) {
				t.Fatal("no project and no error")
			}
			return
		}
		p := set.Projects[0]
		if p.Name == "" || p.Layer == nil || p.Section == nil || p.Summary == "" || checkURL(p.Website) != nil {
			t.Fatalf("valid project with missing parts: %+v", p)
		}
	})
}
