package importer_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/panorama-ssg/panorama/generator"
	"github.com/panorama-ssg/panorama/internal/importer"
	"github.com/panorama-ssg/panorama/internal/realdata"
	"go.yaml.in/yaml/v3"
)

// lfaiDir is the real LF AI & Data landscape, shared by every test of the
// project (see its README); without it the test skips.
func lfaiDir(t *testing.T) string {
	return realdata.Dir(t, "lfai-landscape", "the LF AI & Data landscape imports whole and passes check and build")
}

func importSite(t *testing.T, landscape, logos string) (string, *importer.Result) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "site")
	res, err := importer.Landscape2(importer.Options{Landscape: landscape, Logos: logos, Out: out, Title: "Imported"})
	if err != nil {
		t.Fatal(err)
	}
	return out, res
}

// checkAndBuild runs check and build on an imported site as a publisher
// would, and fails on any error or warning that site.yaml does not accept.
func checkAndBuild(t *testing.T, site string) (*generator.CheckResult, string) {
	t.Helper()
	r, err := generator.Check(generator.Options{Source: site})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range r.Problems {
		if !p.Accepted {
			t.Errorf("check: %s [%s]", p.Error(), p.Kind)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(generator.Options{Source: site, Out: out, NoZip: true}); err != nil {
		t.Fatal(err)
	}
	return r, out
}

// The real landscape imports whole: every item, category, subcategory and
// logo, and the site passes check with its accepted warnings and builds.
func TestImportRealLandscape(t *testing.T) {
	lfai := lfaiDir(t)
	src := filepath.Join(lfai, "landscape.yml")
	raw, err := os.ReadFile(src)
	if err != nil {
		t.Fatalf("the shared landscape data is missing: %v", err)
	}
	// Count what the source holds with a YAML decoder of its own.
	var doc struct {
		Landscape []struct {
			Subcategories []struct {
				Items []struct {
					Logo string `yaml:"logo"`
				} `yaml:"items"`
			} `yaml:"subcategories"`
		} `yaml:"landscape"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	items, subs := 0, 0
	logos := map[string]bool{}
	for _, c := range doc.Landscape {
		subs += len(c.Subcategories)
		for _, s := range c.Subcategories {
			items += len(s.Items)
			for _, it := range s.Items {
				logos[it.Logo] = true
			}
		}
	}
	site, res := importSite(t, src, filepath.Join(lfai, "hosted_logos"))
	if res.Items != items || res.Projects != items || res.Layers != len(doc.Landscape) || res.Sections != subs || res.Logos != len(logos) {
		t.Errorf("imported %+v; the source has %d items, %d categories, %d subcategories, %d logos", res, items, len(doc.Landscape), subs, len(logos))
	}
	for _, p := range res.Skipped {
		t.Errorf("skipped: %s", p.Error())
	}
	files, _ := filepath.Glob(filepath.Join(site, "content", "projects", "*.md"))
	copied, _ := filepath.Glob(filepath.Join(site, "content", "static", "logos", "*"))
	if len(files) != items || len(copied) != len(logos) {
		t.Errorf("%d project files and %d logos written, want %d and %d", len(files), len(copied), items, len(logos))
	}
	r, out := checkAndBuild(t, site)
	if r.Projects != items || r.Problems.CountAccepted() == 0 {
		t.Errorf("check saw %d projects and accepted %d warnings", r.Projects, r.Problems.CountAccepted())
	}
	pages, _ := filepath.Glob(filepath.Join(out, "projects", "*.html"))
	if len(pages) != items {
		t.Errorf("%d project pages, want %d", len(pages), items)
	}
	// Maturity became a filterable field.
	dir, _ := os.ReadFile(filepath.Join(out, "projects.html"))
	if !bytes.Contains(dir, []byte(`name="maturity" value="graduated"`)) {
		t.Error("the directory offers no maturity filter")
	}
	// The same input gives the same files.
	again, _ := importSite(t, src, filepath.Join(lfai, "hosted_logos"))
	for _, f := range append(files, filepath.Join(site, "content", "site.yaml")) {
		rel, _ := filepath.Rel(site, f)
		a, _ := os.ReadFile(f)
		b, err := os.ReadFile(filepath.Join(again, rel))
		if err != nil || !bytes.Equal(a, b) {
			t.Fatalf("%s differs between two imports", rel)
		}
	}
}

// An awkward landscape of our own: second_path, a name repeated across
// and within sections, extra fields, odd URLs, a missing logo, Markdown
// and markup in a description.
func TestImportOddLandscape(t *testing.T) {
	site, res := importSite(t, "testdata/odd/landscape.yml", "testdata/odd/logos")
	if res.Items != 7 || res.Projects != 4 || res.Layers != 2 || res.Sections != 4 || res.Logos != 2 {
		t.Errorf("result %+v", res)
	}
	var got []string
	for _, p := range res.Skipped {
		got = append(got, p.Error())
	}
	want := []string{
		`landscape.yml:17:17: item "Acme GPU": second_path "Data / Nowhere" names no subcategory of this landscape; that place is left out`,
		`landscape.yml:27:19: item "Ænix": logo "missing.svg" is not in the logos folder; imported without a logo`,
		`landscape.yml:33:13: item "No Website": homepage_url is missing; skipped (a project needs a website)`,
		`landscape.yml:38:27: item "Odd URL": homepage_url "ftp://odd.example" is not an http(s) address; skipped (a project needs a website)`,
		`landscape.yml:41:19: item "Acme GPU" is listed twice in "GPUs" (also at line 9); skipped`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("skipped:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	read := func(rel string) string {
		b, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	acme := read("content/projects/acme-gpu.md")
	for _, w := range []string{"section: gpus\n", "also_in: [\"data-storage\"]\n", "x: \"acme_gpu\"\n", "logo: \"logos/acme-gpu.svg\"\n", "maturity: \"sandbox\"\n", "accepted: \"2024-05-14\"\n", "slack_url: \"https://acme.slack.example\"\n", "## Notes\n\n- Key: value\n"} {
		if !strings.Contains(acme, w) {
			t.Errorf("acme-gpu.md lacks %q:\n%s", w, acme)
		}
	}
	if s := read("content/projects/shared-name-storage.md"); !strings.Contains(s, "enduser: true\n") || !strings.Contains(s, "twitter: \"https://example.com/not-twitter\"\n") {
		t.Errorf("shared-name-storage.md:\n%s", s)
	}
	if s := read("content/projects/shared-name-data-storage.md"); !strings.Contains(s, "organization: \"Shared Org\"\n") || !strings.Contains(s, "maturity: \"graduated\"\n") {
		t.Errorf("shared-name-data-storage.md:\n%s", s)
	}
	siteYAML := read("content/site.yaml")
	for _, w := range []string{"{id: accepted, label: Accepted, type: date}", "{id: maturity, label: Maturity, type: enum, values: [graduated, sandbox], filter: true}", "{id: enduser, label: End user, type: boolean, filter: true}", "kind: duplicate-website", "kind: empty-section"} {
		if !strings.Contains(siteYAML, w) {
			t.Errorf("site.yaml lacks %q:\n%s", w, siteYAML)
		}
	}
	_, out := checkAndBuild(t, site)
	page, _ := os.ReadFile(filepath.Join(out, "projects", "aenix.html"))
	if bytes.Contains(page, []byte("<script>alert")) || !bytes.Contains(page, []byte("&lt;script&gt;alert(1)&lt;/script&gt; and *stars*.")) {
		t.Errorf("the description's markup is not kept as text:\n%s", regexp.MustCompile(`(?s)<div class="prose">.*?</div>`).Find(page))
	}
	data, _ := os.ReadFile(filepath.Join(out, "layers", "data", "data-storage.html"))
	if !bytes.Contains(data, []byte(">Acme GPU</a>")) {
		t.Error("Acme GPU is not listed in its second place")
	}
}

func TestImportRefusesAFolderInUse(t *testing.T) {
	out := t.TempDir()
	if err := os.WriteFile(filepath.Join(out, "keep.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := importer.Landscape2(importer.Options{Landscape: "testdata/odd/landscape.yml", Out: out})
	if err == nil || !strings.Contains(err.Error(), "is not empty") {
		t.Fatalf("err = %v", err)
	}
}
