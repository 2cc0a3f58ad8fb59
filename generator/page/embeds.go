package page

import (
	"fmt"
	"html"
	"math"
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
	Height  int          // the frame's height in CSS pixels at EmbedWidth, without script
	Count   int          // the projects it shows, each once
}

// EmbedWidth is the frame width heights are given for.
const EmbedWidth = 960

// AddEmbeds lists the views: the whole map, each layer, each section.
func (v *SiteView) AddEmbeds() {
	v.Embeds = append(v.Embeds, &EmbedView{Title: v.Title, Path: embedPath("map"), Full: HomePath, Layers: v.Layers, Count: len(v.Projects)})
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
		e.Height = e.estimate(EmbedWidth, v.HasInReport)
	}
}

// The landscape's measures in CSS pixels, from style.css.
const (
	emRem       = 16.0
	emTile      = 4.75*emRem + .3*emRem // a tile and its gap
	emTileH     = 4.6*emRem + .3*emRem
	emBoxPad    = .9*emRem + 2
	emBoxChrome = .35*emRem + .45*emRem + 2 + .85*emRem*1.25 + .35*emRem
	emBandTop   = .5*emRem + .75*emRem + 1.05*emRem*1.3 + .4*emRem
	emPage      = 1.1*emRem*1.3 + .25*emRem + .8*emRem*1.5 + .75*emRem + .5*emRem // title, credit, margins
	emGap       = .5 * emRem
)

// estimate is the view's height at width w, from the landscape's CSS
// (style.css: .landscape, .band, .box, .tiles): boxes are laid in rows by
// their basis widths, then share the row's free width by their grow
// factors, as flexbox does, and hold as many tile columns as fit. With
// script, the embedding page takes the exact height the embed posts.
func (e *EmbedView) estimate(w int, key bool) int {
	inner := float64(w) - 6 - 1.5*emRem - .5*emRem
	h := emPage
	if key { // the line saying what a star means
		h += .85*emRem*1.5 + .25*emRem
	}
	for _, l := range e.Layers {
		h += emBandTop + .75*emRem
		if e.Section != nil {
			h -= 1.05*emRem*1.3 + .4*emRem // a section's band has no visible title
		}
		var row []embedBox
		used := 0.0
		for _, s := range l.Sections {
			if len(s.Projects) == 0 || (e.Section != nil && s != e.Section) {
				continue
			}
			cols := float64(s.Columns())
			b := embedBox{n: len(s.Projects), grow: cols, basis: math.Min(math.Max(cols*emTile+emRem, 10.5*emRem), inner)}
			if len(row) > 0 && used+b.basis > inner {
				h += rowHeight(row, used-emGap, inner) + emGap
				row, used = nil, 0
			}
			row = append(row, b)
			used += b.basis + emGap
		}
		if len(row) > 0 {
			h += rowHeight(row, used-emGap, inner)
		}
	}
	// Line heights and fonts differ between systems: a little room to
	// spare rather than a scroll bar.
	return int(math.Ceil(h*1.03 + 8))
}

// embedBox is a section's box in the estimate: its tiles, and its flex
// grow factor and basis width.
type embedBox struct {
	n           int
	grow, basis float64
}

// rowHeight is the height of a row of boxes that take used of the inner
// width: the free width shared by grow factors, as flexbox does, each box
// as tall as its emTile rows.
func rowHeight(row []embedBox, used, inner float64) float64 {
	free, grow := inner-used, 0.0
	for _, b := range row {
		grow += b.grow
	}
	tallest := 0.0
	for _, b := range row {
		width := math.Min(b.basis+free*b.grow/grow, inner)
		cols := math.Max(1, math.Floor((width-emBoxPad+.3*emRem)/emTile))
		tallest = math.Max(tallest, emBoxChrome+math.Ceil(float64(b.n)/cols)*emTileH)
	}
	return tallest
}

// EmbedSrc is the address an embedding site gives the frame: absolute
// with a base URL, else the path inside the published site.
func (pg *Page) EmbedSrc(e *EmbedView) string {
	if pg.Site.BaseURL != "" {
		return AbsURL(pg.Site.BaseURL, e.Path)
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
