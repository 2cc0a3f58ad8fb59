package generator

// Browser tests of the readers' features (issue 5): search, the project
// directory's filters, and the whole-report page, opened from file://.

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/panorama-ssg/panorama/internal/browsertest"
)

// searchResults lists the open result list as "group: title" lines.
const searchResults = `(() => {
  const list = document.getElementById('search-results');
  if (list.hidden) return [];
  return [...list.querySelectorAll('.search-result[role=option]')].map(o =>
    o.closest('[role=group]').querySelector('.search-group-label').dataset.group + ': ' + o.querySelector('.search-title').textContent);
})()`

func waitResults(t *testing.T, ctx context.Context, ok func([]string) bool) []string {
	t.Helper()
	var got []string
	for range 100 {
		var err error
		got, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](searchResults))
		if err == nil && ok(got) {
			return got
		}
		if err := chromedp.Do(ctx, chromedp.Sleep(50*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
	}
	t.Fatalf("search results never settled; last: %q", got)
	return nil
}

func TestSearchFromFile(t *testing.T) {
	out := builtDefaultSite(t)
	ctx := browsertest.Tab(t)
	w := browsertest.Watch(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(out, "report/01-the-track.html"))); err != nil {
		t.Fatal(err)
	}
	// "/" focuses the box from anywhere on the page. It is sent as one
	// keyDown with its text, as a keyboard does: chromedp.KeyEvent adds a
	// separate char event that a page cannot cancel.
	slash := chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
		for _, k := range []input.DispatchKeyEventParams{
			{Type: input.DispatchKeyEventTypeKeyDown, Key: "/", Code: "Slash", Text: "/", WindowsVirtualKeyCode: 191},
			{Type: input.DispatchKeyEventTypeKeyUp, Key: "/", Code: "Slash", WindowsVirtualKeyCode: 191},
		} {
			if _, err := cdp.Call(ctx, tgt, input.DispatchKeyEvent, k); err != nil {
				return err
			}
		}
		return nil
	})
	if err := chromedp.Do(ctx, slash); err != nil {
		t.Fatal(err)
	}
	focused := browsertest.Must(t, ctx, chromedp.Evaluate[string](`document.activeElement.id`))
	if focused != "search-input" {
		t.Fatalf("after / the focus is on %q", focused)
	}
	// A misspelled prefix of "Hyperbolic" finds it first among projects.
	if err := chromedp.Do(ctx, chromedp.KeyEvent("hyprb")); err != nil {
		t.Fatal(err)
	}
	got := waitResults(t, ctx, func(r []string) bool { return len(r) > 0 })
	if got[0] != "Projects: Hyperbolic" {
		t.Errorf("results for hyprb: %q, want Hyperbolic first", got)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	waitLocation(t, ctx, "/projects/hyperbolic.html")

	// Results are grouped; arrows choose one and Enter opens it.
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(out, "charts.html")), chromedp.Focus("#search-input"), chromedp.KeyEvent("inferance")); err != nil {
		t.Fatal(err)
	}
	got = waitResults(t, ctx, func(r []string) bool { return len(r) > 1 })
	var groups []string
	for _, r := range got {
		g, _, _ := strings.Cut(r, ": ")
		if len(groups) == 0 || groups[len(groups)-1] != g {
			groups = append(groups, g)
		}
	}
	if strings.Join(groups, ",") != "Projects,Chapters" {
		t.Errorf("groups %q from %q, want projects then chapters", groups, got)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown)); err != nil {
		t.Fatal(err)
	}
	active := browsertest.Must(t, ctx, chromedp.Evaluate[string](`document.getElementById('search-input').getAttribute('aria-activedescendant')`))
	if active != "search-result-1" {
		t.Errorf("after two ArrowDowns the active result is %q", active)
	}
	target := browsertest.Must(t, ctx, chromedp.Evaluate[string](`new URL(document.getElementById('search-result-1').href).pathname`))
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(target, filepath.ToSlash(out)+"/") || strings.HasSuffix(target, "/charts.html") {
		t.Fatalf("second result points to %q", target)
	}
	waitLocation(t, ctx, strings.TrimPrefix(target, filepath.ToSlash(out)))
	w.Check(t, "file://"+filepath.ToSlash(out)+"/")
}

