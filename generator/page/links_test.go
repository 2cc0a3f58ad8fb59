package page

import (
	"os"
	"strings"
	"testing"
)

// A project's links are drawn with the icon of the service they lead to,
// else of what their field says, and every icon named has its rule in
// icons.css (written by templates/icons/build.mjs).
func TestProjectLinkIcons(t *testing.T) {
	for _, tc := range []struct{ kind, url, want string }{
		{"website", "https://www.materialx.org/", "website"},
		{"repository", "https://github.com/AcademySoftwareFoundation/MaterialX", "github"},
		{"repository", "https://gitlab.com/a/b", "gitlab"},
		{"repository", "https://codeberg.org/a/b", "code"},
		{"x", "https://x.com/MaterialXCG", "x"},
		{"twitter_url", "https://twitter.com/a", "x"},
		{"slack_url", "https://slack.aswf.io", "chat"},
		{"youtube_url", "https://www.youtube.com/playlist?list=1", "youtube"},
		{"linkedin_url", "https://www.linkedin.com/company/a", "linkedin"},
		{"mailing_list_url", "https://lists.aswf.io/g/materialx-discussion", "mail"},
		{"documentation_url", "https://docs.materialx.org", "docs"},
		{"homepage_docs", "https://docs.acme.example", "docs"},
		{"blog_url", "https://www.aswf.io/category/materialx/", "blog"},
		{"annual_review_url", "https://github.com/x/tac/issues/486", "github"},
		{"crunchbase", "https://www.crunchbase.com/organization/a", "crunchbase"},
		{"dev_stats_url", "https://insights.linuxfoundation.org/project/a", "stats"},
		{"next", "https://next.example", "link"}, // an x in its id is not X
		{"bluesky_url", "https://bsky.app/profile/a", "bluesky"},
		{"chat", "https://evil.com.github.com.example/", "chat"}, // a host that only contains a service's name
	} {
		if got := (ProjectLink{Kind: tc.kind, URL: tc.url}).Icon(); got != tc.want {
			t.Errorf("%s %s: icon %q, want %q", tc.kind, tc.url, got, tc.want)
		}
	}
	css, err := os.ReadFile("../../templates/assets/icons.css")
	if err != nil {
		t.Fatal(err)
	}
	icons := []string{"link", "mail"}
	for _, h := range linkHosts {
		icons = append(icons, h.icon)
	}
	for _, k := range linkKinds {
		icons = append(icons, k.icon)
	}
	for _, icon := range icons {
		if !strings.Contains(string(css), "[data-icon="+icon+"] { --icon: url(\"data:image/svg+xml,") {
			t.Errorf("icons.css has no icon %q; run templates/icons/build.mjs after adding it there", icon)
		}
	}
}
