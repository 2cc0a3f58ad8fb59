// Package importer turns landscapes kept for other tools into Panorama
// sites. Landscape2 reads a landscape.yml (the CNCF's, LF AI & Data's and
// most other foundations' landscapes): categories become layers,
// subcategories sections, and items project files.
package importer

import (
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/generator/edition"
	"go.yaml.in/yaml/v3"
)

// Options describe one import.
type Options struct {
	Landscape string // path of landscape.yml
	Logos     string // folder holding the logo files; "" imports no logos
	Out       string // the site folder to write; must be empty or absent
	Title     string // the site's title; default settings.yml's, or "Landscape"
	Settings  string // settings.yml; default the one beside Landscape, if any
	Guide     string // guide.yml; default the one beside Landscape, if any
}

// Result says what an import did. Skipped lists the items, fields and
// places it could not represent, each at its landscape.yml line.
type Result struct {
	Layers, Sections, Projects, Logos int
	Items                             int // items in landscape.yml
	LogoBytesIn, LogoBytesOut         int // SVG logos' bytes before and after minifying
	Skipped                           content.Problems
	// On an import into a site an earlier import wrote: what changed in
	// the report, and what the site's own edits made the import keep or
	// replace.
	Changes *edition.Changes
	Kept    []string
}

// item is one landscape item on its way to a project file.
type item struct {
	pos      content.Pos
	name     string
	layer    *layer
	section  *section
	also     []*section
	slug     string
	website  string
	repo     string
	x        string
	logo     string      // as landscape.yml names it
	logoPos  content.Pos // where it does
	logoOut  string      // its file under content/static/logos, or ""
	summary  string
	body     string
	extra    map[string]any // field id -> string or []string
	tags     []string       // from summary_tags
	more     []string       // Markdown sections made from structured data, after the description
	fileName string
}

type layer struct {
	id, name, description, color string
	sections                     []*section
}

type section struct {
	id, name, description string
	layer                 *layer
	items                 []*item
}

// Landscape2 imports a landscape2 landscape.yml into a new Panorama site.
// It is deterministic: the same input gives the same files.
// maxLandscapeFile bounds landscape.yml and the import's state file: the
// largest real landscape.yml is a few MB. maxSideFile bounds settings.yml
// and guide.yml.
const (
	maxLandscapeFile = 64 << 20
	maxSideFile      = 16 << 20
)

func Landscape2(opt Options) (*Result, error) {
	if opt.Out == "" {
		return nil, fmt.Errorf("give the site folder to write with --out")
	}
	prev, err := readState(opt.Out)
	if err != nil {
		return nil, err
	}
	if prev == nil {
		if err := emptyFolder(opt.Out); err != nil {
			return nil, err
		}
	}
	im, err := readLandscape(&opt)
	if err != nil {
		return nil, err
	}
	stats, logos := im.prepareLogos(opt.Logos)
	res := &Result{Layers: len(im.layers), Items: im.count, LogoBytesIn: stats.svgIn, LogoBytesOut: stats.svgOut}
	for _, l := range im.layers {
		res.Sections += len(l.sections)
	}
	write := func(dir string) error {
		if err := im.write(dir, opt, logos, res); err != nil {
			return err
		}
		st, err := newState(dir)
		if err != nil {
			return err
		}
		return writeState(dir, st)
	}
	if prev == nil {
		err = stage(opt.Out, write)
	} else {
		err = inStaging(opt.Out, write, func(fresh string) error {
			var err error
			res.Changes, res.Kept, err = syncInto(fresh, opt.Out, prev)
			return err
		})
	}
	res.Skipped = im.skipped
	res.Skipped.Sort()
	return res, err
}

// readLandscape reads landscape.yml and the files beside it, and places
// its items.
func readLandscape(opt *Options) (*importer, error) {
	src, err := content.ReadFile(opt.Landscape, maxLandscapeFile)
	if err != nil {
		return nil, err
	}
	file := filepath.Base(opt.Landscape)
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	im := &importer{file: file, fields: map[string]*fieldDef{}}
	if err := im.read(&doc); err != nil {
		return nil, err
	}
	im.place()
	if err := im.readBeside(opt); err != nil {
		return nil, err
	}
	if opt.Logos != "" {
		if fi, err := os.Stat(opt.Logos); err != nil || !fi.IsDir() {
			return nil, fmt.Errorf("--logos %s is not a folder", opt.Logos)
		}
	}
	return im, nil
}

