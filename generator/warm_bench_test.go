package generator

// Warm builds (issue 25): a build after one edit, with the cache the
// build before left, against a cold build of the same content. Commands
// and results are in bench/README.md.

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/panorama-ssg/panorama/bench/fixture"
)

// warmEdits are the edits a warm build is measured after: a project's
// text, which its page, the search index, the feed and the whole-report
// page read, and its summary, which every list of projects reads too.
var warmEdits = []struct {
	name string
	edit func(data []byte, n int) []byte
}{
	{"text", func(data []byte, n int) []byte { return fmt.Appendf(data, "\nEdit %d.\n", n) }},
	{"summary", func(data []byte, n int) []byte {
		return regexp.MustCompile(`(?m)^summary: "`).ReplaceAll(data, fmt.Appendf(nil, `summary: "Edit %d. `, n))
	}},
}

func BenchmarkWarmBuild(b *testing.B) {
	for _, o := range fixture.Sizes {
		for _, e := range warmEdits {
			b.Run(o.String()+"/"+e.name, func(b *testing.B) {
				src := fixtureSite(b, o)
				out, cold := filepath.Join(b.TempDir(), "public"), filepath.Join(b.TempDir(), "cold")
				if _, err := Build(Options{Source: src, Out: out}); err != nil {
					b.Fatal(err)
				}
				file := filepath.Join(src, "content", "projects", "p-00000.md")
				var warm, coldTime time.Duration
				var made int
				n := 0
				for b.Loop() {
					data, err := os.ReadFile(file)
					if err != nil {
						b.Fatal(err)
					}
					if err := os.WriteFile(file, e.edit(data, n), 0o644); err != nil {
						b.Fatal(err)
					}
					n++
					start := time.Now()
					res, err := Build(Options{Source: src, Out: out})
					if err != nil {
						b.Fatal(err)
					}
					warm += time.Since(start)
					made += res.Pages + res.Files - 1 - res.Reused // but the zip
					start = time.Now()
					if _, err := Build(Options{Source: src, Out: cold, NoCache: true}); err != nil {
						b.Fatal(err)
					}
					coldTime += time.Since(start)
				}
				b.ReportMetric(warm.Seconds()/float64(n), "s/warm")
				b.ReportMetric(coldTime.Seconds()/float64(n), "s/cold")
				b.ReportMetric(warm.Seconds()/coldTime.Seconds(), "warm/cold")
				b.ReportMetric(float64(made)/float64(n), "files-made")
			})
		}
	}
}
