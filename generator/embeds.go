package generator

import (
	"fmt"
	"html"
	"math"

	"github.com/panorama-ssg/panorama/internal/words"
)

// Embeds: the landscape, each layer's and each section's, as pages made to
// sit in an <iframe> on other sites: no header or footer, links that open
// the full page in the top window, no script needed (one posts the page's
// height to the embedding page, which may resize the frame), and a page
// with the code to embed each.

// EmbedView is one embeddable view.
type EmbedView struct {
	Title   string
	Path    string // the embed page
	Full    string // the full page it stands for
	Layers  []*LayerView
	Section *SectionView // set for a section's view
	Height  int          // the frame's height in CSS pixels at embedWidth, without script
	Count   int          // the projects it shows, each once
}

// embedWidth is the frame width heights are given for.
const embedWidth = 960

// addEmbeds lists the views: the whole map, each layer, each section.
func (v *SiteView) addEmbeds() {
	v.Embeds = append(v.Embeds, &EmbedView{Title: v.Title, Path: embedPath("map"), Full: homePath, Layers: v.Layers, Count: len(v.Projects)})
	for _, l := range v.Layers {
		v.Embeds = append(v.Embeds, &EmbedView{Title: l.Name, Path: embedPath("layers/" + l.ID), Full: l.Path, Layers: []*LayerView{l}, Count: len(l.Projects)})
		for _, s := range l.Sections {
			if len(s.Projects) == 0 {
				continue // an empty section has nothing to show
			}
			v.Embeds = append(v.Embeds, &EmbedView{Title: s.Name, Path: embedPath("layers/" + l.ID + "/" + s.ID), Full: s.Path, Layers: []*LayerView{l}, Section: s, Count: len(s.Projects)})
		}
	}
	for _, e := range v.Embeds {
		e.Height = e.estimate(embedWidth, v.HasInReport)
	}
}

// estimate is the view's height at width w, from the landscape's CSS
// (style.css: .landscape, .band, .box, .tiles): boxes are laid in rows by
// their basis widths, then share the row's free width by their grow
// factors, as flexbox does, and hold as many tile columns as fit. With
// script, the embedding page takes the exact height the embed posts.
func (e *EmbedView) estimate(w int, key bool) int {
	const (
		rem       = 16.0
		tile      = 4.75*rem + .3*rem // a tile and its gap
		tileH     = 4.6*rem + .3*rem
		boxPad    = .9*rem + 2
		boxChrome = .35*rem + .45*rem + 2 + .85*rem*1.25 + .35*rem
		bandTop   = .5*rem + .75*rem + 1.05*rem*1.3 + .4*rem
		page      = 1.1*rem*1.3 + .25*rem + .8*rem*1.5 + .75*rem + .5*rem // title, credit, margins
		gap       = .5 * rem
	)
	type box struct {
		n           int
		grow, basis float64
	}
	inner := float64(w) - 6 - 1.5*rem - .5*rem
	h := page
	if key { // the line saying what a star means
		h += .85*rem*1.5 + .25*rem
	}
	rowHeight := func(row []box, used float64) float64 {
		free, grow := inner-used, 0.0
		for _, b := range row {
			grow += b.grow
		}
		tallest := 0.0
		for _, b := range row {
			width := math.Min(b.basis+free*b.grow/grow, inner)
			cols := math.Max(1, math.Floor((width-boxPad+.3*rem)/tile))
			tallest = math.Max(tallest, boxChrome+math.Ceil(float64(b.n)/cols)*tileH)
		}
		return tallest
	}
	for _, l := range e.Layers {
		h += bandTop + .75*rem
		if e.Section != nil {
			h -= 1.05*rem*1.3 + .4*rem // a section's band has no visible title
		}
		var row []box
		used := 0.0
		for _, s := range l.Sections {
			if len(s.Projects) == 0 || (e.Section != nil && s != e.Section) {
				continue
			}
			cols := float64(s.Columns())
			b := box{n: len(s.Projects), grow: cols, basis: math.Min(math.Max(cols*tile+rem, 10.5*rem), inner)}
			if len(row) > 0 && used+b.basis > inner {
				h += rowHeight(row, used-gap) + gap
				row, used = nil, 0
			}
			row = append(row, b)
			used += b.basis + gap
		}
		if len(row) > 0 {
			h += rowHeight(row, used-gap)
		}
	}
	// Line heights and fonts differ between systems: a little room to
	// spare rather than a scroll bar.
	return int(math.Ceil(h*1.03 + 8))
}

// embeds: a page per view, and the page of their code.
func (p *planner) embeds() {
	site := p.s.View
	for _, e := range site.Embeds {
		pg := p.page("embed-view.html", KindEmbed, e.Path, e.Title, fmt.Sprintf("%s: %s, to embed in other sites.", e.Title, words.Projects(e.Count)), nil)
		pg.Embed = e
		if e.Section != nil {
			pg.Layer, pg.Section = e.Section.Layer, e.Section
		} else if len(e.Layers) == 1 {
			pg.Layer = e.Layers[0]
		}
	}
	p.page("embed.html", KindEmbedCode, embedCodePath, site.word("Embed this map"), fmt.Sprintf(site.word("The code to show the map of %s, a layer or a section in another site."), site.Title), nil)
}

// EmbedSrc is the address an embedding site gives the frame: absolute
// with a base URL, else the path inside the published site.
func (pg *Page) EmbedSrc(e *EmbedView) string {
	if pg.Site.BaseURL != "" {
		return absURL(pg.Site.BaseURL, e.Path)
	}
	return e.Path
}

// resizeScript fits every frame showing an embed to the height the embed
// posts; one copy serves any number of embeds on a page. It listens only
// to the windows of the frames the code made (marked data-panorama-embed),
// from the origin their address names (file: addresses have none to
// compare), and clamps the height, so another
// frame of the host page cannot stretch itself or ours.
const resizeScript = `<script>addEventListener("message",function(e){var h=e.data&&e.data.panoramaEmbedHeight;if(typeof h!=="number"||!(h>0))return;document.querySelectorAll("iframe[data-panorama-embed]").forEach(function(f){var u=new URL(f.src,location.href);if(f.contentWindow===e.source&&(u.origin===e.origin||u.protocol==="file:"))f.style.height=Math.min(Math.ceil(h),` + maxEmbedHeight + `)+"px"})})</script>`

// maxEmbedHeight is the tallest a frame grows, in CSS pixels: a 2,500
// project map on a phone is about 13,000.
const maxEmbedHeight = "40000"

// EmbedCode is the HTML another site pastes to show the view: the frame,
// with its fallback height, and the line of script that fits it.
func (pg *Page) EmbedCode(e *EmbedView) string {
	title := e.Title
	if e.Title != pg.Site.Title {
		title += " · " + pg.Site.Title
	}
	return fmt.Sprintf(`<iframe src="%s" title="%s" width="100%%" height="%d" style="border:0" loading="lazy" data-panorama-embed></iframe>`+"\n"+resizeScript,
		html.EscapeString(pg.EmbedSrc(e)), html.EscapeString(title), e.Height)
}
