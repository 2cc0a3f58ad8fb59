package content

import (
	"strings"
	"testing"
	"testing/fstest"
)

// A load with a cache sees exactly what a fresh load sees, in the same
// order, after each kind of change the server reports: a file edited,
// added, renamed, removed, a static file added, and a folder of projects
// added.
func TestCacheFollowsChanges(t *testing.T) {
	fsys := fstest.MapFS{
		SiteFile:                           {Data: []byte(siteYAML)},
		"content/projects/acme.md":         {Data: []byte(project(okProject))},
		"content/projects/beta.md":         {Data: []byte(project(strings.NewReplacer("Acme", "Beta", "acme", "beta").Replace(okProject)))},
		"content/static/logos/acme.svg":    {Data: []byte("<svg/>")},
		"content/report/01-intro.md":       {Data: []byte(project("title: Intro\n") + "Hello.\n")},
		"content/report/02-second-look.md": {Data: []byte(project("title: Second\n") + "Again.\n")},
	}
	cache := NewCache()
	describe := func(s *Set) string {
		var b strings.Builder
		for _, c := range s.Chapters {
			b.WriteString(c.File + " " + c.Title + "\n")
		}
		for _, p := range s.Projects {
			b.WriteString(p.File + " " + p.Name + " " + p.Summary + "\n")
		}
		b.WriteString(strings.Join(s.Static, " "))
		return b.String()
	}
	check := func(step string, changed ...string) {
		t.Helper()
		cache.Forget(changed...)
		cached, err := Load(fsys, Options{Cache: cache})
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		fresh, err := Load(fsys, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := describe(cached), describe(fresh); got != want {
			t.Fatalf("%s: with the cache:\n%s\nwant:\n%s", step, got, want)
		}
		if err := cached.Validate(); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	check("first load")
	fsys["content/projects/acme.md"] = &fstest.MapFile{Data: []byte(project(strings.Replace(okProject, "Does things.", "Does more.", 1)))}
	check("edit", "content/projects/acme.md")
	fsys["content/projects/gamma.md"] = &fstest.MapFile{Data: []byte(project(strings.NewReplacer("Acme", "Gamma", "acme", "gamma").Replace(okProject)))}
	check("add", "content/projects/gamma.md")
	// A new name moves the project to the end of the order by name.
	fsys["content/projects/acme.md"] = &fstest.MapFile{Data: []byte(project(strings.Replace(okProject, "Acme", "Zeta", 1)))}
	check("rename", "content/projects/acme.md")
	delete(fsys, "content/projects/beta.md")
	check("remove", "content/projects/beta.md")
	delete(fsys, "content/report/01-intro.md")
	check("remove a chapter", "content/report/01-intro.md")
	fsys["content/static/logos/gamma.svg"] = &fstest.MapFile{Data: []byte("<svg/>")}
	check("add a static file", "content/static/logos/gamma.svg")
	fsys["content/projects/more/delta.md"] = &fstest.MapFile{Data: []byte(project(strings.NewReplacer("Acme", "Delta", "acme", "delta").Replace(okProject)))}
	check("add a folder", "content/projects/more")
}
