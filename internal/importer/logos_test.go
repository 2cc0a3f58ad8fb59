package importer_test

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/panorama-ssg/panorama/internal/importer"
	"golang.org/x/text/encoding/unicode"
)

// messyLandscape writes a landscape whose logos are named and encoded as
// real landscapes have them, and names in Chinese.
func messyLandscape(t *testing.T) (yml, logos string) {
	t.Helper()
	dir := t.TempDir()
	logos = filepath.Join(dir, "hosted_logos")
	svgBody := func(title string) string {
		return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10"><title>` + title + `</title>  <!-- a comment -->  <rect x="0.000" y="0.000" width="20.000" height="10.000" fill="#ff0000"/></svg>`
	}
	utf16le, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(`<?xml version="1.0" encoding="UTF-16"?>` + svgBody("Sixteen")))
	if err != nil {
		t.Fatal(err)
	}
	var pngBuf, jpgBuf bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	img.Set(1, 1, color.RGBA{200, 0, 0, 255})
	if err := png.Encode(&pngBuf, img); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&jpgBuf, img, nil); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"dot.svg":             []byte(svgBody("Dot")),
		"Vendor LOGO.svg":     []byte(svgBody("Spaces")),
		"name-logo (1).svg":   []byte(svgBody("Parens")),
		"a,b.svg":             []byte(svgBody("Comma")),
		"Vendor_Logo":         []byte(svgBody("No extension")),
		"latin1.svg":          []byte(`<?xml version="1.0" encoding="iso-8859-1"?>` + strings.Replace(svgBody("Caf\xe9"), "", "", 1)),
		"ascii16.svg":         []byte(`<?xml version="1.0" encoding="utf-16"?>` + svgBody("Ascii")),
		"utf16le.svg":         utf16le,
		"spaced.svg":          []byte("\n\n  <?xml version=\"1.0\"?>\n" + svgBody("Spaced")),
		"bom.svg":             append([]byte{0xEF, 0xBB, 0xBF}, svgBody("Bom")...),
		"sub dir/escaped.svg": []byte(svgBody("Escaped")),
		"pic.png":             pngBuf.Bytes(),
		"photo":               jpgBuf.Bytes(),
		"notimage.svg":        []byte("this is not a picture\n"),
		"Shared.SVG":          []byte(svgBody("Shared")),
		"evil.svg":            []byte(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)"><script>alert(2)</script><a xlink:href="javascript:alert(3)"><rect width="1" height="1"/></a><foreignObject><div>x</div></foreignObject></svg>`),
	}
	for name, data := range files {
		p := filepath.Join(logos, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "outside.svg"), []byte(svgBody("Outside")), 0o644); err != nil {
		t.Fatal(err)
	}
	item := func(name, logo string) string {
		return "          - item:\n            name: " + name + "\n            homepage_url: https://" + strings.ToLower(strings.ReplaceAll(name, " ", "")) + ".example\n            logo: '" + logo + "'\n"
	}
	var b strings.Builder
	b.WriteString("landscape:\n  - category:\n    name: 运行环境\n    subcategories:\n      - subcategory:\n        name: 编程语言\n        items:\n")
	for _, it := range [][2]string{{"Dot", "./dot.svg"}, {"Spaces", "Vendor LOGO.svg"}, {"Parens", "name-logo (1).svg"}, {"Comma", "a,b.svg"},
		{"NoExt", "Vendor_Logo"}, {"Latin", "latin1.svg"}, {"Ascii", "ascii16.svg"}, {"Sixteen", "utf16le.svg"}, {"Spaced", "spaced.svg"},
		{"Bom", "bom.svg"}, {"Escaped", "sub%20dir/escaped.svg"}, {"Climb", "sub dir/../dot.svg"}, {"Pic", "pic.png"}, {"Photo", "photo"},
		{"C", "Shared.SVG"}, {"Evil", "evil.svg"}, {"Missing", "missing.svg"}, {"Outside", "../outside.svg"}, {"Not Image", "notimage.svg"}, {"Remote", "https://example.org/x.svg"}} {
		b.WriteString(item(it[0], it[1]))
	}
	b.WriteString("      - subcategory:\n        name: 运行时\n        items:\n")
	b.WriteString(item("C", "Shared.SVG"))
	yml = filepath.Join(dir, "landscape.yml")
	if err := os.WriteFile(yml, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return yml, logos
}

