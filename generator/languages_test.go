package generator

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/panorama-ssg/panorama/generator/markdown"
	"github.com/panorama-ssg/panorama/internal/browsertest"
	"go.yaml.in/yaml/v3"
)

// bilingual builds the test report in English and Simplified Chinese:
// the site's, a layer's and a section's texts, a chapter and a project
// translated, the rest falling back to English.
func bilingual(t *testing.T) string {
	t.Helper()
	return bilingualAt(t, "https://example.org/report/")
}

// bilingualAt builds it for a base URL, or for none.
func bilingualAt(t *testing.T, base string) string {
	t.Helper()
	src := copySite(t, filepath.Join("testdata", "report"))
	site := filepath.Join(src, "content", "site.yaml")
	yaml, err := os.ReadFile(site)
	if err != nil {
		t.Fatal(err)
	}
	// One section without a description: its layer page counts instead.
	yaml = []byte(strings.Replace(string(yaml), "        description: Frameworks and one-stop tools for building, training, deploying and trading AI models and agents.\n", "", 1))
	yaml = []byte(strings.Replace(string(yaml), "language: en\n", "languages:\n  - {code: en, name: English}\n  - {code: zh, name: 简体中文, tag: zh-Hans}\n", 1))
	files := map[string]string{
		"content/site.yaml":                 string(yaml),
		"content/site.zh.yaml":              "title: Web3-AI 全景\nlayers:\n  infrastructure: {name: 基础设施层}\nsections:\n  compute: {name: 去中心化算力}\n",
		"content/projects/io-net.zh.md":     "---\nsummary: 把许多所有者的 GPU 汇集起来出租的网络。\n---\n用于测试的中文正文。\n",
		"content/report/01-the-track.zh.md": "---\ntitle: 赛道\n---\n用于测试的中文章节。\n",
		"content/projects/gensyn.zh.md":     "---\nsummary: 只翻译了摘要的测试项目。\n---\n",
		// The site's own words: one renamed in English, one in Chinese.
		"templates/i18n/en.yaml": "Projects: Directory\n",
		"templates/i18n/zh.yaml": "Charts: 数据图\n",
	}
	for name, data := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(src, filepath.FromSlash(name))), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, filepath.FromSlash(name)), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: src, Out: out, BaseURL: base}); err != nil {
		t.Fatal(err)
	}
	return out
}

// Without a base URL, every page's links resolve from where it is, the
// other language's 404 page too (only the root's is served at any depth).
func TestTwoLanguagesWithoutBaseURLLinksResolve(t *testing.T) {
	out := bilingualAt(t, "")
	if _, err := os.Stat(filepath.Join(out, "zh", "404.html")); err != nil {
		t.Fatal(err)
	}
	assertSomeLinksResolve(t, out, 100)
}

// The catalogue's keys are whole phrases: none begins or ends with a space
// to be glued to a neighbour (templates join sentences with .Sep).
func TestCatalogueKeysAreWhole(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "templates", "i18n", "zh.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var words map[string]string
	if err := yaml.Unmarshal(data, &words); err != nil {
		t.Fatal(err)
	}
	for k := range words {
		if strings.TrimSpace(k) != k {
			t.Errorf("key %q has a space at its edge", k)
		}
	}
}

var hrefRE = regexp.MustCompile(`<a [^>]*href="([^"#]*)[^"]*"[^>]*>`)

