package content

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

const siteYAML = `title: T
layers:
  - id: infrastructure
    name: Infra
    sections:
      - id: compute
        name: Compute
      - id: chains
        name: Chains
  - id: application
    name: Apps
    sections:
      - id: agents
        name: Agents
`

const siteWithFields = siteYAML + `fields:
  - {id: maturity, label: Maturity, type: enum, values: [sandbox, incubating, graduated], filter: true}
  - {id: joined, label: Joined, type: date}
  - {id: stars, type: number}
  - {id: crunchbase, type: url}
  - {id: licenses, type: list}
  - {id: enduser, type: boolean}
`

func project(body string) string { return "---\n" + body + "---\n" }

const okProject = "name: Acme\nlayer: infrastructure\nsection: compute\nsummary: Does things.\nwebsite: https://acme.example\n"

// TestValidationRules has one row per rule; each error names the file, line
// and column of the offending value (issue 2).
func TestValidationRules(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		wantErr string // "" means valid
	}{
		{"valid", map[string]string{"content/projects/acme.md": project(okProject)}, ""},
		{"malformed yaml", map[string]string{"content/projects/acme.md": "---\nname: Acme\nlayer: [infra\n---\n"},
			`content/projects/acme.md:3: invalid YAML: did not find expected ',' or ']'`},
		{"malformed yaml line", map[string]string{"content/projects/acme.md": "---\nname: Acme\nsummary: a: b\n---\n"},
			"content/projects/acme.md:3: invalid YAML: mapping values are not allowed"},
		{"no front matter", map[string]string{"content/projects/acme.md": "name: Acme\n"},
			`content/projects/acme.md:1: no front matter; start the file with a line "---"`},
		{"unclosed front matter", map[string]string{"content/projects/acme.md": "---\nname: Acme\n"},
			`content/projects/acme.md:1: front matter is not closed`},
		{"missing required", map[string]string{"content/projects/acme.md": project("name: Acme\nlayer: infrastructure\nsection: compute\nsummary: Does things.\n")},
			"content/projects/acme.md:2: website is required"},
		{"also_in unknown section", map[string]string{"content/projects/acme.md": project(okProject + "also_in: [agents, chians]\n")},
			`content/projects/acme.md:7:19: also_in: section "chians" is not defined in content/site.yaml; did you mean "chains"?`},
		{"also_in own section", map[string]string{"content/projects/acme.md": project(okProject + "also_in: [compute]\n")},
			`content/projects/acme.md:7:11: also_in: "compute" is the project's own section; list only further sections`},
		{"also_in twice", map[string]string{"content/projects/acme.md": project(okProject + "also_in:\n  - agents\n  - agents\n")},
			`content/projects/acme.md:9:5: also_in: "agents" is listed twice`},
		{"same name in another section", map[string]string{"content/projects/acme.md": project(okProject), "content/projects/acme2.md": project(strings.Replace(strings.Replace(okProject, "acme.example", "acme2.example", 1), "section: compute", "section: chains", 1))},
			""},
		{"group unknown layer", map[string]string{"content/site.yaml": siteYAML + "groups:\n  - {id: main, name: Main, layers: [infrastructure, aplication]}\n", "content/projects/acme.md": project(okProject)},
			`content/site.yaml:15:53: group "main": layer "aplication" is not defined; did you mean "application"?`},
		{"layer in no group", map[string]string{"content/site.yaml": siteYAML + "groups:\n  - {id: main, name: Main, layers: [infrastructure]}\n", "content/projects/acme.md": project(okProject)},
			`content/site.yaml:10:9: layer "application" is in no group; with groups, every layer belongs to one, or it shows on no tab of the map`},
		{"groups", map[string]string{"content/site.yaml": siteYAML + "groups:\n  - {id: main, name: Main, layers: [infrastructure]}\n  - {id: apps, name: Apps, layers: [application]}\n", "content/projects/acme.md": project(okProject)}, ""},
		{"field enum value", map[string]string{"content/site.yaml": siteWithFields, "content/projects/acme.md": project(okProject + "maturity: sandbx\n")},
			`content/projects/acme.md:7:11: maturity: "sandbx" is not one of the values site.yaml gives; did you mean "sandbox"?`},
		{"field date", map[string]string{"content/site.yaml": siteWithFields, "content/projects/acme.md": project(okProject + "joined: 14 May 2024\n")},
			`content/projects/acme.md:7:9: joined: want a date as YYYY-MM-DD, got "14 May 2024"`},
		{"field number", map[string]string{"content/site.yaml": siteWithFields, "content/projects/acme.md": project(okProject + "stars: many\n")},
			`content/projects/acme.md:7:8: stars: want a number, got "many"`},
		{"field url", map[string]string{"content/site.yaml": siteWithFields, "content/projects/acme.md": project(okProject + "crunchbase: www.crunchbase.com/acme\n")},
			`content/projects/acme.md:7:13: crunchbase: "www.crunchbase.com/acme" is not an http(s) address`},
		{"field list wants text", map[string]string{"content/site.yaml": siteWithFields, "content/projects/acme.md": project(okProject + "licenses: [{a: b}]\n")},
			`content/projects/acme.md:7:12: licenses: want text in the list, got a mapping`},
		{"fields valid", map[string]string{"content/site.yaml": siteWithFields, "content/projects/acme.md": project(okProject + "maturity: sandbox\njoined: 2024-05-14\nstars: 12.5\ncrunchbase: https://crunchbase.com/acme\nlicenses: [MIT]\nenduser: true\n")},
			""},
		{"field type unknown", map[string]string{"content/site.yaml": siteYAML + "fields:\n  - id: level\n    type: enun\n    values: [a]\n"},
			`content/site.yaml:17:11: field "level": type "enun" is not a field type; did you mean "enum"?`},
		{"field shadows built-in", map[string]string{"content/site.yaml": siteYAML + "fields:\n  - id: token\n"},
			`content/site.yaml:16:9: field id "token" is a built-in project field; choose another id`},
		{"enum without values", map[string]string{"content/site.yaml": siteYAML + "fields:\n  - id: level\n    type: enum\n"},
			`content/site.yaml:16: field "level": an enum lists its values`},
		{"repo not github", map[string]string{"content/site.yaml": siteYAML + "repo: https://gitlab.com/owner/report\n"},
			`content/site.yaml:15:7: repo: "https://gitlab.com/owner/report" is not a GitHub repository's address; write it as https://github.com/OWNER/NAME`},
		{"repo script", map[string]string{"content/site.yaml": siteYAML + "repo: javascript:alert(1)//github.com/a/b\n"},
			`content/site.yaml:15:7: repo: "javascript:alert(1)//github.com/a/b" is not a GitHub repository's address; write it as https://github.com/OWNER/NAME`},
		{"repo branch", map[string]string{"content/site.yaml": siteYAML + "repo:\n  url: https://github.com/owner/report\n  branch: ../main\n"},
			`content/site.yaml:17:11: repo: branch "../main" is not a branch name`},
		{"repo valid", map[string]string{"content/site.yaml": siteYAML + "repo:\n  url: https://github.com/owner/report.git\n  branch: release/2026\n  dir: site/\n", "content/projects/acme.md": project(okProject)},
			""},
		{"accept unknown kind", map[string]string{"content/site.yaml": siteYAML + "accept:\n  - kind: duplicate-websites\n"},
			`content/site.yaml:16:11: accept: "duplicate-websites" is not a kind of warning; did you mean "duplicate-website"?`},
		{"empty required", map[string]string{"content/projects/acme.md": project(strings.Replace(okProject, "name: Acme", `name: ""`, 1))},
			"content/projects/acme.md:2:7: name is empty"},
		{"unknown layer", map[string]string{"content/projects/acme.md": project(strings.Replace(okProject, "layer: infrastructure", "layer: infrastucture", 1))},
			`content/projects/acme.md:3:8: layer "infrastucture" is not defined in content/site.yaml; did you mean "infrastructure"?`},
		{"unknown section", map[string]string{"content/projects/acme.md": project(strings.Replace(okProject, "section: compute", "section: compte", 1))},
			`content/projects/acme.md:4:10: section "compte" is not defined in layer "infrastructure" of content/site.yaml; did you mean "compute"?`},
		{"section of another layer", map[string]string{"content/projects/acme.md": project(strings.Replace(okProject, "section: compute", "section: agents", 1))},
			`content/projects/acme.md:4:10: section "agents" belongs to layer "application", not "infrastructure"`},
		{"javascript url", map[string]string{"content/projects/acme.md": project(strings.Replace(okProject, "https://acme.example", "javascript:alert(1)", 1))},
			`content/projects/acme.md:6:10: website: "javascript:alert(1)" is not an http(s) address`},
		{"github not a url", map[string]string{"content/projects/acme.md": project(okProject + "github: acme\n")},
			`content/projects/acme.md:7:9: github: "acme" is not an http(s) address`},
		{"missing logo", map[string]string{"content/projects/acme.md": project(okProject + "logo: logos/acme.png\n"), "content/static/logos/acme.svg": "<svg/>"},
			`content/projects/acme.md:7:7: logo: content/static/logos/acme.png does not exist; did you mean "logos/acme.svg"?`},
		{"logo not an image", map[string]string{"content/projects/acme.md": project(okProject + "logo: logos/acme.png\n"), "content/static/logos/acme.png": "#!/bin/sh\necho hi\n"},
			`content/projects/acme.md:7:7: logo: content/static/logos/acme.png is not an image (its content is text/plain); give a PNG, JPEG, GIF, WebP or SVG file`},
		{"svg logo named png", map[string]string{"content/projects/acme.md": project(okProject + "logo: logos/acme.png\n"), "content/static/logos/acme.png": "<?xml version=\"1.0\"?>\n<!-- made by hand -->\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"},
			`content/projects/acme.md:7:7: logo: content/static/logos/acme.png holds an SVG image; name it .svg, or browsers will not show it`},
		{"png logo named svg", map[string]string{"content/projects/acme.md": project(okProject + "logo: logos/acme.svg\n"), "content/static/logos/acme.svg": "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"},
			`content/projects/acme.md:7:7: logo: content/static/logos/acme.svg is named .svg but holds a PNG image; rename it`},
		{"html logo named svg", map[string]string{"content/projects/acme.md": project(okProject + "logo: logos/acme.svg\n"), "content/static/logos/acme.svg": "<html><body><script>alert(1)</script></body></html>"},
			`content/projects/acme.md:7:7: logo: content/static/logos/acme.svg is not an image (its content is text/html)`},
		{"svg logo not well-formed", map[string]string{"content/projects/acme.md": project(okProject + "logo: logos/acme.svg\n"), "content/static/logos/acme.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"><g><rect/></svg>"},
			`content/projects/acme.md:7:7: logo: content/static/logos/acme.svg is not well-formed SVG (XML); save it again from a drawing program as plain SVG`},
		{"svg logo", map[string]string{"content/projects/acme.md": project(okProject + "logo: logos/acme.svg\n"), "content/static/logos/acme.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>"},
			""},
		{"logo outside static", map[string]string{"content/projects/acme.md": project(okProject + "logo: ../../go.mod\n")},
			`content/projects/acme.md:7:7: logo: "../../go.mod" points outside content/static`},
		{"unsafe slug", map[string]string{"content/projects/IO NET.md": project(okProject)},
			`content/projects/IO NET.md: file name "IO NET.md" is not a safe slug; rename it to "io-net.md"`},
		{"duplicate slug", map[string]string{"content/projects/a/acme.md": project(okProject), "content/projects/b/acme.md": project(strings.Replace(okProject, "Acme", "Other", 1))},
			`content/projects/b/acme.md: duplicate slug "acme": content/projects/a/acme.md has the same file name`},
		{"same name in NFD", map[string]string{"content/projects/acme.md": project(strings.Replace(okProject, "Acme", "Café", 1)), "content/projects/acme2.md": project(strings.Replace(strings.Replace(okProject, "acme.example", "acme2.example", 1), "Acme", "Cafe\u0301", 1))},
			"content/projects/acme2.md:2:7: name \"Cafe\u0301\" is already used by content/projects/acme.md:2:7 in the same section"},
		{"duplicate name", map[string]string{"content/projects/acme.md": project(okProject), "content/projects/acme2.md": project(strings.Replace(okProject, "acme.example", "acme2.example", 1))},
			`content/projects/acme2.md:2:7: name "Acme" is already used by content/projects/acme.md:2:7 in the same section; names may repeat only in different sections`},
		{"bool wanted", map[string]string{"content/projects/acme.md": project(okProject + "in_report: yes please\n")},
			`content/projects/acme.md:7:12: in_report: want true or false, got "yes please"`},
		{"weight wanted number", map[string]string{"content/report/intro.md": "---\ntitle: Intro\nweight: twenty\n---\n"},
			`content/report/intro.md:3:9: weight: want a whole number, got "twenty"; write e.g. weight: 10`},
		{"chapter title required", map[string]string{"content/report/intro.md": "---\nweight: 1\n---\n"},
			`content/report/intro.md:2: title is required`},
		{"bad x handle", map[string]string{"content/projects/acme.md": project(okProject + "x: https://x.com/acme\n")},
			`content/projects/acme.md:7:4: x: "https://x.com/acme" is not an X handle`},
		{"multi-line summary", map[string]string{"content/projects/acme.md": project(strings.Replace(okProject, "summary: Does things.", "summary: |\n  Line one.\n  Line two.", 1))},
			`content/projects/acme.md:5:10: summary: keep it to one line`},
		{"site layer without sections", map[string]string{"content/site.yaml": "title: T\nlayers:\n  - id: a\n    name: A\n"},
			`content/site.yaml:3: layer "a": sections is required`},
		{"site duplicate section", map[string]string{"content/site.yaml": "title: T\nlayers:\n  - id: a\n    name: A\n    sections:\n      - {id: x, name: X}\n  - id: b\n    name: B\n    sections:\n      - {id: x, name: X2}\n"},
			`content/site.yaml:10:14: section id "x" is already used at line 6`},
		{"site yaml syntax", map[string]string{"content/site.yaml": "title: T\nlayers: [\n"},
			`content/site.yaml:2: invalid YAML: did not find expected node content`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"content/site.yaml": {Data: []byte(siteYAML)}}
			for name, data := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			set, err := Load(fsys, Options{})
			if err == nil {
				err = set.Validate()
			}
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("unexpected error:\n%v", err)
			case tt.wantErr != "" && err == nil:
				t.Fatalf("no error, want %q", tt.wantErr)
			case tt.wantErr != "" && !strings.Contains(err.Error(), tt.wantErr):
				t.Fatalf("error lacks %q; got:\n%v", tt.wantErr, err)
			}
		})
	}
}

