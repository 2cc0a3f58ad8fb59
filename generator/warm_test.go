package generator

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/panorama-ssg/panorama/generator/cache"
	"github.com/panorama-ssg/panorama/generator/output"
	"github.com/panorama-ssg/panorama/generator/page"
	"github.com/panorama-ssg/panorama/internal/importer"
	"github.com/panorama-ssg/panorama/internal/realdata"
	"github.com/panorama-ssg/panorama/templates"
)

// warmSite is a copy of this repository's report, with two languages,
// an edition and logos, built warm into public and cold into cold.
type warmSite struct {
	t         *testing.T
	dir       string
	out, cold string
}

func newWarmSite(t *testing.T) *warmSite {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join("..", "content"))); err != nil {
		t.Fatal(err)
	}
	return &warmSite{t: t, dir: dir, out: filepath.Join(dir, "public"), cold: filepath.Join(dir, "cold")}
}

func (w *warmSite) path(rel string) string { return filepath.Join(w.dir, filepath.FromSlash(rel)) }

// edit replaces old by new in a file of the site, which must hold old.
func (w *warmSite) edit(rel, old, new string) {
	w.t.Helper()
	data, err := os.ReadFile(w.path(rel))
	if err != nil {
		w.t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		w.t.Fatalf("%s does not hold %q", rel, old)
	}
	w.put(rel, strings.Replace(string(data), old, new, 1))
}

func (w *warmSite) put(rel, data string) {
	w.t.Helper()
	if err := os.MkdirAll(filepath.Dir(w.path(rel)), 0o755); err != nil {
		w.t.Fatal(err)
	}
	if err := os.WriteFile(w.path(rel), []byte(data), 0o644); err != nil {
		w.t.Fatal(err)
	}
}

// build builds warm, then cold elsewhere, and requires the two outputs to
// be the same bytes; it returns the warm build's result.
func (w *warmSite) build() *Result {
	w.t.Helper()
	res, err := Build(Options{Source: w.dir, Out: w.out})
	if err != nil {
		w.t.Fatalf("warm build: %v", err)
	}
	if _, err := Build(Options{Source: w.dir, Out: w.cold, NoCache: true}); err != nil {
		w.t.Fatalf("cold build: %v", err)
	}
	sameTrees(w.t, w.out, w.cold)
	return res
}

// sameTrees requires two folders to hold the same files with the same
// bytes.
func sameTrees(t *testing.T, a, b string) {
	t.Helper()
	fa, fb := snapshot(t, a), snapshot(t, b)
	bad := 0
	for p, data := range fb {
		got, ok := fa[p]
		switch {
		case !ok:
			t.Errorf("warm build lacks %s", p)
		case !bytes.Equal(got, data):
			t.Errorf("warm build's %s differs from the cold build's", p)
		default:
			continue
		}
		if bad++; bad > 10 {
			t.Fatal("and more")
		}
	}
	for p := range fa {
		if _, ok := fb[p]; !ok {
			t.Errorf("warm build has %s, which the cold build has not", p)
		}
	}
}