// visibleCards lists the projects the directory shows, as "section:name".
const visibleCards = `[...document.querySelectorAll('.card')].filter(c => c.offsetParent !== null).map(c => c.closest('[data-section]').dataset.section + ':' + c.querySelector('h3').textContent)`

func TestFilterSurvivesReload(t *testing.T) {
	out := builtDefaultSite(t)
	ctx := browsertest.Tab(t)
	w := browsertest.Watch(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(out, "projects.html"))); err != nil {
		t.Fatal(err)
	}
	all, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](visibleCards))
	if err != nil || len(all) != 44 {
		t.Fatalf("unfiltered: %d cards, want 41 projects with Sahara AI in three sections and Space and Time in two (%v)", len(all), err)
	}
	// The projects of two sections; Sahara AI is in both.
	var want []string
	names := map[string]bool{}
	for _, c := range all {
		if strings.HasPrefix(c, "compute:") || strings.HasPrefix(c, "data:") {
			want = append(want, c)
			names[strings.SplitN(c, ":", 2)[1]] = true
		}
	}
	if !slices.Contains(want, "data:Sahara AI") {
		t.Fatalf("Sahara AI is not listed under data: %q", all)
	}
	// Choose two sections the way a keyboard user does: open the facet,
	// then tick each box with the space bar.
	if err := chromedp.Do(ctx, chromedp.Click(`[data-facet=section] summary`),
		chromedp.Focus(`input[name=section][value=compute]`), chromedp.KeyEvent(" "),
		chromedp.Focus(`input[name=section][value=data]`), chromedp.KeyEvent(" ")); err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		shown, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](visibleCards))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(shown, ",") != strings.Join(want, ",") {
			t.Errorf("%s: shows %q, want %q", when, shown, want)
		}
		status := browsertest.Must(t, ctx, chromedp.Text("#filter-status"))
		if want := fmt.Sprintf("Showing %d of 41 projects.", len(names)); status != want {
			t.Errorf("%s: status %q, want %q", when, status, want)
		}
		hidden := browsertest.Must(t, ctx, chromedp.Evaluate[bool](`document.getElementById('s-agents').closest('[data-group]').hidden`))
		if !hidden {
			t.Errorf("%s: the empty agents section still shows", when)
		}
		// Headings count what shows; facets count what each value would show
		// and hide values that would show nothing.
		counts := browsertest.Must(t, ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('#s-data [data-count], #l-middle [data-count], #l-application [data-count]')].map(e => e.textContent).join(' ') + ' | ' +
			[...document.querySelectorAll('input[name=layer]')].map(b => b.value + (b.parentNode.hidden ? ' hidden' : ' ' + b.parentNode.querySelector('.facet-n').textContent)).join(', ')`))
		if c := strings.Count(strings.Join(want, ","), "data:"); !strings.HasPrefix(counts, fmt.Sprintf("%d %d ", c, c)) || !strings.Contains(counts, "application hidden") {
			t.Errorf("%s: counts %q: want the data section and middle layer at %d, the application layer hidden", when, counts, c)
		}
	}
	check("after choosing")
	hash := browsertest.Must(t, ctx, chromedp.Evaluate[string](`location.hash`))
	if hash != "#section=compute&section=data" {
		t.Errorf("fragment %q, want #section=compute&section=data", hash)
	}
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	check("after a reload")
	state := browsertest.Must(t, ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('input[name=section]:checked')].map(b => b.value).join(',') + document.querySelector('[data-facet=section] summary').textContent`))
	if state != "compute,dataSection · 2 chosen" {
		t.Errorf("after a reload the section facet is %q", state)
	}

	// The projects the study names are a facet of their own.
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(out, "projects.html")+"#report=yes")); err != nil {
		t.Fatal(err)
	}
	if status := browsertest.Must(t, ctx, chromedp.Text("#filter-status")); status != "Showing 10 of 41 projects." {
		t.Errorf("named in the report: status %q", status)
	}
	// A shared link with several filters opens filtered.
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(out, "projects.html")+"#layer=application&token=yes&q=agent")); err != nil {
		t.Fatal(err)
	}
	shown := browsertest.Must(t, ctx, chromedp.Evaluate[[]string](visibleCards))
	if len(shown) == 0 || len(shown) >= 41 {
		t.Errorf("layer+token+text filter shows %q", shown)
	}
	w.Check(t, "file://"+filepath.ToSlash(out)+"/")
}

