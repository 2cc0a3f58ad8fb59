package generator

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/panorama-ssg/panorama/charts"
	"github.com/panorama-ssg/panorama/generator/cache"
	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/generator/edition"
	"github.com/panorama-ssg/panorama/generator/exports"
	"github.com/panorama-ssg/panorama/generator/markdown"
	"github.com/panorama-ssg/panorama/generator/page"
	"github.com/panorama-ssg/panorama/internal/parallel"
	"github.com/panorama-ssg/panorama/internal/words"
)

// RenderOptions tune Render.
type RenderOptions struct {
	// BaseURL is the absolute address the site is published at, ending in
	// "/", or "". It is only used for sitemap.xml and canonical links.
	BaseURL string
	// NoZip leaves out the zip of the whole site, which only a published
	// build needs; serve saves its time.
	NoZip bool
	// Editions are the site's editions, oldest first (editionData).
	Editions []*edition.File
	// Lang is the language the pages are in; nil for a report in one.
	Lang *page.LanguageView
	// Languages are all the report's languages, for the switcher.
	Languages []*page.LanguageView
	// Default is the content in the default language, which editions
	// compare with in every language (they hold the default's data); nil
	// means the set prepared is.
	Default *content.Set
	// DefaultView is the default language's site, whose rendered texts
	// another language reuses where it falls back to them.
	DefaultView *page.SiteView

	thumbStore *ThumbStore       // thumbnails kept from earlier builds, or nil
	searchDocs *exports.DocCache // search documents encoded by earlier builds, or nil
	noThumbs   bool              // pages show the logos themselves (check draws none)
	thumbs     *thumbSet         // the build's thumbnails, shared by its languages
}

// job is one page to render. Its charts are made when the page is, so a
// server that renders pages on demand only pays for the pages it serves.
type job struct {
	tpl    string
	page   *page.Page
	charts func() []charts.Chart
	setup  func(*page.Page) // fills in what a page makes at each rendering, if anything
}

// Site is a site ready to render: the content arranged for templates with
// its bodies rendered, the list of pages, and the other files, each made
// when first asked for. Building writes all of it; serving renders a page
// when a browser asks.
type Site struct {
	View   *page.SiteView
	tpl    *Templates
	jobs   []job
	byPath map[string]int
	files  map[string]*lazyFile
	paths  func() []string // every output path, sorted
	opt    RenderOptions
	frags  *page.Fragments
	others []*page.SiteView // the other languages' sites merged in
	shared map[string]bool  // files every language shares, at the root
	// onlineOnly are files the offline copy leaves out: logos that every
	// page shows as their thumbnails.
	onlineOnly map[string]bool

	pageRenders atomic.Int64 // pages rendered, for tests of what a rebuild costs
}

// lazyFile is a file made once, on first use.
type lazyFile struct {
	once sync.Once
	make func() ([]byte, error)
	data []byte
	err  error
	// sources, for a part of the search index, are where its documents
	// come from: what its key in a warm build is made from.
	sources func() []docSource
	// siteOnly marks a file made from the global inputs and what every
	// page shows of the site (the assets, the badges): no list is in it,
	// so an edit of a project's facts does not make it again.
	siteOnly bool
}

func (f *lazyFile) get() ([]byte, error) {
	f.once.Do(func() { f.data, f.err = f.make() })
	return f.data, f.err
}

// Prepare arranges the content and renders its Markdown; it executes no
// page template and reads static files only when they are asked for.
func Prepare(fsys fs.FS, set *content.Set, tpl *Templates, opt RenderOptions) (*Site, error) {
	return prepareAll(fsys, set, tpl, opt, nil)
}

// Paths lists every file of the site but the zip, sorted. A server, which
// renders pages as they are asked for, does not need the list.
func (s *Site) Paths() []string { return s.paths() }

