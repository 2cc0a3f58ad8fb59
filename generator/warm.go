package generator

import (
	"bufio"
	"fmt"
	"maps"
	"path"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/panorama-ssg/panorama/generator/cache"
	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/generator/exports"
	"github.com/panorama-ssg/panorama/generator/output"
	"github.com/panorama-ssg/panorama/generator/page"
	"github.com/panorama-ssg/panorama/internal/binrec"
	"github.com/panorama-ssg/panorama/internal/parallel"
)

// What each output is made from, for warm builds. An output's key hashes
// the inputs it reads, in classes from narrow to wide:
//
//   - a project's or a chapter's page: its own files (the default and
//     translated ones), plus what every page may show of the whole site;
//   - the pages and files that show no more than what every page may
//     show of the whole site (the 404 page, the templates' assets, the
//     badges, the posters, robots.txt);
//   - a part of the search index: the files of its projects and
//     chapters, plus what every page may show of the whole site;
//   - a layer's pages (the layer's, its sections', and their embeds,
//     which show the layer's map): the front matter of the projects the
//     layer shows, plus what every page may show of the whole site;
//   - the pages and files that list every project (the map, the
//     directory, charts, the map's embed, editions, the data files):
//     every project's and chapter's front matter, never their bodies;
//   - the feed and the whole-report page: those and the chapters' bodies;
//   - content/static files: themselves.
//
// Every class also holds the "global" inputs, the files that are neither a
// project's nor a chapter's (site.yaml, translations of the interface,
// templates, static files, editions, the repository snapshot), and the
// build's options. What every page may show of the whole site is hashed
// from the prepared site, not from files: the site views' own values, the
// layers, sections, groups and chapters as menus and pagers name them, and
// each project's name, place and marks. So editing a project's text makes
// its page and the search index again; its facts, also the lists.
//
// Pages from templates a site overrides may read anything: when its
// templates/ replaces a page template or partial with text of its own
// (Templates.own), every page depends on everything and only the files
// are reused.

// itemDirs hold the files whose pages depend on them alone.
var itemDirs = []string{content.ProjectsDir + "/", content.ReportDir + "/"}

// item is the Markdown file's project or chapter: its folder and the name
// before the first dot, which its translations share (acme.md,
// acme.zh.md); "" for a file that is no item's.
func item(file string) string {
	if !strings.HasSuffix(file, ".md") {
		return ""
	}
	for _, d := range itemDirs {
		if strings.HasPrefix(file, d) {
			dir, name := path.Split(file)
			stem, _, _ := strings.Cut(name, ".")
			return dir + stem
		}
	}
	return ""
}

// inputKeys are the hashes outputs are keyed by.
type inputKeys struct {
	global, fronts, all cache.Key
	chapters            cache.Key            // the chapters' bodies
	items               map[string]cache.Key // by item
	itemFronts          map[string]cache.Key // by item, its front matter alone
	static              map[string]cache.Key // content/static files, by path under it
	// byFile is each item file's item and keys, which the keys of every
	// page, layer and part of the search index look up: found once here.
	byFile map[string]itemFile
}

// itemFile is an item's file's item and the item's keys.
type itemFile struct {
	item       string
	key, front cache.Key
}

// ofFile is file's item and that item's keys ("" and zero keys for a file
// that is no item's).
func (k *inputKeys) ofFile(file string) itemFile {
	if f, ok := k.byFile[file]; ok {
		return f
	}
	it := item(file)
	return itemFile{item: it, key: k.items[it], front: k.itemFronts[it]}
}

