package importer

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/internal/parallel"
	"github.com/panorama-ssg/panorama/internal/words"
	"go.yaml.in/yaml/v3"
)

// write makes the site: site.yaml, a project file per item, the logos, a
// chapter that says where the data came from, and the project schema.
// Warnings the imported data cannot help (a member and a provider sharing
// a website, items without a description) are accepted in site.yaml, by
// file, so check passes and says how many it accepted.
func (im *importer) write(root string, opt Options, logos []*logoFile, res *Result) error {
	if err := im.writeProjects(root, logos); err != nil {
		return err
	}
	res.Projects, res.Logos = len(im.items), len(logos)
	if err := im.writeSiteFiles(root, opt, res); err != nil {
		return err
	}
	siteFile := filepath.Join(root, filepath.FromSlash(content.SiteFile))
	if err := os.WriteFile(siteFile, im.siteYAML(opt.Title, nil), 0o644); err != nil {
		return err
	}
	// Load what was written to find the warnings to accept.
	set, err := content.Load(os.DirFS(root), content.Options{TrustLogos: true})
	if err != nil {
		return err
	}
	if err := set.Validate(); err != nil {
		return fmt.Errorf("the imported site does not validate; please report this: %w", err)
	}
	accept := acceptRules(append(set.Warnings(), set.EmptySections()...))
	if err := os.WriteFile(siteFile, im.siteYAML(opt.Title, accept), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(root, filepath.FromSlash(content.SchemaFile)), content.Schema(set.Site), 0o644)
}

// writeProjects writes a file per item and the logos, on every core.
func (im *importer) writeProjects(root string, logos []*logoFile) error {
	dirs := []string{"content/projects", "content/report"}
	if len(logos) > 0 {
		dirs = append(dirs, "content/static/logos")
	}
	for _, d := range dirs {
		if err := os.MkdirAll(filepath.Join(root, filepath.FromSlash(d)), 0o755); err != nil {
			return err
		}
	}
	errs := make([]error, len(im.items)+len(logos))
	parallel.For(len(errs), func(i int) {
		if i < len(im.items) {
			it := im.items[i]
			it.fileName = "content/projects/" + it.slug + ".md"
			errs[i] = os.WriteFile(filepath.Join(root, filepath.FromSlash(it.fileName)), im.projectFile(it), 0o644)
			return
		}
		l := logos[i-len(im.items)]
		errs[i] = os.WriteFile(filepath.Join(root, "content", "static", "logos", l.out), l.data, 0o644)
	})
	return errors.Join(errs...)
}

// writeSiteFiles writes the chapters the import makes, the sync workflow
// and the .gitignore a new site has.
func (im *importer) writeSiteFiles(root string, opt Options, res *Result) error {
	if err := os.WriteFile(filepath.Join(root, "content", "report", "01-about.md"), im.aboutChapter(opt, res), 0o644); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(root, ".github", "workflows"), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(SyncWorkflow)), syncWorkflow, 0o644); err != nil {
		return err
	}
	// The build's output and staging folders stay out of git, as in new site.
	if err := os.WriteFile(filepath.Join(root, ".gitignore"), []byte("public/\n.public.*\n"), 0o644); err != nil {
		return err
	}
	if im.guide != nil && len(im.guide.parts) > 0 {
		return os.WriteFile(filepath.Join(root, "content", "report", "02-guide.md"), im.guide.chapter(), 0o644)
	}
	return nil
}

// SyncWorkflow is the GitHub workflow an import writes into the site: it
// imports the upstream landscape again on a schedule and opens a pull
// request with what changed.
const SyncWorkflow = ".github/workflows/landscape-sync.yml"

//go:embed landscape-sync.yml
var syncWorkflow []byte

