package issueform

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/internal/scaffold"
)

// body is an issue as GitHub writes a filled form, with name as the
// project's name and the starter site's first section.
func body(t *testing.T, dir, name string) string {
	t.Helper()
	set, err := content.Load(os.DirFS(dir), content.Options{Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	l := set.Site.Layers[0]
	return "### Name\n\n" + name + "\n\n### Section\n\n" + sectionOption(l, l.Sections[0]) +
		"\n\n### Summary\n\nDoes one thing well.\n\n### Website\n\nhttps://named.example\n\n### GitHub\n\n_No response_\n\n### X handle\n\n_No response_\n\n### Token\n\n_No response_\n\n### Tags\n\n_No response_\n"
}

// A name from the form, whatever its length or spelling, becomes a file
// every system can store, or a problem said against the form's label;
// never a raw error from the file system.
func TestFromIssueNames(t *testing.T) {
	for _, c := range []struct{ name, file, problem string }{
		{strings.Repeat("Very long project name ", 13), "content/projects/" + strings.Repeat("very-long-project-name-", 4) + "very.md", ""},
		{"CON", "content/projects/con-1.md", ""},
		{"nul.", "content/projects/nul-1.md", ""},
		{"../../etc/passwd", "content/projects/etc-passwd.md", ""},
		{"日本語", "content/projects/ri-ben-yu.md", ""},
		{"***", "", `Name: "***" gives no file name`},
	} {
		dir := filepath.Join(t.TempDir(), "site")
		if _, err := scaffold.Site(dir); err != nil {
			t.Fatal(err)
		}
		res, err := FromIssue(dir, body(t, dir, c.name), "2026-12-06")
		if err != nil {
			t.Fatalf("%q: %v", c.name, err)
		}
		if res.File != c.file || (c.problem != "" && (len(res.Problems) == 0 || !strings.HasPrefix(res.Problems[0], c.problem))) {
			t.Errorf("%q: file %q, problems %q; want %q, %q", c.name, res.File, res.Problems, c.file, c.problem)
		}
		if c.file != "" {
			if _, err := os.Stat(filepath.Join(dir, c.file)); err != nil {
				t.Errorf("%q: %v", c.name, err)
			}
		}
	}
}

// A form whose project check refuses is answered at the form's label, and
// nothing is written: the file is checked in memory, as the site would be
// with it.
func TestFromIssueChecksBeforeWriting(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := scaffold.Site(dir); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadDir(filepath.Join(dir, content.ProjectsDir))
	if err != nil {
		t.Fatal(err)
	}
	b := strings.Replace(body(t, dir, "Refused"), "https://named.example", "javascript:alert(1)", 1)
	res, err := FromIssue(dir, b, "2026-12-06")
	if err != nil {
		t.Fatal(err)
	}
	if res.Errors == 0 || res.File != "" || !strings.HasPrefix(strings.Join(res.Problems, "\n"), "Website: ") {
		t.Errorf("file %q, %d errors: %q", res.File, res.Errors, res.Problems)
	}
	after, err := os.ReadDir(filepath.Join(dir, content.ProjectsDir))
	if err != nil || len(after) != len(before) {
		t.Errorf("the projects folder had %d files and has %d (%v)", len(before), len(after), err)
	}
	// The same form with a good address is written.
	if res, err := FromIssue(dir, body(t, dir, "Accepted"), "2026-12-06"); err != nil || res.File != "content/projects/accepted.md" {
		t.Errorf("%v, %+v", err, res)
	}
}
