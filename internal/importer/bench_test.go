package importer_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/panorama-ssg/panorama/bench/fixture"
	"github.com/panorama-ssg/panorama/internal/importer"
	"github.com/panorama-ssg/panorama/internal/realdata"
)

// BenchmarkImport imports landscape2 landscapes with a logo per item; the
// budget is 2 s for 2,500 items (bench/README.md).
func BenchmarkImport(b *testing.B) {
	for _, n := range []int{500, 2500, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			src := b.TempDir()
			if err := fixture.Landscape(src, n, 1); err != nil {
				b.Fatal(err)
			}
			var res *importer.Result
			for b.Loop() {
				out := filepath.Join(b.TempDir(), "site")
				var err error
				res, err = importer.Landscape2(importer.Options{Landscape: filepath.Join(src, "landscape.yml"), Logos: filepath.Join(src, "hosted_logos"), Out: out})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(res.Projects), "projects")
			b.ReportMetric(float64(len(res.Skipped)), "skipped")
		})
	}
}

// A generated landscape imports, checks and builds like a real one.
func TestImportGeneratedLandscape(t *testing.T) {
	src := t.TempDir()
	if err := fixture.Landscape(src, 300, 1); err != nil {
		t.Fatal(err)
	}
	site, res := importSite(t, filepath.Join(src, "landscape.yml"), filepath.Join(src, "hosted_logos"))
	if res.Projects < 290 || res.Logos != res.Projects {
		t.Errorf("imported %+v", res)
	}
	checkAndBuild(t, site)
}

// BenchmarkImportRealLogos imports 2,500 items whose logos are the real
// ones beside this repository (every landscape's hosted_logos, as
// received: wordmarks, 2 MB drawings, rasters wrapped in SVG), named by
// path inside ../shared/data, which is the logos folder.
func BenchmarkImportRealLogos(b *testing.B) {
	data := filepath.Dir(realdata.Dir(b, "lfai-landscape", "importing 2,500 items with the real landscapes' logos"))
	yml, err := fixture.OverRealLogos(data, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	var res *importer.Result
	for b.Loop() {
		var err error
		res, err = importer.Landscape2(importer.Options{Landscape: yml, Logos: data, Out: filepath.Join(b.TempDir(), "site")})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Logos), "logos")
	b.ReportMetric(float64(res.LogoBytesIn)/1e6, "svg-MB-in")
	b.ReportMetric(float64(res.LogoBytesOut)/1e6, "svg-MB-out")
}