// inStaging makes a site in a staging folder beside out with write, hands
// it to use, and removes it.
func inStaging(out string, write func(dir string) error, use func(dir string) error) error {
	dir, err := os.MkdirTemp(filepath.Dir(out), "."+filepath.Base(out)+".import-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, stageMarker), nil, 0o644); err != nil {
		return err
	}
	if err := write(dir); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(dir, stageMarker)); err != nil {
		return err
	}
	return use(dir)
}

// readBeside reads settings.yml and guide.yml, given or found beside
// landscape.yml, and applies them: the title, layer colours, featured
// items, the members category, TAGs, and the guide's descriptions.
func (im *importer) readBeside(opt *Options) error {
	dir := filepath.Dir(opt.Landscape)
	find := func(given, name string) string {
		if given != "" {
			return given
		}
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return filepath.Join(dir, name)
		}
		return ""
	}
	im.settings = &settings{}
	if f := find(opt.Settings, "settings.yml"); f != "" {
		s, err := im.readSettings(f)
		if err != nil {
			return err
		}
		im.settings = s
	}
	if f := find(opt.Guide, "guide.yml"); f != "" {
		g, err := im.readGuide(f)
		if err != nil {
			return err
		}
		im.guide = g
		g.describe(im.layers)
	}
	if opt.Title == "" {
		opt.Title = im.settings.title
	}
	if opt.Title == "" {
		opt.Title = "Landscape"
	}
	im.applySettings()
	return nil
}

// stage makes the site in a hidden folder beside out and renames it into
// place when write succeeded, so a failed import leaves nothing behind and
// out is never half-written. Staging folders a killed import left carry
// a marker and are removed first.
func stage(out string, write func(dir string) error) error {
	parent, base := filepath.Dir(out), filepath.Base(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	old, _ := filepath.Glob(filepath.Join(parent, "."+base+".import-*"))
	for _, d := range old {
		if _, err := os.Stat(filepath.Join(d, stageMarker)); err == nil {
			os.RemoveAll(d)
		}
	}
	return inStaging(out, write, func(dir string) error {
		if err := emptyFolder(out); err != nil {
			return err
		}
		os.Remove(out) // an empty folder, or nothing
		return os.Rename(dir, out)
	})
}

// stageMarker marks a staging folder as the import's own.
const stageMarker = ".panorama-import-staging"

type importer struct {
	settings *settings
	guide    *guide
	file     string
	layers   []*layer
	items    []*item
	count    int
	fields   map[string]*fieldDef
	skipped  content.Problems
	paths    map[string]*section // "Category / Subcategory" -> section
	second   map[*item][]secondPath
}

type secondPath struct {
	pos  content.Pos
	path string
}

func (im *importer) skip(pos content.Pos, format string, args ...any) {
	im.skipped = append(im.skipped, content.Problem{Pos: pos, Kind: "import", Msg: fmt.Sprintf(format, args...), Warn: true})
}

func (im *importer) pos(n *yaml.Node) content.Pos {
	return content.Pos{File: im.file, Line: n.Line, Col: n.Column}
}

// mapping returns the keys of a mapping node with their values.
func mapping(n *yaml.Node) map[string]*yaml.Node {
	m := map[string]*yaml.Node{}
	if n == nil || n.Kind != yaml.MappingNode {
		return m
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		m[n.Content[i].Value] = n.Content[i+1]
	}
	return m
}

func scalar(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return ""
	}
	return strings.TrimSpace(n.Value)
}

func list(n *yaml.Node) []*yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

