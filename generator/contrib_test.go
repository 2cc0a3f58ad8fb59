package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copySite copies a test site into a temporary folder to change it there.
func copySite(t *testing.T, from string) string {
	t.Helper()
	to := filepath.Join(t.TempDir(), "site")
	err := os.CopyFS(to, os.DirFS(from))
	if err != nil {
		t.Fatal(err)
	}
	return to
}

// With repo: in site.yaml, chapter and project pages link GitHub's editor
// for their source and a new issue about it; without, no page does.
func TestEditLinks(t *testing.T) {
	plain := filepath.Join(t.TempDir(), "plain")
	if _, err := Build(Options{Source: filepath.Join("testdata", "report"), Out: plain, NoZip: true}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"projects/io-net.html", "report/02-ai-development.html", "index.html"} {
		if strings.Contains(readOut(t, plain, p), "Edit this page") {
			t.Errorf("%s has edit links without repo:", p)
		}
	}

	src := copySite(t, filepath.Join("testdata", "report"))
	site := filepath.Join(src, "content", "site.yaml")
	yaml, err := os.ReadFile(site)
	if err != nil {
		t.Fatal(err)
	}
	yaml = append(yaml, "repo:\n  url: https://github.com/owner/report\n  branch: release/2026\n  dir: site\n"...)
	if err := os.WriteFile(site, yaml, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: src, Out: out, NoZip: true}); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string][]string{
		"projects/io-net.html": {
			`<a href="https://github.com/owner/report/edit/release/2026/site/content/projects/io-net.md" rel="noopener external">Edit this page</a>`,
			`<a href="https://github.com/owner/report/issues/new?body=About&#43;%60site%2Fcontent%2Fprojects%2Fio-net.md%60%3A%0A%0A&amp;title=Suggested&#43;change%3A&#43;Project&#43;IO.NET" rel="noopener external">Suggest a change</a>`,
		},
		"report/02-ai-development.html": {`href="https://github.com/owner/report/edit/release/2026/site/content/report/02-ai-development.md"`},
	} {
		page := readOut(t, out, p)
		for _, w := range want {
			if !strings.Contains(page, w) {
				t.Errorf("%s lacks %s", p, w)
			}
		}
	}
	if strings.Contains(readOut(t, out, "index.html"), "Edit this page") {
		t.Error("the home page, made from no one file, has edit links")
	}
}