// Every page kind exists in both languages, links stay in the page's
// language but for the switcher and the shared files, the switcher lands
// on the same page, hreflang alternates pair up, and what is not
// translated is marked so.
func TestTwoLanguages(t *testing.T) {
	out := bilingual(t)
	var en, zh []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, out+string(filepath.Separator)))
		if local, ok := strings.CutPrefix(rel, "zh/"); ok {
			zh = append(zh, local)
		} else {
			en = append(en, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(en)
	slices.Sort(zh)
	if !slices.Equal(en, zh) || len(en) < 50 {
		var only []string
		for _, p := range zh {
			if !slices.Contains(en, p) {
				only = append(only, "zh/"+p)
			}
		}
		for _, p := range en {
			if !slices.Contains(zh, p) {
				only = append(only, p)
			}
		}
		t.Fatalf("the languages' pages differ: %d in English, %d in Chinese; only in one: %q", len(en), len(zh), only)
	}
	assertSomeLinksResolve(t, out, 100)

	alternates := regexp.MustCompile(`<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">`)
	for _, local := range en {
		if local == "404.html" {
			continue
		}
		for _, lang := range []string{"", "zh/"} {
			page := readOut(t, out, lang+local)
			// Links: within the language, or shared, or the switcher's.
			for _, m := range hrefRE.FindAllStringSubmatch(page, -1) {
				ref := m[1]
				if ref == "" || strings.HasPrefix(ref, "http") || strings.Contains(m[0], "hreflang=") {
					continue
				}
				target := path.Clean(path.Join(path.Dir(lang+local), ref))
				inZh := strings.HasPrefix(target, "zh/")
				shared := strings.HasPrefix(target, "assets/") || strings.HasPrefix(target, "badges/") || strings.HasSuffix(target, ".zip")
				if !shared && inZh != (lang == "zh/") {
					t.Errorf("%s%s links %s, in the other language", lang, local, ref)
				}
			}
			// The switcher leads to the same page in each language (an
			// embedded view, made for other sites' frames, has none).
			for _, want := range []string{local, "zh/" + local} {
				ref := path.Clean(path.Join(path.Dir(lang+local), strings.Repeat("../", strings.Count(lang+local, "/"))+want))
				if strings.HasPrefix(local, "embed/") {
					break
				}
				if !strings.Contains(page, `href="`+strings.Repeat("../", strings.Count(lang+local, "/"))+want+`" hreflang=`) || ref != want {
					t.Errorf("%s%s: the switcher does not link %s", lang, local, want)
				}
			}
			// The same alternates on both sides.
			got := alternates.FindAllString(page, -1)
			abs := strings.TrimSuffix(local, "index.html")
			if len(got) != 3 || !strings.Contains(got[0], `href="https://example.org/report/`+abs+`"`) || !strings.Contains(got[1], `href="https://example.org/report/zh/`+abs+`"`) {
				t.Errorf("%s%s: alternates %q", lang, local, got)
			}
		}
	}

	// A site's words extend and override the built-in ones.
	for page, want := range map[string][]string{
		"index.html":    {`>Directory</a>`, `>Charts</a>`},
		"zh/index.html": {`>项目</a>`, `>数据图</a>`},
	} {
		got := readOut(t, out, page)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %s", page, w)
			}
		}
	}

	// Translated and fallen-back texts.
	zhIO := readOut(t, out, "zh/projects/io-net.html")
	if !strings.Contains(zhIO, "把许多所有者的 GPU 汇集起来出租的网络。") || strings.Contains(zhIO, "fallback-note") || !strings.Contains(zhIO, `<html lang="zh-Hans" dir="ltr">`) {
		t.Error("zh/projects/io-net.html does not show its translation as such")
	}
	zhAethir := readOut(t, out, "zh/projects/aethir.html")
	if !strings.Contains(zhAethir, `<p class="fallback-note">尚未翻译：以下为英文原文。</p>`) || !strings.Contains(zhAethir, `<p class="lead" lang="en">`) {
		t.Error("zh/projects/aethir.html does not mark its English text")
	}
	if !strings.Contains(zhAethir, `href="../../zh/layers/infrastructure/compute.html">去中心化算力</a>`) {
		t.Error("a Chinese page does not name its section in Chinese")
	}
	// The site's, layers' and sections' texts that fall back are marked too.
	for page, want := range map[string]string{
		"zh/index.html":                           `<p class="subtitle" lang="en">`,
		"zh/layers/middle.html":                   `<h1 lang="en">Middle layer</h1>`,
		"zh/layers/infrastructure.html":           `<h1>基础设施层</h1>`,
		"zh/layers/infrastructure/compute.html":   `<h1>去中心化算力</h1>`,
		"zh/layers/infrastructure/ai-chains.html": `<h1 lang="en">AI chains</h1>`,
	} {
		if !strings.Contains(readOut(t, out, page), want) {
			t.Errorf("%s lacks %s", page, want)
		}
	}

	// Sentences join as the language writes them, and counts count in it.
	if lead := readOut(t, out, "zh/projects.html"); !strings.Contains(lead, "个在研究中被提及。数据另有 <a") {
		t.Error("zh/projects.html's lead does not join its sentences as Chinese does")
	}
	if en := readOut(t, out, "projects.html"); !strings.Contains(en, "named in the report&#39;s text. The data is also in <a") {
		t.Error("projects.html's lead does not join its sentences with a space")
	}
	if layer := readOut(t, out, "zh/layers/infrastructure.html"); !regexp.MustCompile(`<dd>\d+ 个项目。</dd>`).MatchString(layer) {
		t.Error("zh/layers/infrastructure.html does not count a section's projects in Chinese")
	}
	if layer := readOut(t, out, "layers/infrastructure.html"); !regexp.MustCompile(`<dd>\d+ projects?\.</dd>`).MatchString(layer) {
		t.Error("layers/infrastructure.html does not count a section's projects")
	}
	if !strings.Contains(readOut(t, out, "zh/embed.html"), `&#34;Copied&#34;:&#34;已复制&#34;`) {
		t.Error("zh/embed.html does not hand its Copy button the word in Chinese")
	}

	// A translation of the summary alone: the text below falls back.
	zhGensyn := readOut(t, out, "zh/projects/gensyn.html")
	if !strings.Contains(zhGensyn, `<p class="lead">只翻译了摘要的测试项目。</p>`) || !strings.Contains(zhGensyn, `<div class="prose" lang="en">`) || !strings.Contains(zhGensyn, "尚未翻译") {
		t.Error("zh/projects/gensyn.html does not mark its English text alone")
	}
	if en := readOut(t, out, "projects/aethir.html"); strings.Contains(en, "fallback-note") || !strings.Contains(en, `<html lang="en" dir="ltr">`) {
		t.Error("the English page is marked as a fallback")
	}
}

