package generator

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestBuildWritesEveryPageKind(t *testing.T) {
	b := newSite(t, minimalSite).mustBuild()
	b.assertFile("index.html", "<h1>Test Report</h1>", `href="report/01-intro.html"`,
		`href="projects/acme.html"`, `href="layers/infra/compute.html"`, `lang="en"`)
	b.assertFile("report/01-intro.html", "Chapter 1 of 2", `<h2 id="why">Why</h2>`,
		`href="../projects/acme.html"`, `href="../report/02-more.html#details"`,
		`rel="next" href="../report/02-more.html"`, `href="#why"`)
	b.assertFile("report/02-more.html", `rel="prev" href="../report/01-intro.html"`, "! rel=\"next\"")
	b.assertFile("projects.html", "Acme Compute", "Bolt Agents", `href="layers/apps/agents.html"`)
	b.assertFile("projects/acme.html", "<h1>Acme Compute</h1>", "Rents GPUs.", "Acme body.",
		`href="https://acme.example"`, `<li>gpu</ul>`, `href="../layers/infra/compute.html"`)
	b.assertFile("layers/infra.html", "<h1>Infrastructure</h1>", "Acme Compute", "Chains")
	b.assertFile("layers/infra/chains.html", "No project is mapped to this section yet.")
	b.assertFile("layers/apps/agents.html", "Bolt Agents")
	b.assertFile("404.html", "Page not found", `href="index.html"`)
	b.assertFile(".nojekyll")
	b.assertFile("robots.txt", "User-agent: *", "! Sitemap")
	b.assertFile("assets/style.css", "--layer")
	if _, err := os.Stat(filepath.Join(b.out, "sitemap.xml")); err == nil {
		t.Error("sitemap.xml written without a base URL")
	}
	b.assertFile("embed.html", `<textarea id="code-embed/map.html"`)
	b.assertFile("embed/layers/infra/compute.html", "Acme Compute", `<base target="_top">`)
	b.assertFile("badges/compute.svg", "Listed in Test Report")
	if _, err := os.Stat(filepath.Join(b.out, "badges", "acme.svg")); err == nil {
		t.Error("a badge per project: one per section is enough")
	}
	// home, charts, 2 chapters, projects index, 2 projects, 2 layers, 3
	// sections, print, 404; the embed page and 5 views (the map, 2 layers,
	// the 2 sections with projects)
	if b.res.Pages != 20 {
		t.Errorf("pages = %d, want 20", b.res.Pages)
	}
}

func TestBaseURLAddsSitemapAndCanonical(t *testing.T) {
	b := newSite(t, minimalSite).mustBuild(func(o *Options) { o.BaseURL = "https://example.github.io/report" })
	b.assertFile("sitemap.xml", "<loc>https://example.github.io/report/</loc>",
		"<loc>https://example.github.io/report/projects/acme.html</loc>", "! 404")
	b.assertFile("robots.txt", "Sitemap: https://example.github.io/report/sitemap.xml")
	b.assertFile("projects/acme.html", `<link rel="canonical" href="https://example.github.io/report/projects/acme.html">`)
	// 404.html is served at any depth on GitHub Pages, so its links are absolute.
	b.assertFile("404.html", `href="https://example.github.io/report/projects.html"`, `href="https://example.github.io/report/assets/style.css"`)
}

func TestDraftsOnlyWithFlag(t *testing.T) {
	draft := `
-- content/projects/ghost.md --
---
name: Ghost
layer: infra
section: compute
summary: Not yet public.
website: https://ghost.example
draft: true
---
`
	b := newSite(t, minimalSite, draft).mustBuild()
	b.assertFile("index.html", "! Ghost")
	if _, err := os.Stat(filepath.Join(b.out, "projects/ghost.html")); err == nil {
		t.Error("draft project page written without --drafts")
	}
	b.mustBuild(func(o *Options) { o.Drafts = true })
	b.assertFile("projects/ghost.html", "Not yet public.")
}