// The whole report prints as a PDF without the site's chrome; the theme
// follows the reader's setting; pages fit a phone's width.
func TestPrintThemesAndPhones(t *testing.T) {
	out := builtDefaultSite(t)
	ctx := browsertest.Tab(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(out, "print.html"))); err != nil {
		t.Fatal(err)
	}
	data, err := chromedp.Run(ctx, printPDF())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "%PDF") {
		t.Fatalf("printing gave no PDF (%d bytes)", len(data))
	}
	if pages := pdfPages(data); pages < 5 {
		t.Errorf("the whole report prints on %d pages; want one per chapter and more", pages)
	}
	if err := chromedp.Do(ctx, emulateMedia("print")); err != nil {
		t.Fatal(err)
	}
	hidden := browsertest.Must(t, ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('.site-header, .search, .site-footer')].map(e => getComputedStyle(e).display).join(',')`))
	if hidden != "none,none,none" {
		t.Errorf("in print the header, search and footer show: %q", hidden)
	}
	if err := chromedp.Do(ctx, emulateMedia("")); err != nil {
		t.Fatal(err)
	}

	for scheme, dark := range map[string]bool{"light": false, "dark": true} {
		if err := chromedp.Do(ctx, emulateColorScheme(scheme)); err != nil {
			t.Fatal(err)
		}
		lum, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`(() => { const [r, g, b] = getComputedStyle(document.documentElement).backgroundColor.match(/\d+/g).map(Number); return (r + g + b) / 3; })()`))
		if err != nil {
			t.Fatal(err)
		}
		if (lum < 128) != dark {
			t.Errorf("%s scheme: background brightness %.0f", scheme, lum)
		}
	}

	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"index.html", "projects.html", "projects/io-net.html", "report/04-ecosystem-map.html", "charts.html"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(out, page))); err != nil {
			t.Fatal(err)
		}
		over := browsertest.Must(t, ctx, chromedp.Evaluate[string](`(() => { const w = document.documentElement.clientWidth; return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest('.prose table, pre, .chart-data')).slice(0, 3).map(e => e.tagName + '.' + e.className).join(' '); })()`))
		if over != "" {
			t.Errorf("%s: wider than a 390px phone: %s", page, over)
		}
	}
}

// rankingSite has 50 projects whose names begin with "Kubernetes", one
// named just that (sorting last by name), one that holds the word later,
// and one that has it only in its summary; and Ænix and Łódź.
func rankingSite(t *testing.T) *siteBuilder {
	var b strings.Builder
	add := func(slug, name, summary string) {
		fmt.Fprintf(&b, "-- content/projects/%s.md --\n---\nname: %q\nlayer: infra\nsection: compute\nsummary: %q\nwebsite: https://%s.example\n---\n", slug, name, summary, slug)
	}
	for i := range 50 {
		add(fmt.Sprintf("k8s-%02d", i), fmt.Sprintf("Kubernetes %c%c Operator", 'A'+i/26, 'a'+i%26), "Runs things.")
	}
	add("zz-kubernetes", "Kubernetes", "Orchestrates containers.")
	add("awesome", "Awesome Kubernetes Tool", "A tool.")
	add("helm", "Helm", "Packages for kubernetes clusters.")
	add("aenix", "Ænix", "Runs clusters.")
	add("lodz", "Łódź Labs", "Maps.")
	return newSite(t, minimalSite, b.String())
}

// Search ranks the exact name first, then names that begin with the
// query, then names that hold it, then other fields; it says how many
// matched and lists every one on request; accents and ligatures fold.
func TestSearchRanksNames(t *testing.T) {
	site := rankingSite(t).mustBuild(func(o *Options) { o.NoZip = true })
	ctx := browsertest.Tab(t)
	w := browsertest.Watch(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(site.out, "index.html")), chromedp.Focus("#search-input"), chromedp.KeyEvent("kubernetes")); err != nil {
		t.Fatal(err)
	}
	got := waitResults(t, ctx, func(r []string) bool { return len(r) > 0 })
	if len(got) < 2 || got[0] != "Projects: Kubernetes" || !strings.HasPrefix(got[1], "Projects: Kubernetes Aa") {
		t.Errorf("results %q: want Kubernetes, then names beginning with it in order", got)
	}
	label := browsertest.Must(t, ctx, chromedp.Evaluate[string](`document.getElementById('search-group-p').textContent`))
	if label != "Projects · 53 found" {
		t.Errorf("group label %q, want the total of 53", label)
	}
	// The keyboard reaches the "more" entry and opens every match.
	for range 20 {
		more := browsertest.Must(t, ctx, chromedp.Evaluate[bool](`!!document.querySelector('[data-more=p]')`))
		if !more {
			break
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('[data-more=p]').dispatchEvent(new MouseEvent('mousedown', {bubbles: true}))`)); err != nil {
			t.Fatal(err)
		}
	}
	all := browsertest.Must(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#search-results .search-result .search-title')].map(e => e.textContent)`))
	projects := all[:min(53, len(all))]
	if len(projects) != 53 || projects[51] != "Awesome Kubernetes Tool" || projects[52] != "Helm" {
		t.Errorf("%d results listed after showing all; the last two %q", len(all), projects[max(0, len(projects)-2):])
	}
	// Ligatures and accents fold: aenix finds Ænix.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById('search-input').value = ''; true`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Focus("#search-input"), chromedp.KeyEvent("aenix")); err != nil {
		t.Fatal(err)
	}
	got = waitResults(t, ctx, func(r []string) bool { return len(r) > 0 && !strings.Contains(r[0], "Kubernetes") })
	if got[0] != "Projects: Ænix" {
		t.Errorf("results for aenix: %q", got)
	}
	// The directory's text box folds the same way (one fold, in search.js).
	for q, want := range map[string]string{"aenix": "aenix", "lodz labs": "lodz"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(site.out, "projects.html")+"#q="+url.QueryEscape(q))); err != nil {
			t.Fatal(err)
		}
		shown := browsertest.Must(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('.card')].filter(c => !c.closest('[hidden]')).map(c => c.getAttribute('data-slug'))`))
		if len(shown) != 1 || shown[0] != want {
			t.Errorf("directory filtered by %q shows %q", q, shown)
		}
	}
	w.Check(t, "file://"+filepath.ToSlash(site.out)+"/")
}

// A landscape's search: among equal matches featured and mature projects
// come first ("prom" lists Prometheus, graduated, before Promptfoo), and a
// short name the data carries finds its project first ("k8s").
func TestSearchKnowsALandscape(t *testing.T) {
	site := newSite(t, minimalSite, `