// acceptRules accepts the warnings an imported landscape has by nature:
// duplicate websites and empty sections where they are, and missing
// summaries everywhere (most landscape items have no description).
func acceptRules(ws content.Problems) []map[string]any {
	files := map[string]map[string]bool{}
	for _, w := range ws {
		if files[w.Kind] == nil {
			files[w.Kind] = map[string]bool{}
		}
		files[w.Kind][w.Pos.File] = true
	}
	var out []map[string]any
	if fs := files[string(content.KindDuplicateWebsite)]; len(fs) > 0 {
		out = append(out, map[string]any{"kind": string(content.KindDuplicateWebsite), "files": sortedKeys(fs),
			"why": "The landscape lists these organisations in several places, each with its own entry."})
	}
	if len(files[string(content.KindMissingSummary)]) > 0 {
		out = append(out, map[string]any{"kind": string(content.KindMissingSummary),
			"why": "The landscape gives no description for these items."})
	}
	if fs := files[string(content.KindLargeLogo)]; len(fs) > 0 {
		out = append(out, map[string]any{"kind": string(content.KindLargeLogo), "files": sortedKeys(fs),
			"why": "The logos are as the landscape received them; shrink them to drop these lines."})
	}
	if fs := files[string(content.KindEmptySection)]; len(fs) > 0 {
		out = append(out, map[string]any{"kind": string(content.KindEmptySection), "files": sortedKeys(fs),
			"why": "The landscape has subcategories with no items."})
	}
	return out
}

// node builders for YAML written in a fixed order.
func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func seq(items []string, flow bool) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode}
	if flow {
		n.Style = yaml.FlowStyle
	}
	for _, s := range items {
		n.Content = append(n.Content, str(s))
	}
	return n
}

func anyNode(v any) *yaml.Node {
	switch x := v.(type) {
	case string:
		return str(x)
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: fmt.Sprint(x)}
	case []string:
		return seq(x, false)
	case map[string]any:
		m := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
		for _, k := range sortedKeys(x) {
			m.Content = append(m.Content, str(k), anyNode(x[k]))
		}
		return m
	}
	panic(fmt.Sprintf("importer: no YAML for %T", v))
}

type kv struct {
	k string
	v *yaml.Node
}

func mapNode(pairs ...kv) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode}
	for _, p := range pairs {
		if p.v != nil {
			m.Content = append(m.Content, str(p.k), p.v)
		}
	}
	return m
}

func encode(n *yaml.Node) []byte {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		panic("importer: encoding YAML: " + err.Error())
	}
	return b.Bytes()
}

func (im *importer) projectFile(it *item) []byte {
	f := content.NewProjectFile()
	f.Str("name", it.name, "")
	f.Plain("layer", it.layer.id, "")
	f.Plain("section", it.section.id, "")
	if len(it.also) > 0 {
		ids := make([]string, len(it.also))
		for i, s := range it.also {
			ids[i] = s.id
		}
		f.List("also_in", ids, "")
	}
	if it.summary != "" {
		f.Str("summary", it.summary, "")
	}
	f.Str("website", it.website, "")
	if it.repo != "" {
		f.Str("github", it.repo, "")
	}
	if it.x != "" {
		f.Str("x", it.x, "")
	}
	if len(it.tags) > 0 {
		f.List("tags", it.tags, "")
	}
	if it.logoOut != "" {
		f.Str("logo", "logos/"+it.logoOut, "")
	}
	im.writeExtras(f, it)
	var parts []string
	if it.body != "" {
		parts = append(parts, escapeMarkdown(it.body)+"\n")
	}
	parts = append(parts, it.more...)
	return f.Bytes(strings.Join(parts, "\n"))
}

// writeExtras writes an item's site-defined fields, known ones first: a
// boolean field as true or false, a list as a list, the rest as text.
func (im *importer) writeExtras(f *content.ProjectFile, it *item) {
	keys := sortedKeys(it.extra)
	slices.SortStableFunc(keys, func(a, b string) int { return knownRank(a) - knownRank(b) })
	for _, k := range keys {
		switch v := it.extra[k].(type) {
		case []string:
			f.List(k, v, "")
		case string:
			if d := im.fields[k]; d != nil && d.typ() == "boolean" {
				f.Plain(k, v, "")
			} else {
				f.Str(k, v, "")
			}
		}
	}
}