// Search in the Chinese pages, from file://: two characters find the
// project and the chapter that hold them together, and a typo in Latin
// script is still forgiven.
func TestChineseSearch(t *testing.T) {
	out := bilingual(t)
	ctx := browsertest.Tab(t)
	w := browsertest.Watch(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(out, "zh/index.html"))); err != nil {
		t.Fatal(err)
	}
	query := func(q string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](fmt.Sprintf(`(() => { const i = document.getElementById('search-input'); i.focus(); i.value = %q; i.dispatchEvent(new Event('input')); return null; })()`, q))); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct{ q, want string }{
		{"出租", "Projects: IO.NET"},
		{"章节", "Chapters: 赛道"},
		{"hyprb", "Projects: Hyperbolic"},
	} {
		query(c.q)
		got := waitResults(t, ctx, func(r []string) bool { return len(r) > 0 })
		if got[0] != c.want {
			t.Errorf("%s: results %q, want %s first", c.q, got, c.want)
		}
	}
	// The results lead to the Chinese pages.
	href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#search-results a').getAttribute('href')`))
	if err != nil || !strings.HasPrefix(path.Clean(path.Join("zh", href)), "zh/projects/") {
		t.Errorf("a result links %q (%v), want a page of zh/", href, err)
	}
	w.Check(t, "file://"+filepath.ToSlash(out)+"/")
}

// Two builds of a report in two languages give the same bytes, zips
// included.
func TestTwoLanguagesAreDeterministic(t *testing.T) {
	first, second := snapshot(t, bilingual(t)), snapshot(t, bilingual(t))
	if len(first) != len(second) || len(first) < 100 {
		t.Fatalf("file counts: %d then %d", len(first), len(second))
	}
	for name, data := range first {
		if !bytes.Equal(data, second[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// A paragraph of Chinese wrapped over lines reads without spaces where it
// was wrapped; a break beside Latin text stays a space.
func TestChineseLinesJoinWithoutSpaces(t *testing.T) {
	r := markdown.Render(markdown.New(), "content/report/x.zh.md", []byte("许多项目都给自己贴上了\nAI 的标签，也就是\n两种技术。\n"), 1, "../", func(string) (string, bool) { return "", false })
	if want := "<p>许多项目都给自己贴上了\nAI 的标签，也就是两种技术。</p>"; !strings.Contains(string(r.HTML), want) {
		t.Errorf("got %s, want %s", r.HTML, want)
	}
}

// A Chinese heading's anchor is its own words, and the page's table of
// contents leads to it in the browser.
func TestChineseHeadingAnchors(t *testing.T) {
	own := builtOwnReport(t)
	page := readOut(t, own, "zh/report/05-analysis.html")
	if !strings.Contains(page, `<h2 id="赛道尚未解决的问题"`) {
		t.Fatalf("the heading 赛道尚未解决的问题 has another id")
	}
	ctx := browsertest.Tab(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(own, "zh/report/05-analysis.html"))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`nav.toc li:last-child a`)); err != nil {
		t.Fatal(err)
	}
	target, err := chromedp.Run(ctx, chromedp.Poll[string](`(document.querySelector(':target') || {}).id`))
	if err != nil || target != "赛道尚未解决的问题" {
		t.Errorf("the contents' last link leads to %q (%v)", target, err)
	}
}

// A project page in a section of more projects than it lists links to
// the section in the page's language, with the count of those it leaves
// out.
func TestMoreOthersInThePagesLanguage(t *testing.T) {
	yaml := strings.Replace(minimalSiteYAML, "title: Test Report\n", "title: Test Report\nlanguages:\n  - {code: en, name: English}\n  - {code: zh, name: 简体中文, tag: zh-Hans}\n", 1)
	var b strings.Builder
	b.WriteString("-- content/site.yaml --\n" + yaml)
	b.WriteString("-- content/site.zh.yaml --\ntitle: 测试报告\nsections:\n  compute: {name: 算力}\n")
	for i := range 15 {
		fmt.Fprintf(&b, "-- content/projects/p%02d.md --\n---\nname: Project %02d\nlayer: infra\nsection: compute\nsummary: One of many.\nwebsite: https://p%02d.example\n---\n", i, i, i)
	}
	s := newSite(t, b.String()).mustBuild()
	s.assertFile("projects/p00.html", `>All 15 projects in Compute</a> (2 more)</p>`)
	s.assertFile("zh/projects/p00.html", `>「算力」的全部 15 个项目</a> （另有 2 个）</p>`)
}
