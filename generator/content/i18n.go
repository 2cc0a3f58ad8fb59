package content

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// A report in several languages: site.yaml lists them, the first being
// the default; every other language's texts are sibling files. site.CODE.yaml
// holds the site's, layers' and sections' texts; a chapter's translation
// is report/NAME.CODE.md and a project's projects/SLUG.CODE.md, holding
// only what may be translated (a project's data stays in one place) and
// the hash of the source they were translated from.

// Language is one language of the report.
type Language struct {
	Code string // in file names and output folders: zh
	Name string // as its readers write it: 简体中文
	Tag  string // BCP 47 for lang attributes; default the code
	Dir  string // ltr or rtl
	Pos  Pos
}

// Text is a translated name and description.
type Text struct{ Name, Description string }

// Translation is everything translated into one language.
type Translation struct {
	Lang                         *Language
	File                         string // site.CODE.yaml, "" when there is none
	Title, Subtitle, Description string
	Layers, Sections             map[string]Text // by id
	Chapters                     map[string]*ChapterText
	Projects                     map[string]*ProjectText

	ids map[string]Pos // where site.CODE.yaml names each layer and section
}

// ChapterText is a chapter's translation.
type ChapterText struct {
	File, Title, Summary string
	Body                 []byte
	BodyLine             int
	Source               string // the source file's hash when it was translated
	SourcePos            Pos
}

// ProjectText is a project's translation: a name only when it differs.
type ProjectText struct {
	File, Name, Summary string
	Body                []byte
	BodyLine            int
	Source              string
	SourcePos           Pos
}

