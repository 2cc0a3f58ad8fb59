package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/panorama-ssg/panorama/generator/enrich"
	"github.com/panorama-ssg/panorama/internal/browsertest"
)

// reposSite is a site with three projects on GitHub (one named by its
// organisation) and one without, and the snapshot panorama enrich github
// would write for them.
func reposSite(t *testing.T) *siteBuilder {
	t.Helper()
	b := newSite(t, `
-- content/site.yaml --
title: Repo Report
description: d
layers:
  - id: infra
    name: Infrastructure
    sections:
      - {id: compute, name: Compute}
-- content/report/01-a.md --
---
title: A
weight: 1
---
Text.
-- content/projects/acme.md --
---
name: Acme
layer: infra
section: compute
summary: Rents GPUs.
website: https://acme.example
github: https://github.com/acme/engine
---
-- content/projects/bolt.md --
---
name: Bolt
layer: infra
section: compute
summary: ""
website: https://bolt.example
github: https://github.com/bolt-org
---
-- content/projects/cargo.md --
---
name: Cargo
layer: infra
section: compute
summary: Rents old GPUs.
website: https://cargo.example
github: https://github.com/cargo/old-name
---
-- content/projects/dune.md --
---
name: Dune
layer: infra
section: compute
summary: No code in the open.
website: https://dune.example
---
`)
	weeks := make([]int, 52)
	for i := range weeks {
		weeks[i] = i % 7
	}
	snap := &enrich.Snapshot{Format: enrich.Format, Repos: []*enrich.Repo{
		{Repo: "acme/engine", Fetched: "2026-12-01", Stars: 1234, Contributors: 56, LastCommit: "2026-11-28", FirstCommit: "2019-01-02", License: "Apache-2.0",
			Release: &enrich.Release{Tag: "v2.0.0", Date: "2026-10-10"}, Languages: []enrich.Language{{Name: "Go", Share: 0.8}, {Name: "Shell", Share: 0.2}}, Weekly: weeks},
		{Repo: "bolt-org/core", Fetched: "2026-12-01", Stars: 98765, Contributors: 400, LastCommit: "2026-06-01", License: "MIT", Description: "The <b>Bolt</b> core.",
			Languages: []enrich.Language{{Name: "Rust", Share: 1}}, Weekly: weeks},
		{Repo: "cargo/old-name", MovedTo: "cargo/new-name", Fetched: "2026-12-01", Stars: 7, LastCommit: "2023-01-01", License: "MIT", Archived: true,
			Languages: []enrich.Language{{Name: "Go", Share: 1}}},
	}, Orgs: []*enrich.Org{{Org: "bolt-org", Fetched: "2026-12-01", Repos: []string{"bolt-org/core"}}}}
	must(t, os.MkdirAll(filepath.Join(b.dir, "content/data"), 0o755))
	must(t, os.WriteFile(filepath.Join(b.dir, enrich.SnapshotFile), snap.Marshal(), 0o644))
	return b
}

// With a snapshot, a build shows each project's repositories, stars in
// tooltips and cards, sorting and facets in the directory, the charts of
// licences, languages and activity, and a repository's description where
// a project has no summary, marked so. Without one, none of it.
func TestBuildShowsTheGitHubSnapshot(t *testing.T) {
	b := reposSite(t).mustBuild(func(o *Options) { o.NoZip = true })
	b.assertFile("projects/acme.html", `<h2 id="repos">Repositories</h2>`, `<a href="https://github.com/acme/engine" rel="noopener external">acme/engine</a>`,
		`<td class="num" data-label="Stars">1,234</td><td class="num" data-label="Contributors">56</td>`, `v2.0.0 <time>2026-10-10</time>`, `Go 80%, Shell 20%`,
		`<svg class="spark" viewBox="0 0 102 20" width="102" height="20" role="img" aria-label="150 commits in the last 52 weeks">`, `From GitHub, as of 2026-12-01.`)
	b.assertFile("projects/bolt.html", `The &lt;b&gt;Bolt&lt;/b&gt; core.`, `Description from its repository on GitHub`, `98,765`, "! <b>Bolt</b>")
	b.assertFile("projects/cargo.html", `<a href="https://github.com/cargo/new-name" rel="noopener external">cargo/new-name</a>`, `moved from cargo/old-name`, `archived`)
	b.assertFile("projects/dune.html", `! id="repos"`)
	b.assertFile("index.html", `1,234 stars on GitHub`)
	b.assertFile("projects.html", `<option value="stars">Stars on GitHub, most first</option>`, `data-facet="github-licence"`, `data-facet="github-language"`, `"stars":{"`, `":"000000098765"`, `98,765 stars`)
	b.assertFile("charts.html", `id="github-licence"`, `id="github-language"`, `id="github-activity"`)
	b.assertFile("projects.csv", "github-licence", "Apache-2.0")
	without := newSite(t, minimalSite).mustBuild(func(o *Options) { o.NoZip = true })
	without.assertFile("projects/acme.html", `! id="repos"`)
	without.assertFile("projects.html", `! value="stars"`, `! github-licence`)
	without.assertFile("charts.html", `! github-activity`)

	// A broken snapshot is an error at its path, and nothing is published.
	must(t, os.WriteFile(filepath.Join(b.dir, enrich.SnapshotFile), []byte(`{"format": 1, "repos": [`), 0o644))
	b.build().assertErrors(enrich.SnapshotFile + ": ")
	if !strings.Contains(b.file("projects/acme.html"), `id="repos"`) {
		t.Error("the failed build changed the previous output")
	}
}

