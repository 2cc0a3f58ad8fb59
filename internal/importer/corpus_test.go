package importer_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/panorama-ssg/panorama/generator"
	"github.com/panorama-ssg/panorama/generator/edition"
	"github.com/panorama-ssg/panorama/internal/realdata"
	"go.yaml.in/yaml/v3"
)

// upstreamItem is what the test reads of an item with its own decoder.
type upstreamItem struct {
	Name string `yaml:"name"`
	Logo string `yaml:"logo"`
}

// upstreamItems lists a landscape.yml's items in either layout
// (landscape:/category: or categories:/name:).
func upstreamItems(t *testing.T, file string) []upstreamItem {
	t.Helper()
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	type sub struct {
		Items []upstreamItem `yaml:"items"`
	}
	type cat struct {
		Subcategories []sub `yaml:"subcategories"`
	}
	var doc struct {
		Landscape  []cat `yaml:"landscape"`
		Categories []cat `yaml:"categories"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	var out []upstreamItem
	for _, c := range append(doc.Landscape, doc.Categories...) {
		for _, s := range c.Subcategories {
			out = append(out, s.Items...)
		}
	}
	return out
}

// Every real landscape beside this repository imports, checks with no
// warning left that site.yaml does not accept, and builds; every item
// whose logo file is there has it on the site; tooling keys are not
// shown and no filter offers one value or hundreds.
func TestImportCorpus(t *testing.T) {
	dirs := realdata.Landscapes(t, "every landscape in ../shared/data/landscapes imports, checks and builds with its logos")
	nameRE := regexp.MustCompile(`(?m)^name: (.*)$`)
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			yml, logos := filepath.Join(dir, "landscape.yml"), filepath.Join(dir, "hosted_logos")
			site, res := importSite(t, yml, logos)
			withLogo := map[string]bool{}
			files, _ := filepath.Glob(filepath.Join(site, "content", "projects", "*.md"))
			for _, f := range files {
				data, _ := os.ReadFile(f)
				if m := nameRE.FindSubmatch(data); m != nil && regexp.MustCompile(`(?m)^logo: "?logos/`).Match(data) {
					var name string
					if err := yaml.Unmarshal(m[1], &name); err != nil {
						t.Fatal(err)
					}
					withLogo[name] = true
				}
			}
			skipped := map[string]bool{}
			for _, p := range res.Skipped {
				if strings.Contains(p.Msg, "; skipped") {
					if m := regexp.MustCompile(`item "([^"]*)"`).FindStringSubmatch(p.Msg); m != nil {
						skipped[m[1]] = true
					}
				}
			}
			for _, it := range upstreamItems(t, yml) {
				if it.Logo == "" || skipped[it.Name] {
					continue
				}
				if _, err := os.Stat(filepath.Join(logos, it.Logo)); err == nil && !withLogo[it.Name] {
					t.Errorf("%s has a logo file upstream (%s) but none on the site", it.Name, it.Logo)
				}
			}
			siteYAML, _ := os.ReadFile(filepath.Join(site, "content", "site.yaml"))
			for _, bad := range []string{"label: Summary integrations", "label: Summary use case", "label: Item,", "label: Annotations"} {
				if strings.Contains(string(siteYAML), bad) {
					t.Errorf("site.yaml shows a raw key: %s", bad)
				}
			}
			for _, key := range []string{"lfx_slug", "clomonitor_name", "allow_duplicate_repo", "unnamed_organization"} {
				if m := regexp.MustCompile(`\{id: ` + key + `,[^}]*\}`).Find(siteYAML); m != nil && !strings.Contains(string(m), "show: false") {
					t.Errorf("site.yaml shows %s: %s", key, m)
				}
			}
			checkAndBuild(t, site)
			if _, err := generator.FreezeEdition(generator.FreezeOptions{Source: site, Options: edition.Options{Name: "first", Date: "2026-12-01"}}); err != nil {
				t.Errorf("edition: %v", err)
			}
		})
	}
}
