package generator

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/panorama-ssg/panorama/internal/browsertest"
	"github.com/yuin/goldmark"
)

// copySite copies a test site into a temporary folder to change it there.
func copySite(t *testing.T, from string) string {
	t.Helper()
	to := filepath.Join(t.TempDir(), "site")
	err := os.CopyFS(to, os.DirFS(from))
	if err != nil {
		t.Fatal(err)
	}
	return to
}

// With repo: in site.yaml, chapter and project pages link GitHub's editor
// for their source and a new issue about it; without, no page does.
func TestEditLinks(t *testing.T) {
	plain := filepath.Join(t.TempDir(), "plain")
	if _, err := Build(Options{Source: filepath.Join("testdata", "report"), Out: plain, NoZip: true}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"projects/io-net.html", "report/02-ai-development.html", "index.html"} {
		if strings.Contains(readOut(t, plain, p), "Edit this page") {
			t.Errorf("%s has edit links without repo:", p)
		}
	}

	src := copySite(t, filepath.Join("testdata", "report"))
	site := filepath.Join(src, "content", "site.yaml")
	yaml, err := os.ReadFile(site)
	if err != nil {
		t.Fatal(err)
	}
	yaml = append(yaml, "repo:\n  url: https://github.com/owner/report\n  branch: release/2026\n  dir: site\n"...)
	if err := os.WriteFile(site, yaml, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: src, Out: out, NoZip: true}); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string][]string{
		"projects/io-net.html": {
			`<a href="https://github.com/owner/report/edit/release/2026/site/content/projects/io-net.md" rel="noopener external">Edit this page</a>`,
			`<a href="https://github.com/owner/report/issues/new?body=About&#43;%60site%2Fcontent%2Fprojects%2Fio-net.md%60%3A%0A%0A&amp;title=Suggested&#43;change%3A&#43;Project&#43;IO.NET" rel="noopener external">Suggest a change</a>`,
		},
		"report/02-ai-development.html": {`href="https://github.com/owner/report/edit/release/2026/site/content/report/02-ai-development.md"`},
	} {
		page := readOut(t, out, p)
		for _, w := range want {
			if !strings.Contains(page, w) {
				t.Errorf("%s lacks %s", p, w)
			}
		}
	}
	if strings.Contains(readOut(t, out, "index.html"), "Edit this page") {
		t.Error("the home page, made from no one file, has edit links")
	}
}