// TestAllProblemsReportedAtOnce: one run lists every error, sorted.
func TestAllProblemsReportedAtOnce(t *testing.T) {
	fsys := fstest.MapFS{
		"content/site.yaml":       {Data: []byte(siteYAML)},
		"content/projects/a.md":   {Data: []byte(project("name: A\nlayer: nope\nsection: x\nsummary: s\nwebsite: ftp://a\n"))},
		"content/projects/b.md":   {Data: []byte("no front matter")},
		"content/report/bad.md":   {Data: []byte("---\ntitle: [\n---\n")},
		"content/projects/c/d.md": {Data: []byte(project("layer: infrastructure\nsection: compute\nsummary: s\nwebsite: https://d.example\n"))},
	}
	set, err := Load(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = set.Validate()
	if err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(err.Error(), "\n")
	want := []string{
		"content/projects/a.md:3:8: layer",
		"content/projects/a.md:6:10: website",
		"content/projects/b.md:1: no front matter",
		"content/projects/c/d.md:2: name is required",
		"content/report/bad.md:",
	}
	if len(lines) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%v", len(lines), len(want), err)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("problem %d = %q, want prefix %q", i, lines[i], w)
		}
	}
}

func TestUnknownKeyIsWarningWithSuggestion(t *testing.T) {
	fsys := fstest.MapFS{
		"content/site.yaml":        {Data: []byte(siteYAML)},
		"content/projects/acme.md": {Data: []byte(project(okProject + "websit: https://x.example\n"))},
	}
	set, _ := Load(fsys, Options{})
	if err := set.Validate(); err != nil {
		t.Fatal(err)
	}
	w := set.Warnings()
	if len(w) != 1 || w[0].Error() != `content/projects/acme.md:7:1: unknown key "websit"; did you mean "website"?` {
		t.Fatalf("warnings = %v", w)
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{"IO.NET": "io-net", "Fetch.ai": "fetch-ai", " Sahara  AI ": "sahara-ai", "0G": "0g", "Ünïcode!": "unicode", "Ænix": "aenix", "Straße": "strasse",
		"编程语言": "bian-cheng-yu-yan", "运行时 Runtime": "yun-xing-shi-runtime", "Москва": "moskva", "Αθήνα": "athena", "カメラ": "kamera", "Wētā FX": "weta-fx", "C++ 语言": "c-yu-yan"} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLargeLogoIsWarning(t *testing.T) {
	big := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, maxLogoSize)...)
	fsys := fstest.MapFS{
		"content/site.yaml":             {Data: []byte(siteYAML)},
		"content/projects/acme.md":      {Data: []byte(project(okProject + "logo: logos/acme.png\n"))},
		"content/static/logos/acme.png": {Data: big},
	}
	set, _ := Load(fsys, Options{})
	if err := set.Validate(); err != nil {
		t.Fatal(err)
	}
	w := set.Warnings()
	if len(w) != 1 || w[0].Kind != "large-logo" || w[0].Error() != `content/projects/acme.md:7:7: logo: content/static/logos/acme.png is 512 KB; keep logos under 512 KB, every reader downloads them` {
		t.Fatalf("warnings = %v", w)
	}
}

