package generator

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io/fs"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/panorama-ssg/panorama/charts"
	"github.com/panorama-ssg/panorama/generator/content"
)

// Output is one file of the built site, in memory.
type Output struct {
	Path string // slash-separated, relative to the output folder
	Data []byte
}

// RenderOptions tune Render.
type RenderOptions struct {
	// BaseURL is the absolute address the site is published at, ending in
	// "/", or "". It is only used for sitemap.xml and canonical links.
	BaseURL string
	// NoZip leaves out the zip of the whole site, which only a published
	// build needs; serve saves its time.
	NoZip bool
}

// job is one page to render.
type job struct {
	tpl  string
	page *Page
}

// Render renders the whole site in memory: every page, the assets and the
// static files from fsys. It reads fsys but writes nothing.
func Render(fsys fs.FS, set *content.Set, tpl *Templates, opt RenderOptions) ([]Output, error) {
	site := newSiteView(set, opt.BaseURL)
	if err := renderBodies(set, site); err != nil {
		return nil, err
	}

	var jobs []job
	add := func(tpl, kind, p, title, desc string) *Page {
		pg := &Page{Kind: kind, Path: p, Title: title, Description: desc, Root: rootOf(p), Site: site}
		if opt.BaseURL != "" {
			pg.Canonical = opt.BaseURL + strings.TrimSuffix(p, "index.html")
		}
		jobs = append(jobs, job{tpl, pg})
		return pg
	}
	layers, projects := set.Site.Layers, set.Projects
	layerMap := charts.LayerMap("layer-map", "Map of the "+strconv.Itoa(len(projects))+" projects", layers, projects, chartPaths)
	add("index.html", "home", "index.html", site.Title, firstNonEmpty(site.Description, site.Subtitle)).Charts = []charts.Chart{layerMap}
	add("charts.html", "charts", chartsPath, "Charts", "The report's data as charts: the layer map, projects per section, each layer's share, tokens and tags.").Charts = []charts.Chart{
		layerMap,
		charts.SectionBar("section-bar", "Projects per section", layers, projects, chartPaths),
		charts.LayerShare("layer-share", "Each layer's share of the projects", layers, projects, chartPaths),
		charts.TokenBar("token-bar", "Projects with and without a token", layers, projects, chartPaths),
		charts.TagBar("tag-bar", "Most used tags", projects, 15),
	}
	for _, c := range site.Chapters {
		add("chapter.html", "chapter", c.Path, c.Title, c.Summary).Chapter = c
	}
	add("projects.html", "projects", "projects/index.html", "Projects", fmt.Sprintf("All %d projects of %s, by layer and section.", len(site.Projects), site.Title))
	for _, p := range site.Projects {
		pg := add("project.html", "project", p.Path, p.Name, p.Summary)
		pg.Project, pg.Layer, pg.Section = p, p.Layer, p.Section
	}
	for _, l := range site.Layers {
		pg := add("layer.html", "layer", l.Path, l.Name, l.Description)
		pg.Layer = l
		one := []*content.Layer{l.Layer}
		own := contentProjects(l.Projects)
		pg.Charts = []charts.Chart{
			charts.LayerMap("layer-map", "Map of "+l.Name, one, own, chartPaths),
			charts.SectionBar("section-bar", "Projects per section of "+l.Name, one, own, chartPaths),
		}
		for _, s := range l.Sections {
			pg := add("section.html", "section", s.Path, s.Name, s.Description)
			pg.Layer, pg.Section = l, s
			if len(s.Projects) > 0 {
				pg.Charts = []charts.Chart{charts.TagBar("tag-bar", "Tags in "+s.Name, contentProjects(s.Projects), 10)}
			}
		}
	}
	add("print.html", "print", printPath, "The whole report", "Every chapter of "+site.Title+" and its project directory on one page, for printing or saving as PDF.")
	notFound := add("404.html", "404", "404.html", "Page not found", "")
	// GitHub Pages serves 404.html at any depth, so relative links would
	// break there; with a base URL they can be absolute.
	notFound.Root, notFound.Canonical = opt.BaseURL, ""

	outs := make([]Output, len(jobs))
	errs := make([]error, len(jobs))
	parallel(len(jobs), func(i int) {
		var buf bytes.Buffer
		j := jobs[i]
		if err := tpl.pages[j.tpl].ExecuteTemplate(&buf, "baseof.html", j.page); err != nil {
			errs[i] = fmt.Errorf("rendering %s with %s: %w", j.page.Path, j.tpl, err)
			return
		}
		outs[i] = Output{Path: j.page.Path, Data: buf.Bytes()}
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}

	outs = append(outs,
		Output{Path: ".nojekyll", Data: []byte{}},
		Output{Path: "robots.txt", Data: robots(opt.BaseURL)},
		Output{Path: searchIndexPath, Data: searchIndex(site)},
		Output{Path: projectsJSONPath, Data: projectsJSON(site)},
		Output{Path: projectsCSVPath, Data: projectsCSV(site)},
		Output{Path: feedPath, Data: feed(site)},
	)
	if opt.BaseURL != "" {
		outs = append(outs, Output{Path: "sitemap.xml", Data: sitemap(opt.BaseURL, jobs)})
	}
	for name, data := range tpl.Assets {
		outs = append(outs, Output{Path: name, Data: data})
	}
	generated := map[string]bool{}
	for _, o := range outs {
		generated[o.Path] = true
	}
	var ps content.Problems
	for _, f := range set.Static {
		if generated[f] {
			ps = append(ps, content.Problem{Pos: content.Pos{File: content.StaticDir + "/" + f}, Msg: "has the same path as a generated file; rename or move it"})
			continue
		}
		data, err := fs.ReadFile(fsys, content.StaticDir+"/"+f)
		if err != nil {
			return nil, err
		}
		outs = append(outs, Output{Path: f, Data: data})
	}
	if err := ps.Err(); err != nil {
		return nil, err
	}
	sortOutputs(outs)
	if !opt.NoZip {
		z, err := zipSite(site.Zip, outs, site.Date)
		if err != nil {
			return nil, err
		}
		outs = append(outs, Output{Path: site.Zip, Data: z})
		sortOutputs(outs)
	}
	return outs, nil
}

// renderBodies renders every chapter and project body in parallel, with one
// goldmark instance, and reports every broken link at once.
func renderBodies(set *content.Set, site *SiteView) error {
	md := newMarkdown()
	resolve := newResolver(set)
	n := len(site.Chapters) + len(site.Projects)
	problems := make([]content.Problems, n)
	parallel(n, func(i int) {
		if i < len(site.Chapters) {
			c := site.Chapters[i]
			r := renderMarkdown(md, c.File, c.Body, c.BodyLine, rootOf(c.Path), resolve)
			c.HTML, c.TOC, c.Passages, problems[i] = r.HTML, r.TOC, r.Passages, r.Problems
			// Again for the whole-report page, whose links start elsewhere
			// and which holds every chapter's headings at once.
			c.PrintHTML = renderMarkdownAs(md, c.File, c.Body, c.BodyLine, rootOf(printPath), resolve, c.Slug+"-").HTML
			return
		}
		p := site.Projects[i-len(site.Chapters)]
		r := renderMarkdown(md, p.File, p.Body, p.BodyLine, rootOf(p.Path), resolve)
		p.HTML, p.Text, problems[i] = r.HTML, joinPassages(r.Passages), r.Problems
	})
	var all content.Problems
	for _, ps := range problems {
		all = append(all, ps...)
	}
	return all.Err()
}

func joinPassages(ps []Passage) string {
	var parts []string
	for _, p := range ps {
		parts = append(parts, p.Heading, p.Text)
	}
	return strings.TrimSpace(strings.Join(strings.Fields(strings.Join(parts, " ")), " "))
}

// newResolver maps the content files a Markdown link may name to the
// output paths they become: chapters, projects and static files.
func newResolver(set *content.Set) linkResolver {
	targets := map[string]string{}
	for _, c := range set.Chapters {
		targets[c.File] = chapterPath(c.Slug)
	}
	for _, p := range set.Projects {
		targets[p.File] = projectPath(p.Slug)
	}
	for _, f := range set.Static {
		targets[content.StaticDir+"/"+f] = f
	}
	return func(contentPath string) (string, bool) {
		t, ok := targets[contentPath]
		return t, ok
	}
}

// parallel runs f(0..n-1) on all cores.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// rootOf is the relative prefix from the page at p to the site root.
func rootOf(p string) string {
	return strings.Repeat("../", strings.Count(p, "/"))
}

func contentProjects(ps []*ProjectView) []*content.Project {
	out := make([]*content.Project, len(ps))
	for i, p := range ps {
		out[i] = p.Project
	}
	return out
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
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
		if j.page.Kind == "404" {
			continue
		}
		b.WriteString("  <url><loc>")
		_ = xml.EscapeText(&b, []byte(j.page.Canonical))
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

func sortOutputs(outs []Output) {
	sort.Slice(outs, func(i, j int) bool { return outs[i].Path < outs[j].Path })
}
