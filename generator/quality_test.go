package generator

// Quality gates over the built default report (issue 5): accessibility with
// axe-core in Chromium, and HTML validity with the Nu HTML Checker. Both
// come from npm (package.json at the repository root; .ci/run runs npm ci).

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/panorama-ssg/panorama/internal/browsertest"
)

// npmTool returns the path of a file from node_modules, skipping the test
// when it is missing outside CI.
func npmTool(t *testing.T, rel string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "node_modules", rel))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing; .ci/run installs it with npm ci", rel)
		}
		t.Skipf("%s is missing; run npm ci at the repository root to run this check", rel)
	}
	return p
}

type axeResult struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
	} `json:"nodes"`
}

func TestAccessibility(t *testing.T) {
	axe, err := os.ReadFile(npmTool(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	out := builtDefaultSite(t)
	ctx := browsertest.Tab(t)
	run := func(t *testing.T) []axeResult {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](string(axe)+";0")); err != nil {
			t.Fatal(err)
		}
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(r.violations))`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		var vs []axeResult
		if err := json.Unmarshal([]byte(raw), &vs); err != nil {
			t.Fatal(err)
		}
		return vs
	}
	// A control: the gate sees a serious violation when there is one.
	if err := chromedp.Do(ctx, chromedp.Navigate(`data:text/html,<!DOCTYPE html><html lang="en"><title>x</title><main><img src="x.png"></main></html>`)); err != nil {
		t.Fatal(err)
	}
	if vs := run(t); len(vs) == 0 || vs[0].ID != "image-alt" {
		t.Fatalf("axe missed an image without alt text: %+v", vs)
	}
	for _, theme := range []string{"light", "dark"} {
		if err := chromedp.Do(ctx, emulateColorScheme(theme)); err != nil {
			t.Fatal(err)
		}
		for _, page := range []string{"index.html", "report/02-ai-development.html", "projects/io-net.html", "projects.html", "charts.html", "print.html", "layers/infrastructure/compute.html",
			"editions/index.html", "editions/2026-11.html", "editions/2026-09/map.html",
			"embed.html", "embed/map.html", "embed/layers/middle/data.html"} {
			t.Run(theme+"/"+page, func(t *testing.T) {
				if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(out, page))); err != nil {
					t.Fatal(err)
				}
				if page == "index.html" {
					// With the search results open.
					if err := chromedp.Do(ctx, chromedp.Focus("#search-input"), chromedp.KeyEvent("compute")); err != nil {
						t.Fatal(err)
					}
					waitResults(t, ctx, func(r []string) bool { return len(r) > 0 })
				}
				report(t, run(t))
			})
		}
	}
	// A project page with its repository table, and the directory that
	// sorts by stars.
	repos := reposSite(t).mustBuild(func(o *Options) { o.NoZip = true }).out
	for _, page := range []string{"projects/acme.html", "projects.html"} {
		t.Run("repos/"+page, func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(repos, page))); err != nil {
				t.Fatal(err)
			}
			report(t, run(t))
		})
	}
	// The Chinese pages of a report in two languages, translated and not.
	two := bilingual(t)
	if err := chromedp.Do(ctx, emulateColorScheme("light")); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"zh/index.html", "zh/projects/io-net.html", "zh/projects/aethir.html", "zh/report/01-the-track.html", "zh/report/02-ai-development.html"} {
		t.Run(page, func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(two, page))); err != nil {
				t.Fatal(err)
			}
			report(t, run(t))
		})
	}
	// This repository's own report: its analysis chapter, with its tables,
	// in both languages, and the Chinese home page.
	own := builtOwnReport(t)
	for _, page := range []string{"report/05-analysis.html", "zh/report/05-analysis.html", "zh/index.html"} {
		t.Run("own/"+page, func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(own, page))); err != nil {
				t.Fatal(err)
			}
			report(t, run(t))
		})
	}
}

var ownReport struct {
	once sync.Once
	out  string
	err  error
}

// builtOwnReport builds this repository's report (content/ at the root)
// once per test binary.
func builtOwnReport(t *testing.T) string {
	t.Helper()
	ownReport.once.Do(func() {
		dir, err := browsertest.FixtureDir("panorama-own-")
		if err != nil {
			ownReport.err = err
			return
		}
		ownReport.out = filepath.Join(dir, "public")
		_, ownReport.err = Build(Options{Source: "..", Out: ownReport.out, NoZip: true})
	})
	if ownReport.err != nil {
		t.Fatal(ownReport.err)
	}
	return ownReport.out
}

// report fails a test on axe's serious and critical violations and logs
// the others.
func report(t *testing.T, vs []axeResult) {
	t.Helper()
	for _, v := range vs {
		if v.Impact != "serious" && v.Impact != "critical" {
			t.Logf("%s (%s): %s", v.ID, v.Impact, v.Help)
			continue
		}
		for _, n := range v.Nodes {
			t.Errorf("%s (%s): %s at %v: %s", v.ID, v.Impact, v.Help, n.Target, n.HTML)
		}
	}
}

func TestHTMLIsValid(t *testing.T) {
	jar := npmTool(t, "vnu-jar/build/dist/vnu.jar")
	java, err := exec.LookPath("java")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("java is not installed; .ci/run installs it")
		}
		t.Skip("java is not installed; skipping the Nu HTML Checker")
	}
	out := builtDefaultSite(t)
	zh := filepath.Join(bilingual(t), "zh")                                  // the Chinese pages of a report in two languages
	repos := reposSite(t).mustBuild(func(o *Options) { o.NoZip = true }).out // with a GitHub snapshot
	// One call for the whole site: Java's start-up dominates.
	own := builtOwnReport(t) // this repository's report, both languages
	cmd := exec.Command(java, "-jar", jar, "--errors-only", "--format", "json", "--skip-non-html", out, zh, repos, own)
	b, _ := cmd.CombinedOutput() // exits 1 when it finds errors; the JSON says which
	var report struct {
		Messages []struct {
			Type    string `json:"type"`
			URL     string `json:"url"`
			Line    int    `json:"lastLine"`
			Message string `json:"message"`
			Extract string `json:"extract"`
			SubType string `json:"subType"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(b, &report); err != nil {
		t.Fatalf("vnu output is not JSON: %v\n%s", err, b)
	}
	for _, m := range report.Messages {
		if m.Type == "error" || m.Type == "non-document-error" {
			t.Errorf("%s:%d: %s\n\t%s", strings.TrimPrefix(m.URL, "file:"+filepath.ToSlash(out)+"/"), m.Line, m.Message, m.Extract)
		}
	}
	pages, _ := filepath.Glob(filepath.Join(out, "*", "*.html"))
	t.Logf("checked the built site (%d+ pages) with vnu: %d messages", len(pages), len(report.Messages))
}

// emulateColorScheme makes the tab prefer a light or dark theme, as a
// reader's system setting would.
func emulateColorScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tgt, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
}

// emulateMedia makes the tab use a CSS media type such as "print"; ""
// returns to the screen.
func emulateMedia(media string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tgt, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	})
}

// printPDF prints the page as the browser's "Save as PDF" does.
func printPDF() chromedp.Action[[]byte] {
	return func(ctx context.Context, tgt *chromedp.Target) ([]byte, error) {
		r, err := cdp.Call(ctx, tgt, page.PrintToPDF, page.PrintToPDFParams{})
		if err != nil {
			return nil, err
		}
		return r.Data, nil
	}
}

var pdfPageRE = regexp.MustCompile(`/Type\s*/Page[^s]`)

// pdfPages counts a PDF's pages.
func pdfPages(pdf []byte) int { return len(pdfPageRE.FindAll(pdf, -1)) }