func (im *importer) siteYAML(title string, accept []map[string]any) []byte {
	desc := im.settings.description
	if desc == "" {
		desc = fmt.Sprintf("%s: %s in %s, imported from a landscape2 landscape.yml.", title, words.Plural(len(im.items), "project"), words.Count(len(im.layers), "category", "categories"))
	}
	pairs := []kv{
		{"title", str(title)},
		{"description", str(desc)},
	}
	if links := im.siteLinks(); len(links) > 0 {
		pairs = append(pairs, kv{"links", &yaml.Node{Kind: yaml.SequenceNode, Content: links}})
	}
	pairs = append(pairs, kv{"layers", &yaml.Node{Kind: yaml.SequenceNode, Content: im.layerNodes()}})
	if groups := im.groups(); len(groups) > 0 {
		pairs = append(pairs, kv{"groups", &yaml.Node{Kind: yaml.SequenceNode, Content: groups}})
	}
	if m := im.mapRules(); m != nil {
		pairs = append(pairs, kv{"map", m})
	}
	if fields := im.fieldNodes(); len(fields) > 0 {
		pairs = append(pairs, kv{"fields", &yaml.Node{Kind: yaml.SequenceNode, Content: fields}})
	}
	if len(accept) > 0 {
		pairs = append(pairs, kv{"accept", &yaml.Node{Kind: yaml.SequenceNode, Content: acceptNodes(accept)}})
	}
	return append([]byte("# Imported from a landscape2 landscape.yml by panorama import.\n"), encode(mapNode(pairs...))...)
}

// layerNodes are site.yaml's layers: the landscape's categories, with
// their subcategories as sections.
func (im *importer) layerNodes() []*yaml.Node {
	var layers []*yaml.Node
	for _, l := range im.layers {
		var secs []*yaml.Node
		for _, s := range l.sections {
			secs = append(secs, mapNode(kv{"id", str(s.id)}, kv{"name", str(s.name)}, kv{"description", strOrNil(s.description)}))
		}
		layers = append(layers, mapNode(kv{"id", str(l.id)}, kv{"name", str(l.name)}, kv{"description", strOrNil(l.description)},
			kv{"color", strOrNil(l.color)}, kv{"sections", &yaml.Node{Kind: yaml.SequenceNode, Content: secs}}))
	}
	return layers
}

// fieldNodes are site.yaml's fields, one a line, known ones first, no two
// with the same label.
func (im *importer) fieldNodes() []*yaml.Node {
	var fields []*yaml.Node
	labels := map[string]bool{}
	ids := sortedKeys(im.fields)
	slices.SortStableFunc(ids, func(a, b string) int { return knownRank(a) - knownRank(b) })
	for _, id := range ids {
		f := im.fields[id].field(len(im.items))
		if labels[f["label"].(string)] {
			f["label"] = id // two ids that read alike, such as linkedin and linkedin_url
		}
		labels[f["label"].(string)] = true
		n := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
		for _, k := range []string{"id", "label", "type", "values", "show", "filter"} {
			if v, ok := f[k]; ok {
				n.Content = append(n.Content, str(k), anyNode(v))
			}
		}
		fields = append(fields, n)
	}
	return fields
}

// acceptNodes are site.yaml's rules accepting the import's warnings.
func acceptNodes(accept []map[string]any) []*yaml.Node {
	var rules []*yaml.Node
	for _, r := range accept {
		rule := []kv{{"kind", str(r["kind"].(string))}}
		if fs, ok := r["files"].([]string); ok {
			rule = append(rule, kv{"files", seq(fs, false)})
		}
		rule = append(rule, kv{"why", str(r["why"].(string))})
		rules = append(rules, mapNode(rule...))
	}
	return rules
}

func (im *importer) aboutChapter(opt Options, res *Result) []byte {
	var b strings.Builder
	b.WriteString("---\ntitle: About this landscape\nweight: 1\nsummary: Where the map's data comes from.\n---\n\n")
	fmt.Fprintf(&b, "This map was imported from a landscape2 `landscape.yml`: %d items in %d categories and %d subcategories. ", res.Items, res.Layers, res.Sections)
	b.WriteString("Categories are the map's layers, subcategories its sections, and each item is a project with its own page.\n")
	s := im.settings
	if s.url != "" {
		fmt.Fprintf(&b, "\nThe landscape is also published at %s.\n", mdLink(s.url, s.url))
	}
	if s.footer != "" {
		// The landscape's own notice (copyright, data terms), as Markdown;
		// the renderer drops raw HTML.
		b.WriteString("\n## Notice\n\n" + strings.TrimSpace(s.footer) + "\n")
	}
	return []byte(b.String())
}