// After every kind of edit a warm build writes the bytes a cold build
// writes, on every page kind our report has, and makes again no more
// than the edit reaches.
func TestWarmBuildIsTheColdBuild(t *testing.T) {
	w := newWarmSite(t)
	first := w.build()
	if first.Reused != 0 {
		t.Errorf("first build reused %d files from nowhere", first.Reused)
	}
	total := first.Pages + first.Files - 2 // but the two languages' zips
	if res := w.build(); res.Reused != total {
		t.Errorf("unchanged site: %d of %d files reused", res.Reused, total)
	}
	footer, err := fs.ReadFile(templates.FS, "partials/footer.html")
	if err != nil {
		t.Fatal(err)
	}
	// How many files each edit may make again: its pages, the lists,
	// and for the widest every page.
	const (
		own     = 4  // a page and a part of the search index, in each language
		chapter = 8  // and the feed and the whole-report page
		lists   = 70 // and every list of projects and data file
		all     = 1 << 20
		revert  = 0 // nothing: the spare folder holds every file
	)
	edits := []struct {
		name string
		edit func()
		most int
		// Files the edit does not reach, made again only with the site:
		// by path, or all under a folder ending in /.
		notMade []string
	}{
		{"a project's text", func() {
			w.edit("content/projects/akash-network.md", "\n---\n", "\n---\nEdited text. ")
		}, own, nil},
		{"a project's summary", func() {
			w.edit("content/projects/akash-network.md", "summary: \"An open", "summary: \"A truly open")
		}, lists, []string{"assets/", "badges/", "posters/", "robots.txt", ".nojekyll", "404.html", "zh/404.html",
			// the other layers' pages and embeds, in both languages
			"layers/models.html", "layers/models/", "zh/layers/data.html", "zh/layers/data/",
			"embed/layers/applications.html", "embed/layers/applications/", "zh/embed/layers/models/"}},
		{"a project's name", func() { w.edit("content/projects/akash-network.md", `name: "Akash Network"`, `name: "Akash Net"`) }, all, nil},
		{"a project's translation", func() { w.edit("content/projects/akash-network.zh.md", "\n---\n", "\n---\n编辑。") }, own, nil},
		{"a chapter's text", func() {
			w.edit("content/report/02-ai-development.md", "It helps to think", "It often helps to think")
		}, chapter, nil},
		{"a chapter's title", func() {
			w.edit("content/report/02-ai-development.md", "title: How an AI model is made", "title: How a model is made")
		}, all, nil},
		{"site.yaml", func() { w.edit("content/site.yaml", "title: ", "title: The ") }, all, nil},
		{"the site's translation", func() { w.edit("content/site.zh.yaml", "title: Web3-AI 全景", "title: Web3-AI 全景图") }, all, nil},
		{"a template", func() {
			w.put("templates/partials/footer.html", strings.Replace(string(footer), "</p>", " Edited.</p>", 1))
		}, all, nil},
		{"the interface's words", func() { w.put("templates/i18n/zh.yaml", "\"Projects\": \"项目们\"\n") }, all, nil},
		{"a template back to the default", func() {
			if err := os.RemoveAll(w.path("templates")); err != nil {
				t.Fatal(err)
			}
		}, all, nil},
		{"a logo", func() { w.edit("content/static/logos/akash-network.svg", "<svg", "<svg data-edited=\"1\"") }, all, nil},
		// A logo with a thumbnail: the thumbnail is drawn again; then one
		// the thumbnailer refuses, which every page shows as itself.
		{"a thumbnailed logo", func() { w.edit("content/static/logos/fetch-ai.svg", `fill="#0B1742"`, `fill="#42170B"`) }, all, nil},
		{"a logo that loses its thumbnail", func() {
			w.edit("content/static/logos/fetch-ai.svg", "</svg>", `<text x="4" y="40">fetch</text></svg>`)
		}, all, nil},
		{"an edition", func() {
			w.edit("content/editions/2026-11.json", `"title": "Web3-AI Panorama, 2026-11"`, `"title": "Web3-AI Panorama, November"`)
		}, all, nil},
		{"a new project", func() {
			w.put("content/projects/zz-new.md", "---\nname: ZZ New\nlayer: infrastructure\nsection: compute\nsummary: A new project.\nwebsite: https://zz.example\n---\nNew.\n")
		}, all, nil},
		// The site is again the one of two builds ago, which the spare
		// folder holds: its files are all kept, none is made.
		{"a project removed", func() {
			if err := os.Remove(w.path("content/projects/zz-new.md")); err != nil {
				t.Fatal(err)
			}
		}, revert, nil},
	}
	for _, e := range edits {
		t.Run(e.name, func(t *testing.T) {
			w.t = t
			before := identities(t, w.out)
			e.edit()
			res := w.build()
			for _, p := range madeAgain(t, before, w.out) {
				for _, n := range e.notMade {
					if p == n || strings.HasSuffix(n, "/") && strings.HasPrefix(p, n) {
						t.Errorf("%s was made again", p)
					}
				}
			}
			total := res.Pages + res.Files - 2
			t.Logf("made %d of %d", total-res.Reused, total)
			if made := total - res.Reused; made > e.most || (made == 0) != (e.most == revert) {
				t.Errorf("made %d of %d files again; want 1 to %d (0 for a revert)", made, total, e.most)
			}
		})
	}
}