// A badge is well-formed SVG whose texts and accessible name are the
// report's title and the project's section as text, whatever they hold,
// and the same bytes on every build.
func TestBadges(t *testing.T) {
	// A title and a section name that would break out of SVG text.
	hostile := strings.NewReplacer("title: Test Report", `title: "Report </text><script>alert(1)</script> & <b>"`,
		"name: Compute", `name: "Compute\" onload=\"alert(2)"`).Replace(minimalSite)
	b := newSite(t, hostile, hostileSite).mustBuild()
	for _, slug := range []string{"compute", "agents"} { // acme's and bolt's sections
		data := []byte(readOut(t, b.out, "badges/"+slug+".svg"))
		var svg struct {
			Role  string   `xml:"role,attr"`
			Label string   `xml:"aria-label,attr"`
			Title string   `xml:"title"`
			Texts []string `xml:"g>text"`
		}
		if err := xml.Unmarshal(data, &svg); err != nil {
			t.Fatalf("badges/%s.svg: %v\n%s", slug, err, data)
		}
		if svg.Role != "img" || svg.Label == "" || svg.Title != svg.Label || len(svg.Texts) != 2 || !strings.HasPrefix(svg.Texts[0], "Listed in ") {
			t.Errorf("badges/%s.svg: role %q, label %q, title %q, texts %q", slug, svg.Role, svg.Label, svg.Title, svg.Texts)
		}
		// Only the badge's own elements and attributes, whatever the text.
		dec := xml.NewDecoder(bytes.NewReader(data))
		for {
			tok, err := dec.Token()
			if err != nil {
				break
			}
			if se, ok := tok.(xml.StartElement); ok {
				if !slices.Contains([]string{"svg", "title", "rect", "g", "text"}, se.Name.Local) {
					t.Errorf("badges/%s.svg has a <%s>", slug, se.Name.Local)
				}
				for _, a := range se.Attr {
					if strings.HasPrefix(a.Name.Local, "on") || (a.Name.Local != "aria-label" && strings.Contains(a.Value, "alert")) {
						t.Errorf("badges/%s.svg: <%s %s=%q>", slug, se.Name.Local, a.Name.Local, a.Value)
					}
				}
			}
		}
	}
	if !strings.Contains(readOut(t, b.out, "badges/compute.svg"), `<text x="6" y="14" textLength="`) || !strings.Contains(readOut(t, b.out, "badges/compute.svg"), `Listed in Report &lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;</text>`) {
		t.Errorf("the hostile title is not text in the badge:\n%s", readOut(t, b.out, "badges/compute.svg"))
	}
	again := newSite(t, hostile, hostileSite).mustBuild()
	if readOut(t, b.out, "badges/compute.svg") != readOut(t, again.out, "badges/compute.svg") {
		t.Error("a badge differs from one build to the next")
	}
	page := readOut(t, b.out, "projects/acme.html")
	if !strings.Contains(page, `data-badge="../badges/compute.svg"`) || !strings.Contains(page, `data-badge-md="[![Listed in `) {
		t.Error("the project page does not give its badge and snippet")
	}
	// With script, the box shows the badge and the snippet to copy, the
	// hostile names as text.
	ctx := browsertest.Tab(t)
	w := browsertest.Watch(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(b.out, "projects/acme.html"))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`.badge-box summary`)); err != nil {
		t.Fatal(err)
	}
	type box struct {
		Hidden, Open     bool
		Label, Code, Img string
		Width, Scripts   int
	}
	var got box
	for range 50 {
		got = browsertest.Must(t, ctx, chromedp.Evaluate[box](`(() => {
		  const d = document.querySelector('.badge-box'), img = d.querySelector('img');
		  return {hidden: d.hidden, open: d.open, label: d.querySelector('label').textContent,
		    code: document.getElementById('badge-md').value, img: img.getAttribute('src'), width: img.naturalWidth,
		    scripts: document.querySelectorAll('script:not([src]):not([type="application/json"]), [onload]').length};
		})()`))
		if got.Width > 0 {
			break
		}
		chromedp.Do(ctx, chromedp.Sleep(100*time.Millisecond))
	}
	want := html.UnescapeString(regexp.MustCompile(`data-badge-md="([^"]*)"`).FindStringSubmatch(page)[1])
	if got.Hidden || !got.Open || got.Code != want || got.Img != "../badges/compute.svg" || got.Width == 0 || got.Scripts != 0 ||
		got.Label != "Markdown for the badge (The addresses are paths inside the published site: put the site's address before them.)" {
		t.Errorf("the badge box shows %+v; want the snippet %s", got, want)
	}
	w.Check(t, "file://"+filepath.ToSlash(b.out)+"/")
}

// The badge's Markdown snippet renders, whatever the section's name, as
// one linked image whose alt text is the name and whose addresses are the
// badge's and the page's.
func TestBadgeSnippetSurvivesMarkdown(t *testing.T) {
	for _, name := range []string{`Tools\`, `Data](javascript:alert(1))`, "*Bold* `code` <b>x</b> & [y]", `Back\\slash "quoted" 'single'`} {
		quoted, _ := json.Marshal(name)
		site := strings.Replace(minimalSite, "name: Compute", "name: "+string(quoted), 1)
		b := newSite(t, site).mustBuild(func(o *Options) { o.BaseURL = "https://example.org/r(x)/" })
		page := readOut(t, b.out, "projects/acme.html")
		m := regexp.MustCompile(`data-badge-md="([^"]*)"`).FindStringSubmatch(page)
		if m == nil {
			t.Fatal("no Markdown snippet on the project page")
		}
		var out bytes.Buffer
		if err := goldmark.Convert([]byte(html.UnescapeString(m[1])), &out); err != nil {
			t.Fatal(err)
		}
		got := regexp.MustCompile(`^<p><a href="([^"]*)"><img src="([^"]*)" alt="([^"]*)"></a></p>\n$`).FindStringSubmatch(out.String())
		if got == nil {
			t.Errorf("section %q: the snippet renders as %q", name, out.String())
			continue
		}
		if alt := html.UnescapeString(got[3]); alt != "Listed in Test Report: "+name {
			t.Errorf("section %q: alt text %q", name, alt)
		}
		if got[1] != "https://example.org/r%28x%29/projects/acme.html" || got[2] != "https://example.org/r%28x%29/badges/compute.svg" {
			t.Errorf("section %q: links %q and %q", name, got[1], got[2])
		}
	}
}