// hashInputs groups the input files' hashes into the classes above.
func hashInputs(files map[string]cache.File, opt Options) inputKeys {
	names := make([]string, 0, len(files))
	for f := range files {
		names = append(names, f)
	}
	sort.Strings(names)
	var global, fronts, all, chapters cache.Hasher
	global.String("options").String(opt.BaseURL).Bool(opt.NoZip).Bool(opt.Drafts)
	k := inputKeys{items: make(map[string]cache.Key, len(files)), itemFronts: make(map[string]cache.Key, len(files)), static: map[string]cache.Key{}}
	itemHash := make(map[string]*cache.Hasher, len(files))
	frontHash := make(map[string]*cache.Hasher, len(files))
	for _, f := range names {
		h := files[f]
		all.String(f).Key(h.Front).Key(h.Body)
		if it := item(f); it != "" {
			fronts.String(f).Key(h.Front)
			if chapterFile(f) {
				chapters.String(f).Key(h.Body)
			}
			ih, fh := itemHash[it], frontHash[it]
			if ih == nil {
				ih, fh = new(cache.Hasher), new(cache.Hasher)
				itemHash[it], frontHash[it] = ih, fh
			}
			ih.String(f).Key(h.Front).Key(h.Body)
			fh.String(f).Key(h.Front)
			continue
		}
		global.String(f).Key(h.Front).Key(h.Body)
		if rest, ok := strings.CutPrefix(f, content.StaticDir+"/"); ok {
			k.static[rest] = h.Front
		}
	}
	k.global = global.Sum()
	k.fronts = fronts.Sum()
	k.chapters = chapters.Sum()
	k.all = all.Key(k.global).Sum()
	for it, h := range itemHash {
		k.items[it] = h.Sum()
		k.itemFronts[it] = frontHash[it].Sum()
	}
	k.byFile = make(map[string]itemFile, len(files))
	for _, f := range names {
		if it := item(f); it != "" {
			k.byFile[f] = itemFile{item: it, key: k.items[it], front: k.itemFronts[it]}
		}
	}
	return k
}

// classKeys are the keys of the classes of outputs above, for one build.
type classKeys struct {
	in                             inputKeys
	site, wide, report, everything cache.Key
	siteOnly                       cache.Key // the global inputs and site
	layers                         map[*page.LayerView]cache.Key
	// The site's own page templates and partials may read anything.
	overridden bool
}

// page is the key of page pg.
func (ck *classKeys) page(pg *page.Page) cache.Key {
	var file string
	switch {
	case ck.overridden:
	case pg.Kind == page.KindProject:
		file = pg.Project.Project.File
	case pg.Kind == page.KindChapter:
		file = pg.Chapter.File
	}
	switch f := ck.in.ofFile(file); {
	case f.item != "":
		return itemPageKey(f.item, f.key, ck.in.global, ck.site)
	case ck.overridden:
		return ck.everything
	case pg.Kind == page.KindPrint:
		return ck.report
	case pg.Kind == page.Kind404:
		return ck.siteOnly
	case (pg.Kind == page.KindLayer || pg.Kind == page.KindSection || pg.Kind == page.KindEmbed) && pg.Layer != nil:
		return ck.layers[pg.Layer]
	default:
		return ck.wide
	}
}

// itemPageKey is the key of the page of item it's file, whose files hash
// to files: what cache.Hasher makes of "item", it and the three keys,
// hashed from a buffer on the stack. Ten thousand pages each took a
// buffer of the heap's, fresh memory in a warm build, which collects
// nothing.
func itemPageKey(it string, files, global, site cache.Key) cache.Key {
	var arr [256]byte
	b := append(arr[:0], "4:item"...) // Hasher.String("item")
	b = strconv.AppendInt(b, int64(len(it)), 10)
	b = append(b, ':')
	b = append(b, it...)
	b = append(b, files[:]...)
	b = append(b, global[:]...)
	b = append(b, site[:]...)
	return cache.Bytes(b)
}

// outputKeys gives every output path of s (as Paths lists them) its key;
// site is s.siteKey().
func (s *Site) outputKeys(in inputKeys, site cache.Key) map[string]cache.Key {
	ck := classKeys{in: in, site: site, overridden: len(s.tpl.own) > 0}
	var h cache.Hasher
	ck.wide = h.String("lists").Key(in.global).Key(site).Key(in.fronts).Sum()
	h = cache.Hasher{}
	ck.report = h.String("report").Key(ck.wide).Key(in.chapters).Sum()
	h = cache.Hasher{}
	ck.everything = h.String("all").Key(in.all).Key(site).Sum()
	h = cache.Hasher{}
	ck.siteOnly = h.String("site").Key(in.global).Key(site).Sum()
	ck.layers = s.layerKeys(in, ck.siteOnly)
	wide, report, everything, siteOnly, overridden := ck.wide, ck.report, ck.everything, ck.siteOnly, ck.overridden
	// The pages' keys are hashed on every core (a project's page hashes
	// its own), then gathered.
	pagePaths := make([]string, 0, len(s.byPath))
	for p := range s.byPath {
		pagePaths = append(pagePaths, p)
	}
	pageKeys := make([]cache.Key, len(pagePaths))
	parallel.For(len(pagePaths), func(j int) { pageKeys[j] = ck.page(s.jobs[s.byPath[pagePaths[j]]].page) })
	keys := make(map[string]cache.Key, len(s.byPath)+len(s.files))
	for j, p := range pagePaths {
		keys[p] = pageKeys[j]
	}
	for p, f := range s.files {
		var h cache.Hasher
		switch {
		case s.shared[p] && in.static[p] != cache.Key{}:
			keys[p] = h.String("static").String(p).Key(in.static[p]).Sum()
		case overridden && (f.sources != nil || f.siteOnly):
			keys[p] = everything
		case f.siteOnly:
			keys[p] = h.String("site-file").String(p).Key(siteOnly).Sum()
		case f.sources != nil:
			keys[p] = searchPartKey(p, f.sources(), siteOnly, in)
		case p == page.SearchIndexPath || strings.HasSuffix(p, "/"+page.SearchIndexPath):
			// How many parts the index has, which it says: made now, it
			// is its own key.
			head, _ := f.get()
			keys[p] = h.String("search-head").String(p).String(string(head)).Sum()
		case p == page.FeedPath || strings.HasSuffix(p, "/"+page.FeedPath):
			keys[p] = report
		default: // assets, badges, data, posters: global inputs and the lists
			keys[p] = wide
		}
	}
	return keys
}

