package content

import (
	"bytes"
	"errors"
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
		if p.Name == "" || p.Layer == nil || p.Section == nil || checkURL(p.Website) != nil {
			t.Fatalf("valid project with missing parts: %+v", p)
		}
	})
}

// FuzzLoader: any site.yaml, project and chapter together load, validate
// and check against the schema without panicking, in bounded work, and
// every problem names one of the three files.
func FuzzLoader(f *testing.F) {
	f.Add([]byte(siteYAML), []byte(project(okProject)), []byte("---\ntitle: Intro\n---\n## Hi\n\nText [x](../projects/acme.md).\n"))
	f.Add([]byte(siteYAML+"fields:\n  - {id: level, type: enum, values: [a, b], filter: true}\naccept:\n  - kind: missing-summary\n"),
		[]byte(project(okProject+"level: c\nalso_in: [agents, nope]\n")), []byte("---\ntitle: [\n---\n"))
	f.Add([]byte("title: T\nlayers: *x\n"), []byte("---\nname: &a [*a]\n---\n"), []byte("no front matter"))
	f.Fuzz(func(t *testing.T, site, proj, chapter []byte) {
		files := map[string]bool{SiteFile: true, "content/projects/acme.md": true, "content/report/01-intro.md": true}
		fsys := fstest.MapFS{
			SiteFile:                     {Data: site},
			"content/projects/acme.md":   {Data: proj},
			"content/report/01-intro.md": {Data: chapter},
		}
		set, err := Load(fsys, Options{Drafts: true})
		if err != nil {
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("load failed without problems: %v", err)
			}
			return
		}
		_ = set.Validate()
		all := set.Problems()
		schema, err := set.SchemaProblems(all)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, schema...)
		all = append(all, set.EmptySections()...)
		for _, p := range set.Accept(all, true) {
			if !files[p.Pos.File] {
				t.Fatalf("problem without one of the files: %v", p)
			}
			if p.Kind == "" {
				t.Fatalf("problem without a kind: %v", p)
			}
		}
		_ = Schema(set.Site)
	})
}
