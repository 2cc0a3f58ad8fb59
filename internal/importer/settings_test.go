package importer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/panorama-ssg/panorama/internal/realdata"
)

// runtimeAndMembers is a landscape of two categories: projects (a
// graduated Alpha, a sandbox Beta) and the foundation's members (Corp).
const runtimeAndMembers = `categories:
  - name: Runtime
    subcategories:
      - name: Container Runtime
        items:
          - name: Alpha
            homepage_url: https://alpha.example
            project: graduated
          - name: Beta
            homepage_url: https://beta.example
            project: sandbox
  - name: Members
    subcategories:
      - name: Gold
        items:
          - name: Corp
            homepage_url: https://corp.example
`

// settings.yml and guide.yml beside landscape.yml give the site its name,
// colours, links, featured items, members, TAGs, and the guide's texts;
// settings Panorama has no place for are notes naming them.
func TestImportSettingsAndGuide(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"landscape.yml": runtimeAndMembers,
		"settings.yml": `foundation: XF
url: https://landscape.xf.example
colors:
  color1: rgba(0, 107, 204, 1)
  color5: rgba(1, 107, 204, 0.7)
  color6: rgba(0, 42, 81, 0.7)
featured_items:
  - field: maturity
    options:
      - value: graduated
        order: 1
        label: XF Graduated
  - field: subcategory
    options:
      - value: Gold
footer:
  links:
    github: https://github.com/xf
  text: Copyright XF. <script>alert(1)</script>
groups:
  - name: Projects
    categories: [Runtime]
  - name: Members
    categories: [Members]
members_category: Members
tags:
  runtime:
    - category: Runtime
osano:
  customer_id: x
made_up_key: 1
`,
		"guide.yml": `categories:
  - category: Runtime
    content: |
      Runtimes run **containers**, see [the spec](https://spec.example).

      #### More
      Details.
    subcategories:
      - subcategory: Container Runtime
        content: |
          What starts a container.
  - category: Introduction
    content: |
      Read this first.
`,
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	site, res := importSite(t, filepath.Join(dir, "landscape.yml"), "")
	read := func(rel string) string {
		b, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	// importSite gives a title; the settings' own is used without one.
	siteYAML := read("content/site.yaml")
	for _, want := range []string{
		"description: Runtimes run containers, see the spec.\n",
		"description: What starts a container.\n",
		"color: '#4d97db'", "color: '#4d6a85'",
		"name: Original landscape\n    url: https://landscape.xf.example\n", "name: GitHub\n    url: https://github.com/xf\n",
		"{id: featured, label: Featured, type: text, filter: true}",
		"{id: member, label: Foundation member, type: boolean, filter: true}",
		"map:\n  featured:\n    - {field: featured}\n",
	} {
		if !strings.Contains(siteYAML, want) {
			t.Errorf("site.yaml lacks %q:\n%s", want, siteYAML)
		}
	}
	for file, want := range map[string]string{
		"content/projects/alpha.md": "featured: \"XF Graduated\"\n",
		"content/projects/corp.md":  "featured: \"Gold\"\n",
	} {
		if !strings.Contains(read(file), want) {
			t.Errorf("%s lacks %q:\n%s", file, want, read(file))
		}
	}
	if p := read("content/projects/beta.md"); strings.Contains(p, "featured") || !strings.Contains(p, "tag: \"runtime\"\n") {
		t.Errorf("beta.md:\n%s", p)
	}
	if !strings.Contains(read("content/projects/corp.md"), "member: true\n") {
		t.Error("corp.md is not marked a member")
	}
	about, guide := read("content/report/01-about.md"), read("content/report/02-guide.md")
	if !strings.Contains(siteYAML, "groups:\n  - id: projects\n    name: Projects\n    layers: [runtime]\n  - id: members\n    name: Members\n    layers: [members]\n") {
		t.Errorf("site.yaml's groups:\n%s", siteYAML)
	}
	if !strings.Contains(about, "## Notice\n\nCopyright XF.") {
		t.Errorf("about:\n%s", about)
	}
	if !strings.Contains(guide, "## Runtime\n") || !strings.Contains(guide, "### Container Runtime\n") || !strings.Contains(guide, "## Introduction\n") {
		t.Errorf("guide:\n%s", guide)
	}
	var notes []string
	for _, p := range res.Skipped {
		notes = append(notes, p.Error())
	}
	for _, want := range []string{"settings.yml:29:1: settings: osano:", "settings.yml:31:1: settings: made_up_key: not a setting this import knows; left out"} {
		if !strings.Contains(strings.Join(notes, "\n"), want) {
			t.Errorf("no note %q:\n%s", want, strings.Join(notes, "\n"))
		}
	}
	_, out := checkAndBuild(t, site)
	page, err := os.ReadFile(filepath.Join(out, "report", "01-about.html"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(page), "<script>alert") {
		t.Error("the footer text's script reached the page")
	}
	corp, _ := os.ReadFile(filepath.Join(out, "projects", "corp.html"))
	if !strings.Contains(string(corp), "<dt>Foundation member</dt><dd>Yes</dd>") || !strings.Contains(string(corp), "<dt>Featured</dt><dd>Gold</dd>") {
		t.Error("corp.html does not say it is a featured member")
	}
	home, _ := os.ReadFile(filepath.Join(out, "index.html"))
	// The map's tabs: the products on the home page, the members on theirs.
	members, err := os.ReadFile(filepath.Join(out, "groups", "members.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(home), `aria-current="page">Projects <span class="count">2</span>`) || strings.Contains(string(home), `id="box-gold"`) {
		t.Error("the home page's map is not the first tab's")
	}
	if !strings.Contains(string(members), `aria-current="page">Members <span class="count">1</span>`) || !strings.Contains(string(members), `id="box-gold"`) || strings.Contains(string(members), `id="box-container-runtime"`) {
		t.Error("groups/members.html is not the members' tab")
	}
	if !strings.Contains(string(home), `<a href="https://github.com/xf" rel="noopener external">GitHub</a>`) {
		t.Error("the footer lacks the landscape's links")
	}
}

// With a members category and no groups, the members are a tab of their
// own after the projects, as on landscape2's sites; a landscape of members
// alone has no tabs.
func TestImportMembersTab(t *testing.T) {
	landscape := runtimeAndMembers
	for _, tc := range []struct{ landscape, want string }{
		{landscape, "groups:\n  - id: projects-and-products\n    name: Projects and products\n    layers: [runtime]\n  - id: members\n    name: Members\n    layers: [members]\n"},
		{landscape[:strings.Index(landscape, "  - name: Runtime")] + landscape[strings.Index(landscape, "  - name: Members"):], ""},
	} {
		dir := t.TempDir()
		must(t, os.WriteFile(filepath.Join(dir, "landscape.yml"), []byte(tc.landscape), 0o644))
		must(t, os.WriteFile(filepath.Join(dir, "settings.yml"), []byte("members_category: Members\n"), 0o644))
		site, _ := importSite(t, filepath.Join(dir, "landscape.yml"), "")
		siteYAML, err := os.ReadFile(filepath.Join(site, "content", "site.yaml"))
		must(t, err)
		if got := strings.Contains(string(siteYAML), "groups:"); got != (tc.want != "") || !strings.Contains(string(siteYAML), tc.want) {
			t.Errorf("site.yaml, want groups %q:\n%s", tc.want, siteYAML)
		}
		if tc.want != "" {
			_, out := checkAndBuild(t, site)
			members, err := os.ReadFile(filepath.Join(out, "groups", "members.html"))
			must(t, err)
			if !strings.Contains(string(members), `id="box-gold"`) {
				t.Error("groups/members.html does not show the members")
			}
		}
	}
}

// A real landscape2 settings file: Overture's featured Steering members.
func TestImportRealSettings(t *testing.T) {
	dir := realdata.Dir(t, "landscapes/overture", "Overture Maps' settings.yml gives the site its title, colours and featured members")
	site, _ := importSite(t, filepath.Join(dir, "landscape.yml"), filepath.Join(dir, "hosted_logos"))
	data, err := os.ReadFile(filepath.Join(site, "content", "projects", "microsoft-corporation.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "featured: \"Steering\"\n") {
		t.Errorf("microsoft-corporation.md:\n%s", data)
	}
	siteYAML, _ := os.ReadFile(filepath.Join(site, "content", "site.yaml"))
	if !strings.Contains(string(siteYAML), "url: https://overturemaps.org\n") || !strings.Contains(string(siteYAML), "color: '#") {
		t.Errorf("site.yaml:\n%s", siteYAML)
	}
}

// An item's audits are a small table on its page, one row an audit, the
// report linked, whatever characters its vendor's name holds.
func TestImportAuditsTable(t *testing.T) {
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "landscape.yml"), []byte(`categories:
  - name: Runtime
    subcategories:
      - name: Container Runtime
        items:
          - name: Alpha
            homepage_url: https://alpha.example
            extra:
              audits:
                - date: 2025-07-31
                  type: security
                  url: https://audits.example/alpha.pdf
                  vendor: Pipes | and *stars*
                - date: 2023-01-02
                  type: fuzzing
                  url: https://audits.example/alpha-fuzz?a=1|2
                  vendor: Fuzzers
`), 0o644))
	site, _ := importSite(t, filepath.Join(dir, "landscape.yml"), "")
	_, out := checkAndBuild(t, site)
	page, err := os.ReadFile(filepath.Join(out, "projects", "alpha.html"))
	must(t, err)
	for _, want := range []string{
		"<th>Date</th>\n<th>Report</th>\n<th>By</th>",
		`<td>2025-07-31</td>` + "\n" + `<td><a href="https://audits.example/alpha.pdf">Security</a></td>` + "\n" + `<td>Pipes | and *stars*</td>`,
		`<td><a href="https://audits.example/alpha-fuzz?a=1%7C2">Fuzzing</a></td>`,
	} {
		if !strings.Contains(string(page), want) {
			t.Errorf("alpha.html lacks %s:\n%s", want, page)
		}
	}
}