// layerKeys are the keys of each layer's pages, in every language: the
// front matter of every project the layer or its sections show.
func (s *Site) layerKeys(in inputKeys, siteOnly cache.Key) map[*page.LayerView]cache.Key {
	keys := map[*page.LayerView]cache.Key{}
	for _, v := range s.views() {
		for _, l := range v.Layers {
			var h cache.Hasher
			h.String("layer").String(v.Prefix).String(l.ID).Key(siteOnly)
			add := func(ps []*page.ProjectView) {
				h.Int(len(ps))
				for _, p := range ps {
					// By item: a view may show a translation or, when it is
					// out of date, the default file (both hashed).
					f := in.ofFile(p.Project.File)
					h.String(f.item).Key(f.front)
				}
			}
			add(l.Projects)
			for _, sec := range l.Sections {
				add(sec.Projects)
			}
			keys[l] = h.Sum()
		}
	}
	return keys
}

// searchPartKey is the key of a part of the search index at path p: the
// global inputs and the site (siteOnly), its documents' files, and each
// document's place in its file, which says where the part begins and
// ends. A document shows its own file's front matter and text, and the
// names of the layers and sections it is in.
func searchPartKey(p string, sources []docSource, siteOnly cache.Key, in inputKeys) cache.Key {
	var h cache.Hasher
	h.String("search").String(p).Key(siteOnly)
	for _, d := range sources {
		h.String(d.file).Int(d.n).Key(in.ofFile(d.file).key)
	}
	return h.Sum()
}

// siteKey hashes what any page may show of the whole site, in every
// language: see the comment at the top.
func (s *Site) siteKey() cache.Key {
	var h cache.Hasher
	for _, v := range s.views() {
		hashScalars(&h, reflect.ValueOf(v).Elem())
		h.Bool(v.Since != nil)
		for _, l := range v.Layers {
			hashScalars(&h, reflect.ValueOf(l).Elem())
			for _, sec := range l.Sections {
				hashScalars(&h, reflect.ValueOf(sec).Elem())
			}
		}
		for _, g := range v.Groups {
			hashScalars(&h, reflect.ValueOf(g).Elem())
		}
		for _, f := range v.Fields {
			hashScalars(&h, reflect.ValueOf(f).Elem())
		}
		for _, c := range v.Chapters {
			h.String(c.File).String(c.Path).Int(c.Number).String(c.Slug).String(c.Title).String(c.Summary).String(c.Fallback)
		}
		for _, p := range v.Projects {
			h.String(p.Slug).String(p.Name).String(p.Path).String(p.Logo).String(p.Image).String(p.Featured).String(p.Dimmed).
				Bool(p.InReport).Bool(p.Draft).String(p.Fallback).String(p.PlaceKey).String(p.Badge)
		}
	}
	return h.Sum()
}

// hashScalars adds a struct's own exported values: strings, numbers,
// booleans and lists of strings; of anything else, whether it is there
// and how long it is.
func hashScalars(h *cache.Hasher, v reflect.Value) {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		fv := v.Field(i)
		h.String(f.Name)
		switch fv.Kind() {
		case reflect.String:
			h.String(fv.String())
		case reflect.Bool:
			h.Bool(fv.Bool())
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			h.Int(int(fv.Int()))
		case reflect.Slice:
			h.Int(fv.Len())
			if fv.Type().Elem().Kind() == reflect.String {
				for j := range fv.Len() {
					h.String(fv.Index(j).String())
				}
			}
		case reflect.Pointer, reflect.Interface, reflect.Map:
			h.Bool(fv.IsNil())
		}
	}
}