-- content/site.yaml --
`+minimalSiteYAML+`fields:
  - {id: maturity, label: Maturity, type: enum, values: [graduated, incubating, sandbox, archived]}
  - {id: lfx_slug, label: LFX slug, type: text, show: false}
map:
  featured:
    - {field: maturity, value: graduated, label: Graduated}
  dimmed:
    - {field: maturity, value: archived}
-- content/projects/promptfoo.md --
---
name: Promptfoo
layer: infra
section: compute
summary: Tests prompts.
website: https://promptfoo.example
maturity: sandbox
---
-- content/projects/prometheus.md --
---
name: Prometheus
layer: infra
section: compute
summary: Monitors systems.
website: https://prometheus.example
maturity: graduated
---
-- content/projects/promql-old.md --
---
name: Promlens
layer: infra
section: compute
summary: Old query tool.
website: https://promlens.example
maturity: archived
---
-- content/projects/kubernetes.md --
---
name: Kubernetes
layer: infra
section: compute
summary: Runs containers.
website: https://kubernetes.example
github: https://github.com/kubernetes/kubernetes
lfx_slug: k8s
---
-- content/projects/k8s-tool.md --
---
name: Kube Kit
layer: infra
section: compute
summary: A tool whose summary says k8s.
website: https://kubekit.example
github: https://github.com/example/kubekit
---
`).mustBuild(func(o *Options) { o.NoZip = true })
	ctx := browsertest.Tab(t)
	for query, want := range map[string][]string{
		"prom":    {"Projects: Prometheus", "Projects: Promptfoo", "Projects: Promlens"},
		"k8s":     {"Projects: Kubernetes", "Projects: Kube Kit"},
		"kubekit": {"Projects: Kube Kit"},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(site.out, "index.html")), chromedp.Focus("#search-input"), chromedp.KeyEvent(query)); err != nil {
			t.Fatal(err)
		}
		got := waitResults(t, ctx, func(r []string) bool { return len(r) >= len(want) })
		if !slices.Equal(got[:len(want)], want) {
			t.Errorf("%s: results %q, want %q first", query, got, want)
		}
	}
}

// The directory's cards show their logos and sort by the day a project
// was added (or a date field), newest first, from the address too.
func TestDirectorySortsAndShowsLogos(t *testing.T) {
	site := newSite(t, minimalSite, `
