package generator

// Hostile input (issue 15): files that would exhaust memory or hang a
// build, and folders that point outside the site. Each case builds on a
// site that has built once, and checks that check reports the problem
// with its file, that build fails with it, and that the previous output
// is left as it was.

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/generator/edition"
	"github.com/panorama-ssg/panorama/generator/markdown"
	"github.com/panorama-ssg/panorama/generator/page"
)

// within runs f and fails if it takes longer than limit or grows the heap
// past maxHeap: a watchdog for hangs and unbounded reads, not a measure.
func within(t *testing.T, limit time.Duration, maxHeap uint64, f func()) {
	t.Helper()
	// The heap is the process's: what earlier tests left is collected
	// first, and only growth past that counts against f.
	runtime.GC()
	var start runtime.MemStats
	runtime.ReadMemStats(&start)
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(limit)
	for {
		select {
		case <-done:
			return
		case <-deadline:
			t.Fatalf("still running after %s", limit)
		case <-tick.C:
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > start.HeapAlloc && m.HeapAlloc-start.HeapAlloc > maxHeap {
				// Let f finish (within its time) so the test's folders
				// are not removed under it, then fail.
				select {
				case <-done:
				case <-time.After(limit):
				}
				t.Fatalf("heap grew by %d MB", (m.HeapAlloc-start.HeapAlloc)>>20)
			}
		}
	}
}