// File returns the contents of one output path: a page is rendered, other
// files are made once. ok is false for a path the site does not have.
func (s *Site) File(p string) (data []byte, ok bool, err error) {
	return s.file(p, new(bytes.Buffer), false)
}

// file is File rendering a page into buf, which a caller may reuse once
// it is done with data. With once set, a file other than a page is made
// without keeping it, for a build that asks for each path only once: the
// search index, the feed and the data files of a large report would
// otherwise stay in memory until the build ends.
func (s *Site) file(p string, buf *bytes.Buffer, once bool) (data []byte, ok bool, err error) {
	if i, isPage := s.byPath[p]; isPage {
		err := s.renderPage(i, buf)
		return buf.Bytes(), true, err
	}
	if f, isFile := s.files[p]; isFile {
		if once {
			data, err = f.make()
		} else {
			data, err = f.get()
		}
		return data, true, err
	}
	return nil, false, nil
}

// IsPage tells whether p is a rendered page.
func (s *Site) IsPage(p string) bool {
	_, ok := s.byPath[p]
	return ok
}

func (s *Site) renderPage(i int, w io.Writer) error {
	j := s.jobs[i]
	pg := *j.page // pages are rendered concurrently; charts are per render
	if j.charts != nil {
		pg.Charts = j.charts()
	}
	if j.setup != nil {
		j.setup(&pg)
	}
	set := s.tpl.pages[j.tpl]
	pg.Bind(set, s.frags)
	s.pageRenders.Add(1)
	if err := set.ExecuteTemplate(w, "baseof.html", &pg); err != nil {
		return fmt.Errorf("rendering %s with %s: %w", pg.Path, j.tpl, err)
	}
	return nil
}

// renderAll renders every file and keeps none: it finds what would fail.
func (s *Site) renderAll() error {
	paths := s.Paths()
	errs := make([]error, len(paths))
	parallel.For(len(paths), func(i int) {
		_, _, errs[i] = s.File(paths[i])
	})
	return errors.Join(errs...)
}

// renderBodies renders every chapter and project body in parallel, with one
// goldmark instance, and reports every broken link at once. With a cache,
// bodies that have not changed since the last call are reused.
func renderBodies(set *content.Set, site *page.SiteView, cache *BodyCache) error {
	md := markdown.New()
	// Links are resolved only if a body has to be rendered.
	resolve := sync.OnceValue(func() markdown.Resolver { return newResolver(set, site.Prefix) })
	cache = cache.forLang(site.Prefix)
	cache.begin(set)
	n := len(site.Chapters) + len(site.Projects)
	problems := make([]content.Problems, n)
	parallel.For(n, func(i int) {
		if page.ReuseFallback(site, i) {
			return
		}
		if i < len(site.Chapters) {
			c := site.Chapters[i]
			e := cache.get(c.File, c.Body, c.BodyLine, func() *bodyEntry {
				// Also for the whole-report page, whose links start
				// elsewhere and which holds every chapter's headings.
				r, print := markdown.RenderTwice(md, c.File, c.Body, c.BodyLine, rootOf(c.Path), resolve(), rootOf(page.PrintPath), c.Slug+"-")
				return &bodyEntry{r: r, print: print}
			})
			c.HTML, c.TOC, c.Passages, problems[i] = e.r.HTML, e.r.TOC, e.r.Passages, e.r.Problems
			c.PrintHTML = e.print
			return
		}
		pv := site.Projects[i-len(site.Chapters)]
		p := pv.Project
		e := cache.get(p.File, p.Body, p.BodyLine, func() *bodyEntry {
			r := markdown.Render(md, p.File, p.Body, p.BodyLine, rootOf(pv.Path), resolve())
			return &bodyEntry{r: r, text: joinPassages(r.Passages)}
		})
		pv.HTML, pv.Text, problems[i] = e.r.HTML, e.text, e.r.Problems
	})
	var all content.Problems
	for _, ps := range problems {
		all = append(all, ps...)
	}
	return all.Err()
}

