package generator

// The map and charts on real data nobody here wrote: the LF AI & Data
// landscape (472 projects, 14 layers, their logos as received), imported
// with panorama import landscape2 and built.

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/panorama-ssg/panorama/internal/browsertest"
	"github.com/panorama-ssg/panorama/internal/importer"
	"github.com/panorama-ssg/panorama/internal/realdata"
)

var lfaiSite struct {
	once sync.Once
	out  string
	err  error
}

// builtLFAI imports and builds the real landscape once per test binary.
func builtLFAI(t testing.TB) string {
	t.Helper()
	lfaiData := realdata.Dir(t, "lfai-landscape", "the LF AI & Data landscape imports, builds, and its map and charts read well")
	lfaiSite.once.Do(func() {
		tmp, err := browsertest.FixtureDir("panorama-lfai-")
		if err != nil {
			lfaiSite.err = err
			return
		}
		dir := filepath.Join(tmp, "site")
		_, lfaiSite.err = importer.Landscape2(importer.Options{Landscape: filepath.Join(lfaiData, "landscape.yml"),
			Logos: filepath.Join(lfaiData, "hosted_logos"), Out: dir, Title: "LF AI & Data Landscape"})
		if lfaiSite.err == nil {
			lfaiSite.out = filepath.Join(dir, "public")
			_, lfaiSite.err = Build(Options{Source: dir, Out: lfaiSite.out, NoZip: true})
		}
	})
	if lfaiSite.err != nil {
		t.Fatal(lfaiSite.err)
	}
	return lfaiSite.out
}

// chartLabels fails on a label of the chart id under 10 px or overlapping
// another, and returns the labels.
func chartLabels(t *testing.T, ctx context.Context, id, when string) []mapLabel {
	t.Helper()
	labels, err := chromedp.Run(ctx, chromedp.Evaluate[[]mapLabel](mapLabelsJS+`mapLabels(document.getElementById('`+id+`'))`))
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range labels {
		if a.Size < 10 {
			t.Errorf("%s: label %q is %.1f px", when, a.Text, a.Size)
		}
		for _, b := range labels[i+1:] {
			if a.X < b.X+b.W-0.5 && b.X < a.X+a.W-0.5 && a.Y < b.Y+b.H-0.5 && b.Y < a.Y+a.H-0.5 {
				t.Errorf("%s: labels %q and %q overlap", when, a.Text, b.Text)
			}
		}
	}
	return labels
}

func TestRealLandscapeCharts(t *testing.T) {
	out := builtLFAI(t)
	ctx := browsertest.Tab(t)
	w := browsertest.Watch(t, ctx)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(fileURL(out, "charts.html"))); err != nil {
		t.Fatal(err)
	}
	waitCharts(t, ctx, 3)
	checkMapLabels(t, ctx, "the LF AI & Data map")
	bars := chartLabels(t, ctx, "section-bar", "projects per section")
	if len(bars) < 45 {
		t.Errorf("the section bar names %d of 45 sections", len(bars))
	}
	chartLabels(t, ctx, "layer-share", "each layer's share")
	// On a phone, a chart of long names (organisations) still has room for its
	// bars and readable, separate numbers under them.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(fileURL(out, "charts.html"))); err != nil {
		t.Fatal(err)
	}
	waitCharts(t, ctx, 6)
	chartLabels(t, ctx, "field-organization", "organisations on a phone")
	plot := browsertest.Must(t, ctx, chromedp.Evaluate[float64](`(() => { const el = document.getElementById('field-organization');
		return echarts.getInstanceByDom(el).getModel().getComponent('grid').coordinateSystem.getRect().width / el.clientWidth; })()`))
	if plot < 0.5 {
		t.Errorf("on a phone the organisations' bars have %.0f%% of their chart's width; the names take the rest", plot*100)
	}
	// Nothing on the page reaches past a phone's width either.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(fileURL(out, "index.html"))); err != nil {
		t.Fatal(err)
	}
	over := browsertest.Must(t, ctx, chromedp.Evaluate[string](`(() => { const w = document.documentElement.clientWidth; return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest('.chart-data')).slice(0, 3).map(e => e.tagName + '.' + e.className).join(' '); })()`))
	if over != "" {
		t.Errorf("the home page is wider than a 390px phone: %s", over)
	}
	header := browsertest.Must(t, ctx, chromedp.Evaluate[float64](`document.querySelector('.site-header').getBoundingClientRect().height`))
	if header > 200 {
		t.Errorf("the header takes %.0f px of a phone's 844", header)
	}
	// The 14 layers fold into a menu that opens inside the screen.
	if err := chromedp.Do(ctx, chromedp.Click(`.layers-menu summary`)); err != nil {
		t.Fatal(err)
	}
	menu := browsertest.Must(t, ctx, chromedp.Evaluate[string](`(() => { const u = document.querySelector('.layers-menu ul'), r = u.getBoundingClientRect();
		return u.querySelectorAll('a[class^="lc-"]').length + ' ' + (r.left >= 0 && r.right <= document.documentElement.clientWidth && r.height > 0); })()`))
	if menu != "14 true" {
		t.Errorf("the layers menu: %q, want 14 links inside the screen", menu)
	}
	w.Check(t, "file://"+filepath.ToSlash(out)+"/")
}
