package generator

// Benchmarks (issue 6): full builds of the fixture sizes, and rebuilds after
// one edit. Commands and results are in bench/README.md.

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/panorama-ssg/panorama/bench/fixture"
	"github.com/panorama-ssg/panorama/generator/edition"
)

// fixtureSite writes a fixture once per benchmark run.
func fixtureSite(b *testing.B, o fixture.Options) string {
	b.Helper()
	dir := filepath.Join(b.TempDir(), o.String())
	if err := fixture.Write(dir, o); err != nil {
		b.Fatal(err)
	}
	return dir
}

func BenchmarkBuild(b *testing.B) {
	for _, o := range fixture.Sizes {
		b.Run(o.String(), func(b *testing.B) {
			src := fixtureSite(b, o)
			out := filepath.Join(b.TempDir(), "public")
			var pages int
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				res, err := Build(Options{Source: src, Out: out, NoCache: true})
				if err != nil {
					b.Fatal(err)
				}
				pages = res.Pages
			}
			b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}

// BenchmarkRebuild is serve's work after a save: rebuild with the caches
// of earlier builds, then render the page the editor has open.
func BenchmarkRebuild(b *testing.B) {
	for _, o := range fixture.Sizes {
		// Each edit puts "Edit N." before the first occurrence of at.
		for _, edit := range []struct{ name, file, page, at, insert string }{
			{"project", "content/projects/p-00007.md", "projects/p-00007.html", `summary: "`, `summary: "Edit %d. `},
			{"chapter", "content/report/c-0003.md", "report/c-0003.html", "## ", "Edit %d.\n\n## "},
		} {
			if edit.name == "chapter" && o.Chapters <= 3 {
				continue
			}
			b.Run(o.String()+"/"+edit.name, func(b *testing.B) {
				src := fixtureSite(b, o)
				builder, err := NewBuilder(Options{Source: src})
				if err != nil {
					b.Fatal(err)
				}
				if _, _, err := builder.Build(); err != nil {
					b.Fatal(err)
				}
				file := filepath.Join(src, edit.file)
				orig, err := os.ReadFile(file)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				b.ResetTimer()
				n := 0
				for b.Loop() {
					n++
					text := strings.Replace(string(orig), edit.at, fmt.Sprintf(edit.insert, n), 1)
					if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
						b.Fatal(err)
					}
					builder.Changed(edit.file) // as the file watcher reports it
					site, _, err := builder.Build()
					if err != nil {
						b.Fatal(err)
					}
					page, ok, err := site.File(edit.page)
					if err != nil || !ok || !strings.Contains(string(page), fmt.Sprintf("Edit %d.", n)) {
						b.Fatalf("the rebuilt page lacks the edit (%v, %v)", ok, err)
					}
				}
			})
		}
	}
}

// BenchmarkHomePageWeight measures what a first visit to the default
// report's home page transfers, gzip-compressed as Pages serves it: the
// page, its stylesheet, scripts and icon (the search index loads only when
// the search box is used). The "gzip-B" metric is the number to read.
func BenchmarkHomePageWeight(b *testing.B) {
	out := filepath.Join(b.TempDir(), "public")
	if _, err := Build(Options{Source: "..", Out: out}); err != nil {
		b.Fatal(err)
	}
	home, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		b.Fatal(err)
	}
	files := []string{"index.html"}
	for _, m := range regexp.MustCompile(`(?:src|href)="(assets/[^"]+)"`).FindAllStringSubmatch(string(home), -1) {
		files = append(files, m[1])
	}
	// charts.js loads ECharts when a chart comes near the screen, which on
	// this report's home page is at once.
	if bytes.Contains(home, []byte("data-chart=")) {
		files = append(files, "assets/vendor/echarts-panorama.min.js")
	}
	var total int
	for b.Loop() {
		total = 0
		for _, f := range files {
			data, err := os.ReadFile(filepath.Join(out, f))
			if err != nil {
				b.Fatal(err)
			}
			var z bytes.Buffer
			w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
			w.Write(data)
			w.Close()
			total += z.Len()
		}
	}
	b.ReportMetric(float64(total), "gzip-B")
	b.Logf("%d files: %v", len(files), files)
}

// BenchmarkEditions is issue 17's budget: a report of 10,000 projects
// built with no edition, and the same report with two editions whose
// comparisons (the older with the newer, the newer with the current
// report) list hundreds of changes of every kind, with a past map each.
// The second may cost at most 10% more than the first. Each iteration
// builds both, one after the other, so that a shared machine's drift
// weighs on both alike; the metrics are each build's mean and the extra.
func BenchmarkEditions(b *testing.B) {
	o := fixture.Options{Projects: 10000, Chapters: 1000}
	none, two := fixtureSite(b, o), filepath.Join(b.TempDir(), "two")
	if err := fixture.Write(two, o); err != nil {
		b.Fatal(err)
	}
	writeEditions(b, two)
	out := filepath.Join(b.TempDir(), "public")
	build := func(src string) time.Duration {
		start := time.Now()
		if _, err := Build(Options{Source: src, Out: out, NoCache: true}); err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	}
	var without, with time.Duration
	b.ReportAllocs()
	for b.Loop() {
		without += build(none)
		with += build(two)
	}
	n := float64(b.N)
	b.ReportMetric(without.Seconds()/n, "s/build-without")
	b.ReportMetric(with.Seconds()/n, "s/build-with")
	b.ReportMetric(100*(with-without).Seconds()/without.Seconds(), "%extra")
}

