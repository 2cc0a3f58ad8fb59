package page

import (
	"bytes"

	"github.com/panorama-ssg/panorama/generator/content"
)

// LanguageViews are the report's languages as pages link them, or nil
// for a report in one.
func LanguageViews(site *content.Site) []*LanguageView {
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

// SetLanguage makes a site view the view of its language lang (nil in a
// report of one) among languages, published under baseURL; def is the
// default language's view (nil for the default's own).
func (v *SiteView) SetLanguage(lang *LanguageView, languages []*LanguageView, baseURL string, def *SiteView) {
	v.Dir = "ltr"
	v.fallback = def
	if lang == nil {
		return
	}
	v.Lang, v.Languages, v.Prefix, v.Dir = lang, languages, lang.Prefix, lang.Dir
	v.RootURL = baseURL
	if baseURL != "" && v.Prefix != "" {
		v.BaseURL = AbsURL(baseURL, v.Prefix)
	}
	if v.Prefix != "" && def != nil && def.Zip != "" {
		// The zip of this language's pages, in its folder.
		v.Slug = def.Slug + "-" + lang.Code
		v.Zip = v.Slug + ".zip"
	}
}

// ReuseFallback gives body i of a language's site (chapters, then
// projects) the default language's rendering when the language falls
// back to that text: the same Markdown makes the same HTML, its links
// being relative between pages of one language. A text that links a
// static file, whose path depends on the language's folder, is rendered
// again.
func ReuseFallback(site *SiteView, i int) bool {
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

// LanguageView is one of the report's languages as pages link it.
type LanguageView struct {
	Code, Name, Tag, Dir string
	Prefix               string // its pages' folder: "" for the default, "zh/" for another
}