func TestHostileFiles(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "id_rsa"), []byte("PRIVATE KEY"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		setup func(t *testing.T, dir string)
		want  []string // in check's problems, each "file: message start"
		// builds: the build may succeed (within bounds): the file is one
		// only check reads, or its problems are warnings.
		builds bool
		heap   uint64 // the most the heap may grow to; 256 MB if 0
	}{
		{"project linked to /dev/zero", func(t *testing.T, dir string) {
			must(t, os.Symlink("/dev/zero", filepath.Join(dir, "content/projects/zero.md")))
		}, []string{"content/projects/zero.md: is a symbolic link"}, false, 0},
		{"chapter that is a FIFO", func(t *testing.T, dir string) {
			must(t, syscall.Mkfifo(filepath.Join(dir, "content/report/03-pipe.md"), 0o644))
		}, []string{"content/report/03-pipe.md: is not a regular file"}, false, 0},
		{"project file over the size limit", func(t *testing.T, dir string) {
			big := "---\nname: Big\nlayer: infra\nsection: compute\nsummary: s\nwebsite: https://big.example\n---\n" + strings.Repeat("word ", 1<<20)
			must(t, os.WriteFile(filepath.Join(dir, "content/projects/big.md"), []byte(big), 0o644))
		}, []string{"content/projects/big.md: is over 4 MB"}, false, 0},
		{"static folder linked outside", func(t *testing.T, dir string) {
			must(t, os.Symlink(outside, filepath.Join(dir, "content/static")))
		}, []string{"content/static: is a symbolic link"}, false, 0},
		{"static file that is a FIFO", func(t *testing.T, dir string) {
			must(t, os.MkdirAll(filepath.Join(dir, "content/static"), 0o755))
			must(t, syscall.Mkfifo(filepath.Join(dir, "content/static/pipe.css"), 0o644))
		}, []string{"content/static/pipe.css: is not a regular file"}, false, 0},
		{"projects folder linked outside", func(t *testing.T, dir string) {
			must(t, os.RemoveAll(filepath.Join(dir, "content/projects")))
			must(t, os.Symlink(outside, filepath.Join(dir, "content/projects")))
		}, []string{"content/projects: is a symbolic link"}, false, 0},
		{"YAML aliases nested nine deep in an unknown key", func(t *testing.T, dir string) {
			var b strings.Builder
			b.WriteString("---\nname: Bomb\nlayer: infra\nsection: compute\nsummary: s\nwebsite: https://bomb.example\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
			for i := 1; i <= 9; i++ {
				b.WriteString("x" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [")
				for j := range 10 {
					if j > 0 {
						b.WriteString(", ")
					}
					b.WriteString("*a" + string(rune('0'+i-1)))
				}
				b.WriteString("]\n")
			}
			b.WriteString("---\n")
			must(t, os.WriteFile(filepath.Join(dir, "content/projects/bomb.md"), []byte(b.String()), 0o644))
		}, []string{"content/projects/bomb.md:2: its YAML aliases expand"}, false, 0},
		{"one long list without aliases, over two files", func(t *testing.T, dir string) {
			for _, n := range []string{"long1", "long2"} {
				items := strings.TrimSuffix(strings.Repeat("abcdef, ", 450_000), ", ")
				must(t, os.WriteFile(filepath.Join(dir, "content/projects/"+n+".md"), []byte("---\nname: "+n+"\nlayer: infra\nsection: compute\nsummary: s\nwebsite: https://"+n+".example\nextra: ["+items+"]\n---\n"), 0o644))
			}
		}, []string{"content/projects/long1.md:7:1: unknown key \"extra\""}, true, 720 << 20}, // 100× the 7.2 MB of input
		{"schema copy that is a FIFO", func(t *testing.T, dir string) {
			must(t, syscall.Mkfifo(filepath.Join(dir, content.SchemaFile), 0o644))
		}, []string{content.SchemaFile + ": is not a regular file"}, true, 0},
		{"schema copy linked to /dev/zero", func(t *testing.T, dir string) {
			must(t, os.Symlink("/dev/zero", filepath.Join(dir, content.SchemaFile)))
		}, []string{content.SchemaFile + ": is a symbolic link"}, true, 0},
		{"issue form that is a FIFO", func(t *testing.T, dir string) {
			must(t, os.MkdirAll(filepath.Join(dir, ".github/ISSUE_TEMPLATE"), 0o755))
			must(t, syscall.Mkfifo(filepath.Join(dir, ".github/ISSUE_TEMPLATE/add-project.yml"), 0o644))
		}, []string{".github/ISSUE_TEMPLATE/add-project.yml: is not a regular file"}, true, 0},
		{"issue form linked to /dev/zero", func(t *testing.T, dir string) {
			must(t, os.MkdirAll(filepath.Join(dir, ".github/ISSUE_TEMPLATE"), 0o755))
			must(t, os.Symlink("/dev/zero", filepath.Join(dir, ".github/ISSUE_TEMPLATE/add-project.yml")))
		}, []string{".github/ISSUE_TEMPLATE/add-project.yml: is a symbolic link"}, true, 0},
		{"template that is a FIFO", func(t *testing.T, dir string) {
			must(t, os.MkdirAll(filepath.Join(dir, "templates/partials"), 0o755))
			must(t, syscall.Mkfifo(filepath.Join(dir, "templates/partials/x.html"), 0o644))
		}, []string{"templates: templates/partials/x.html: is not a regular file"}, false, 0},
		{"three sparse 400 MB logos", func(t *testing.T, dir string) {
			must(t, os.MkdirAll(filepath.Join(dir, "content/static/logos"), 0o755))
			for _, n := range []string{"a.png", "b.svg", "c.jpg"} {
				f, err := os.Create(filepath.Join(dir, "content/static/logos", n))
				must(t, err)
				must(t, f.Truncate(400<<20))
				f.Close()
			}
		}, []string{"content/static/logos/a.png: is over 64 MB", "content/static/logos/b.svg: is over 64 MB", "content/static/logos/c.jpg: is over 64 MB"}, false, 0},
		{"thousands of identical tags", func(t *testing.T, dir string) {
			tags := strings.TrimSuffix(strings.Repeat("gpu, ", 5000), ", ")
			must(t, os.WriteFile(filepath.Join(dir, "content/projects/tags.md"), []byte("---\nname: Tags\nlayer: infra\nsection: compute\nsummary: s\nwebsite: https://tags.example\ntags: ["+tags+"]\n---\n"), 0o644))
		}, []string{"content/projects/tags.md:7:7: tags: 5000 tags; keep it to 50 or fewer"}, false, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := newSite(t, minimalSite).mustBuild(func(o *Options) { o.NoZip = true })
			before, err := os.ReadFile(filepath.Join(b.out, "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			c.setup(t, b.dir)
			var report *CheckResult
			heap := cmp.Or(c.heap, 256<<20)
			within(t, 20*time.Second, heap, func() { report, err = Check(Options{Source: b.dir}) })
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range report.Problems {
				got = append(got, p.Error())
			}
			for _, w := range c.want {
				found := false
				for _, g := range got {
					found = found || strings.HasPrefix(g, w)
				}
				if !found {
					t.Errorf("check lacks %q; got:\n%s", w, strings.Join(got, "\n"))
				}
			}
			if report.Errors() == 0 && c.heap == 0 {
				t.Errorf("check found no error: %v", got)
			}
			within(t, 20*time.Second, heap, func() { b.build(func(o *Options) { o.NoZip = true }) })
			if c.builds {
				return
			}
			if b.err == nil {
				t.Error("build succeeded")
			}
			after, err := os.ReadFile(filepath.Join(b.out, "index.html"))
			if err != nil || string(after) != string(before) {
				t.Errorf("the previous output changed (%v)", err)
			}
			if _, err := os.Stat(filepath.Join(b.out, "id_rsa")); err == nil {
				t.Error("a file from outside the site was published")
			}
		})
	}
}

// Tags that repeat are kept once, with a warning.
func TestDuplicateTagsWarn(t *testing.T) {
	b := newSite(t, minimalSite, "-- content/projects/acme.md --\n---\nname: Acme Compute\nlayer: infra\nsection: compute\nsummary: Rents GPUs.\nwebsite: https://acme.example\ntags: [gpu, GPU, gpu, market]\n---\n").mustBuild(func(o *Options) { o.NoZip = true })
	var warned bool
	for _, w := range b.res.Warnings {
		warned = warned || (w.Kind == "duplicate-tag" && strings.HasPrefix(w.Error(), "content/projects/acme.md:7:7: tags: \"GPU\" appears twice"))
	}
	if !warned {
		t.Errorf("warnings %v", b.res.Warnings)
	}
	b.assertFile("projects/acme.html", "<li>gpu<li>market</ul>")
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// An unreadable project is one problem among the others, not the end of
// check; an upper-case .MD is named, not ignored; a bad colour is reported
// where the colour is written.
func TestCheckGoesOnPastUnreadableFiles(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Log("running as root, which reads any file: the unreadable case is covered by the others")
	}
	b := newSite(t, minimalSite, "-- content/projects/Upper.MD --\n---\nname: Upper\n---\n-- content/projects/broken.md --\n---\nname: Broken\nlayer: nope\n---\n")
	site := strings.Replace(minimalSite, "  - id: infra\n    name: Infrastructure\n", "  - id: infra\n    name: Infrastructure\n    color: red\n", 1)
	b.write(site)
	locked := filepath.Join(b.dir, "content/projects/locked.md")
	must(t, os.WriteFile(locked, []byte("---\nname: Locked\n---\n"), 0o000))
	r, err := Check(Options{Source: b.dir})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range r.Problems {
		got = append(got, p.Error())
	}
	all := strings.Join(got, "\n")
	for _, w := range []string{
		"content/projects/Upper.MD: is not read: only files ending in .md (lower case) are content; rename it to Upper.md",
		"content/projects/broken.md:3:8: layer \"nope\" is not defined",
		"content/site.yaml:6:12: layer \"infra\": color \"red\": want a hex colour",
	} {
		if !strings.Contains(all, w) {
			t.Errorf("check lacks %q; got:\n%s", w, all)
		}
	}
	if os.Geteuid() != 0 && !strings.Contains(all, "content/projects/locked.md: cannot be read: permission denied") {
		t.Errorf("check does not name the unreadable file; got:\n%s", all)
	}
}

// The CSV a site publishes, read by a spreadsheet that splits on ; or |
// (with quotes, as spreadsheets read them), has no cell that starts a
// formula.
func TestCSVReadWithOtherSeparators(t *testing.T) {
	b := newSite(t, minimalSite, "-- content/projects/evil.md --\n---\nname: \"Hugo;=cmd|' /C calc'!A0\"\nlayer: infra\nsection: compute\nsummary: \"a|@SUM(1+1)*cmd; +x\"\nwebsite: https://evil.example\ntags: [\"x;-2+3\"]\n---\n").mustBuild()
	data := b.file(page.ProjectsCSVPath)
	for _, sep := range []rune{',', ';', '|', '\t'} {
		r := csv.NewReader(strings.NewReader(data))
		r.Comma, r.LazyQuotes, r.FieldsPerRecord = sep, true, -1
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("split on %q: %v", sep, err)
		}
		for _, row := range rows {
			for _, c := range row {
				if c = strings.TrimLeft(c, " "); c != "" && strings.ContainsRune("=+-@", rune(c[0])) {
					t.Errorf("split on %q, a cell starts a formula: %q", sep, c)
				}
			}
		}
	}
}

// A base URL is one absolute address: a newline cannot add lines to
// robots.txt.
func TestBaseURLIsValidated(t *testing.T) {
	b := newSite(t, minimalSite)
	for _, u := range []string{"https://a.example/r/\nDisallow: /", "https://a.example/r/ x", "javascript:alert(1)", "https://a.example/?q=1", "//a.example/"} {
		b.build(func(o *Options) { o.BaseURL = u })
		if b.err == nil || !strings.Contains(b.err.Error(), "--base-url") {
			t.Errorf("--base-url %q: err %v", u, b.err)
		}
	}
}

// An image from another site in a body is an error at its line: pages load
// nothing from elsewhere.
func TestRemoteImagesAreRefused(t *testing.T) {
	b := newSite(t, minimalSite, "-- content/report/02-more.md --\n---\ntitle: More\nweight: 2\n---\n## Details\n\nText.\n\n![pixel](https://tracker.example/p.gif)\n\n![also](//cdn.example/x.png)\n").build()
	b.assertErrors(
		"content/report/02-more.md:9: image https://tracker.example/p.gif is on another site",
		"content/report/02-more.md:11: image //cdn.example/x.png is on another site")
}

// Every generated path is reserved, in any case: a static file that would
// take one is an error with its path, never a corrupted zip or a raw error
// from the file system.
func TestStaticFilesCannotTakeGeneratedPaths(t *testing.T) {
	b := newSite(t, minimalSite,
		"-- content/static/test-report.zip --\nnot a zip\n"+
			"-- content/static/Index.html --\nx\n"+
			"-- content/static/projects --\nx\n"+
			"-- content/static/charts.html/evil.txt --\nx\n"+
			"-- content/static/logos/A.svg --\n<svg/>\n"+
			"-- content/static/logos/a.svg --\n<svg/>\n").build()
	b.assertErrors(
		"content/static/test-report.zip: has the same path as a generated file",
		"content/static/Index.html: differs only in case from the generated index.html",
		"content/static/projects: is where the site has a folder of generated files (projects/)",
		"content/static/charts.html/evil.txt: is inside a folder named like the generated charts.html",
		"content/static/logos/a.svg: differs only in case from content/static/logos/A.svg")
}

// Names too long for a file system are check errors, and a long title
// makes a zip name of sane length.
func TestLongNames(t *testing.T) {
	long := strings.Repeat("a", 251)
	b := newSite(t, minimalSite, "-- content/projects/"+long+".md --\n---\nname: Long\nlayer: infra\nsection: compute\nsummary: s\nwebsite: https://long.example\n---\n").build()
	b.assertErrors("content/projects/" + long + ".md: file name is 251 characters; keep it to 100")
	if z := page.ZipName(strings.Repeat("A very long title ", 20)); len(z) > 64 || !strings.HasSuffix(z, ".zip") {
		t.Errorf("zip name %q", z)
	}
}

// A static file whose name an unzip tool could read as a path (a
// backslash, a colon) is an error, so it never reaches the zip.
func TestStaticNamesThatEscapeAZip(t *testing.T) {
	b := newSite(t, minimalSite)
	must(t, os.MkdirAll(filepath.Join(b.dir, "content/static"), 0o755))
	must(t, os.WriteFile(filepath.Join(b.dir, "content/static", `..\..\evil.bat`), []byte("x"), 0o644))
	must(t, os.WriteFile(filepath.Join(b.dir, "content/static", "c:evil"), []byte("x"), 0o644))
	b.build()
	b.assertErrors(`content/static/..\..\evil.bat: name "..\\..\\evil.bat" has characters`, `content/static/c:evil: name "c:evil" has characters`)
}

// Markdown that goldmark would read in time growing with the square of its
// size is refused at its line, at once; a large ordinary body renders.
func TestCostlyMarkdownIsRefused(t *testing.T) {
	md := markdown.New()
	none := func(string) (string, bool) { return "", false }
	for name, c := range map[string]struct {
		body string
		want string
	}{
		"unclosed link openers": {"Intro.\n\n" + strings.Repeat("[a](", 60000), "x.md:12: this paragraph has 60000 opening brackets"},
		"nested brackets":       {strings.Repeat("[", 120000) + strings.Repeat("]", 120000), "x.md:10: this paragraph has 120000 opening brackets"},
		"nested quotes":         {strings.Repeat(">", 100000) + " x", "x.md:10: quotes and lists nested 100000 deep"},
		"nested lists":          {strings.Repeat("- ", 60000) + "x", "x.md:10: quotes and lists nested 60000 deep"},
		"ordered lists":         {strings.Repeat("1. ", 60000) + "x", "x.md:10: quotes and lists nested 60000 deep"},
		"deep indentation":      {"x\n\n" + strings.Repeat(" ", 500) + "- x\n", "x.md:12: a line indented 500 columns"},
		"footnotes":             {footnotes(30000, "\n"), "x.md:61010: more than 1000 footnotes in one file"},
		"footnotes apart":       {footnotes(5000, "\n\n"), "x.md:12010: more than 1000 footnotes in one file"},
		"emphasis runs":         {"Intro.\n\n" + strings.Repeat("a*_", 80000), "x.md:12: this paragraph has 160000 emphasis marks"},
		"emphasis over lines":   {strings.Repeat("a*_b_*\n", 20000), "x.md:10: this paragraph has 80000 emphasis marks"},
		"strikethrough runs":    {strings.Repeat("a~", 60000), "x.md:10: this paragraph has 60000 emphasis marks"},
		"emphasis and brackets": {strings.Repeat("*[a_", 30000), "x.md:10: this paragraph has"},
		"typographer quotes":    {"Intro.\n\n" + strings.Repeat("'\"a", 300000), "x.md:12: this paragraph has 600000 emphasis marks and quotes"},
		"headings of one text":  {strings.Repeat("a\n=\n", 20000), "x.md:20011: more than 10000 headings in one file"},
		"one long table":        {"|a|b|\n|-|-|\n" + strings.Repeat("|c|d|\n", 200000), "x.md:10: this block has 200002 lines with \"|\""},
		"open HTML comments":    {"x\n\n" + strings.Repeat("<!-- a\n", 100000), "x.md:12: 100000 HTML comments"},
	} {
		t.Run(name, func(t *testing.T) {
			var r markdown.Result
			within(t, 5*time.Second, 1<<30, func() { r = markdown.Render(md, "x.md", []byte(c.body), 10, "", none) })
			if len(r.Problems) != 1 || !strings.HasPrefix(r.Problems[0].Error(), c.want) {
				t.Errorf("problems %v, want %q", r.Problems, c.want)
			}
		})
	}
	// Many footnotes defined one after another are many short blocks, not
	// one long paragraph full of brackets.
	many := footnotes(1000, "\n")
	within(t, 5*time.Second, 1<<30, func() {
		r := markdown.Render(md, "x.md", []byte(many), 1, "", none)
		if len(r.Problems) > 0 {
			t.Errorf("1,000 footnotes: %v", r.Problems[0])
		}
	})
	normal := strings.Repeat("## H\n\nText with [a](https://a.example), `code`, *em*, __strong__ and ~~gone~~, snake_case_names, \"quoted\" and it's 2*3*4.\n\n- one\n- two\n  - nested\n\n> quote\n\n", 3000) +
		"|a|b|\n|-|-|\n" + strings.Repeat("|c|d|\n", 2000) + "\n<!-- a note -->\n"
	var r markdown.Result
	within(t, 5*time.Second, 1<<30, func() { r = markdown.Render(md, "x.md", []byte(normal), 1, "", none) })
	if len(r.Problems) != 0 || !strings.Contains(string(r.HTML), `<a href="https://a.example">a</a>`) {
		t.Errorf("a large ordinary body: %v", r.Problems)
	}
}

// footnotes is a body that refers to n footnotes and defines them, one
// definition after another, separated by sep.
func footnotes(n int, sep string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "See[^%d].\n\n", i)
	}
	for i := range n {
		fmt.Fprintf(&b, "[^%d]: A note with [a link](https://a.example/%d).%s", i, i, sep)
	}
	return b.String()
}