// BodyCache lets a server's rebuilds reuse rendered Markdown, by file, so a
// rebuild renders only the bodies that changed. A body is reused while its file is unchanged and no
// chapter, project or static file has come or gone since it was rendered
// (links depend on which exist). A nil BodyCache reuses nothing.
type BodyCache struct {
	targets cache.Key // hash of the link targets of the build under way
	// keepSource keeps each body's bytes with its rendering, for a server
	// whose loader hands over the very same bytes for a file it did not
	// read again: then a pointer comparison finds it unchanged.
	keepSource bool
	// wait, if not nil, waits for the bodies an earlier build stored.
	wait    func()
	mu      sync.RWMutex
	byFile  map[string]*bodyEntry // the last rendering of each file
	renders atomic.Int64          // bodies rendered, not found: what a rebuild cost
	langs   map[string]*BodyCache // another language's renderings, by its folder
	// known, if set, gives the hash of a body the build already knows,
	// by its very bytes (frontStore.bodyKey).
	known func(body []byte) (cache.Key, bool)
}

// forLang is the cache of the renderings of the language in folder
// prefix: a body's links depend on its language's folder.
func (c *BodyCache) forLang(prefix string) *BodyCache {
	if c == nil || prefix == "" {
		return c
	}
	if c.wait != nil {
		c.wait()
	}
	if c.langs == nil {
		c.langs = map[string]*BodyCache{}
	}
	if c.langs[prefix] == nil {
		c.langs[prefix] = &BodyCache{byFile: map[string]*bodyEntry{}, keepSource: c.keepSource}
	}
	c.langs[prefix].known = c.known
	return c.langs[prefix]
}

type bodyEntry struct {
	targets cache.Key // of the build it was made for
	key     cache.Key // hash of the body
	body    []byte    // the bytes it was made from, if kept
	line    int
	r       markdown.Result
	print   template.HTML // chapters: the body on the whole-report page
	text    string        // projects: the body as plain text
	// rest is r.TOC and r.Passages as the build cache holds them, for an
	// entry read from it (see writeBodies); nil for one rendered.
	rest []byte
}

// sameBytes tells whether a and b are the same slice of the same memory.
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// newBodyCache returns an empty cache.
func newBodyCache() *BodyCache { return &BodyCache{byFile: map[string]*bodyEntry{}, keepSource: true} }

// begin notes the link targets of a new build.
func (c *BodyCache) begin(set *content.Set) {
	if c == nil {
		return
	}
	if c.wait != nil {
		c.wait()
	}
	// Sorted: a translated set's order is not the same from run to run.
	files := make([]string, 0, len(set.Chapters)+len(set.Projects)+len(set.Static))
	for _, ch := range set.Chapters {
		files = append(files, ch.File)
	}
	for _, p := range set.Projects {
		files = append(files, p.File)
	}
	for _, f := range set.Static {
		files = append(files, content.StaticDir+"/"+f)
	}
	slices.Sort(files)
	var h cache.Hasher
	for _, f := range files {
		h.String(f)
	}
	if sum := h.Sum(); sum != c.targets {
		c.targets, c.byFile = sum, map[string]*bodyEntry{}
	}
}

// get returns the rendering of file's body kept from an earlier build when
// it still fits, or renders and keeps it.
func (c *BodyCache) get(file string, body []byte, line int, render func() *bodyEntry) *bodyEntry {
	if c == nil {
		return render()
	}
	c.mu.RLock()
	e, ok := c.byFile[file]
	c.mu.RUnlock()
	if ok && e.targets == c.targets && e.line == line && sameBytes(e.body, body) {
		// A file the loader did not read again comes with the very same
		// bytes: a pointer comparison.
		return e
	}
	// A file read again (saved, or its folder listed again) may still
	// have the same body.
	key, known := cache.Key{}, false
	if c.known != nil {
		key, known = c.known(body)
	}
	if !known {
		key = cache.Bytes(body)
	}
	if !ok || e.targets != c.targets || e.line != line || e.key != key {
		c.renders.Add(1)
		e = render()
		e.targets, e.key, e.line = c.targets, key, line
	} else if e.body == nil && !c.keepSource {
		// As the build cache gave it: kept again, it would be the same.
		// (Ten thousand copies were a third of a warm build's preparing.)
		return e
	}
	kept := *e
	if !chapterFile(file) {
		kept.r.TOC, kept.r.Passages = nil, nil
	}
	kept.body = nil
	if c.keepSource {
		kept.body = body
	}
	c.mu.Lock()
	c.byFile[file] = &kept
	c.mu.Unlock()
	return &kept
}

