package generator

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/generator/exports"
)

// Options are the build command's settings.
type Options struct {
	Source  string // site folder holding content/ and optionally templates/
	Out     string // output folder; default Source/public
	BaseURL string // absolute URL the site is published at, or ""
	Drafts  bool
	NoZip   bool // leave out the zip of the whole site (serve does)
	// NoCache builds cold: the cache beside the output is neither read
	// nor written.
	NoCache bool
	// OnCache, if set, is called once the build opened the cache beside
	// the output (never with NoCache), saying whether it found one an
	// earlier build left and will reuse it: the command then sets the
	// garbage collector for a build that allocates little, or for one
	// that renders everything.
	OnCache func(warm bool)
}

// Result summarises a build.
type Result struct {
	Out      string
	Pages    int // HTML pages written
	Files    int // other files written
	Elapsed  time.Duration
	Warnings content.Problems
	// Reused counts the files a warm build took unchanged from the last.
	Reused int
	// Notes say why the cache was not used, if it was not.
	Notes []string
}

func (r *Result) String() string {
	s := fmt.Sprintf("built %d pages and %d other files into %s in %s", r.Pages, r.Files, r.Out, r.Elapsed.Round(time.Millisecond))
	if r.Reused > 0 {
		s += fmt.Sprintf(" (%d of them unchanged since the last build)", r.Reused)
	}
	return s
}

// Build loads, validates and renders the site, then writes it. On any error
// the previous output is left exactly as it was.
func Build(opt Options) (*Result, error) {
	start := time.Now()
	opt, err := opt.normalize()
	if err != nil {
		return nil, err
	}
	var w *warm
	var notes []string
	if !opt.NoCache {
		var note string
		if w, note = openWarm(opt); note != "" {
			notes = append(notes, note)
		}
		defer w.dropAhead()
		if opt.OnCache != nil {
			opt.OnCache(w != nil && w.c.Warm())
		}
	}
	site, warns, err := prepareSiteWith(opt, w.reuse())
	if err != nil {
		return nil, err
	}
	if w != nil {
		w.saveFronts()
		key := site.siteKey()
		w.keys = site.outputKeys(w.in, key)
		w.keepFragments(site, key)
	}
	pages, files, err := site.write(opt.Out, !opt.NoZip, w)
	if err != nil {
		return nil, err
	}
	r := &Result{Out: opt.Out, Warnings: warns, Pages: pages, Files: files, Elapsed: time.Since(start), Notes: notes}
	if w != nil {
		r.Reused = int(w.reused.Load())
		r.Notes = append(r.Notes, w.notes...)
	}
	return r, nil
}

// Builder builds one site again and again for a server, reusing what has
// not changed since the last build: decoded files and rendered Markdown.
// Its sites render pages when asked, so a rebuild costs what changed plus
// the page being viewed.
type Builder struct {
	opt    Options
	files  *content.Cache
	bodies *BodyCache
	thumbs *ThumbStore
	search *exports.DocCache
	// The last good templates, nil when templates/ changed since: parsed
	// again, html/template would also escape them again on their first
	// use, which makes the first page after each rebuild slow.
	tpl *Templates
}

// NewBuilder returns a builder for the site at opt.Source; opt.Out is not
// used and no zip is made.
func NewBuilder(opt Options) (*Builder, error) {
	src, err := opt.sourceDir()
	if err != nil {
		return nil, err
	}
	opt.Source, opt.NoZip = src, true
	return &Builder{opt: opt, files: content.NewCache(), bodies: newBodyCache(), thumbs: NewThumbStore(), search: exports.NewDocCache()}, nil
}

// Changed tells the builder which files changed since the last build, as
// slash-separated paths relative to the site folder (a folder stands for
// everything in it); with none, it forgets everything.
func (b *Builder) Changed(paths ...string) {
	b.files.Forget(paths...)
	for _, p := range paths {
		if p == SiteTemplatesDir || strings.HasPrefix(p, SiteTemplatesDir+"/") {
			b.tpl = nil
		}
	}
	if len(paths) == 0 {
		b.tpl = nil
	}
}

