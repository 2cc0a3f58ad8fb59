package generator

import (
	"io/fs"
	"strings"

	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/generator/page"
)

// A report in several languages is one site per language, each made from
// the content as that language shows it (content.Set.In), the default at
// the root and every other in its folder (zh/), with the same pages. The
// sites are merged into one to write; assets, content/static and badges
// are shared at the root.

// prepareAll prepares the site in every language and merges them.
func prepareAll(fsys fs.FS, set *content.Set, tpl *Templates, opt RenderOptions, bodies *BodyCache) (*Site, error) {
	opt.thumbs = newThumbSet(readOnce(fsys), opt.thumbStore)
	opt.thumbs.off = opt.noThumbs
	langs := page.LanguageViews(set.Site)
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
	for p := range s.onlineOnly {
		if !o.onlineOnly[p] {
			delete(s.onlineOnly, p) // a page of the other language shows it
		}
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

// views are the sites of every language, the default first.
func (s *Site) views() []*page.SiteView { return append([]*page.SiteView{s.View}, s.others...) }

// inLanguage tells whether path p belongs to the site of language v: in
// its folder (the default's: in none of the others'), or shared.
func (s *Site) inLanguage(p string, v *page.SiteView) bool {
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