func TestSiteTemplateOverridesEmbedded(t *testing.T) {
	b := newSite(t, minimalSite, `
-- templates/project.html --
{{define "main"}}CUSTOM {{.Project.Name}}|{{.Project.Section.Name}}{{end}}
-- templates/partials/footer.html --
<footer>my footer <a href="{{.To "feed"}}">feed</a> <a href="{{.To "home"}}">home</a></footer>
-- templates/assets/extra.css --
body{}
`).mustBuild()
	b.assertFile("projects/acme.html", "CUSTOM Acme Compute|Compute", "my footer", `href="../feed.xml"`, `href="../index.html"`)
	b.assertFile("index.html", "my footer", "Test Report")
	b.assertFile("assets/extra.css", "body{}")
	b.assertFile("assets/style.css", "--layer")
}

func TestBrokenTemplateFailsBuild(t *testing.T) {
	b := newSite(t, minimalSite, "-- templates/index.html --\n{{define \"main\"}}{{.Nope\n")
	b.build().assertErrors("index.html:1")
	// A link to an output that does not exist is a template error too.
	b = newSite(t, minimalSite, "-- templates/index.html --\n{{define \"main\"}}<a href=\"{{.To \"fead\"}}\">feed</a>{{end}}\n")
	b.build().assertErrors(`no output named "fead"`)
}

func TestStaticFilesCopiedVerbatim(t *testing.T) {
	b := newSite(t, minimalSite, `
-- content/static/logos/acme.svg --
<svg xmlns="http://www.w3.org/2000/svg"/>
-- content/static/CNAME --
report.example.org
-- content/projects/acme.md --
---
name: Acme Compute
layer: infra
section: compute
summary: Rents GPUs.
website: https://acme.example
logo: logos/acme.svg
---
![diagram](../static/logos/acme.svg)
`).mustBuild()
	b.assertFile("CNAME", "report.example.org")
	b.assertFile("logos/acme.svg", "<svg")
	b.assertFile("projects/acme.html", `src="../logos/acme.svg"`)
}

func TestRawHTMLInMarkdownIsDropped(t *testing.T) {
	b := newSite(t, minimalSite, `
-- content/report/02-more.md --
---
title: More
weight: 2
---
<script>alert(1)</script>

Safe [link](javascript:alert(1)) and ~~gone~~ and a footnote[^1].

- [x] done

[^1]: The note.
`).mustBuild()
	b.assertFile("report/02-more.html", "! <script>alert(1)", "! javascript:", "<del>gone</del>",
		`type="checkbox"`, `class="footnotes"`)
}

func TestHostileProjectDataIsText(t *testing.T) {
	b := newSite(t, minimalSite, `
-- content/projects/acme.md --
---
name: "</script><script>alert(1)</script>"
layer: infra
section: compute
summary: "<img src=x onerror=alert(1)>"
website: https://acme.example/?q="><script>
tags: ["<b>bold</b>"]
---
`).mustBuild()
	for _, page := range []string{"index.html", "projects.html", "projects/acme.html", "layers/infra/compute.html"} {
		b.assertFile(page, "! <script>alert", "! <img src=x", "! <b>bold")
	}
	b.assertFile("projects/acme.html", "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;")
}