// warm is a build's use of its cache: the keys of this build's outputs,
// the zips the last build left, and how many files it reused.
type warm struct {
	c        *cache.Cache
	in       inputKeys
	keys     map[string]cache.Key
	survey   *output.Survey     // of the spare folder, if there is one
	zips     []*output.Previous // by zip; nil where the last build left none
	zipPaths []string
	ahead    func() map[string]*output.Previous // the last build's zips, read ahead
	reused   atomic.Int64
	linked   sync.Map    // output paths linked from the last build
	written  sync.Map    // output paths written, to their cache.Written
	bodies   *BodyCache  // the rendered Markdown, from the last build's and for the next
	fronts   *frontStore // until saveFronts
	// frontsSaved waits for the parsed content to be stored (nil when none
	// was worth it).
	frontsSaved func() error
	search      *exports.DocCache
	// The site's key, and the fragments the last build stored (see
	// keepFragments).
	site            cache.Key
	storedFragments func() map[string]string
	thumbs          *ThumbStore
	mu              sync.Mutex
	notes           []string // what went wrong saving the cache
}

// openWarm opens the cache of opt.Out and hashes the site's inputs, before
// the content is loaded: a file saved meanwhile is then older than its
// hash, and the next build makes its outputs again. The note says why a
// cache is not used.
func openWarm(opt Options) (*warm, string) {
	c, note := cache.Open(opt.Out)
	// The spare folder's files are looked at while the build works on
	// the content, on the core it leaves idle, for when it holds the lock.
	var survey *output.Survey
	if dir := c.SpareDir(); dir != "" {
		survey = output.StartSurvey(dir)
	}
	files, err := c.Inputs(opt.Source, "content", SiteTemplatesDir)
	if err != nil {
		return nil, fmt.Sprintf("cache: %v; building without it", err)
	}
	w := &warm{c: c, survey: survey, in: hashInputs(files, opt), bodies: &BodyCache{byFile: map[string]*bodyEntry{}}, fronts: newFrontStore(files, c.Stat), search: exports.NewDocCache()}
	if c.Warm() {
		w.ahead = readZipsAhead(c)
		w.bodies = bodyCacheFrom(c)
		if data, err := c.Read(frontsCacheName); err == nil {
			_ = w.fronts.read(data) // what it could not read is parsed again
		}
		w.search = exports.ReadDocCacheLater(func() (*binrec.Reader, bool) {
			data, err := c.Read(searchCacheName)
			return binrec.NewReader(data), err == nil
		})
	}
	w.thumbs = NewThumbStore()
	if data, err := c.Read(thumbsCacheName); err == nil && c.Warm() {
		if s, err := readThumbs(data); err == nil {
			w.thumbs = s
		}
	}
	w.thumbs.inputs = func(file string) (cache.File, bool) {
		k, ok := files[file]
		return k, ok
	}
	w.bodies.known = w.fronts.bodyKey
	return w, note
}

// reuse is what the build takes from the cache: nothing without one.
func (w *warm) reuse() reuse {
	if w == nil {
		return reuse{}
	}
	return reuse{fronts: w.fronts, bodies: w.bodies, thumbs: w.thumbs, searchDocs: w.search}
}

// saveThumbs stores the thumbnails for the next build, unless this
// build drew none, asked for all it had, and knew every logo's source.
func (w *warm) saveThumbs() {
	if w == nil {
		return
	}
	t := w.thumbs
	if t.made.Load() == 0 && len(t.used) == len(t.m) && t.sourcesMade == 0 && len(t.kept) == len(t.sources) && w.c.Warm() {
		return
	}
	w.unsaved(w.c.Write(thumbsCacheName, func(bw *bufio.Writer) error { return writeThumbs(bw, w.thumbs) }))
}