// check warns when a project's facts were last checked over a year ago.
func TestStaleFacts(t *testing.T) {
	fsys := fstest.MapFS{
		"content/site.yaml":         {Data: []byte(siteYAML)},
		"content/projects/acme.md":  {Data: []byte(project(okProject + "checked: 2024-11-01\n"))},
		"content/projects/fresh.md": {Data: []byte(project(strings.ReplaceAll(strings.ReplaceAll(okProject, "acme", "fresh"), "Acme", "Fresh") + "checked: 2026-10-01\n"))},
	}
	set, err := Load(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := set.Validate(); err != nil {
		t.Fatal(err)
	}
	now, _ := time.Parse(time.DateOnly, "2026-11-25")
	ps := set.StaleFacts(now)
	if len(ps) != 1 || ps[0].Kind != "stale-facts" || ps[0].Error() != `content/projects/acme.md:7:10: checked: the facts were last checked 2024-11-01, 754 days ago; check them again and update the date` {
		t.Fatalf("stale facts: %v", ps)
	}
}

func TestInvisibleCharactersInNamesWarn(t *testing.T) {
	fsys := fstest.MapFS{
		"content/site.yaml":        {Data: []byte(siteYAML)},
		"content/projects/acme.md": {Data: []byte(project(strings.Replace(okProject, "name: Acme", "name: \"Ac\\u200bme\\u202e\"", 1)))},
	}
	set, _ := Load(fsys, Options{})
	if err := set.Validate(); err != nil {
		t.Fatal(err)
	}
	w := set.Warnings()
	if len(w) != 1 || w[0].Kind != "name-characters" {
		t.Fatalf("warnings = %v", w)
	}
}

// lockedFS is a file system where some files exist but cannot be opened,
// as files without read permission are for anyone but root.
type lockedFS struct {
	fstest.MapFS
	locked map[string]bool
}

func (l lockedFS) Open(name string) (fs.File, error) {
	if l.locked[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return l.MapFS.Open(name)
}

// Files that cannot be read are problems at their own paths, all of them
// in one run: a project, a chapter, a static file.
func TestUnreadableFilesAreProblemsAtTheirPaths(t *testing.T) {
	fsys := lockedFS{fstest.MapFS{
		"content/site.yaml":                {Data: []byte(siteYAML)},
		"content/projects/acme.md":         {Data: []byte(project(okProject))},
		"content/projects/locked.md":       {Data: []byte(project(okProject))},
		"content/report/01-locked.md":      {Data: []byte("---\ntitle: T\n---\n")},
		"content/static/logos/secret.png":  {Data: []byte("\x89PNG")},
		"content/static/logos/visible.png": {Data: []byte("\x89PNG")},
	}, map[string]bool{"content/projects/locked.md": true, "content/report/01-locked.md": true, "content/static/logos/secret.png": true}}
	set, err := Load(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = set.Validate()
	for _, want := range []string{
		"content/projects/locked.md: cannot be read: permission denied",
		"content/report/01-locked.md: cannot be read: permission denied",
		"content/static/logos/secret.png: cannot be read: permission denied",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("problems lack %q; got:\n%v", want, err)
		}
	}
	if !slices.Contains(set.Static, "logos/visible.png") || slices.Contains(set.Static, "logos/secret.png") {
		t.Errorf("static files %q: want the readable one only", set.Static)
	}
}

// fold takes ASCII the short way; it must agree with the long one.
func TestFoldASCIIIsTheLongWay(t *testing.T) {
	long := func(s string) string {
		var b strings.Builder
		for _, r := range norm.NFKD.String(strings.ToLower(s)) {
			if !unicode.Is(unicode.Mn, r) {
				b.WriteRune(r)
			}
		}
		return ligatures.Replace(b.String())
	}
	var all strings.Builder
	for c := byte(0); c < 0x80; c++ {
		all.WriteByte(c)
	}
	for _, s := range []string{all.String(), "Acme Compute", "GPU-Cloud 2.0", "ÆNix", "Ærø Łódź"} {
		if got, want := fold(s), long(s); got != want {
			t.Errorf("fold(%q) = %q, want %q", s, got, want)
		}
	}
}