// chapterFile tells whether a content file is a chapter's. Only a
// chapter's headings and passages are read once rendered (its page's
// outline, its search entries): a project's page and search entry take
// its HTML and its text, so its outline is neither kept nor stored.
func chapterFile(file string) bool {
	return strings.HasPrefix(file, content.ReportDir+"/")
}

func joinPassages(ps []markdown.Passage) string {
	var parts []string
	for _, p := range ps {
		parts = append(parts, p.Heading, p.Text)
	}
	return words.Collapse(parts...)
}

// newResolver maps the content files a Markdown link may name to the
// output paths they become: chapters, projects and static files.
func newResolver(set *content.Set, prefix string) markdown.Resolver {
	targets := make(map[string]string, len(set.Chapters)+len(set.Projects)+len(set.Static))
	for _, c := range set.Chapters {
		targets[c.File] = page.ChapterPath(c.Slug)
		if c.Source != "" { // a translation's links name the sources
			targets[c.Source] = page.ChapterPath(c.Slug)
		}
	}
	for _, p := range set.Projects {
		targets[p.File] = page.ProjectPath(p.Slug)
		if p.Source != "" {
			targets[p.Source] = page.ProjectPath(p.Slug)
		}
	}
	// Static files are shared at the site root, above a language's folder.
	up := strings.Repeat("../", strings.Count(prefix, "/"))
	for _, f := range set.Static {
		targets[content.StaticDir+"/"+f] = up + f
	}
	return func(contentPath string) (string, bool) {
		t, ok := targets[contentPath]
		return t, ok
	}
}

// rootOf is the relative prefix from the page at p to the site root.
func rootOf(p string) string {
	return strings.Repeat("../", strings.Count(p, "/"))
}

func contentProjects(ps []*page.ProjectView) []*content.Project {
	out := make([]*content.Project, len(ps))
	for i, p := range ps {
		out[i] = p.Project
	}
	return out
}

// staticClashes reports static files whose paths the build needs: a
// generated page or file (the zip included), a folder of generated files,
// a generated file where a static folder would go, or any of these, or
// another static file, differing only in case, which collide on macOS and
// Windows.
func staticClashes(s *Site, static []string, reserved ...string) content.Problems {
	generated := make(map[string]string, len(s.byPath)+len(s.files)) // lower-case path -> path
	dirs := map[string]string{}                                      // lower-case folder -> folder
	add := func(p string) {
		generated[strings.ToLower(p)] = p
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			dirs[strings.ToLower(d)] = d
		}
	}
	for p := range s.byPath {
		add(p)
	}
	for p := range s.files {
		add(p)
	}
	for _, r := range reserved {
		if r != "" {
			add(r)
		}
	}
	var ps content.Problems
	clash := func(f, format string, args ...any) {
		ps = append(ps, content.Problem{Pos: content.Pos{File: content.StaticDir + "/" + f}, Kind: string(content.KindStaticClash), Msg: fmt.Sprintf(format, args...)})
	}
	seen := map[string]string{}
	for _, f := range static {
		lower := strings.ToLower(f)
		switch {
		case generated[lower] == f:
			clash(f, "has the same path as a generated file; rename or move it")
		case generated[lower] != "":
			clash(f, "differs only in case from the generated %s; they collide on macOS and Windows, rename it", generated[lower])
		case dirs[lower] != "":
			clash(f, "is where the site has a folder of generated files (%s/); rename or move it", dirs[lower])
		case seen[lower] != "":
			clash(f, "differs only in case from %s/%s; they collide on macOS and Windows, rename one", content.StaticDir, seen[lower])
		default:
			for d := path.Dir(f); d != "."; d = path.Dir(d) {
				if g := generated[strings.ToLower(d)]; g != "" {
					clash(f, "is inside a folder named like the generated %s; rename or move it", g)
					break
				}
			}
		}
		seen[lower] = f
	}
	return ps
}