// No logo stops an import: every file browsers would show is published
// under a safe name, as UTF-8 when it is SVG; the rest are notes at their
// lines, and the site checks and builds.
func TestImportMessyLogos(t *testing.T) {
	yml, logos := messyLandscape(t)
	site, res := importSite(t, yml, logos)
	var notes []string
	for _, p := range res.Skipped {
		notes = append(notes, p.Error())
	}
	for _, want := range []string{
		`item "Missing": logo "missing.svg" is not in the logos folder`,
		`item "Outside": logo "../outside.svg" lies outside the logos folder`,
		`item "Not Image": logo "notimage.svg" is not an image Panorama can publish`,
		`item "Remote": logo "https://example.org/x.svg" is an address`,
	} {
		if !strings.Contains(strings.Join(notes, "\n"), want) {
			t.Errorf("no note %q in:\n%s", want, strings.Join(notes, "\n"))
		}
	}
	if len(notes) != 4 {
		t.Errorf("%d notes, want 4:\n%s", len(notes), strings.Join(notes, "\n"))
	}
	safe := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*\.(svg|png|jpg)$`)
	logoLine := regexp.MustCompile(`(?m)^logo: "logos/(.+)"$`)
	withLogo := 0
	projects, err := filepath.Glob(filepath.Join(site, "content", "projects", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range projects {
		data, _ := os.ReadFile(p)
		m := logoLine.FindSubmatch(data)
		if m == nil {
			continue
		}
		withLogo++
		name := string(m[1])
		if !safe.MatchString(name) {
			t.Errorf("%s: logo file name %q is not a safe one", filepath.Base(p), name)
		}
		logo, err := os.ReadFile(filepath.Join(site, "content", "static", "logos", name))
		if err != nil {
			t.Error(err)
			continue
		}
		if strings.HasSuffix(name, ".svg") && (!utf8.Valid(logo) || bytes.Contains(logo, []byte("encoding=")) || bytes.Contains(logo, []byte("<!--"))) {
			t.Errorf("%s is not minified UTF-8 SVG: %q", name, logo)
		}
	}
	if withLogo != 17 {
		t.Errorf("%d projects have a logo, want 17", withLogo)
	}
	evil, _ := os.ReadFile(filepath.Join(site, "content", "static", "logos", "evil.svg"))
	if bytes.Contains(bytes.ToLower(evil), []byte("alert")) || bytes.Contains(evil, []byte("foreignObject")) || !bytes.Contains(evil, []byte("<rect")) {
		t.Errorf("evil.svg is published as %q", evil)
	}
	if res.LogoBytesOut >= res.LogoBytesIn {
		t.Errorf("minifying saved nothing: %d → %d bytes", res.LogoBytesIn, res.LogoBytesOut)
	}
	latin, _ := os.ReadFile(filepath.Join(site, "content", "static", "logos", "latin.svg"))
	if !bytes.Contains(latin, []byte("<title>Café</title>")) {
		t.Errorf("latin.svg: %q", latin)
	}
	// Names in Chinese have ids: sections by their pinyin, a repeated
	// item's slug with its section's.
	siteYAML, _ := os.ReadFile(filepath.Join(site, "content", "site.yaml"))
	for _, id := range []string{"id: yun-xing-huan-jing", "id: bian-cheng-yu-yan", "id: yun-xing-shi"} {
		if !bytes.Contains(siteYAML, []byte(id)) {
			t.Errorf("site.yaml lacks %q:\n%s", id, siteYAML)
		}
	}
	for _, f := range []string{"c-bian-cheng-yu-yan.md", "c-yun-xing-shi.md"} {
		if _, err := os.Stat(filepath.Join(site, "content", "projects", f)); err != nil {
			t.Error(err)
		}
	}
	checkAndBuild(t, site)
}

// A staging folder a killed import left is removed by the next import,
// and the site folder holds only the finished site.
func TestImportLeavesNothingBehind(t *testing.T) {
	parent := t.TempDir()
	stale := filepath.Join(parent, ".site.import-123")
	if err := os.MkdirAll(stale, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(stale, ".panorama-import-staging"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := importer.Landscape2(importer.Options{Landscape: "testdata/odd/landscape.yml", Logos: "testdata/odd/logos", Out: filepath.Join(parent, "site")}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 || entries[0].Name() != "site" {
		t.Errorf("beside the site: %v", entries)
	}
	if _, err := os.Stat(filepath.Join(parent, "site", ".panorama-import-staging")); err == nil {
		t.Error("the finished site keeps the staging marker")
	}
}

// Importing again with nothing changed upstream rewrites no file and says
// so; the site's own files stay.
func TestReimportRewritesNothing(t *testing.T) {
	yml, logos := messyLandscape(t)
	site, _ := importSite(t, yml, logos)
	own := filepath.Join(site, "content", "report", "09-ours.md")
	if err := os.WriteFile(own, []byte("---\ntitle: Ours\n---\nOurs.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	old := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	err := filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.Chtimes(p, old, old)
	})
	if err != nil {
		t.Fatal(err)
	}
	res, err := importer.Landscape2(importer.Options{Landscape: yml, Logos: logos, Out: site, Title: "Imported"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Changes == nil || !res.Changes.Empty() {
		t.Errorf("changes: %+v", res.Changes)
	}
	err = filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if fi, err := os.Stat(p); err != nil || !fi.ModTime().Equal(old) {
			t.Errorf("%s was written again", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(own); err != nil {
		t.Error(err)
	}
	entries, _ := os.ReadDir(filepath.Dir(site))
	if len(entries) != 1 {
		t.Errorf("beside the site: %v", entries)
	}
}

// Files the import reads (landscape.yml, settings.yml, guide.yml) that are
// pipes, devices or links to /dev/zero are refused before reading: the
// import neither hangs nor fills memory, and writes nothing.
func TestImportRefusesFilesThatAreNotFiles(t *testing.T) {
	for _, c := range []struct {
		name string
		make func(dir string) importer.Options
		want string
	}{
		{"landscape.yml a FIFO", func(dir string) importer.Options {
			p := filepath.Join(dir, "landscape.yml")
			must(t, syscall.Mkfifo(p, 0o644))
			return importer.Options{Landscape: p}
		}, "is not a regular file"},
		{"landscape.yml linked to /dev/zero", func(dir string) importer.Options {
			p := filepath.Join(dir, "landscape.yml")
			must(t, os.Symlink("/dev/zero", p))
			return importer.Options{Landscape: p}
		}, "is not a regular file"},
		{"landscape.yml far too big", func(dir string) importer.Options {
			p := filepath.Join(dir, "landscape.yml")
			f, err := os.Create(p)
			must(t, err)
			must(t, f.Truncate(1<<30))
			f.Close()
			return importer.Options{Landscape: p}
		}, "over the 64 MB"},
		{"settings.yml a FIFO", func(dir string) importer.Options {
			p := filepath.Join(dir, "settings.yml")
			must(t, syscall.Mkfifo(p, 0o644))
			return importer.Options{Landscape: "testdata/odd/landscape.yml", Settings: p}
		}, "is not a regular file"},
		{"guide.yml linked to /dev/zero", func(dir string) importer.Options {
			p := filepath.Join(dir, "guide.yml")
			must(t, os.Symlink("/dev/zero", p))
			return importer.Options{Landscape: "testdata/odd/landscape.yml", Guide: p}
		}, "is not a regular file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			opt := c.make(dir)
			opt.Out = filepath.Join(dir, "site")
			done := make(chan error, 1)
			go func() { _, err := importer.Landscape2(opt); done <- err }()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), c.want) {
					t.Errorf("import: %v, want %q", err, c.want)
				}
			case <-time.After(20 * time.Second):
				t.Fatal("the import still runs after 20 s")
			}
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > 512<<20 {
				t.Errorf("heap at %d MB", m.HeapAlloc>>20)
			}
			if _, err := os.Stat(opt.Out); err == nil {
				t.Error("the failed import left a site")
			}
		})
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Importing again into a site whose projects folder is a link to an
// outside folder writes nothing there and says why.
func TestReimportNeverWritesThroughALink(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "site")
	_, err := importer.Landscape2(importer.Options{Landscape: "testdata/odd/landscape.yml", Out: out})
	must(t, err)
	outside := t.TempDir()
	projects := filepath.Join(out, "content", "projects")
	must(t, os.Rename(projects, projects+".old"))
	must(t, os.Symlink(outside, projects))
	if _, err := importer.Landscape2(importer.Options{Landscape: "testdata/odd/landscape.yml", Out: out}); err == nil || !strings.Contains(err.Error(), "content/projects: is a symbolic link") {
		t.Errorf("re-import: %v", err)
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("the outside folder now holds %d files", len(entries))
	}
}