// writeEditions freezes the fixture as edition a, then makes edition b
// from it with one project in 20 removed, renamed, moved and changed.
func writeEditions(b *testing.B, src string) {
	b.Helper()
	r, err := Check(Options{Source: src})
	if err != nil || r.Set == nil {
		b.Fatal(err)
	}
	a := edition.Build(r.Set, edition.Options{Name: "a", Date: "2026-01-01"})
	next := *edition.Build(r.Set, edition.Options{Name: "b", Date: "2026-06-01"})
	next.Projects = nil
	for i, p := range a.Projects {
		switch i % 20 {
		case 0:
			continue // removed
		case 1:
			p.Name += " Renamed"
		case 2:
			p.Layer, p.Sections = a.Layers[0].ID, []string{a.Layers[0].Sections[0].ID}
		case 3:
			p.Summary += " Changed."
		}
		next.Projects = append(next.Projects, p)
	}
	for _, e := range []*edition.File{a, &next} {
		data, err := edition.Marshal(e)
		if err != nil {
			b.Fatal(err)
		}
		dir := filepath.Join(src, filepath.FromSlash(edition.Dir))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name+".json"), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSecondLanguage is issue 18's budget: the 10,000 + 1,000
// fixture built in one language, and in two (the site's texts and one
// project and chapter in ten translated, the rest falling back). The
// second language may cost at most 1.2 times the pages' share of the
// one-language build: the time it spends rendering and writing pages and
// files (and the zip), measured in the same iteration.
func BenchmarkSecondLanguage(b *testing.B) {
	o := fixture.Options{Projects: 10000, Chapters: 1000}
	one, two := fixtureSite(b, o), filepath.Join(b.TempDir(), "two")
	if err := fixture.Write(two, o); err != nil {
		b.Fatal(err)
	}
	addChinese(b, two)
	out := filepath.Join(b.TempDir(), "public")
	var oneTotal, pages, twoTotal time.Duration
	b.ReportAllocs()
	for b.Loop() {
		start := time.Now()
		opt, err := Options{Source: one, Out: out}.normalize()
		if err != nil {
			b.Fatal(err)
		}
		site, _, err := prepareSite(opt)
		if err != nil {
			b.Fatal(err)
		}
		mid := time.Now()
		if _, _, err := WriteSite(out, site, true); err != nil {
			b.Fatal(err)
		}
		pages += time.Since(mid)
		oneTotal += time.Since(start)
		start = time.Now()
		if _, err := Build(Options{Source: two, Out: out, NoCache: true}); err != nil {
			b.Fatal(err)
		}
		twoTotal += time.Since(start)
	}
	n := float64(b.N)
	b.ReportMetric(oneTotal.Seconds()/n, "s/one-language")
	b.ReportMetric(pages.Seconds()/n, "s/pages-share")
	b.ReportMetric(twoTotal.Seconds()/n, "s/two-languages")
	b.ReportMetric((twoTotal-oneTotal).Seconds()/pages.Seconds(), "x-pages-share")
}

// addChinese makes a fixture a report in English and Chinese.
func addChinese(b *testing.B, dir string) {
	b.Helper()
	site := filepath.Join(dir, "content", "site.yaml")
	data, err := os.ReadFile(site)
	if err != nil {
		b.Fatal(err)
	}
	data = []byte(strings.Replace(string(data), "language: en\n", "languages:\n  - {code: en, name: English}\n  - {code: zh, name: 简体中文, tag: zh-Hans}\n", 1))
	files := map[string]string{"content/site.yaml": string(data), "content/site.zh.yaml": "title: 基准全景\n"}
	projects, _ := filepath.Glob(filepath.Join(dir, "content", "projects", "*.md"))
	for i, p := range projects {
		if i%10 == 0 {
			files[strings.TrimSuffix(strings.TrimPrefix(p, dir+string(filepath.Separator)), ".md")+".zh.md"] = "---\nsummary: 用于基准测试的中文摘要。\n---\n用于基准测试的中文正文。\n"
		}
	}
	chapters, _ := filepath.Glob(filepath.Join(dir, "content", "report", "*.md"))
	for i, c := range chapters {
		if i%10 == 0 {
			files[strings.TrimSuffix(strings.TrimPrefix(c, dir+string(filepath.Separator)), ".md")+".zh.md"] = "---\ntitle: 中文章节\n---\n用于基准测试的中文章节。\n"
		}
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
}