// siteLinks are the landscape's own addresses for the footer: where it is
// published, then settings.yml's links, each address once.
func (im *importer) siteLinks() []*yaml.Node {
	var out []*yaml.Node
	seen := map[string]bool{}
	add := func(name, u string) {
		if u != "" && !seen[u] {
			seen[u] = true
			out = append(out, mapNode(kv{"name", str(name)}, kv{"url", str(u)}))
		}
	}
	add("Original landscape", im.settings.url)
	for _, l := range im.settings.links {
		add(l.name, l.url)
	}
	return out
}

// groups are settings.yml's groups as site.yaml's, by layer id: the map's
// tabs. Layers no group names join a last group, "Other", so every layer
// is on a tab. Without groups, a members category is a tab of its own
// after the rest, as on landscape2's sites, so members' tiles do not sit
// among the projects.
func (im *importer) groups() []*yaml.Node {
	groups := im.settings.groups
	if len(groups) == 0 {
		groups = im.membersGroups()
	}
	var out []*yaml.Node
	grouped := map[*layer]bool{}
	ids := map[string]bool{}
	for _, g := range groups {
		var layers []string
		for _, name := range g.categories {
			for _, l := range im.layers {
				if strings.EqualFold(l.name, name) && !slices.Contains(layers, l.id) {
					layers = append(layers, l.id)
					grouped[l] = true
				}
			}
		}
		if len(layers) == 0 {
			continue // its categories are not in landscape.yml: noted when read
		}
		out = append(out, mapNode(kv{"id", str(unique(content.Slugify(g.name), "group", ids))}, kv{"name", str(g.name)}, kv{"layers", seq(layers, true)}))
	}
	var rest []string
	for _, l := range im.layers {
		if !grouped[l] {
			rest = append(rest, l.id)
		}
	}
	if len(rest) > 0 && len(out) > 0 {
		out = append(out, mapNode(kv{"id", str(unique("other", "group", ids))}, kv{"name", str("Other")}, kv{"layers", seq(rest, true)}))
	}
	return out
}

// membersGroups are two tabs, "Projects and products" and "Members",
// when settings.yml names a members category that landscape.yml has
// beside others; none otherwise.
func (im *importer) membersGroups() []group {
	m := im.settings.members
	var rest []string
	found := false
	for _, l := range im.layers {
		if m != "" && strings.EqualFold(l.name, m) {
			found = true
		} else {
			rest = append(rest, l.name)
		}
	}
	if !found || len(rest) == 0 {
		return nil
	}
	return []group{{name: "Projects and products", categories: rest}, {name: "Members", categories: []string{m}}}
}

// mapRules marks the map as landscape2 does: featured items (settings'
// featured_items, kept in the featured field) drawn larger with their
// label, archived ones faded.
func (im *importer) mapRules() *yaml.Node {
	rule := func(pairs ...kv) *yaml.Node {
		n := mapNode(pairs...)
		n.Style = yaml.FlowStyle
		return n
	}
	var pairs []kv
	if d := im.fields["featured"]; d != nil {
		pairs = append(pairs, kv{"featured", &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{rule(kv{"field", str("featured")})}}})
	}
	if d := im.fields["maturity"]; d != nil && slices.Contains(d.values, "archived") {
		pairs = append(pairs, kv{"dimmed", &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{rule(kv{"field", str("maturity")}, kv{"value", str("archived")}, kv{"label", str("Archived")})}}})
	}
	if len(pairs) == 0 {
		return nil
	}
	return mapNode(pairs...)
}

func strOrNil(s string) *yaml.Node {
	if s == "" {
		return nil
	}
	return str(s)
}

// escapeMarkdown keeps a plain-text description from being read as
// Markdown: punctuation that formats is escaped, and lines that would
// start a list, heading, quote or rule are too.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for i, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		line = strings.TrimRight(line, " \t")
		trimmed := strings.TrimLeft(line, " \t")
		line = trimmed // indentation would make a code block
		if len(line) > 0 && strings.ContainsRune("-+=>#", rune(line[0])) {
			b.WriteByte('\\')
		} else if n := leadingDigits(line); n > 0 && n < len(line) && (line[n] == '.' || line[n] == ')') {
			b.WriteString(line[:n])
			b.WriteByte('\\')
			line = line[n:]
		}
		for _, r := range line {
			if strings.ContainsRune("\\`*_[]<>|~!&", r) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

func leadingDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}