-- content/static/logos/bolt.svg --
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 1"><rect width="2" height="1" fill="#123456"/></svg>
-- content/projects/acme.md --
---
name: Acme Compute
layer: infra
section: compute
summary: Rents GPUs.
website: https://acme.example
added: 2024-01-01
---
-- content/projects/bolt.md --
---
name: Bolt
layer: infra
section: compute
summary: Rents more GPUs.
website: https://bolt.example
logo: logos/bolt.svg
added: 2026-01-01
---
-- content/projects/cargo.md --
---
name: Cargo
layer: infra
section: compute
summary: Rents old GPUs.
website: https://cargo.example
added: 2025-01-01
---
`).mustBuild(func(o *Options) { o.NoZip = true })
	site.assertFile("projects.html", `<img class="card-logo" src="logos/bolt.svg"`, `<option value="added">Date added, newest first</option>`)
	ctx := browsertest.Tab(t)
	order := `[...document.querySelectorAll('[data-section=compute] .card')].map(c => c.dataset.slug).join(' ')`
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(site.out, "projects.html"))); err != nil {
		t.Fatal(err)
	}
	if got := browsertest.Must(t, ctx, chromedp.Evaluate[string](order)); got != "acme bolt cargo" {
		t.Errorf("by name: %q", got)
	}
	browsertest.Must(t, ctx, chromedp.Evaluate[bool](`(() => { const s = document.getElementById('f-sort'); s.value = 'added'; return s.dispatchEvent(new Event('input', {bubbles: true})); })()`))
	if got := browsertest.Must(t, ctx, chromedp.Evaluate[string](order)); got != "bolt cargo acme" {
		t.Errorf("newest first: %q", got)
	}
	if hash := browsertest.Must(t, ctx, chromedp.Evaluate[string](`location.hash`)); hash != "#sort=added" {
		t.Errorf("the address keeps %q, want the sort", hash)
	}
	// Opened from that address, the directory is sorted so.
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(site.out, "index.html")), chromedp.Navigate(fileURL(site.out, "projects.html")+"#sort=added")); err != nil {
		t.Fatal(err)
	}
	if got := browsertest.Must(t, ctx, chromedp.Evaluate[string](order)); got != "bolt cargo acme" {
		t.Errorf("from the address: %q", got)
	}
}