// Names Windows cannot store never reach the output: static files and
// folders are errors at their path, a project or chapter named so is an
// unsafe slug with a name that works, and Slugify never makes one.
func TestNamesWindowsCannotHold(t *testing.T) {
	b := newSite(t, minimalSite).mustBuild()
	before := b.file("index.html")
	b.write("-- content/static/CON --\nx\n" +
		"-- content/static/aux.png --\nx\n" +
		"-- content/static/nul/a.txt --\nx\n" +
		"-- content/static/Lpt1.txt --\nx\n" +
		"-- content/static/dot. --\nx\n" +
		"-- content/projects/com3.md --\n---\nname: Com3\nlayer: infra\nsection: compute\nsummary: s\nwebsite: https://com3.example\n---\n")
	must(t, os.WriteFile(filepath.Join(b.dir, "content/static/space "), []byte("x"), 0o644))
	b.build()
	if b.file("index.html") != before {
		t.Error("the failed build changed the previous output")
	}
	b.assertErrors(
		`content/static/CON: name "CON" cannot be stored on Windows`,
		`content/static/aux.png: name "aux.png" cannot be stored on Windows`,
		`content/static/nul: name "nul" cannot be stored on Windows`,
		`content/static/Lpt1.txt: name "Lpt1.txt" cannot be stored on Windows`,
		`content/static/dot.: name "dot." cannot be stored on Windows`,
		`content/static/space : name "space " cannot be stored on Windows`,
		`content/projects/com3.md: file name "com3.md" is not a safe slug; rename it to "com3-1.md" (Windows cannot store a file of that name)`)
	for in, want := range map[string]string{
		"CON": "con-1", "Aux": "aux-1", "nul.": "nul-1", "Console": "console",
		strings.Repeat("Very long project name ", 20): strings.Repeat("very-long-project-name-", 4) + "very",
	} {
		if got := content.Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
	for _, name := range []string{"con", "prn", "nul", "com1"} {
		if edition.SafeName(name) {
			t.Errorf("edition name %q is accepted", name)
		}
	}
}

// A static file that would run as a page of the site is a warning check
// fails on until site.yaml accepts that file by name; a malformed static
// SVG is the file's own error at its line in check and build alike.
func TestActiveStaticFilesAreNamed(t *testing.T) {
	active := []string{"content/static/a.html", "content/static/deep/b.XHTML", "content/static/c.xml", "content/static/d.xsl", "content/static/e.svgz"}
	var files string
	for _, f := range active {
		files += "-- " + f + " --\n<html><script>alert(1)</script></html>\n"
	}
	b := newSite(t, minimalSite, files+"-- content/static/fine.svg --\n<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>\n")
	r, err := Check(Options{Source: b.dir})
	must(t, err)
	var got []string
	for _, p := range r.Problems {
		if p.Kind == string(content.KindActiveStatic) {
			got = append(got, p.Pos.File)
		}
	}
	slices.Sort(got)
	slices.Sort(active)
	if !slices.Equal(got, active) {
		t.Errorf("active-static warnings on %q, want %q", got, active)
	}
	b.write("-- content/site.yaml --\n" + minimalSiteYAML + "accept:\n  - kind: active-static\n    files: [content/static/*.*, content/static/deep/*]\n    why: demo pages we publish on purpose\n")
	r, err = Check(Options{Source: b.dir})
	must(t, err)
	for _, p := range r.Problems {
		if p.Kind == string(content.KindActiveStatic) && !p.Accepted {
			t.Errorf("accepted file still warned: %v", p)
		}
	}
	b.write("-- content/static/bad.svg --\n<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect>\n</svg>\n")
	r, err = Check(Options{Source: b.dir})
	must(t, err)
	want := "content/static/bad.svg:3:7: is not well-formed SVG (XML)"
	if len(r.Problems) == 0 || !strings.Contains(fmt.Sprint(r.Problems), want) {
		t.Errorf("check says %v, want %q", r.Problems, want)
	}
	b.build().assertErrors(want)
}

// A folder of the site that is a symbolic link to a folder outside it
// (at the top of what Panorama reads, or below) is an error at the link
// in check and build alike: nothing of the outside folder is read or
// published, nothing is written into it, and the previous output stays.
func TestLinkedFoldersAreRefused(t *testing.T) {
	for _, c := range []struct{ link, want string }{
		{"content/editions", "content/editions: is a symbolic link"},
		{"templates", "templates: is a symbolic link"},
		{"templates/assets", "templates/assets: is a symbolic link"},
		{"content/static/logos", "content/static/logos: is a symbolic link"},
		{"content/projects/more", "content/projects/more: is a symbolic link"},
		{"content/report", "content/report: is a symbolic link"},
	} {
		t.Run(strings.ReplaceAll(c.link, "/", "_"), func(t *testing.T) {
			b := newSite(t, minimalSite).mustBuild()
			before := b.file("index.html")
			outside := t.TempDir()
			for name, data := range map[string]string{
				"outside.css": "body{}", "outside.svg": `<svg xmlns="http://www.w3.org/2000/svg"/>`, "second.json": `{}`,
				"outside.md": "---\nname: Outside\nlayer: infra\nsection: compute\nsummary: s\nwebsite: https://outside.example\n---\nSECRET\n",
			} {
				must(t, os.WriteFile(filepath.Join(outside, name), []byte(data), 0o644))
			}
			link := filepath.Join(b.dir, filepath.FromSlash(c.link))
			must(t, os.RemoveAll(link))
			must(t, os.MkdirAll(filepath.Dir(link), 0o755))
			must(t, os.Symlink(outside, link))
			r, err := Check(Options{Source: b.dir})
			must(t, err)
			if r.Errors() == 0 || !strings.Contains(fmt.Sprint(r.Problems), c.want) {
				t.Errorf("check says %v, want %q", r.Problems, c.want)
			}
			b.build().assertErrors(c.want)
			if b.file("index.html") != before {
				t.Error("the failed build changed the previous output")
			}
			filepath.WalkDir(b.out, func(p string, d fs.DirEntry, err error) error {
				if err == nil && strings.HasPrefix(d.Name(), "outside") {
					t.Errorf("published %s from outside the site", p)
				}
				return nil
			})
			if _, err := FreezeEdition(FreezeOptions{Source: b.dir, Options: edition.Options{Name: "third"}}); err == nil {
				t.Error("an edition was written")
			}
			entries, _ := os.ReadDir(outside)
			if len(entries) != 4 {
				t.Errorf("the outside folder now holds %d files", len(entries))
			}
		})
	}
	// Writing: an edition, a project and its translation never go through
	// a linked folder, and a lock file that is a link is refused.
	b := newSite(t, minimalSite)
	outside := t.TempDir()
	must(t, os.Symlink(outside, filepath.Join(b.dir, "content/editions")))
	if err := content.WriteNew(b.dir, "content/editions/second.json", []byte("{}")); err == nil || !errors.Is(err, content.ErrLinked) {
		t.Errorf("WriteNew through a linked folder: %v", err)
	}
	if err := content.WriteOver(b.dir, "content/editions/x.json", []byte("{}")); err == nil {
		t.Error("WriteOver wrote through a linked folder")
	}
	b = newSite(t, minimalSite)
	target := filepath.Join(outside, "created-by-lock")
	must(t, os.Symlink(target, filepath.Join(filepath.Dir(b.out), "."+filepath.Base(b.out)+".lock")))
	b.build().assertErrors("is a symbolic link; remove it")
	if _, err := os.Lstat(target); err == nil {
		t.Error("the build created a file where the lock link points")
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("the outside folder now holds %d files", len(entries))
	}
}

// A static folder swapped for a link to an outside folder after a build
// (as serve keeps a build and reads its static files when asked) is never
// read through.
func TestSwappedLinkIsNotReadThrough(t *testing.T) {
	b := newSite(t, minimalSite, "-- content/static/logos/x.txt --\nours\n")
	builder, err := NewBuilder(Options{Source: b.dir, Out: b.out})
	must(t, err)
	site, _, err := builder.Build()
	must(t, err)
	outside := t.TempDir()
	must(t, os.WriteFile(filepath.Join(outside, "x.txt"), []byte("SECRET"), 0o644))
	logos := filepath.Join(b.dir, "content/static/logos")
	must(t, os.Rename(logos, logos+".old"))
	must(t, os.Symlink(outside, logos))
	data, _, err := site.File("logos/x.txt")
	if strings.Contains(string(data), "SECRET") || err == nil || !strings.Contains(err.Error(), "content/static/logos, a symbolic link") {
		t.Errorf("after the swap: %q, %v", data, err)
	}
}

// check promises what build does: on the same content, check finds an
// error exactly when a build as the workflows run it (with a base URL and
// the zip) or a build without them fails, whatever the day's report.
func TestCheckAgreesWithBuild(t *testing.T) {
	for _, c := range []struct {
		name  string
		setup func(t *testing.T, b *siteBuilder)
		want  string
	}{
		{"static sitemap.xml", func(t *testing.T, b *siteBuilder) {
			b.write("-- content/static/sitemap.xml --\n<urlset/>\n")
		}, "content/static/sitemap.xml: has the same path as a generated file"},
		{"static file named like the zip", func(t *testing.T, b *siteBuilder) {
			b.write("-- content/static/test-report.zip --\nPK\n")
		}, "content/static/test-report.zip: has the same path as a generated file"},
		{"static editions/current.html while the report equals its edition", func(t *testing.T, b *siteBuilder) {
			b.write("-- content/site.yaml --\n" + minimalSiteYAML + "accept:\n  - kind: empty-section\n")
			_, err := FreezeEdition(FreezeOptions{Source: b.dir, Options: edition.Options{Name: "first", Date: "2026-01-01"}})
			must(t, err)
			b.write("-- content/static/editions/current.html --\n<p>mine</p>\n")
		}, "content/static/editions/current.html: has the same path as a generated file"},
		{"YAML aliases past the bound", func(t *testing.T, b *siteBuilder) {
			var y strings.Builder
			y.WriteString("---\nname: Bomb\nlayer: infra\nsection: compute\nsummary: s\nwebsite: https://bomb.example\nx0: &a0 [a, a, a, a, a, a, a, a, a, a]\n")
			for i := 1; i <= 6; i++ {
				fmt.Fprintf(&y, "x%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
			}
			y.WriteString("---\n")
			b.write("-- content/projects/bomb.md --\n" + y.String())
		}, "content/projects/bomb.md:2: its YAML aliases expand to over 100000 values"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := newSite(t, minimalSite).mustBuild()
			before := b.file("index.html")
			c.setup(t, b)
			r, err := Check(Options{Source: b.dir})
			must(t, err)
			if r.Errors() == 0 || !strings.Contains(fmt.Sprint(r.Problems), c.want) {
				t.Errorf("check says %v, want %q", r.Problems, c.want)
			}
			for _, opt := range []func(*Options){
				func(o *Options) { o.BaseURL = "https://example.org/report/" },
				func(o *Options) { o.NoZip = true },
			} {
				b.build(opt).assertErrors(c.want)
				if b.file("index.html") != before {
					t.Error("the failed build changed the previous output")
				}
			}
		})
	}
}

// A thousand layers do not repeat on every page: past forty, the header
// links the map instead of listing them, so a project page stays small.
func TestManyLayersKeepPagesSmall(t *testing.T) {
	var y strings.Builder
	y.WriteString("title: Many\ndescription: d\nlayers:\n")
	for i := range 1000 {
		fmt.Fprintf(&y, "  - id: layer-%d\n    name: Layer number %d\n    sections:\n      - id: sec-%d\n        name: Section %d\n", i, i, i, i)
	}
	files := "-- content/site.yaml --\n" + y.String() + "accept:\n  - kind: empty-section\n-- content/report/01-a.md --\n---\ntitle: A\nweight: 1\n---\ntext\n"
	for i := range 3 {
		files += fmt.Sprintf("-- content/projects/p%d.md --\n---\nname: P%d\nlayer: layer-%d\nsection: sec-%d\nsummary: s\nwebsite: https://p%d.example\n---\n", i, i, i, i, i)
	}
	b := newSite(t, files).mustBuild(func(o *Options) { o.NoZip = true })
	page := b.file("projects/p1.html")
	if len(page) > 8<<10 || strings.Contains(page, "Layer number 999") {
		t.Errorf("a project page is %d bytes and lists every layer", len(page))
	}
	b.assertFile("projects/p1.html", `href="../index.html#map"`)
}