var (
	langCodeRE = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})*$`)
	langTagRE  = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
)

var languageKeys = []string{"code", "name", "tag", "dir"}

// loadLanguages reads languages:; without it the report has one, the
// site's language.
func loadLanguages(f *fields, site *Site, ps *Problems) {
	n, ok := f.vals["languages"]
	if !ok || isNull(n) {
		site.Languages = []*Language{{Code: site.Language, Name: site.Language, Tag: site.Language, Dir: "ltr"}}
		return
	}
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		ps.add(f.pos(n), KindSiteStructure, "languages: want a list of languages, each with code and name, the default first")
		return
	}
	seen := map[string]bool{}
	for _, ln := range n.Content {
		if ln.Kind != yaml.MappingNode {
			ps.add(f.pos(ln), KindSiteStructure, "languages: want a mapping with code and name, got %s", kindName(ln))
			continue
		}
		lf := newFields(f.file, f.off+1, ln, ps)
		lf.unknown(languageKeys)
		l := &Language{Code: lf.str("code", true), Name: lf.str("name", true), Tag: lf.str("tag", false), Dir: lf.str("dir", false), Pos: lf.at("code")}
		switch {
		case l.Code == "":
			continue
		case !langCodeRE.MatchString(l.Code):
			ps.add(lf.at("code"), KindID, "languages: code %q: want a lower-case language code such as en, zh or pt-br", l.Code)
			continue
		case seen[l.Code]:
			ps.add(lf.at("code"), KindDuplicateID, "languages: %q is listed twice", l.Code)
			continue
		}
		seen[l.Code] = true
		if l.Tag == "" {
			l.Tag = l.Code
		} else if !langTagRE.MatchString(l.Tag) {
			ps.add(lf.at("tag"), KindFieldValue, "languages: tag %q is not a language tag such as zh-Hans", l.Tag)
		}
		switch l.Dir {
		case "":
			l.Dir = "ltr"
		case "ltr", "rtl":
		default:
			ps.add(lf.at("dir"), KindFieldValue, "languages: dir %q: want ltr or rtl", l.Dir)
		}
		site.Languages = append(site.Languages, l)
	}
	if len(site.Languages) > 0 {
		if _, given := f.vals["language"]; given && site.Language != site.Languages[0].Tag && site.Language != site.Languages[0].Code {
			ps.add(f.at("language"), KindFieldValue, "language %q differs from the first of languages, %q, which is the default; leave language out", site.Language, site.Languages[0].Code)
		}
		site.Language = site.Languages[0].Tag
	}
}

// Others are the languages other than the default.
func (s *Site) Others() []*Language {
	if len(s.Languages) < 2 {
		return nil
	}
	return s.Languages[1:]
}

// translationOf says whether file (report/x.zh.md) is a translation, and
// into which of the site's other languages, and of which slug.
func translationOf(site *Site, file string) (lang *Language, slug string) {
	base := strings.TrimSuffix(path.Base(file), ".md")
	i := strings.LastIndexByte(base, '.')
	if i < 0 {
		return nil, ""
	}
	for _, l := range site.Others() {
		if base[i+1:] == l.Code {
			return l, base[:i]
		}
	}
	return nil, ""
}

// SourceHash is the hash a translation records of its source file.
func SourceHash(src []byte) string {
	h := sha256.Sum256(src)
	return "sha256:" + hex.EncodeToString(h[:8])
}

var (
	chapterTextKeys = []string{"title", "summary", "source"}
	projectTextKeys = []string{"name", "summary", "source"}
)

// loadText reads a translation's front matter: only the keys that may be
// translated; any other is an error, since the data stays in its source.
func loadText(file, source string, src []byte, allowed []string, ps *Problems) (*fields, []byte, int) {
	f, body, bodyLine := frontMatter(file, src, ps)
	if f == nil {
		return nil, nil, 0
	}
	for i := 0; i+1 < len(f.node.Content); i += 2 {
		k := f.node.Content[i].Value
		if !slices.Contains(allowed, k) {
			ps.add(f.pos(f.node.Content[i]), KindTranslation, "%q may not be translated: a translation holds only %s; the data stays in %s", k, strings.Join(allowed, ", "), source)
		}
	}
	return f, body, bodyLine
}

// loadTranslations reads every translation file of the site's other
// languages: site.CODE.yaml and the chapters' and projects' siblings.
func (s *Set) loadTranslations(fsys fs.FS, chapters, projects []string) {
	s.Translations = map[string]*Translation{}
	for _, l := range s.Site.Others() {
		s.Translations[l.Code] = &Translation{Lang: l, Layers: map[string]Text{}, Sections: map[string]Text{},
			Chapters: map[string]*ChapterText{}, Projects: map[string]*ProjectText{}}
		s.loadSiteText(fsys, s.Translations[l.Code])
	}
	read := func(file string) []byte {
		src, msg, err := ReadRegular(fsys, file, maxFileSize)
		if err != nil || msg != "" {
			if msg == "" {
				msg = err.Error()
			}
			s.problems.add(Pos{File: file}, KindFileType, "%s", msg)
			return nil
		}
		return src
	}
	// each reads the translations in files, and keeps each with keep.
	each := func(files []string, keys []string, keep func(t *Translation, slug, file string, f *fields, body []byte, line int)) {
		for _, file := range files {
			l, slug := translationOf(s.Site, file)
			src := read(file)
			if src == nil {
				continue
			}
			f, body, line := loadText(file, path.Join(path.Dir(file), slug+".md"), src, keys, &s.problems)
			if f != nil {
				keep(s.Translations[l.Code], slug, file, f, body, line)
			}
		}
	}
	each(chapters, chapterTextKeys, func(t *Translation, slug, file string, f *fields, body []byte, line int) {
		t.Chapters[slug] = &ChapterText{File: file, Title: f.str("title", false), Summary: f.str("summary", false),
			Body: body, BodyLine: line, Source: f.str("source", false), SourcePos: f.at("source")}
	})
	each(projects, projectTextKeys, func(t *Translation, slug, file string, f *fields, body []byte, line int) {
		t.Projects[slug] = &ProjectText{File: file, Name: f.str("name", false), Summary: f.str("summary", false),
			Body: body, BodyLine: line, Source: f.str("source", false), SourcePos: f.at("source")}
	})
}

var siteTextKeys = []string{"title", "subtitle", "description", "layers", "sections"}

// loadSiteText reads site.CODE.yaml, if there is one.
func (s *Set) loadSiteText(fsys fs.FS, t *Translation) {
	file := "content/site." + t.Lang.Code + ".yaml"
	src, msg, err := ReadRegular(fsys, file, maxFileSize)
	if err != nil || msg != "" {
		if msg != "" {
			s.problems.add(Pos{File: file}, KindFileType, "%s", msg)
		}
		return
	}
	t.File = file
	root := parseYAML(file, src, 1, &s.problems)
	if root == nil {
		return
	}
	f := newFields(file, 1, root, &s.problems)
	for i := 0; i+1 < len(f.node.Content); i += 2 {
		if k := f.node.Content[i].Value; !slices.Contains(siteTextKeys, k) {
			s.problems.add(f.pos(f.node.Content[i]), KindTranslation, "%q may not be translated: %s holds only %s", k, file, strings.Join(siteTextKeys, ", "))
		}
	}
	t.Title, t.Subtitle, t.Description = f.str("title", false), f.str("subtitle", false), f.str("description", false)
	texts := func(key string, into map[string]Text) {
		n, ok := f.vals[key]
		if !ok || isNull(n) {
			return
		}
		if n.Kind != yaml.MappingNode {
			s.problems.add(f.pos(n), KindSiteStructure, "%s: want a mapping from id to name and description", key)
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			id, v := n.Content[i].Value, n.Content[i+1]
			if v.Kind != yaml.MappingNode {
				s.problems.add(f.pos(v), KindSiteStructure, "%s: %s: want name and description", key, id)
				continue
			}
			tf := newFields(file, 1, v, &s.problems)
			for j := 0; j+1 < len(v.Content); j += 2 {
				if k := v.Content[j].Value; k != "name" && k != "description" {
					s.problems.add(tf.pos(v.Content[j]), KindTranslation, "%s: %s: %q may not be translated: only name and description", key, id, k)
				}
			}
			into[id] = Text{Name: tf.str("name", false), Description: tf.str("description", false)}
			if t.ids == nil {
				t.ids = map[string]Pos{}
			}
			t.ids[key+"/"+id] = f.pos(n.Content[i])
		}
	}
	texts("layers", t.Layers)
	texts("sections", t.Sections)
}

// validateTranslations reports translations of what the report does not
// have: a layer, a section, a chapter or a project.
func (s *Set) validateTranslations(ps *Problems) {
	chapters, projects := map[string]bool{}, map[string]bool{}
	var chapterSlugs, projectSlugs []string
	for _, c := range s.Chapters {
		chapters[c.Slug] = true
		chapterSlugs = append(chapterSlugs, c.Slug)
	}
	for _, p := range s.Projects {
		projects[p.Slug] = true
		projectSlugs = append(projectSlugs, p.Slug)
	}
	for _, l := range s.Site.Others() {
		t := s.Translations[l.Code]
		for id := range t.Layers {
			if s.Site.LayerByID(id) == nil {
				ps.add(t.ids["layers/"+id], KindUnknownLayer, "layers: %q is not a layer of %s%s", id, SiteFile, didYouMean(id, layerIDs(s.Site)))
			}
		}
		for id := range t.Sections {
			if s.Site.SectionByID(id) == nil {
				ps.add(t.ids["sections/"+id], KindUnknownSection, "sections: %q is not a section of %s%s", id, SiteFile, didYouMean(id, sectionIDs(s.Site)))
			}
		}
		for slug, c := range t.Chapters {
			if !chapters[slug] {
				ps.add(Pos{File: c.File}, KindTranslation, "translates %s, which does not exist%s", path.Join(ReportDir, slug+".md"), didYouMean(slug, chapterSlugs))
			}
		}
		for slug, p := range t.Projects {
			if !projects[slug] {
				ps.add(Pos{File: p.File}, KindTranslation, "translates %s, which does not exist%s", path.Join(ProjectsDir, slug+".md"), didYouMean(slug, projectSlugs))
			}
		}
	}
}

func layerIDs(site *Site) []string {
	var out []string
	for _, l := range site.Layers {
		out = append(out, l.ID)
	}
	return out
}

func sectionIDs(site *Site) []string {
	var out []string
	for _, l := range site.Layers {
		out = append(out, l.SectionIDs()...)
	}
	return out
}

// StaleTranslations warns of each translation whose source changed since
// it was translated: the hash it records differs from its source's, or it
// records none. Contents, not file times, decide.
func (s *Set) StaleTranslations() Problems {
	var ps Problems
	check := func(file, source, recorded string, pos Pos) {
		src, msg, err := ReadRegular(s.fsys, source, maxFileSize)
		if err != nil || msg != "" {
			return // a missing source is Validate's
		}
		now := SourceHash(src)
		switch {
		case recorded == "":
			ps.warn(Pos{File: file}, KindStaleTranslation, "records no source: hash; add source: %s once it matches %s", now, source)
		case recorded != now:
			ps.warn(pos, KindStaleTranslation, "%s changed since it was translated (source %s, now %s); update the translation, then set source: %s", source, recorded, now, now)
		}
	}
	for _, l := range s.Site.Others() {
		t := s.Translations[l.Code]
		for slug, c := range t.Chapters {
			check(c.File, path.Join(path.Dir(c.File), slug+".md"), c.Source, c.SourcePos)
		}
		for slug, p := range t.Projects {
			check(p.File, path.Join(path.Dir(p.File), slug+".md"), p.Source, p.SourcePos)
		}
	}
	ps.Sort()
	return ps
}

// TranslationStub is a new translation of a project's file into lang:
// its translatable fields with the source's values to translate, and the
// source's hash.
func TranslationStub(source []byte, p *Project, lang *Language) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "---\n# The %s translation of %s: only name (when it differs), summary\n# and the text below are translated; the data stays in the source.\n", lang.Name, p.File)
	fmt.Fprintf(&b, "# name: %s\n", QuoteYAML(p.Name))
	fmt.Fprintf(&b, "summary: %s   # translate this\n", QuoteYAML(p.Summary))
	fmt.Fprintf(&b, "source: %s   # the source it translates; check warns when the source changes\n---\n", SourceHash(source))
	return []byte(b.String())
}

// QuoteYAML writes s as a one-line YAML string, always double-quoted, so
// no value a contributor gives can become YAML structure.
func QuoteYAML(s string) string {
	n := yaml.Node{Kind: yaml.ScalarNode, Style: yaml.DoubleQuotedStyle, Value: s}
	out, err := yaml.Marshal(&n)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	return strings.TrimSuffix(string(out), "\n")
}

// notALanguage explains a file name like acme.fr that reads as a
// translation into a language site.yaml does not list.
func notALanguage(slug string) string {
	i := strings.LastIndexByte(slug, '.')
	if i < 0 || !langCodeRE.MatchString(slug[i+1:]) || !slugRE.MatchString(slug[:i]) {
		return ""
	}
	return fmt.Sprintf(", or, if it translates %s.md, list the language %q under languages: in %s", slug[:i], slug[i+1:], SiteFile)
}

// In returns the set as the pages of language code show it: the site's,
// layers', sections', chapters' and projects' texts translated where a
// translation gives them, the default language's elsewhere (marked by
// Fallback). The data is shared with s; the set must be validated. For
// the default language it returns s.
func (s *Set) In(code string) *Set {
	t := s.Translations[code]
	if t == nil {
		return s
	}
	def := s.Site.Languages[0].Tag
	site := *s.Site
	site.Language = t.Lang.Tag
	site.Title, site.TitleLang = pick(t.Title, site.Title, def)
	site.Subtitle, site.SubtitleLang = pick(t.Subtitle, site.Subtitle, def)
	site.Description, site.DescriptionLang = pick(t.Description, site.Description, def)
	layers, sections := translateLayers(&site, s.Site.Layers, t, def)
	out := *s
	out.Site = &site
	out.Chapters = make([]*Chapter, len(s.Chapters))
	for i, c := range s.Chapters {
		out.Chapters[i] = translateChapter(c, t.Chapters[c.Slug], def)
	}
	out.Projects = make([]*Project, len(s.Projects))
	for i, p := range s.Projects {
		np := translateProject(p, t.Projects[p.Slug], def)
		np.Layer, np.Section = layers[p.Layer], sections[p.Section]
		np.Sections = make([]*Section, len(p.Sections))
		for j, sec := range p.Sections {
			np.Sections[j] = sections[sec]
		}
		out.Projects[i] = np
	}
	return &out
}

// translateLayers gives site copies of the layers and their sections in
// the translation's words, and says which copy stands for which original.
func translateLayers(site *Site, from []*Layer, t *Translation, def string) (map[*Layer]*Layer, map[*Section]*Section) {
	layers := map[*Layer]*Layer{}
	sections := map[*Section]*Section{}
	site.Layers = make([]*Layer, len(from))
	for i, l := range from {
		nl := *l
		tx := t.Layers[l.ID]
		nl.Name, nl.NameLang = pick(tx.Name, l.Name, def)
		nl.Description, nl.DescriptionLang = pick(tx.Description, l.Description, def)
		nl.Sections = make([]*Section, len(l.Sections))
		for j, sec := range l.Sections {
			ns := *sec
			tx := t.Sections[sec.ID]
			ns.Name, ns.NameLang = pick(tx.Name, sec.Name, def)
			ns.Description, ns.DescriptionLang = pick(tx.Description, sec.Description, def)
			ns.Layer = &nl
			nl.Sections[j] = &ns
			sections[sec] = &ns
		}
		site.Layers[i] = &nl
		layers[l] = &nl
	}
	return layers, sections
}

// translateChapter is a copy of c in its translation's words, or marked
// as shown in the default language when it has none.
func translateChapter(c *Chapter, tc *ChapterText, def string) *Chapter {
	nc := *c
	nc.Source = c.File
	if tc == nil {
		nc.Fallback = def
		return &nc
	}
	nc.File, nc.Title, nc.Summary = tc.File, or(tc.Title, c.Title), or(tc.Summary, c.Summary)
	if len(tc.Body) > 0 {
		nc.Body, nc.BodyLine = tc.Body, tc.BodyLine
	}
	return &nc
}

// translateProject is the same for a project, whose body may fall back
// alone.
func translateProject(p *Project, tp *ProjectText, def string) *Project {
	np := *p
	np.Source = p.File
	if tp == nil {
		np.Fallback = def
		return &np
	}
	np.File, np.Name, np.Summary = tp.File, or(tp.Name, p.Name), or(tp.Summary, p.Summary)
	if len(bytes.TrimSpace(tp.Body)) > 0 {
		np.Body, np.BodyLine = tp.Body, tp.BodyLine
	} else if len(bytes.TrimSpace(p.Body)) > 0 {
		np.File = p.File // the body, and its links, are the source's
		np.BodyFallback = def
	}
	return &np
}

// pick is the translation when there is one, else the default language's
// text and its language tag (none for an empty text).
func pick(translated, text, def string) (string, string) {
	if translated != "" || text == "" {
		return or(translated, text), ""
	}
	return text, def
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
