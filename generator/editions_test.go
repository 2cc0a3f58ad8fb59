package generator

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/panorama-ssg/panorama/generator/edition"
)

// buildEditions builds testdata/editions: two editions (the first in
// format 1) and a current report, with every kind of change between them.
func buildEditions(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: filepath.Join("testdata", "editions"), Out: out}); err != nil {
		t.Fatal(err)
	}
	return out
}

func readOut(t *testing.T, out, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var mainRE = regexp.MustCompile(`(?s)<main id="main">(.*)</main>`)

// The pages of changes list exactly the changes the fixture makes, from
// one edition to the next and from the latest to the current report.
func TestGoldenEditionChanges(t *testing.T) {
	out := buildEditions(t)
	for _, c := range []struct{ page, golden string }{
		{"editions/2026-06.html", "changes-2026-06.html"},
		{"editions/current.html", "changes-current.html"},
	} {
		m := mainRE.FindStringSubmatch(readOut(t, out, c.page))
		if m == nil {
			t.Fatalf("%s has no main", c.page)
		}
		golden(t, c.golden, []byte(strings.TrimSpace(m[1])+"\n"))
	}
	assertSomeLinksResolve(t, out, 20)
}

func TestEditionPages(t *testing.T) {
	out := buildEditions(t)
	has := func(p string, want ...string) {
		t.Helper()
		page := readOut(t, out, p)
		for _, w := range want {
			if !strings.Contains(page, w) {
				t.Errorf("%s lacks %q", p, w)
			}
		}
	}
	// The first edition has nothing to compare with, and says so.
	has("editions/2026-01.html", "This is the first edition of Changes Test")
	// Its map is the old one: its sections, its layer names, a tile that
	// links a project still listed and one that cannot.
	has("editions/2026-01/map.html",
		"A past edition, read-only:", `<time datetime="2026-01-15">2026-01-15</time>`,
		`id="box-games">Games <span class="count">1</span>`, `id="box-legacy">Legacy`, `id="band-old">Old layer`,
		`id="box-compute"><a href="../../layers/infra/compute.html">Compute</a>`,
		`<a class="tile" href="../../projects/acme.html"`, `<span class="tile-name">Acme</span>`,
		`<span class="tile gone" tabindex="0"`, `<span class="tile-name">Echo</span>`, "No longer listed.",
		`"Old layer"`) // the diagram's data
	// The list, newest first, with the changes since the latest edition.
	list := readOut(t, out, "editions/index.html")
	if a, b, c := strings.Index(list, "Since edition 2026-06"), strings.Index(list, "Edition 2026-06"), strings.Index(list, "Edition 2026-01"); a < 0 || a > b || b > c {
		t.Errorf("editions/index.html does not list the changes since, then 2026-06, then 2026-01")
	}
	// Home page and footer link the latest changes; project pages say
	// where they were first listed.
	has("index.html", `<a href="editions/current.html">What changed since edition 2026-06</a> (2026-06-15): 1 project added`)
	has("projects/india.html", `Since edition 2026-06: <a href="../editions/current.html">new in this report</a>`,
		`<a href="../editions/current.html">What changed since edition 2026-06</a>`)
	has("projects/acme.html", `<dt>First listed</dt><dd><a href="../editions/2026-01.html">edition 2026-01</a>`)
	has("projects/gamma.html", `<dt>First listed</dt><dd><a href="../editions/2026-06.html">edition 2026-06</a>`)

	// Each edition's data is published in the current format; format 1
	// took its colours from the current site by layer id, and the
	// palette by position for a layer the site no longer has.
	first, problems := edition.Read("content/editions/2026-01.json", []byte(readOut(t, out, "editions/2026-01.json")), nil)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if first.Format != edition.Format || first.Layers[0].Color != "#006cd1" || first.Layers[2].Color != "#b15968" || len(first.Projects) != 6 {
		t.Errorf("editions/2026-01.json: format %d, colours %s %s, %d projects", first.Format, first.Layers[0].Color, first.Layers[2].Color, len(first.Projects))
	}

	// The feed has an entry per edition, with its summary of changes.
	var feed struct {
		Entries []struct {
			Title   string `xml:"title"`
			Summary string `xml:"summary"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(readOut(t, out, "feed.xml")), &feed); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range feed.Entries {
		if strings.HasPrefix(e.Title, "Edition ") {
			got = append(got, e.Title+" | "+e.Summary)
		}
	}
	want := []string{
		"Edition 2026-06: Changes Test, June 2026 | Since edition 2026-01: 2 projects added, 2 removed, 1 moved, 1 renamed, 2 changed; 1 section added, 2 removed, 1 moved, 1 renamed; 1 layer added, 1 removed, 1 renamed.",
		"Edition 2026-01: Changes Test, January 2026 | The first edition: 6 projects in 3 layers.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("feed's edition entries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A hostile or broken edition file is reported at the line and column of
// the value at fault, found without reading the file into a tree again:
// a 10 MB edition without "format" is refused in bounded time and memory.
func TestEditionFaultsAreAtTheirValue(t *testing.T) {
	b := newSite(t, minimalSite, "-- content/site.yaml --\n"+minimalSiteYAML+"accept:\n  - kind: empty-section\n")
	_, err := FreezeEdition(FreezeOptions{Source: b.dir, Options: edition.Options{Name: "first", Date: "2026-01-01"}})
	must(t, err)
	file := filepath.Join(b.dir, "content/editions/first.json")
	good, err := os.ReadFile(file)
	must(t, err)
	lineCol := func(data []byte, needle string) string {
		i := bytes.Index(data, []byte(needle))
		if i < 0 {
			t.Fatalf("no %q in the edition", needle)
		}
		line := bytes.Count(data[:i], []byte("\n")) + 1
		col := i - bytes.LastIndexByte(data[:i], '\n')
		return fmt.Sprintf("content/editions/first.json:%d:%d: ", line, col)
	}
	for _, c := range []struct{ from, to, at, msg string }{
		{`"date": "2026-01-01"`, `"date": "soon"`, `"soon"`, `date "soon" is not a date`},
		{`"id": "infra"`, `"id": "In Fra"`, `"In Fra"`, `layer id "In Fra" is not a unique id`},
		{`"title": "Test Report, first"`, `"title": " "`, `" "`, `has no title`},
	} {
		bad := bytes.Replace(good, []byte(c.from), []byte(c.to), 1)
		if bytes.Equal(bad, good) {
			t.Fatalf("the edition has no %s", c.from)
		}
		must(t, os.WriteFile(file, bad, 0o644))
		r, err := Check(Options{Source: b.dir})
		must(t, err)
		if want := lineCol(bad, c.at) + c.msg; !strings.Contains(fmt.Sprint(r.Problems), want) {
			t.Errorf("check says\n%v\nwant %q", r.Problems, want)
		}
	}
	// Ten megabytes with no "format": one problem at the start, quickly.
	big := []byte(`{"name": "first", "projects": [` + strings.Repeat(`{"slug": "a", "name": "A"}, `, 350_000) + `{}]}`)
	must(t, os.WriteFile(file, big, 0o644))
	var r *CheckResult
	within(t, 20*time.Second, 512<<20, func() { r, err = Check(Options{Source: b.dir}) })
	must(t, err)
	if want := `content/editions/first.json:1:1: has no "format"`; !strings.Contains(fmt.Sprint(r.Problems), want) {
		t.Errorf("check says %v, want %q", r.Problems, want)
	}
}

// The Chinese pages' feed speaks of editions in Chinese, as their pages do.
func TestChineseFeedNamesEditionsInChinese(t *testing.T) {
	own := builtOwnReport(t)
	var feed struct {
		Entries []struct {
			Title    string `xml:"title"`
			Summary  string `xml:"summary"`
			Category struct {
				Term  string `xml:"term,attr"`
				Label string `xml:"label,attr"`
			} `xml:"category"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(readOut(t, own, "zh/feed.xml")), &feed); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range feed.Entries {
		if e.Category.Term != "edition" {
			continue
		}
		n++
		if !strings.Contains(e.Title, " 版：") || e.Category.Label != "版本" || !(strings.HasPrefix(e.Summary, "第一版：") || strings.HasPrefix(e.Summary, "自 ")) {
			t.Errorf("edition entry in English: %q, %q, %q", e.Title, e.Category.Label, e.Summary)
		}
	}
	if n == 0 {
		t.Error("the Chinese feed has no edition entry")
	}
	// And the home page's note on the latest edition says what changed,
	// with Chinese punctuation.
	home := readOut(t, own, "zh/index.html")
	if !regexp.MustCompile(`版以来的变化</a>（\d{4}-\d\d-\d\d）：[^<]*个项目[^<]*。<a`).MatchString(home) {
		t.Errorf("the Chinese home page's edition note lacks the change summary or Chinese punctuation")
	}
}