const maxStaticSize = content.MaxStaticSize

// readStatic reads a file of content/static when it is asked for, which for
// a server can be long after the build listed it: it must still be a
// regular file of the site, not a link put in its place since.
func readStatic(fsys fs.FS, p string) ([]byte, error) {
	name := content.StaticDir + "/" + p
	data, msg, err := content.ReadRegular(fsys, name, maxStaticSize)
	var pe *fs.PathError
	if errors.As(err, &pe) {
		// Said with the file's name: a path error here is about reading,
		// not about the output folder (see writeErrors).
		err = fmt.Errorf("%s: cannot be read: %v", name, pe.Err)
	}
	if err == nil && msg != "" {
		err = fmt.Errorf("%s: %s", name, msg)
	}
	if err == nil && strings.EqualFold(path.Ext(p), ".svg") {
		if data, err = content.CleanSVG(data); err != nil {
			// The file's own problem, at its line: check and build say the
			// same, and neither blames the templates.
			pos := content.Pos{File: name}
			var se *content.SVGError
			if errors.As(err, &se) {
				pos.Line, pos.Col = se.Line, se.Col
			}
			err = content.Problems{{Pos: pos, Kind: string(content.KindFileType), Msg: err.Error() + "; open it in an editor that saves SVG as XML"}}
		}
	}
	return data, err
}

// readOnce reads each static file it is asked for once per build: a logo
// is drawn into every poster that shows its project, and an SVG is also
// published, where reading means parsing and rewriting it
// (content.SanitizeSVG). The planner asks it for logos and SVGs only, so
// large images are not held.
func readOnce(fsys fs.FS) func(p string) ([]byte, error) {
	var m sync.Map // path -> func() ([]byte, error)
	return func(p string) ([]byte, error) {
		read, _ := m.LoadOrStore(p, sync.OnceValues(func() ([]byte, error) { return readStatic(fsys, p) }))
		return read.(func() ([]byte, error))()
	}
}

func hasTags(ps []*page.ProjectView) bool {
	for _, p := range ps {
		if len(p.Tags) > 0 {
			return true
		}
	}
	return false
}

// chartsDescription names the charts the charts page has.
func chartsDescription(site *page.SiteView) string {
	switch {
	case site.HasTokens && len(site.Tags) > 0:
		return site.Word("The report's data as charts: the layer map, projects per section, each layer's share, tokens, tags.")
	case site.HasTokens:
		return site.Word("The report's data as charts: the layer map, projects per section, each layer's share, tokens.")
	case len(site.Tags) > 0:
		return site.Word("The report's data as charts: the layer map, projects per section, each layer's share, tags.")
	}
	return site.Word("The report's data as charts: the layer map, projects per section, each layer's share.")
}

func robots(baseURL string) []byte {
	s := "User-agent: *\nAllow: /\n"
	if baseURL != "" {
		s += "Sitemap: " + baseURL + "sitemap.xml\n"
	}
	return []byte(s)
}

func sitemap(baseURL string, jobs []job) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, j := range jobs {
		if j.page.Kind == page.Kind404 {
			continue
		}
		b.WriteString("  <url><loc>")
		_ = xml.EscapeText(&b, []byte(j.page.Canonical))
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}
