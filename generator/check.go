package generator

import (
	"bytes"
	"errors"
	"io/fs"
	"strings"
	"time"

	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/generator/issueform"
	"github.com/panorama-ssg/panorama/generator/markdown"
	"github.com/panorama-ssg/panorama/generator/page"
)

// CheckResult is what Check found.
type CheckResult struct {
	Problems                             content.Problems // errors and warnings, sorted by position
	Chapters, Projects, Layers, Sections int
	Set                                  *content.Set // the validated content; nil when it could not be loaded
}

// Errors counts the problems that would stop a build.
func (r *CheckResult) Errors() int {
	errs, _ := r.Problems.Split()
	return len(errs)
}

// Check runs everything a build checks, without writing, and the editors'
// checks a build lets pass: unknown keys, the project schema, duplicate
// websites, over-long summaries and empty sections. Unlike a build it does
// not stop at the first stage with errors, so one run lists every problem.
// The error is for a site that cannot be read at all.
func Check(opt Options) (*CheckResult, error) {
	src, err := opt.sourceDir()
	if err != nil {
		return nil, err
	}
	opt.Source = src
	p := newPipeline(opt, reuse{})
	p.noThumbs = true
	fsys, err := p.fsys, p.load()
	set := p.set
	var ps content.Problems
	if errors.As(err, &ps) {
		return &CheckResult{Problems: ps}, nil
	} else if err != nil {
		return nil, err
	}
	_ = set.Validate() // its problems stay in set
	r := &CheckResult{Problems: set.Problems(), Chapters: len(set.Chapters), Projects: len(set.Projects), Set: set}
	if set.Site != nil {
		r.Layers = len(set.Site.Layers)
		for _, l := range set.Site.Layers {
			r.Sections += len(l.Sections)
		}
	}
	schema, err := set.SchemaProblems(r.Problems)
	if err != nil {
		return nil, err
	}
	r.Problems = append(r.Problems, schema...)
	r.Problems = append(r.Problems, generatedCopies(fsys, set.Site)...)
	r.Problems = append(r.Problems, set.EmptySections()...)
	r.Problems = append(r.Problems, p.readEditions()...)
	r.Problems = append(r.Problems, set.StaleFacts(time.Now())...)
	r.Problems = append(r.Problems, set.StaleTranslations()...)
	r.Problems = append(r.Problems, snapshotProblems(fsys, set, time.Now())...)

	// The templates and the rendering can only be tried on valid content;
	// rendering reports broken links, so on invalid content only the links
	// are checked.
	if r.Errors() > 0 {
		r.Problems = append(r.Problems, checkLinks(set)...)
	} else {
		r.Problems = append(r.Problems, tryRendering(p)...)
	}
	r.Problems = set.Accept(r.Problems, true)
	r.Problems.Sort()
	return r, nil
}

// generatedCopies compares the site's copies of what Panorama generates
// (the project schema, the issue form) with what its settings make now.
func generatedCopies(fsys fs.FS, site *content.Site) content.Problems {
	var ps content.Problems
	for _, g := range []struct {
		file string
		want []byte
		kind content.Kind
		msg  string
	}{
		{content.SchemaFile, content.Schema(site), content.KindSchemaCopy, "differs from the schema of this site's fields, so editors see other rules; run panorama new schema to write the current one"},
		{issueform.File, issueform.Form(site), content.KindIssueForm, "differs from the form this site's sections and fields make, so contributors choose from other ones; run panorama new issue-form to write the current one"},
	} {
		copy, msg, err := content.ReadRegular(fsys, g.file, content.MaxFileSize)
		if msg != "" {
			ps = append(ps, content.Problem{Pos: content.Pos{File: g.file}, Kind: string(content.KindFileType), Msg: msg})
		} else if err == nil && !bytes.Equal(copy, g.want) {
			ps = append(ps, content.Problem{Pos: content.Pos{File: g.file}, Kind: string(g.kind), Warn: true, Msg: g.msg})
		}
	}
	return ps
}

// tryRendering renders every page of valid content, as a build would,
// and reports what that finds: broken links, template errors, linked
// static folders.
func tryRendering(p *pipeline) content.Problems {
	err := p.prepare(true)
	if err == nil {
		err = p.site.renderAll()
	}
	var ps content.Problems
	if errors.As(err, &ps) {
		return ps
	} else if linked := content.LinkedError(""); errors.As(err, &linked) {
		return content.Problems{{Pos: content.Pos{File: string(linked)}, Kind: string(content.KindStaticLink), Msg: strings.TrimPrefix(err.Error(), string(linked)+": ")}}
	} else if err != nil {
		return content.Problems{{Pos: content.Pos{File: SiteTemplatesDir}, Kind: string(content.KindTemplate), Msg: err.Error()}}
	}
	return nil
}

// checkLinks reports the broken links in every chapter and project body.
func checkLinks(set *content.Set) content.Problems {
	md := markdown.New()
	resolve := newResolver(set, "")
	var ps content.Problems
	for _, c := range set.Chapters {
		ps = append(ps, markdown.Render(md, c.File, c.Body, c.BodyLine, rootOf(page.ChapterPath(c.Slug)), resolve).Problems...)
	}
	for _, pr := range set.Projects {
		ps = append(ps, markdown.Render(md, pr.File, pr.Body, pr.BodyLine, rootOf(page.ProjectPath(pr.Slug)), resolve).Problems...)
	}
	return ps
}