// saveFronts starts storing the parsed content for the next build, unless
// it is what the last build stored. The build calls it once the content
// is loaded and checked, which is all the store holds; the store then
// lets its records go, and the pages have the memory they took (tens of
// megabytes at 10,000 projects, where holding them until the end kept a
// first build's heap above 400 MiB). The cache's other files are saved
// once the new output is in place; this one is checked record by record
// against the files it was parsed from, so it holds for any build.
func (w *warm) saveFronts() {
	if w == nil {
		return
	}
	store, worth := w.fronts, w.worthWriting(w.fronts.made())
	// The bodies are rendered: their hashes, which the store keeps by
	// their bytes, are no longer asked for.
	w.fronts, w.bodies.known = nil, nil
	for _, l := range w.bodies.langs {
		l.known = nil
	}
	if worth {
		w.frontsSaved = parallel.Later(func() error { return w.c.Write(frontsCacheName, store.write) })
	}
}

// worthWriting tells whether a cache file of total entries, made of
// which this build made, is worth writing again. Every entry is checked
// against what it was made from, so an entry out of date is only made
// again: after an edit of one file, writing tens of megabytes of parsed
// or rendered content again costs more than making that file's entry
// again in the builds that follow. Past a few such entries it does not.
// A build that found no cache writes what it made.
func (w *warm) worthWriting(made, total int) bool {
	if !w.c.Warm() {
		return made > 0
	}
	return made > max(minRewrite, total/100)
}

// minRewrite is how many entries out of date a cache file may hold
// before it is written again.
const minRewrite = 32

// searchCacheName is the cache's file of encoded search documents.
const searchCacheName = "search"

// saveSearch stores the search documents for the next build, if this
// build encoded any.
func (w *warm) saveSearch() {
	if w == nil || !w.worthWriting(w.search.Made(), w.search.Len()) {
		return
	}
	w.unsaved(w.c.Write(searchCacheName, func(bw *bufio.Writer) error {
		e := binrec.NewWriter(bw)
		w.search.Write(e)
		return e.Err()
	}))
}

// saveBodies stores the rendered Markdown for the next build, unless
// this build rendered none and took them all from the last.
func (w *warm) saveBodies() {
	if w == nil || !w.worthWriting(int(w.bodies.rendered()), w.bodies.len()) {
		return
	}
	w.unsaved(w.c.Write(bodiesCacheName, func(bw *bufio.Writer) error { return writeBodies(bw, w.bodies) }))
}

// previous returns the last build's file for output path p, if it was
// made from the same inputs and is still as that build left it.
func (w *warm) previous(p string) (string, bool) {
	if w == nil {
		return "", false
	}
	k, ok := w.keys[p]
	if !ok {
		return "", false
	}
	return w.c.Previous(p, k)
}

// staging is how a build with this cache stages the output folder of
// site s: it fills the spare folder, keeps the folder it replaces as the
// next build's spare, and saves the cache once the new one is in place.
func (w *warm) staging(s *Site) output.Staging {
	if w == nil {
		return output.Staging{}
	}
	return output.Staging{Spare: w.c.TakeSpare, Keep: w.c.KeepReplaced, After: func() error { return w.save(s) }}
}

// reuseFile puts the last build's file for output path p in the staging
// folder tmp, unless the spare folder's is there already, and returns
// where it is; ok is false when the file is to be made.
func (w *warm) reuseFile(tmp, p string, made *sync.Map) (file string, ok bool) {
	if w == nil {
		return "", false
	}
	if w.c.Kept(p) {
		w.reused.Add(1)
		return filepath.Join(tmp, filepath.FromSlash(p)), true
	}
	prev, ok := w.previous(p)
	if !ok || output.LinkFile(tmp, p, prev, made) != nil {
		return "", false
	}
	w.reused.Add(1)
	w.linked.Store(p, true)
	return prev, true
}

// writeFile writes output path p into the staging folder tmp; with a
// cache, it records the file's size and time for the manifest, which then
// looks at none of the files written again. A build without one asks for
// no time: a system call for each of 12,000 files.
func (w *warm) writeFile(tmp, p string, data []byte, made *sync.Map) error {
	if w == nil {
		return output.WriteFile(tmp, p, data, made, nil)
	}
	var mtime int64
	if err := output.WriteFile(tmp, p, data, made, &mtime); err != nil {
		return err
	}
	w.written.Store(p, cache.Written{Size: int64(len(data)), Mtime: mtime})
	return nil
}

// prune readies the spare folder tmp: it keeps the files made from the
// keys this build's outputs have, and removes the others.
func (w *warm) prune(tmp string) error {
	keep := func(p string, size, mtime int64) bool {
		k, ok := w.keys[p]
		return ok && w.c.Spared(p, k, size, mtime)
	}
	if w.survey == nil {
		return output.Prune(tmp, keep)
	}
	return w.survey.Prune(tmp, keep)
}

