package content_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/internal/importer"
	"github.com/panorama-ssg/panorama/internal/realdata"
)

// TestQuickYAMLOnRealLandscapes: every project the importer writes for
// the real landscapes beside this repository reads the same on the quick
// path as with yaml.v3, and nearly all take it.
func TestQuickYAMLOnRealLandscapes(t *testing.T) {
	checks := "the quick YAML path reads every imported project as yaml.v3 does"
	dirs := append([]string{realdata.Dir(t, "lfai-landscape", checks)}, realdata.Landscapes(t, checks)...)
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			site := filepath.Join(t.TempDir(), "site")
			if _, err := importer.Landscape2(importer.Options{Landscape: filepath.Join(dir, "landscape.yml"), Out: site, Title: "Imported"}); err != nil {
				t.Fatal(err)
			}
			files, _ := filepath.Glob(filepath.Join(site, "content", "projects", "*.md"))
			quick := 0
			for _, f := range files {
				src, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				front, _, _, _, err := content.Split(src)
				if err != nil {
					t.Fatalf("%s: %v", f, err)
				}
				q, err := content.QuickYAMLAgrees(front)
				if err != nil {
					t.Errorf("%s: %v", f, err)
				}
				if q {
					quick++
				}
			}
			t.Logf("%d of %d projects took the quick path", quick, len(files))
			if len(files) == 0 || quick < len(files)*8/10 {
				t.Errorf("%d of %d projects took the quick path; want nearly all", quick, len(files))
			}
		})
	}
}