// read walks categories, subcategories and items.
func (im *importer) read(doc *yaml.Node) error {
	if len(doc.Content) == 0 {
		return fmt.Errorf("%s: empty file", im.file)
	}
	root := mapping(doc.Content[0])
	cats := root["categories"]
	if cats == nil {
		cats = root["landscape"]
	}
	if cats == nil || cats.Kind != yaml.SequenceNode {
		return fmt.Errorf("%s: no categories; a landscape2 file lists them under categories: (or landscape:)", im.file)
	}
	im.paths = map[string]*section{}
	im.second = map[*item][]secondPath{}
	layerIDs, sectionIDs := map[string]bool{}, map[string]bool{}
	for _, cn := range cats.Content {
		c := mapping(cn)
		name := scalar(c["name"])
		if name == "" {
			im.skip(im.pos(cn), "a category without a name; skipped with its items")
			continue
		}
		l := &layer{id: unique(content.Slugify(name), "layer", layerIDs), name: name}
		im.layers = append(im.layers, l)
		for _, sn := range list(c["subcategories"]) {
			sc := mapping(sn)
			sname := scalar(sc["name"])
			if sname == "" {
				im.skip(im.pos(sn), "a subcategory of %q without a name; skipped with its items", name)
				continue
			}
			id := content.Slugify(sname)
			if sectionIDs[id] {
				id = l.id + "-" + id // section ids are unique across layers
			}
			sec := &section{id: unique(id, "section", sectionIDs), name: sname, layer: l}
			l.sections = append(l.sections, sec)
			im.paths[pathKey(name, sname)] = sec
			for _, in := range list(sc["items"]) {
				im.count++
				if it := im.readItem(in, sec); it != nil {
					sec.items = append(sec.items, it)
					im.items = append(im.items, it)
				}
			}
		}
	}
	return nil
}

func pathKey(cat, sub string) string {
	return strings.ToLower(strings.TrimSpace(cat)) + "/" + strings.ToLower(strings.TrimSpace(sub))
}

// unique returns id, or id with a number when seen has it; an empty id
// becomes kind-N.
func unique(id, kind string, seen map[string]bool) string {
	if id == "" {
		id = kind
	}
	out := id
	for n := 2; seen[out]; n++ {
		out = fmt.Sprintf("%s-%d", id, n)
	}
	seen[out] = true
	return out
}

var handleRE = regexp.MustCompile(`^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/@?([A-Za-z0-9_]{1,15})/?(?:\?.*)?$`)

// builtIn are the item keys that map to Panorama's own fields.
var builtIn = []string{"item", "name", "homepage_url", "repo_url", "logo", "description", "twitter", "second_path"}

func (im *importer) readItem(n *yaml.Node, sec *section) *item {
	m := mapping(n)
	it := &item{pos: im.pos(n), section: sec, layer: sec.layer, extra: map[string]any{}}
	if k := m["name"]; k != nil {
		it.pos = im.pos(k)
	}
	it.name = scalar(m["name"])
	if it.name == "" {
		im.skip(it.pos, "an item of %q without a name; skipped", sec.name)
		return nil
	}
	if strings.ContainsAny(it.name, "\r\n") {
		im.skip(it.pos, "item %q: the name spans lines; skipped", it.name)
		return nil
	}
	it.website = scalar(m["homepage_url"])
	if err := checkURL(it.website); err != nil {
		im.skip(im.pos(orNode(m["homepage_url"], n)), "item %q: homepage_url %v; skipped (a project needs a website)", it.name, err)
		return nil
	}
	if repo := scalar(m["repo_url"]); repo != "" {
		if err := checkURL(repo); err != nil {
			im.skip(im.pos(m["repo_url"]), "item %q: repo_url %v; skipped", it.name, err)
			return nil
		}
		it.repo = repo
	}
	if tw := scalar(m["twitter"]); tw != "" {
		if h := handleRE.FindStringSubmatch(tw); h != nil {
			it.x = h[1]
		} else if checkURL(tw) == nil {
			im.addExtra(it, "twitter", tw, m["twitter"])
		} else {
			im.skip(im.pos(m["twitter"]), "item %q: twitter %q is neither an X handle's address nor an address; left out", it.name, tw)
		}
	}
	it.logo = scalar(m["logo"])
	it.logoPos = im.pos(orNode(m["logo"], n))
	im.describe(it, scalar(m["description"]))
	for _, p := range list(m["second_path"]) {
		im.second[it] = append(im.second[it], secondPath{im.pos(p), scalar(p)})
	}
	im.readFields(it, n)
	return it
}