func TestBuildIsDeterministic(t *testing.T) {
	b := newSite(t, minimalSite).mustBuild()
	first := snapshot(t, b.out)
	b.mustBuild()
	second := snapshot(t, b.out)
	if len(first) != len(second) {
		t.Fatalf("file count changed: %d then %d", len(first), len(second))
	}
	for name, data := range first {
		if !bytes.Equal(data, second[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[rel] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestDefaultSiteLinksResolve builds this repository's own report and checks
// that every internal href and src of every page names an existing file,
// relative to the page, so the site works from file:// and under a subpath;
// and the same of the copy in the zip, unpacked, which a reader reads with
// no network at all.
func TestDefaultSiteLinksResolve(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: "..", Out: out, BaseURL: "https://example.github.io/report/"}); err != nil {
		t.Fatal(err)
	}
	assertLinksResolve(t, out)
	zips, _ := filepath.Glob(filepath.Join(out, "*.zip"))
	if len(zips) != 1 {
		t.Fatalf("want the report's zip, found %q", zips)
	}
	name := filepath.Base(zips[0])
	copyDir := filepath.Join(unzip(t, zips[0]), strings.TrimSuffix(name, ".zip"))
	assertLinksResolve(t, copyDir)
	// The copy is the site less the way to download it.
	home, err := os.ReadFile(filepath.Join(copyDir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(home, []byte(name)) || !bytes.Contains(home, []byte(`<footer class="site-footer">`)) {
		t.Errorf("the zip's home page still offers the zip, or lost its footer")
	}
	// Each other language has its own zip, of its pages and the shared
	// files, whose links resolve unpacked (no switcher to pages it lacks).
	others, _ := filepath.Glob(filepath.Join(out, "*", "*.zip"))
	if len(others) != 1 {
		t.Fatalf("want the Chinese pages' zip, found %q", others)
	}
	name = filepath.Base(others[0])
	copyDir = filepath.Join(unzip(t, others[0]), strings.TrimSuffix(name, ".zip"))
	assertLinksResolve(t, copyDir)
	if _, err := os.Stat(filepath.Join(copyDir, "index.html")); err == nil {
		t.Error("the Chinese zip holds the English pages")
	}
	zhHome, err := os.ReadFile(filepath.Join(copyDir, "zh", "index.html"))
	if err != nil || bytes.Contains(zhHome, []byte(`class="lang-switch"`)) {
		t.Errorf("the Chinese zip's home page is missing or offers the switcher (%v)", err)
	}
}

// assertLinksResolve checks every internal href and src of the pages in dir.
func assertLinksResolve(t *testing.T, out string) {
	t.Helper()
	assertSomeLinksResolve(t, out, 50)
}

// assertSomeLinksResolve checks the links of a site of at least min pages.
func assertSomeLinksResolve(t *testing.T, out string, min int) {
	t.Helper()
	pages := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		if p == filepath.Join(out, "404.html") {
			return nil // served at any depth, so links from the root by design; checked in TestBaseURLAddsSitemapAndCanonical
		}
		pages++
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, ref := range refs(string(data)) {
			if strings.HasPrefix(ref, "https://") || strings.HasPrefix(ref, "http://") || strings.HasPrefix(ref, "#") {
				continue
			}
			if strings.HasPrefix(ref, "/") {
				t.Errorf("%s: root-relative reference %q breaks under a subpath", p, ref)
				continue
			}
			target, _, _ := strings.Cut(ref, "#")
			fi, err := os.Stat(filepath.Join(filepath.Dir(p), filepath.FromSlash(target)))
			if err != nil {
				t.Errorf("%s: %q does not resolve: %v", p, ref, err)
			} else if fi.IsDir() {
				t.Errorf("%s: %q names a folder, which file:// does not open as a page", p, ref)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < min {
		t.Errorf("%s: checked %d pages, want the whole report (%d+)", out, pages, min)
	}
}

// unzip unpacks a zip into a new temporary folder, as a reader would.
func unzip(t *testing.T, file string) string {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	dir := t.TempDir()
	for _, f := range zr.File {
		if !filepath.IsLocal(f.Name) {
			t.Fatalf("zip entry %q leaves the folder", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// refs returns the href and src attribute values of an HTML page.
func refs(page string) []string {
	var out []string
	for _, attr := range []string{` href="`, ` src="`} {
		rest := page
		for {
			i := strings.Index(rest, attr)
			if i < 0 {
				break
			}
			rest = rest[i+len(attr):]
			j := strings.IndexByte(rest, '"')
			out = append(out, rest[:j])
			rest = rest[j:]
		}
	}
	return out
}

// The builder serve uses reads again only what it is told changed, as the
// file watcher tells it, and sees files come and go.
func TestBuilderRebuildsWhatChanged(t *testing.T) {
	b := newSite(t, minimalSite)
	builder, err := NewBuilder(Options{Source: b.dir})
	if err != nil {
		t.Fatal(err)
	}
	// page rebuilds, serves p, and says how many bodies and pages that
	// rendered.
	page := func(p string) (got string, bodies, pages int64) {
		t.Helper()
		before := builder.bodies.renders.Load()
		site, _, err := builder.Build()
		if err != nil {
			t.Fatal(err)
		}
		data, ok, err := site.File(p)
		if err != nil || !ok {
			t.Fatalf("%s: %v %v", p, ok, err)
		}
		return string(data), builder.bodies.renders.Load() - before, site.pageRenders.Load()
	}
	if got, bodies, _ := page("projects/acme.html"); !strings.Contains(got, "Rents GPUs.") || bodies < 3 {
		t.Fatalf("first build: %d bodies rendered", bodies)
	}
	acme := filepath.Join(b.dir, "content/projects/acme.md")
	src, err := os.ReadFile(acme)
	must(t, err)
	must(t, os.WriteFile(acme, []byte(strings.Replace(string(src), "Rents GPUs.", "Rents TPUs.", 1)), 0o644))
	builder.Changed("content/projects/acme.md")
	// An edit of the front matter renders no body again, only the page
	// asked for; an edit of the body, that one body.
	if got, bodies, pages := page("projects/acme.html"); !strings.Contains(got, "Rents TPUs.") || bodies != 0 || pages != 1 {
		t.Errorf("a summary edit: shows %v, rendered %d bodies and %d pages; want it shown, 0 and 1", strings.Contains(got, "Rents TPUs."), bodies, pages)
	}
	must(t, os.WriteFile(acme, []byte(strings.Replace(strings.Replace(string(src), "Rents GPUs.", "Rents TPUs.", 1), "Acme body.", "Acme text.", 1)), 0o644))
	builder.Changed("content/projects/acme.md")
	if got, bodies, pages := page("projects/acme.html"); !strings.Contains(got, "Acme text.") || bodies != 1 || pages != 1 {
		t.Errorf("a body edit: shows %v, rendered %d bodies and %d pages; want it shown, 1 and 1", strings.Contains(got, "Acme text."), bodies, pages)
	}
	// Nothing changed: nothing rendered again but the page asked for.
	if _, bodies, pages := page("projects/acme.html"); bodies != 0 || pages != 1 {
		t.Errorf("a rebuild with no change rendered %d bodies and %d pages", bodies, pages)
	}
	must(t, os.WriteFile(filepath.Join(b.dir, "content/projects/cobalt.md"), []byte("---\nname: Cobalt\nlayer: infra\nsection: chains\nsummary: New.\nwebsite: https://cobalt.example\n---\n"), 0o644))
	builder.Changed("content/projects/cobalt.md")
	if got, _, _ := page("layers/infra/chains.html"); !strings.Contains(got, "Cobalt") {
		t.Error("a new project does not show")
	}
	// A chapter's body, saved with a change and then as it was.
	more := filepath.Join(b.dir, "content/report/02-more.md")
	moreSrc, err := os.ReadFile(more)
	must(t, err)
	must(t, os.WriteFile(more, []byte(strings.Replace(string(moreSrc), "## Details", "## Particulars", 1)), 0o644))
	builder.Changed("content/report/02-more.md")
	if got, _, _ := page("report/02-more.html"); !strings.Contains(got, "Particulars") {
		t.Error("a chapter's edited body does not show")
	}
	must(t, os.WriteFile(more, moreSrc, 0o644))
	builder.Changed("content/report/02-more.md")
	if got, _, _ := page("report/02-more.html"); !strings.Contains(got, "Details") || strings.Contains(got, "Particulars") {
		t.Error("a chapter's body saved back as it was does not show")
	}
	// Templates are kept between builds until templates/ changes.
	must(t, os.MkdirAll(filepath.Join(b.dir, "templates/assets"), 0o755))
	must(t, os.WriteFile(filepath.Join(b.dir, "templates/assets/extra.css"), []byte("p{}"), 0o644))
	builder.Changed("templates/assets/extra.css")
	if got, _, _ := page("assets/extra.css"); got != "p{}" {
		t.Errorf("a new asset: %q", got)
	}
	must(t, os.Remove(filepath.Join(b.dir, "content/projects/bolt.md")))
	builder.Changed("content/projects/bolt.md")
	site, _, err := builder.Build()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := site.File("projects/bolt.html"); ok {
		t.Error("a deleted project still has a page")
	}
	// A link to a project that is gone is an error, even in a chapter that
	// did not change (its rendering was cached).
	os.Remove(acme)
	builder.Changed("content/projects/acme.md")
	if _, _, err := builder.Build(); err == nil || !strings.Contains(err.Error(), "content/projects/acme.md is not a chapter or project") {
		t.Errorf("a link to a deleted project: %v", err)
	}
}

// This repository's own report passes check with no problem at all, so
// what the pull-request workflow enforces holds on main too.
func TestDefaultSitePassesCheck(t *testing.T) {
	r, err := Check(Options{Source: ".."})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Problems) > 0 || r.Projects == 0 {
		t.Errorf("%d projects; problems:\n%v", r.Projects, r.Problems)
	}
}

// The header is rendered once per depth, kind and layer and reused: every
// page must still mark its own place in the navigation, and links must
// start from its own folder.
func TestReusedHeaderFitsEveryPage(t *testing.T) {
	b := newSite(t, minimalSite, `
-- templates/partials/badge.html --
<p class="badge">{{.Title}}</p>
-- templates/chapter.html --
{{define "main"}}{{.Cached "partials/badge.html" .Title}}{{.Cached "partials/badge.html"}}{{end}}
`).mustBuild()
	infra := `class="lc-infra" href="../layers/infra.html" aria-current="page"`
	apps := `href="../layers/apps.html" aria-current="page"`
	b.assertFile("projects/acme.html", infra, "! "+apps, `<a class="brand" href="../index.html">`, `<a href="../print.html">Whole report`)
	b.assertFile("projects/bolt.html", apps, "! aria-current=\"page\">Infrastructure")
	b.assertFile("layers/infra/compute.html", `href="../../layers/infra.html" aria-current="page"`, `<a class="brand" href="../../index.html">`)
	b.assertFile("projects.html", `href="projects.html" aria-current="page">Projects`, "! "+infra)
	b.assertFile("report/01-intro.html", `aria-current="page">Report`, "! aria-current=\"page\">Projects")
	b.assertFile("index.html", "! aria-current")
	// The links to the layers take their colours from the style sheet.
	b.assertFile("assets/style.css", ".lc-infra { --layer: #006cd1; }", "[data-icon=")
	// With the title as a variant each chapter gets its own; without one,
	// both chapters (same depth) show whichever was rendered first.
	first, second := b.file("report/01-intro.html"), b.file("report/02-more.html")
	own := func(page, title string) bool { return strings.Contains(page, "<p class=\"badge\">"+title+"</p>\n<p") }
	if !own(first, "Introduction") || !own(second, "More") {
		t.Error("a partial cached with the title as variant is not the page's own")
	}
	shared := func(page string) string {
		i := strings.LastIndex(page, `<p class="badge">`)
		return page[i : i+strings.Index(page[i:], "</p>")]
	}
	if a, b := shared(first), shared(second); a != b {
		t.Errorf("a partial cached without variants differs between pages of one depth: %q, %q", a, b)
	}
}

// A project page lists the twelve projects that follow it in its section
// by name, wrapping around at the end, each linked within its folder.
func TestProjectPageListsTheNextTwelve(t *testing.T) {
	var site strings.Builder
	site.WriteString(minimalSite)
	for i := 1; i <= 15; i++ {
		fmt.Fprintf(&site, "-- content/projects/n%02d.md --\n---\nname: N%02d\nlayer: infra\nsection: compute\nsummary: S.\nwebsite: https://n%02d.example\n---\n", i, i, i)
	}
	b := newSite(t, site.String()).mustBuild()
	links := func(names ...string) string {
		var out strings.Builder
		out.WriteString(`<ul class="others">`)
		for _, n := range names {
			slug := strings.ToLower(n)
			if n == "Acme Compute" {
				slug = "acme"
			}
			fmt.Fprintf(&out, `<li><a href="%s.html">%s</a>`, slug, n)
		}
		return out.String() + "</ul>"
	}
	// The section in name order: Acme Compute, N01 … N15.
	b.assertFile("projects/acme.html", links("N01", "N02", "N03", "N04", "N05", "N06", "N07", "N08", "N09", "N10", "N11", "N12"))
	b.assertFile("projects/n01.html", links("N02", "N03", "N04", "N05", "N06", "N07", "N08", "N09", "N10", "N11", "N12", "N13"))
	b.assertFile("projects/n10.html", links("N11", "N12", "N13", "N14", "N15", "Acme Compute", "N01", "N02", "N03", "N04", "N05", "N06"))
	b.assertFile("projects/n15.html", links("Acme Compute", "N01", "N02", "N03", "N04", "N05", "N06", "N07", "N08", "N09", "N10", "N11"))
	b.assertFile("projects/bolt.html", "! class=\"others\"")
}

// Counts on pages read as words: a section of one project says
// "1 project", the home page "2 projects".
func TestCountsOnPages(t *testing.T) {
	b := newSite(t, minimalSite).mustBuild()
	b.assertFile("layers/infra/compute.html", `<p class="facts">1 project</p>`)
	b.assertFile("layers/infra.html", `2 sections · 1 project</p>`)
	b.assertFile("index.html", `2 projects · 2 layers · 2 chapters`)
}

// Every project the source study names is on the site, marked as named in
// the report, in every section the study gives it (issue 16). The list is
// read from the study's text (the seed report's infrastructure and middle
// layers; its text ends before it names application projects).
func TestSourceProjectsInTheirSections(t *testing.T) {
	named := map[string][]string{
		"io-net": {"compute"}, "hyperbolic": {"compute"}, "compute-labs": {"compute"},
		"sahara-ai": {"ai-chains", "data", "models"}, "bittensor": {"ai-chains"},
		"fetch-ai": {"dev-platforms"}, "chainml": {"dev-platforms"}, "nimble": {"dev-platforms"},
		"ait-protocol": {"data"}, "sentient": {"models"},
	}
	out := filepath.Join(t.TempDir(), "public") // the report itself, not the fixture
	if _, err := Build(Options{Source: "..", Out: out, NoZip: true}); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(out, "projects.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Projects []struct {
			Slug     string   `json:"slug"`
			Sections []string `json:"sections"`
			InReport bool     `json:"in_report"`
		} `json:"projects"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	inReport := 0
	for _, p := range doc.Projects {
		if p.InReport {
			inReport++
		}
		want, ok := named[p.Slug]
		if !ok {
			continue
		}
		delete(named, p.Slug)
		if !p.InReport {
			t.Errorf("%s is named in the study but not marked in_report", p.Slug)
		}
		for _, sec := range want {
			if !slices.Contains(p.Sections, sec) {
				t.Errorf("%s is not in section %s, where the study places it (sections %v)", p.Slug, sec, p.Sections)
			}
			page, err := os.ReadFile(filepath.Join(out, "layers", layerOf(t, sec), sec+".html"))
			if err != nil || !bytes.Contains(page, []byte("projects/"+p.Slug+".html")) {
				t.Errorf("the %s section page does not list %s (%v)", sec, p.Slug, err)
			}
		}
	}
	for slug := range named {
		t.Errorf("%s, named in the study, is not on the site", slug)
	}
	if inReport != 10 {
		t.Errorf("%d projects marked in_report; the study names 10", inReport)
	}
}

func layerOf(t *testing.T, section string) string {
	t.Helper()
	switch section {
	case "compute", "ai-chains", "dev-platforms":
		return "infrastructure"
	case "data", "models", "inference":
		return "middle"
	}
	return "application"
}

// A project page lists the other projects of its section, each linked from
// the page's folder and named as escaped text; a site's own link partial
// replaces the default one.
func TestProjectPageListsItsNeighbours(t *testing.T) {
	const more = `
-- content/projects/crate.md --
---
name: Crate <b>&</b> Co
layer: infra
section: compute
summary: Stores things.
website: https://crate.example
---
-- content/projects/dyn.md --
---
name: Dyn Compute
layer: infra
section: compute
summary: Schedules jobs.
website: https://dyn.example
---
`
	b := newSite(t, minimalSite, more).mustBuild()
	// The neighbours are pages in the same folder, linked by name alone.
	b.assertFile("projects/acme.html", `<ul class="others"><li><a href="crate.html">Crate &lt;b&gt;&amp;&lt;/b&gt; Co</a><li><a href="dyn.html">Dyn Compute</a></ul>`)
	b.assertFile("projects/dyn.html", `<ul class="others"><li><a href="acme.html">Acme Compute</a><li><a href="crate.html">`)
	own := newSite(t, minimalSite, more, `
-- templates/partials/project-link.html --
<li class="mine"><a href="{{$.Page.URL .Project.Path}}">{{.Project.Name}} ({{.Project.Summary}})</a></li>`).mustBuild()
	own.assertFile("projects/acme.html", `<li class="mine"><a href="../projects/dyn.html">Dyn Compute (Schedules jobs.)</a></li>`)
}
