package generator

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/panorama-ssg/panorama/bench/fixture"
	"github.com/panorama-ssg/panorama/internal/browsertest"
	"github.com/panorama-ssg/panorama/internal/importer"
	"github.com/panorama-ssg/panorama/internal/realdata"
)

// markedSite imports a landscape, then gives its site.yaml what a
// maintainer would add: graduated projects featured, and the layers in
// two groups (the map's tabs); it returns the built site and the
// groups' layers.
func markedSite(t *testing.T, landscape, logos string) (string, [2][]string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := importer.Landscape2(importer.Options{Landscape: landscape, Logos: logos, Out: dir, Title: "Marked"}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "content", "site.yaml")
	data, err := os.ReadFile(file)
	must(t, err)
	site := string(data)
	layers := regexp.MustCompile(`(?m)^  - id: (\S+)$`).FindAllStringSubmatch(site[strings.Index(site, "\nlayers:"):], -1)
	if len(layers) < 4 {
		t.Fatalf("%d layers in the import", len(layers))
	}
	var first, second []string
	for i, l := range layers {
		if i < len(layers)/2 {
			first = append(first, l[1])
		} else {
			second = append(second, l[1])
		}
	}
	featured := "  featured:\n    - {field: maturity, value: graduated, label: Graduated}\n"
	if strings.Contains(site, "\nmap:\n") {
		site = strings.Replace(site, "\nmap:\n", "\nmap:\n"+featured, 1)
	} else {
		site += "map:\n" + featured
	}
	site += fmt.Sprintf("groups:\n  - {id: first, name: First part, layers: [%s]}\n  - {id: second, name: Second part, layers: [%s]}\n",
		strings.Join(first, ", "), strings.Join(second, ", "))
	must(t, os.WriteFile(file, []byte(site), 0o644))
	out := filepath.Join(dir, "public")
	if _, err := Build(Options{Source: dir, Out: out, NoZip: true}); err != nil {
		t.Fatal(err)
	}
	return out, [2][]string{first, second}
}

// On the LF AI & Data import and a 2,000-item landscape with a logo each,
// from file:// as a reader opens a downloaded site: the compact map within
// its budgets with its zoom steps; featured projects drawn larger with
// their label, which their accessible name says; archived ones faded; the
// group tabs as plain links; a project page's sections.
func TestLandscapeMarksTabsAndPages(t *testing.T) {
	sites := map[string]func(t *testing.T) (landscape, logos string){
		"lfai": func(t *testing.T) (string, string) {
			d := realdata.Dir(t, "lfai-landscape", "featured and archived projects of the LF AI & Data landscape are marked on its map")
			return filepath.Join(d, "landscape.yml"), filepath.Join(d, "hosted_logos")
		},
		"fixture-2000": func(t *testing.T) (string, string) {
			d := t.TempDir()
			must(t, fixture.Landscape(d, 2000, 5))
			return filepath.Join(d, "landscape.yml"), filepath.Join(d, "hosted_logos")
		},
	}
	for name, source := range sites {
		t.Run(name, func(t *testing.T) {
			landscape, logos := source(t)
			out, groups := markedSite(t, landscape, logos)
			ctx := browsertest.Tab(t)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(fileURL(out, "index.html"))); err != nil {
				t.Fatal(err)
			}
			waitAllTiles(t, ctx)
			n := browsertest.Must(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('.landscape a.tile').length`))
			checkMapBudget(t, ctx, n)
			marks := browsertest.Must(t, ctx, chromedp.Evaluate[[]float64](`(() => {
				const tiles = [...document.querySelectorAll('.landscape .tiles li')];
				const size = li => li.querySelector('.tile').getBoundingClientRect();
				const feat = tiles.filter(li => li.classList.contains('featured') && !li.classList.contains('dimmed'));
				const plain = tiles.filter(li => !li.className);
				const dim = tiles.filter(li => li.classList.contains('dimmed'));
				const labelled = feat.filter(li => li.querySelector('.tile').getAttribute('aria-label').endsWith(', Graduated') && li.querySelector('.mark').textContent === 'Graduated').length;
				return [feat.length, labelled, feat.length && size(feat[0]).width, feat.length && size(feat[0]).height, size(plain[0]).width, size(plain[0]).height,
					dim.length, dim.length ? +getComputedStyle(dim[0].querySelector('.tile')).opacity : 1, +getComputedStyle(plain[0].querySelector('.tile')).opacity];
			})()`))
			if marks[0] == 0 || marks[1] != marks[0] || marks[2] < 1.8*marks[4] || marks[3] < 1.8*marks[5] {
				t.Errorf("featured tiles: %v of them, %v with their label; %vx%v px against %vx%v", marks[0], marks[1], marks[2], marks[3], marks[4], marks[5])
			}
			if marks[6] == 0 || marks[7] >= 0.8 || marks[8] != 1 {
				t.Errorf("archived tiles: %v of them, opacity %v (others %v)", marks[6], marks[7], marks[8])
			}
			// The tabs: the first part here, the second a plain link away.
			tabs := browsertest.Must(t, ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('.group-tabs a')].map(a => a.textContent.trim().replace(/\s+\d+$/, '') + (a.getAttribute('aria-current') ? '*' : '')).join('|')`))
			if tabs != "First part*|Second part" {
				t.Errorf("tabs on the home page: %q", tabs)
			}
			browsertest.Must(t, ctx, chromedp.Click(`.group-tabs li:nth-child(2) a`))
			waitLocation(t, ctx, "/groups/second.html")
			second := browsertest.Must(t, ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('.landscape .band')].map(b => b.dataset.layer).join(' ') + '|' + document.querySelector('.group-tabs a[aria-current=page]').textContent.trim().replace(/\s+\d+$/, '')`))
			if want := strings.Join(groups[1], " ") + "|Second part"; second != want {
				t.Errorf("the second tab shows layers|tab %q, want %q", second, want)
			}
			// A featured project's page: header, badge, links with icons,
			// facts, and the other projects of its section.
			href := browsertest.Must(t, ctx, chromedp.Evaluate[string](`(document.querySelector('.landscape li.featured a.tile') || document.querySelector('.landscape a.tile')).href`))
			browsertest.Must(t, ctx, chromedp.Navigate(href))
			page := browsertest.Must(t, ctx, chromedp.Evaluate[string](`(() => {
				const has = s => document.querySelector(s) ? s : '';
				const icon = document.querySelector('.project-links a[data-icon]');
				const layer = e => getComputedStyle(e).getPropertyValue('--layer').trim();
				return [has('.project-head h1'), has('.project-head .badges .maturity'), has('.project-links li a[href^=http]'),
					icon && getComputedStyle(icon, '::before').maskImage.startsWith('url("data:image/svg+xml') ? 'icon' : '', has('.facts-table dt'), has('.others a'),
					// drawn in its layer's colour, not the site's accent
					/^#[0-9a-f]{6}$/.test(layer(document.querySelector('article.project'))) && layer(document.querySelector('article.project')) !== layer(document.documentElement) ? 'colour' : ''].join('|');
			})()`))
			if page != ".project-head h1|.project-head .badges .maturity|.project-links li a[href^=http]|icon|.facts-table dt|.others a|colour" {
				t.Errorf("a featured project's page (%s) lacks a part: %q", href, page)
			}
		})
	}
}