// known tells whether output path p is made from the same inputs as the
// last build's, which the build then likely takes as it is.
func (w *warm) known(p string) bool {
	if w == nil {
		return false
	}
	k, ok := w.keys[p]
	return ok && w.c.Known(p, k)
}

// begin runs once the build holds the output folder: it drops the last
// build's outputs if another build replaced them since the cache was
// opened, and opens the zips the last build left.
func (w *warm) begin(views []*page.SiteView) {
	var ahead map[string]*output.Previous
	if w.ahead != nil {
		ahead = w.ahead() // before Recheck, which the reading may not see
	}
	w.c.Recheck()
	for _, v := range views {
		zp := v.Prefix + v.Zip
		w.zipPaths = append(w.zipPaths, zp)
		w.zips = append(w.zips, w.previousZip(zp, ahead[zp]))
		delete(ahead, zp)
	}
	for _, z := range ahead {
		z.Close()
	}
	clear(ahead)
}

// dropAhead lets the zips read ahead go, once read, unless begin took
// them: a build that stopped before writing did not.
func (w *warm) dropAhead() {
	if w == nil || w.ahead == nil {
		return
	}
	go func() {
		for _, z := range w.ahead() {
			z.Close()
		}
	}()
}

// previousZip opens the zip at output path zp the last build left, if it
// is still as it left it: the one read ahead, if it is that very file.
func (w *warm) previousZip(zp string, ahead *output.Previous) *output.Previous {
	f, ok := w.c.Left(zp)
	if ahead != nil {
		if ok && ahead.Is(f) {
			return ahead
		}
		ahead.Close()
	}
	if !ok {
		return nil
	}
	z, err := output.OpenPrevious(f)
	if err != nil {
		return nil
	}
	return z
}

// readZipsAhead starts reading the zips the last build left, tens of
// megabytes, while the build loads and prepares the content (where the
// output folder is written, it took 10-15 ms more on the build's path),
// and returns what waits for them.
func readZipsAhead(c *cache.Cache) func() map[string]*output.Previous {
	return parallel.Later(func() map[string]*output.Previous {
		zips := map[string]*output.Previous{}
		for _, zp := range c.Unkeyed() {
			if f, ok := c.Left(zp); ok {
				if z, err := output.OpenPrevious(f); err == nil {
					zips[zp] = z
				}
			}
		}
		return zips
	})
}

// end closes the zips begin opened.
func (w *warm) end() {
	for _, z := range w.zips {
		if z != nil {
			z.Close()
		}
	}
	w.zips = nil
}

// copyZipped copies output path p, unchanged, from the last build's zip
// k into z as entry i, if that zip holds it as this build makes it: a
// file kept in the spare folder may be older than the last build's.
func (w *warm) copyZipped(k int, z *output.Zip, i int, p string) bool {
	return k < len(w.zips) && w.zips[k] != nil && w.known(p) && w.zips[k].Copy(z, i, p)
}

// save records this build's outputs for the next, and what it parsed,
// rendered and drew: each in a file of its own, all at once.
func (w *warm) save(s *Site) error {
	var wg sync.WaitGroup
	wg.Go(func() {
		keys := maps.Clone(w.keys)
		for _, zp := range w.zipPaths {
			keys[zp] = cache.Key{}
		}
		w.unsaved(w.c.Save(keys, func(p string) bool {
			_, ok := w.linked.Load(p)
			return ok
		}, func(p string) (cache.Written, bool) {
			v, ok := w.written.Load(p)
			if !ok {
				return cache.Written{}, false
			}
			return v.(cache.Written), true
		}))
	})
	if w.frontsSaved != nil {
		wg.Go(func() { w.unsaved(w.frontsSaved()) })
	}
	wg.Go(w.saveSearch)
	wg.Go(w.saveBodies)
	wg.Go(func() { w.saveFragments(s) })
	wg.Go(w.saveThumbs)
	wg.Wait()
	return nil // the site is built and in place: a cache not saved is a note
}

// unsaved notes a cache that could not be saved: the next build is cold.
func (w *warm) unsaved(err error) {
	if err != nil {
		w.mu.Lock()
		w.notes = append(w.notes, fmt.Sprintf("cache not saved (%v); the next build will be cold", err))
		w.mu.Unlock()
	}
}
