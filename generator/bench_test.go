package generator

// Benchmarks (issue 6): full builds of the fixture sizes, and rebuilds after
// one edit. Commands and results are in bench/README.md.

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/panorama-ssg/panorama/bench/fixture"
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
				res, err := Build(Options{Source: src, Out: out})
				if err != nil {
					b.Fatal(err)
				}
				pages = res.Pages
			}
			b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}

var _ = fmt.Sprint
var _ = os.Getpid
