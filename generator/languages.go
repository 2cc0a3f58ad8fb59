package generator

import (
	"bytes"
	"io/fs"
	"strings"

	"github.com/panorama-ssg/panorama/generator/content"
)

// A report in several languages is one site per language, each made from
// the content as that language shows it (content.Set.In), the default at
// the root and every other in its folder (zh/), with the same pages. The
// sites are merged into one to write; assets, content/static and badges
// are shared at the root.

// languageViews are the report's languages as pages link them, or nil
// for a report in one.
func languageViews(site *content.Site) []*LanguageView {
	if len(site.Languages) < 2 {
		return nil
	}
	out := make([]*LanguageView, len(site.Languages))
	for i, l := range site.Languages {
		out[i] = &LanguageView{Code: l.Code, Name: l.Name, Tag: l.Tag, Dir: l.Dir}
		if i > 0 {
			out[i].Prefix = l.Code + "/"
		}
	}
	return out
}

// prepareAll prepares the site in every language and merges them.
func prepareAll(fsys fs.FS, set *content.Set, tpl *Templates, opt RenderOptions, bodies *BodyCache) (*Site, error) {
	langs := languageViews(set.Site)
	if langs == nil {
		return prepare(fsys, set, tpl, opt, bodies)
	}
	opt.Languages, opt.Lang = langs, langs[0]
	site, err := prepare(fsys, set, tpl, opt, bodies)
	if err != nil {
		return nil, err
	}
	for _, l := range langs[1:] {
		o := opt
		o.Lang, o.Default, o.DefaultView = l, set, site.View
		other, err := prepare(fsys, set.In(l.Code), tpl, o, bodies)
		if err != nil {
			return nil, err
		}
		site.merge(other)
	}
	return site, nil
}

// merge adds another language's pages and files; the paths cannot clash,
// being in the other language's folder or shared.
func (s *Site) merge(o *Site) {
	s.others = append(s.others, o.View)
	if s.shared == nil {
		s.shared = map[string]bool{}
	}
	for p := range o.shared {
		s.shared[p] = true
	}
	for _, j := range o.jobs {
		s.byPath[j.page.Path] = len(s.jobs)
		s.jobs = append(s.jobs, j)
	}
	for p, f := range o.files {
		if _, ok := s.files[p]; !ok {
			s.files[p] = f
		}
	}
}

// setLanguage makes a site view the view of its language.
func (v *SiteView) setLanguage(opt RenderOptions) {
	v.Dir = "ltr"
	if opt.Lang == nil {
		return
	}
	v.Lang, v.Languages, v.Prefix, v.Dir = opt.Lang, opt.Languages, opt.Lang.Prefix, opt.Lang.Dir
	v.RootURL = opt.BaseURL
	if opt.BaseURL != "" && v.Prefix != "" {
		v.BaseURL = absURL(opt.BaseURL, v.Prefix)
	}
	if v.Prefix != "" && opt.DefaultView != nil && opt.DefaultView.Zip != "" {
		// The zip of this language's pages, in its folder.
		v.Slug = opt.DefaultView.Slug + "-" + opt.Lang.Code
		v.Zip = v.Slug + ".zip"
	}
}

// views are the sites of every language, the default first.
func (s *Site) views() []*SiteView { return append([]*SiteView{s.View}, s.others...) }

// inLanguage tells whether path p belongs to the site of language v: in
// its folder (the default's: in none of the others'), or shared.
func (s *Site) inLanguage(p string, v *SiteView) bool {
	if s.shared[p] {
		return true
	}
	if v.Prefix != "" {
		return strings.HasPrefix(p, v.Prefix)
	}
	for _, o := range s.others {
		if strings.HasPrefix(p, o.Prefix) {
			return false
		}
	}
	return true
}

// reuseFallback gives body i of a language's site (chapters, then
// projects) the default language's rendering when the language falls
// back to that text: the same Markdown makes the same HTML, its links
// being relative between pages of one language. A text that links a
// static file, whose path depends on the language's folder, is rendered
// again.
func reuseFallback(site *SiteView, i int) bool {
	def := site.fallback
	if def == nil {
		return false
	}
	if i < len(site.Chapters) {
		c := site.Chapters[i]
		if c.Fallback == "" || bytes.Contains(c.Body, []byte("static/")) || i >= len(def.Chapters) || def.Chapters[i].Slug != c.Slug {
			return false
		}
		d := def.Chapters[i]
		c.HTML, c.TOC, c.Passages, c.PrintHTML = d.HTML, d.TOC, d.Passages, d.PrintHTML
		return true
	}
	pv := site.Projects[i-len(site.Chapters)]
	p := pv.Project
	if (p.Fallback == "" && p.BodyFallback == "") || bytes.Contains(p.Body, []byte("static/")) {
		return false
	}
	d := def.index.project(p.Slug)
	if d == nil {
		return false
	}
	pv.HTML, pv.Text = d.HTML, d.Text
	return true
}
