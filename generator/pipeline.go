package generator

import (
	"io/fs"

	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/generator/edition"
	"github.com/panorama-ssg/panorama/generator/exports"
	"github.com/panorama-ssg/panorama/internal/parallel"
)

// pipeline is the one series of stages build, serve and check take a site
// through: load the content (the editions read meanwhile), validate it,
// take the editions, load the templates, prepare the pages. Build and
// serve stop at the first stage with errors (prepareSiteWith); check runs
// every stage it can, to report every problem (Check).
type pipeline struct {
	opt  Options
	fsys fs.FS
	reuse
	// noThumbs draws no thumbnail: check renders pages to find problems,
	// which thumbnails cannot have (a logo drawn wrong keeps its file).
	noThumbs bool

	editionData func(*content.Site) ([]*edition.File, content.Problems)
	templates   func() (*Templates, error)
	set         *content.Set
	editions    []*edition.File
	site        *Site
}

// reuse is what a build may take from earlier ones; each part may be nil.
type reuse struct {
	files  *content.Cache     // decoded files, kept in memory by a server
	fronts content.FrontStore // parsed files, kept in the build cache
	bodies *BodyCache         // rendered Markdown
	tpl    *Templates         // parsed templates
	thumbs *ThumbStore        // drawn thumbnails
	// The search index's documents, encoded.
	searchDocs *exports.DocCache
}

func newPipeline(opt Options, r reuse) *pipeline {
	return &pipeline{opt: opt, fsys: content.Dir(opt.Source), reuse: r}
}

// load reads the content, and the editions and templates beside it while
// it does (the templates parsed while the content is validated took a
// warm build's 10 ms off its path). Its error is content.Problems when
// the files could be read but not decoded.
func (p *pipeline) load() error {
	p.editionData = edition.Start(p.fsys)
	if p.tpl == nil {
		p.templates = parallel.Later2(func() (*Templates, error) { return LoadTemplates(p.fsys) })
	}
	set, err := content.Load(p.fsys, content.Options{Drafts: p.opt.Drafts, Cache: p.files, Fronts: p.fronts})
	p.set = set
	return err
}

// readEditions takes the past editions, with their problems.
func (p *pipeline) readEditions() content.Problems {
	editions, ps := p.editionData(p.set.Site)
	p.editions = editions
	return ps
}

// prepare loads the templates (unless an earlier build's are kept) and
// prepares every page of the site.
func (p *pipeline) prepare(noZip bool) error {
	if p.tpl == nil {
		tpl, err := p.templates()
		if err != nil {
			return err
		}
		p.tpl = tpl
	}
	site, err := prepareAll(p.fsys, p.set, p.tpl, RenderOptions{BaseURL: p.opt.BaseURL, NoZip: noZip, Editions: p.editions, thumbStore: p.thumbs, searchDocs: p.searchDocs, noThumbs: p.noThumbs}, p.bodies)
	p.site = site
	return err
}