// readFields makes every key of an item that is not one of Panorama's own
// a site-defined field.
func (im *importer) readFields(it *item, n *yaml.Node) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, v := n.Content[i].Value, n.Content[i+1]
		if slices.Contains(builtIn, key) {
			continue
		}
		switch key {
		case "project":
			im.addExtra(it, "maturity", v, v)
		case "organization":
			im.addExtra(it, "organization", mapping(v)["name"], v)
		case "additional_repos":
			var repos []string
			for _, r := range list(v) {
				if u := scalar(mapping(r)["repo_url"]); u != "" {
					repos = append(repos, u)
				}
			}
			im.addExtra(it, "additional_repos", repos, v)
		case "extra":
			im.readExtra(it, v)
		default:
			im.addExtra(it, key, v, v)
		}
	}
}

func orNode(n, def *yaml.Node) *yaml.Node {
	if n != nil {
		return n
	}
	return def
}

// describe sets the summary and body from an item's description: a short
// one-line description is the summary; a longer one becomes the body, its
// first sentence the summary when that is short enough.
func (im *importer) describe(it *item, d string) {
	d = strings.TrimSpace(d)
	if d == "" {
		return
	}
	oneLine := strings.Join(strings.Fields(d), " ")
	if !strings.ContainsAny(d, "\r\n") && len([]rune(d)) <= content.MaxSummary {
		it.summary = d
		return
	}
	it.body = d
	if i := strings.Index(oneLine, ". "); i > 0 && len([]rune(oneLine[:i+1])) <= content.MaxSummary {
		it.summary = oneLine[:i+1]
	} else if len([]rune(oneLine)) <= content.MaxSummary {
		it.summary = oneLine
	}
}

func checkURL(raw string) error {
	if raw == "" {
		return fmt.Errorf("is missing")
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an http(s) address", raw)
	}
	return nil
}

// place resolves second_path entries and gives every item its slug.
func (im *importer) place() {
	for _, it := range im.items {
		for _, sp := range im.second[it] {
			cat, sub, ok := strings.Cut(sp.path, "/")
			sec := im.paths[pathKey(cat, sub)]
			switch {
			case !ok || sec == nil:
				im.skip(sp.pos, "item %q: second_path %q names no subcategory of this landscape; that place is left out", it.name, sp.path)
			case sec == it.section || slices.Contains(it.also, sec):
				// Already listed there: nothing to add.
			default:
				it.also = append(it.also, sec)
				sec.items = append(sec.items, it)
			}
		}
	}
	// The same name twice in one section cannot be told apart.
	type key struct {
		sec  *section
		name string
	}
	seen := map[key]*item{}
	kept := im.items[:0]
	for _, it := range im.items {
		k := key{it.section, strings.ToLower(it.name)}
		if other, dup := seen[k]; dup {
			im.skip(it.pos, "item %q is listed twice in %q (also at line %d); skipped", it.name, it.section.name, other.pos.Line)
			it.section.items = slices.DeleteFunc(it.section.items, func(x *item) bool { return x == it })
			for _, s := range it.also {
				s.items = slices.DeleteFunc(s.items, func(x *item) bool { return x == it })
			}
			continue
		}
		seen[k] = it
		kept = append(kept, it)
	}
	im.items = kept
	// Slugs: the name, then the name and section when the name repeats.
	slugs := map[string]bool{}
	byName := map[string]int{}
	for _, it := range im.items {
		byName[content.Slugify(it.name)]++
	}
	for _, it := range im.items {
		base := content.Slugify(it.name)
		if base == "" {
			base = "project"
		}
		if byName[base] > 1 {
			base += "-" + it.section.id
		}
		if len(base) > content.MaxSlug-10 {
			base = strings.TrimRight(base[:content.MaxSlug-10], "-") // room for a -N
		}
		it.slug = unique(base, "project", slugs)
	}
}

// emptyFolder refuses an output folder that holds anything.
func emptyFolder(dir string) error {
	if dir == "" {
		return fmt.Errorf("give the site folder to write with --out")
	}
	f, err := os.Open(dir)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.Readdirnames(1); err == io.EOF {
		return nil
	}
	return fmt.Errorf("%s is not empty and no import wrote it (it has no %s); import into a new folder", dir, StateFile)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