// In a browser from file://, the directory sorts by stars and by last
// commit, and a project page shows its table and sparkline.
func TestDirectorySortsByStars(t *testing.T) {
	b := reposSite(t).mustBuild(func(o *Options) { o.NoZip = true })
	ctx := browsertest.Tab(t)
	order := `[...document.querySelectorAll('[data-section=compute] .card')].map(c => c.dataset.slug).join(' ')`
	sortBy := func(key string) string {
		browsertest.Must(t, ctx, chromedp.Evaluate[bool](`(() => { const s = document.getElementById('f-sort'); s.value = '`+key+`'; return s.dispatchEvent(new Event('input', {bubbles: true})); })()`))
		return browsertest.Must(t, ctx, chromedp.Evaluate[string](order))
	}
	browsertest.Must(t, ctx, chromedp.Navigate(fileURL(b.out, "projects.html")))
	if got := sortBy("stars"); got != "bolt acme cargo dune" {
		t.Errorf("by stars: %q", got)
	}
	if got := sortBy("active"); got != "acme bolt cargo dune" {
		t.Errorf("by last commit: %q", got)
	}
	browsertest.Must(t, ctx, chromedp.Navigate(fileURL(b.out, "projects/acme.html")))
	got := browsertest.Must(t, ctx, chromedp.Evaluate[string](`(() => { const s = document.querySelector('.repos svg.spark'); const r = s.getBoundingClientRect(); return document.querySelectorAll('.repos tbody tr').length + ' ' + Math.round(r.width) + 'x' + Math.round(r.height) + ' ' + s.querySelector('polyline').getAttribute('points').split(' ').length; })()`))
	if got != "1 102x20 52" {
		t.Errorf("the repository table: %q, want 1 row and a 102x20 sparkline of 52 points", got)
	}
}

// check warns when the snapshot is older than site.yaml's github.max_age
// and names the projects whose repository GitHub renamed or no longer has.
func TestCheckWarnsAboutTheSnapshot(t *testing.T) {
	b := reposSite(t)
	snap, err := enrich.Load(b.dir)
	must(t, err)
	snap.Repos = append(snap.Repos, &enrich.Repo{Repo: "dune/gone", Fetched: "2026-12-01", Note: "GitHub answers 404: the repository is private, deleted or blocked"})
	must(t, enrich.Save(b.dir, snap))
	site, _ := os.ReadFile(filepath.Join(b.dir, "content/site.yaml"))
	must(t, os.WriteFile(filepath.Join(b.dir, "content/site.yaml"), append(site, []byte("github:\n  max_age: 1\n")...), 0o644))
	dune, _ := os.ReadFile(filepath.Join(b.dir, "content/projects/dune.md"))
	must(t, os.WriteFile(filepath.Join(b.dir, "content/projects/dune.md"), []byte(strings.Replace(string(dune), "website:", "github: https://github.com/dune/gone\nwebsite:", 1)), 0o644))
	r, err := Check(Options{Source: b.dir})
	must(t, err)
	got := map[string]string{}
	for _, p := range r.Problems {
		if strings.HasPrefix(p.Kind, "github-") {
			got[p.Kind] = p.Error()
		}
	}
	for kind, want := range map[string]string{
		"github-stale":   "content/data/github.json: was fetched on 2026-12-01, over the 1 days",
		"github-moved":   "content/projects/cargo.md: cargo/old-name is now cargo/new-name on GitHub",
		"github-missing": "content/projects/dune.md: dune/gone: GitHub answers 404",
	} {
		if !strings.HasPrefix(got[kind], want) {
			t.Errorf("%s: got %q, want %q…", kind, got[kind], want)
		}
	}
}
