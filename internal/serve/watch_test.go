package serve

import "testing"

func TestChangeKind(t *testing.T) {
	for rel, want := range map[string]change{
		"content/site.yaml":                 pages,
		"content/projects/io-net.md":        pages,
		"content/report/01-intro.md":        pages,
		"content":                           pages,
		"content/static":                    static,
		"content/static/logos/acme.svg":     static,
		"content/staticky.md":               pages,
		"templates":                         templates,
		"templates/partials/footer.html":    templates,
		"templates/assets/style.css":        templates,
		"public/index.html":                 ignored,
		".public.lock":                      ignored,
		"go.mod":                            ignored,
		".":                                 ignored,
		"../elsewhere/content/site.yaml":    ignored,
		"content/projects/.io-net.md.swp":   ignored,
		"content/projects/io-net.md~":       ignored,
		"content/projects/.#io-net.md":      ignored,
		"content/projects/#io-net.md#":      ignored,
		"content/projects/4913":             ignored,
		"content/static/.DS_Store":          ignored,
		"templates/partials/.footer.swx":    ignored,
		"contentious/site.yaml":             ignored,
		"templatesque/partials/footer.html": ignored,
	} {
		if got := changeKind(rel); got != want {
			t.Errorf("changeKind(%q) = %d, want %d", rel, got, want)
		}
	}
	if !onlyPages([]string{"content/site.yaml", "content/projects/a.md"}) || onlyPages([]string{"content/projects/a.md", "content/static/x.png"}) || onlyPages([]string{"templates/baseof.html"}) {
		t.Error("onlyPages disagrees with changeKind")
	}
}
