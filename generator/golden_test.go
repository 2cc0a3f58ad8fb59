package generator

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/panorama-ssg/panorama/charts"
	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/generator/markdown"
	"github.com/panorama-ssg/panorama/generator/page"
)

// Golden files pin what the Markdown renderer and a chart produce, whole,
// so a change in goldmark, go-echarts or our extensions shows as a diff to
// read. After a change that is meant: go test ./generator -run Golden -update
var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from what was rendered; if the change is meant, run go test ./generator -run Golden -update\n%s", file, lineDiff(string(want), string(got)))
	}
}

// lineDiff shows where two texts differ: the lines they share before and
// after kept as three lines of context, the rest as - (want) and + (got).
func lineDiff(want, got string) string {
	a, b := strings.Split(want, "\n"), strings.Split(got, "\n")
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var out strings.Builder
	fmt.Fprintf(&out, "@@ line %d @@\n", pre+1)
	for _, l := range a[max(0, pre-3):pre] {
		out.WriteString("  " + l + "\n")
	}
	for _, l := range a[pre : len(a)-suf] {
		out.WriteString("- " + l + "\n")
	}
	for _, l := range b[pre : len(b)-suf] {
		out.WriteString("+ " + l + "\n")
	}
	for _, l := range a[len(a)-suf : min(len(a), len(a)-suf+3)] {
		out.WriteString("  " + l + "\n")
	}
	return out.String()
}

func TestLineDiff(t *testing.T) {
	got := lineDiff("a\nb\nc\nd\ne\n", "a\nb\nX\nd\ne\n")
	want := "@@ line 3 @@\n  a\n  b\n- c\n+ X\n  d\n  e\n  \n"
	if got != want {
		t.Errorf("lineDiff:\n%q\nwant\n%q", got, want)
	}
}

// The renderer's HTML, table of contents and search passages for a
// chapter that uses every extension: tables, task lists, footnotes,
// strikethrough, autolinks, the typographer, links to content files,
// repeated headings and raw HTML (dropped).
func TestGoldenMarkdown(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("testdata", "golden", "chapter.md"))
	if err != nil {
		t.Fatal(err)
	}
	resolve := func(p string) (string, bool) {
		switch p {
		case "content/projects/io-net.md":
			return "projects/io-net.html", true
		case "content/report/02-next.md":
			return "report/02-next.html", true
		}
		return "", false
	}
	r := markdown.Render(markdown.New(), "content/report/01-intro.md", body, 5, "../", resolve)
	if len(r.Problems) > 0 {
		t.Fatalf("problems: %v", r.Problems)
	}
	golden(t, "chapter.html", []byte(r.HTML))
	meta, err := json.MarshalIndent(struct {
		TOC      []markdown.Heading
		Passages []markdown.Passage
	}{r.TOC, r.Passages}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "chapter-toc-passages.json", append(meta, '\n'))
}

// One chart's options as go-echarts writes them for ECharts.
func TestGoldenSectionBar(t *testing.T) {
	infra := &content.Layer{ID: "infra", Name: "Infrastructure", Index: 0}
	apps := &content.Layer{ID: "apps", Name: "Applications", Index: 1, Color: "#123456"}
	compute := &content.Section{ID: "compute", Name: "Compute", Layer: infra}
	storage := &content.Section{ID: "storage", Name: "Storage", Layer: infra}
	agents := &content.Section{ID: "agents", Name: "Agents", Layer: apps}
	infra.Sections, apps.Sections = []*content.Section{compute, storage}, []*content.Section{agents}
	projects := []*content.Project{
		{Slug: "acme", Name: "Acme", Layer: infra, Section: compute},
		{Slug: "bolt", Name: "Bolt", Layer: apps, Section: agents},
		{Slug: "cobalt", Name: "Cobalt", Layer: infra, Section: compute},
	}
	c := charts.SectionBar("section-bar", "Projects per section", []*content.Layer{infra, apps}, projects, page.ChartLinks)
	var v any
	if err := json.Unmarshal([]byte(c.Spec), &v); err != nil {
		t.Fatal(err)
	}
	out, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "section-bar.json", append(out, '\n'))
}