// identities are the files of a folder, by path.
func identities(t *testing.T, dir string) map[string]os.FileInfo {
	t.Helper()
	ids := map[string]os.FileInfo{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		fi, err := os.Lstat(p)
		rel, _ := filepath.Rel(dir, p)
		ids[filepath.ToSlash(rel)] = fi
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// madeAgain lists the files of dir that are not the files before held
// (a file a warm build reused is the same file, kept or linked).
func madeAgain(t *testing.T, before map[string]os.FileInfo, dir string) []string {
	t.Helper()
	var made []string
	for p, fi := range identities(t, dir) {
		if was, ok := before[p]; !ok || !os.SameFile(was, fi) {
			made = append(made, p)
		}
	}
	slices.Sort(made)
	return made
}

// A warm build fills the folder the build before it replaced, kept in the
// cache as spare: the files that did not change are the output's own
// (linked, not copied), and nothing in the spare that the build would not
// write reaches the output, whether changed in place or put there.
func TestWarmBuildFillsTheSpareFolder(t *testing.T) {
	w := newWarmSite(t)
	w.build()
	w.edit("content/projects/akash-network.md", "\n---\n", "\n---\nFirst edit. ")
	w.build() // keeps the first build's folder as spare
	spare := filepath.Join(cache.Name(w.out), "spare")
	same := func(rel string) bool {
		a, errA := os.Stat(filepath.Join(w.out, rel))
		b, errB := os.Stat(filepath.Join(spare, rel))
		return errA == nil && errB == nil && os.SameFile(a, b)
	}
	if !same("index.html") || same("projects/akash-network.html") {
		t.Fatal("the spare does not share the unchanged files with the output, or shares the edited one")
	}

	// The output's home page changed in place, which changes the spare's
	// (the same file); a file of the spare's own; a stray file and folder.
	if err := os.WriteFile(filepath.Join(w.out, "index.html"), []byte("tampered"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(spare, "projects", "fetch-ai.html"), []byte("tampered too"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(spare, "stray", "deeper"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"stray.html", "stray/deeper/x.html"} {
		if err := os.WriteFile(filepath.Join(spare, filepath.FromSlash(f)), []byte("stray"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	w.edit("content/projects/akash-network.md", "First edit. ", "Second edit. ")
	res := w.build() // the same bytes as a cold build, stray files and all
	if res.Reused == 0 {
		t.Error("the build after the spare was kept reused nothing")
	}
	if _, err := os.Stat(filepath.Join(w.out, "stray")); err == nil {
		t.Error("the spare's stray folder reached the output")
	}
}

// OnCache tells the command whether a build reuses an earlier build's
// cache, once it opened it; a --no-cache build opens none.
func TestOnCacheSaysWhetherTheCacheIsReused(t *testing.T) {
	w := newWarmSite(t)
	var calls []bool
	build := func(noCache bool) {
		t.Helper()
		if _, err := Build(Options{Source: w.dir, Out: w.out, NoCache: noCache, OnCache: func(warm bool) { calls = append(calls, warm) }}); err != nil {
			t.Fatal(err)
		}
	}
	build(false)
	if !slices.Equal(calls, []bool{false}) {
		t.Fatalf("the first build, with no cache, called OnCache with %v; want [false]", calls)
	}
	w.edit("content/projects/akash-network.md", "\n---\n", "\n---\nAn edit. ")
	build(false)
	if !slices.Equal(calls, []bool{false, true}) {
		t.Fatalf("the build after one edit: OnCache calls %v, want [false true]", calls)
	}
	build(true)
	if len(calls) != 2 {
		t.Fatal("a --no-cache build called OnCache")
	}
}

// A warm build reuses nothing it cannot trust: an output file changed
// since, a cache it cannot read or did not write, a build that failed.
func TestWarmBuildTrustsNothingChanged(t *testing.T) {
	w := newWarmSite(t)
	w.build()
	dir := cache.Name(w.out)

	// An output changed in place after the build is made again.
	index := filepath.Join(w.out, "index.html")
	if err := os.WriteFile(index, []byte("tampered"), 0o644); err != nil {
		t.Fatal(err)
	}
	w.build()

	// A broken manifest: a note, a cold build, and a good cache after.
	if err := os.WriteFile(filepath.Join(dir, "manifest"), []byte("not a manifest"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := w.build()
	if res.Reused != 0 || len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "cannot be read") {
		t.Errorf("broken cache: reused %d, notes %q", res.Reused, res.Notes)
	}
	if res := w.build(); res.Reused == 0 {
		t.Error("the cache was not written again after a broken one")
	}

	// Rendered bodies cut short are rendered again.
	half := cutInHalf(t, filepath.Join(dir, bodiesCacheName))
	w.edit("content/projects/akash-network.md", "\n---\n", "\n---\nBodies cut short. ")
	w.build()
	if _, err := readBodies(half); err == nil {
		t.Error("half a file of bodies read without an error")
	}

	// Parsed content cut short is parsed again.
	half = cutInHalf(t, filepath.Join(dir, frontsCacheName))
	w.edit("content/projects/akash-network.md", "\n---\n", "\n---\nFronts cut short. ")
	w.build()
	if err := newFrontStore(nil, nil).read(half); err == nil {
		t.Error("half a file of parsed content read without an error")
	}

	// A cache that cannot be saved is a note; the site is built.
	if err := os.Remove(filepath.Join(dir, "manifest")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "manifest", "in-the-way"), 0o755); err != nil {
		t.Fatal(err)
	}
	w.edit("content/projects/akash-network.md", "\n---\n", "\n---\nNot saved. ")
	res = w.build()
	if len(res.Notes) != 2 || !strings.Contains(res.Notes[0], "cannot be read") || !strings.Contains(res.Notes[1], "cache not saved") {
		t.Errorf("cache in the way: notes %q", res.Notes)
	}
	if err := os.RemoveAll(filepath.Join(dir, "manifest")); err != nil {
		t.Fatal(err)
	}
	w.build()

	// A failed build leaves the output and its cache as they were.
	w.edit("content/projects/akash-network.md", "section: compute", "section: compte")
	if _, err := Build(Options{Source: w.dir, Out: w.out}); err == nil {
		t.Fatal("broken site built")
	}
	w.edit("content/projects/akash-network.md", "section: compte", "section: compute")
	if res := w.build(); res.Reused == 0 {
		t.Error("nothing reused after a failed build")
	}

	// --no-cache neither reads nor writes it.
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(Options{Source: w.dir, Out: w.out, NoCache: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("--no-cache wrote %s", dir)
	}

	// A folder of that name that is not Panorama's is left alone.
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(dir, "mine.txt")
	if err := os.WriteFile(mine, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	res = w.build()
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "not written by Panorama") {
		t.Errorf("foreign cache: notes %q", res.Notes)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("foreign cache folder now holds %d files", len(entries))
	}
	if _, err := os.Stat(filepath.Join(w.out, output.Marker)); err != nil {
		t.Error(err)
	}
}

// cutInHalf cuts a file to its first half and returns that half.
func cutInHalf(t *testing.T, file string) []byte {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	half := data[:len(data)/2]
	if err := os.WriteFile(file, half, 0o644); err != nil {
		t.Fatal(err)
	}
	return half
}

// warmAfter builds our report, edits its Chinese page of Akash Network
// (old to new), and prepares the site again with the cache.
func warmAfter(t *testing.T, old, new string) (*warm, *Site) {
	t.Helper()
	w := newWarmSite(t)
	w.build()
	w.edit("content/projects/akash-network.zh.md", old, new)
	return openWarmSite(t, w)
}

// openWarmSite opens the cache of w's last build and prepares the site
// with it, as a build does before it renders.
func openWarmSite(t *testing.T, w *warmSite) (*warm, *Site) {
	t.Helper()
	opt, err := Options{Source: w.dir, Out: w.out}.normalize()
	if err != nil {
		t.Fatal(err)
	}
	ww, note := openWarm(opt)
	if note != "" || !ww.c.Warm() {
		t.Fatalf("cache not warm: %q", note)
	}
	site, _, err := prepareSiteWith(opt, ww.reuse())
	if err != nil {
		t.Fatal(err)
	}
	return ww, site
}

// A warm build renders the Markdown of the edited file alone. (An edit
// of a project's source text would also make its translation fall back
// to the source, which changes the link targets of every body of that
// language: those are rendered again.)
func TestWarmBuildRendersOnlyEditedBodies(t *testing.T) {
	ww, _ := warmAfter(t, "\n---\n", "\n---\n编辑。")
	if n := ww.bodies.rendered(); n != 1 {
		t.Errorf("rendered %d bodies; want the edited one", n)
	}
}

// A warm build reads and parses the edited file alone, reads no logo to
// check it or find its thumbnail, and encodes the edited project's search
// document alone.
func TestWarmBuildParsesOnlyEditedFiles(t *testing.T) {
	w := newWarmSite(t)
	w.build()
	w.edit("content/projects/bittensor.md", "\n---\n", "\n---\nEdited. ")
	opt, err := Options{Source: w.dir, Out: w.out}.normalize()
	if err != nil {
		t.Fatal(err)
	}
	ww, _ := openWarm(opt)
	site, _, err := prepareSiteWith(opt, ww.reuse())
	if err != nil {
		t.Fatal(err)
	}
	// The search index encodes the edited project's document again, in
	// each language that shows its text, and takes every other one.
	for _, v := range site.views() {
		if _, ok, err := site.File(v.Prefix + page.SearchPartPath(0)); !ok || err != nil {
			t.Fatalf("%s%s: %v", v.Prefix, page.SearchPartPath(0), err)
		}
	}
	if n := ww.search.Made(); n < 1 || n > 2 {
		t.Errorf("encoded %d search documents again; want the edited project's", n)
	}
	var parsed []string
	for f := range ww.fronts.kept {
		parsed = append(parsed, f)
	}
	if len(parsed) != 1 || parsed[0] != "content/projects/bittensor.md" {
		t.Errorf("parsed %q; want the edited file alone", parsed)
	}
	if len(ww.fronts.used) < 40 {
		t.Errorf("took %d parsed files from the last build; want every other chapter and project", len(ww.fronts.used))
	}
	// No logo is read again to be checked, or to find its thumbnail.
	if ww.fronts.logosMade != 0 || len(ww.fronts.logosKept) < 5 {
		t.Errorf("checked %d logos again and took %d from the last build; want none and every one", ww.fronts.logosMade, len(ww.fronts.logosKept)-ww.fronts.logosMade)
	}
	if ww.thumbs.sourcesMade != 0 || len(ww.thumbs.kept) < 5 {
		t.Errorf("read %d logos for their thumbnails and knew %d; want none and every one", ww.thumbs.sourcesMade, len(ww.thumbs.kept))
	}
}

// On every real landscape beside the repository, a warm build after an
// edit of a project's text writes what a cold build writes. (Edits that
// reach every page are tested on our report above.)
func TestWarmBuildOnRealLandscapes(t *testing.T) {
	const checks = "warm builds of every real landscape equal cold builds after edits"
	dirs := append([]string{realdata.Dir(t, "lfai-landscape", checks)}, realdata.Landscapes(t, checks)...)
	for _, data := range dirs {
		t.Run(filepath.Base(data), func(t *testing.T) {
			dir := t.TempDir()
			if _, err := importer.Landscape2(importer.Options{Landscape: filepath.Join(data, "landscape.yml"),
				Logos: filepath.Join(data, "hosted_logos"), Out: dir, Title: filepath.Base(data)}); err != nil {
				t.Fatal(err)
			}
			w := &warmSite{t: t, dir: dir, out: filepath.Join(dir, "public"), cold: filepath.Join(dir, "cold")}
			w.build()
			files, err := filepath.Glob(w.path("content/projects/*.md"))
			if err != nil || len(files) == 0 {
				t.Fatalf("no project files: %v", err)
			}
			rel, _ := filepath.Rel(dir, files[len(files)/2])
			rel = filepath.ToSlash(rel)
			data, err := os.ReadFile(files[len(files)/2])
			if err != nil {
				t.Fatal(err)
			}
			w.put(rel, string(data)+"\nEdited text.\n")
			if res := w.build(); res.Reused == 0 {
				t.Error("a text edit reused nothing")
			}
		})
	}
}

// A site's own card partial may read the page's root any way it likes:
// it is rendered at each depth, never with the token that stands for the
// root in the default partials.
func TestOwnCardPartialSeesTheRealRoot(t *testing.T) {
	b := newSite(t, minimalSite, `
-- templates/partials/project-card.html --
<li class="card" data-root="[{{$.Page.Root}}]" data-deep="{{if $.Page.Root}}yes{{else}}no{{end}}">{{.Project.Name}}</li>
`).mustBuild()
	b.assertFile("projects.html", `data-root="[]" data-deep="no">Acme Compute`)
	b.assertFile("layers/infra/compute.html", `data-root="[../../]" data-deep="yes">Acme Compute`)
	// With the default partials or its own, no page keeps the token.
	token := regexp.MustCompile(`root[0-9a-f]{32}/`)
	for _, out := range []string{b.out, newSite(t, minimalSite).mustBuild().out} {
		for p, data := range snapshot(t, out) {
			if token.Match(data) {
				t.Errorf("%s holds the root's token", p)
			}
		}
	}
}

// After a summary edit a warm build renders the edited project's card,
// tile and link (in each language), and takes every other one from the
// last build.
func TestWarmBuildRendersOnlyEditedCards(t *testing.T) {
	ww, site := warmAfter(t, "summary: \"", "summary: \"编辑。")
	kept, rendered := renderWithFragments(t, ww, site)
	t.Logf("rendered %d of %d", rendered, len(kept))
	if rendered == 0 || rendered > 6 || len(kept) < 80 {
		t.Errorf("rendered %d of %d cards, tiles and links; want the edited project's alone", rendered, len(kept))
	}
}

// A text edit's build makes no list again, and asks for no card or tile:
// the ones the build before stored are still there for the next build,
// where a summary edit renders the two edited projects' alone (a card's
// key holds its project's files, text and all).
func TestFragmentsOutliveATextEdit(t *testing.T) {
	w := newWarmSite(t)
	w.build()
	w.edit("content/projects/bittensor.md", "\n---\n", "\n---\nEdited. ")
	w.build()
	w.edit("content/projects/akash-network.zh.md", "summary: \"", "summary: \"编辑。")
	ww, site := openWarmSite(t, w)
	kept, rendered := renderWithFragments(t, ww, site)
	if rendered == 0 || rendered > 12 || len(kept) < 80 {
		t.Errorf("after a text edit's build, a summary edit rendered %d of %d cards, tiles and links; want the two edited projects' alone", rendered, len(kept))
	}
}

// renderWithFragments renders every file of site with the cards and tiles
// the cache of ww kept, as a build does, and returns this build's
// fragments and how many of them it rendered.
func renderWithFragments(t *testing.T, ww *warm, site *Site) (map[string]string, int64) {
	t.Helper()
	key := site.siteKey()
	ww.keys = site.outputKeys(ww.in, key)
	ww.keepFragments(site, key)
	if err := site.renderAll(); err != nil {
		t.Fatal(err)
	}
	return site.frags.Kept()
}

// A warm build reads the last build's zips (one a language) while it
// loads the content, and takes each only if it is still the very file
// that build left: not once it was touched since.
func TestWarmBuildReadsTheZipsAhead(t *testing.T) {
	w := newWarmSite(t)
	if _, err := Build(Options{Source: w.dir, Out: w.out}); err != nil {
		t.Fatal(err)
	}
	var zips []string
	err := filepath.WalkDir(w.out, func(p string, e fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".zip") {
			rel, _ := filepath.Rel(w.out, p)
			zips = append(zips, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil || len(zips) < 2 {
		t.Fatalf("the build wrote zips %v (%v); want one for each of two languages", zips, err)
	}
	open := func() (*warm, map[string]*output.Previous) {
		t.Helper()
		wm, note := openWarm(Options{Source: w.dir, Out: w.out})
		if wm == nil || wm.ahead == nil {
			t.Fatalf("the cache was not found warm: %s", note)
		}
		t.Cleanup(wm.dropAhead)
		ahead := wm.ahead()
		if len(ahead) != len(zips) {
			t.Fatalf("read ahead %d zips, want %d (%v)", len(ahead), len(zips), zips)
		}
		return wm, ahead
	}
	wm, ahead := open()
	for _, zp := range zips {
		if z := ahead[zp]; z == nil || wm.previousZip(zp, z) != z {
			t.Errorf("%s: the zip read ahead was not taken", zp)
		}
	}
	wm, ahead = open()
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(w.out, filepath.FromSlash(zips[0])), later, later); err != nil {
		t.Fatal(err)
	}
	if z := wm.previousZip(zips[0], ahead[zips[0]]); z != nil {
		t.Errorf("%s: touched since it was read, and still taken", zips[0])
	}
}