// Build loads, validates and prepares the site. The warnings come with or
// without an error.
func (b *Builder) Build() (*Site, content.Problems, error) {
	b.search.Next()
	site, warns, err := prepareSiteWith(b.opt, reuse{files: b.files, bodies: b.bodies, tpl: b.tpl, thumbs: b.thumbs, searchDocs: b.search})
	if site != nil {
		b.tpl = site.tpl
	}
	return site, warns, err
}

// prepareSite loads and validates the content and prepares the site.
func prepareSite(opt Options) (*Site, content.Problems, error) {
	return prepareSiteWith(opt, reuse{})
}

// prepareSiteWith is prepareSite reusing what a Builder or the build
// cache kept.
func prepareSiteWith(opt Options, r reuse) (*Site, content.Problems, error) {
	p := newPipeline(opt, r)
	if err := p.load(); err != nil {
		return nil, nil, err
	}
	set := p.set
	if err := set.Validate(); err != nil {
		return nil, set.Warnings(), err
	}
	// A past edition that cannot be read stops the build, saying why,
	// rather than publishing the report without it.
	errs, ewarns := p.readEditions().Split()
	warns := append(set.Warnings(), set.Accept(ewarns, false)...)
	if len(errs) > 0 {
		errs.Sort()
		return nil, warns, errs
	}
	if r.files == nil {
		set.Compact() // nothing will validate this set again
	}
	err := p.prepare(opt.NoZip)
	if r.files == nil && err == nil {
		set.DropBodies() // rendered; a large report's sources are megabytes
	}
	return p.site, warns, err
}

// sourceDir is the absolute site folder.
func (opt Options) sourceDir() (string, error) {
	if opt.Source == "" {
		opt.Source = "."
	}
	return filepath.Abs(opt.Source)
}

func (opt Options) normalize() (Options, error) {
	src, err := opt.sourceDir()
	if err != nil {
		return opt, err
	}
	opt.Source = src
	if opt.Out == "" {
		opt.Out = filepath.Join(src, "public")
	}
	out, err := filepath.Abs(opt.Out)
	if err != nil {
		return opt, err
	}
	opt.Out = out
	if err := checkOut(src, out); err != nil {
		return opt, err
	}
	if opt.BaseURL != "" {
		u, err := url.Parse(opt.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" ||
			strings.ContainsFunc(opt.BaseURL, func(r rune) bool { return r <= ' ' || r == 0x7f || r == '"' || r == '<' || r == '>' }) {
			return opt, fmt.Errorf("--base-url %q: want an absolute http(s) address without spaces, query or fragment, e.g. https://example.github.io/report/", opt.BaseURL)
		}
		if !strings.HasSuffix(opt.BaseURL, "/") {
			opt.BaseURL += "/"
		}
	}
	return opt, nil
}

// checkOut refuses output folders whose replacement would destroy the site
// or anything around it.
func checkOut(src, out string) error {
	real := func(p string) string {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return r
		}
		return p
	}
	rs, ro := real(src), real(out)
	within := func(p, dir string) bool {
		rel, err := filepath.Rel(dir, p)
		return err == nil && (rel == "." || (rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))))
	}
	switch {
	case ro == filepath.Dir(ro):
		return fmt.Errorf("--out %s is a filesystem root; choose a folder for the site", out)
	case within(rs, ro):
		return fmt.Errorf("--out %s holds the source folder %s; choose a folder inside it such as %s", out, src, filepath.Join(src, "public"))
	case within(ro, filepath.Join(rs, "content")), within(ro, filepath.Join(rs, SiteTemplatesDir)):
		return fmt.Errorf("--out %s is inside the site's content or templates; choose e.g. %s", out, filepath.Join(src, "public"))
	}
	if _, err := os.Stat(filepath.Join(out, "content")); err == nil {
		return fmt.Errorf("--out %s contains a content/ folder, so it looks like a site, not an output folder", out)
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}
