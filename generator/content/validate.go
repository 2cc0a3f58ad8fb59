package content

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/mozillazg/go-unidecode"
	"golang.org/x/text/unicode/norm"

	"github.com/panorama-ssg/panorama/internal/parallel"
)

var (
	slugRE   = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	idRE     = slugRE
	handleRE = regexp.MustCompile(`^[A-Za-z0-9_]{1,15}$`)
	tokenRE  = regexp.MustCompile(`^[A-Za-z0-9.]{1,12}$`)
	colorRE  = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
)

// MaxSlug is the longest file name, without .md, of a chapter or project.
const MaxSlug = 100

// maxTags is the most tags a project may have.
const maxTags = 50

// MaxSummary is the longest summary, in characters, that still reads as one
// sentence in a card or a tooltip.
const MaxSummary = 240

// Validate checks the loaded content as a whole: references between files
// and duplicates; what a file can be checked for on its own was checked when
// it was loaded (see checkProject), so a server that loads only the files
// that changed checks only those again. It returns every error found while
// loading and validating, sorted by position, or nil.
func (s *Set) Validate() error {
	ps := &s.problems
	s.validateSite(ps)
	if s.Translations != nil {
		s.validateTranslations(ps)
	}
	for _, c := range s.Chapters {
		if !slugRE.MatchString(c.Slug) || WindowsReserved(c.Slug) {
			ps.add(Pos{File: c.File}, KindUnsafeSlug, "file name %q is not a safe slug; rename it to %q%s", path.Base(c.File), Slugify(c.Slug)+".md", notALanguage(c.Slug)+reservedNote(c.Slug))
		} else if len(c.Slug) > MaxSlug {
			ps.add(Pos{File: c.File}, KindUnsafeSlug, "file name is %d characters; keep it to %d, so the page's path fits every file system", len(c.Slug), MaxSlug)
		}
	}
	s.validateProjects(ps)
	s.checkLogos(s.fsys, s.cache, ps)
	return s.problems.Err()
}

// validateProjects checks the projects against the site and each other:
// their sections and fields, a file name or website used twice, a name
// used twice in one section, a logo that is not there.
func (s *Set) validateProjects(ps *Problems) {
	bySlug := make(map[string]*Project, len(s.Projects))
	byName := make(map[string][]*Project, len(s.Projects))
	bySite := make(map[string]*Project, len(s.Projects))
	static := make(map[string]bool, len(s.Static))
	for _, f := range s.Static {
		static[f] = true
	}
	// What each project is checked for against the site alone is checked
	// on every core; its problems keep their place among the others.
	own := make([]Problems, len(s.Projects))
	parallel.For(len(s.Projects), func(i int) {
		p := s.Projects[i]
		s.resolveSection(p, &own[i])
		s.resolveAlso(p, &own[i])
		s.decodeExtra(p, &own[i])
	})
	for i, p := range s.Projects {
		if p.slugOK {
			if other, dup := bySlug[p.Slug]; dup {
				ps.add(Pos{File: p.File}, KindDuplicateSlug, "duplicate slug %q: %s has the same file name; rename one", p.Slug, other.File)
			} else {
				bySlug[p.Slug] = p
			}
		}
		*ps = append(*ps, own[i]...)
		// A name may repeat when the projects are in different sections: a
		// landscape lists an organisation as a member and as a provider.
		// Pages tell them apart by their section.
		if p.nameKey != "" {
			for _, other := range byName[p.nameKey] {
				if p.sectionID == other.sectionID {
					ps.add(p.fields().at("name"), KindDuplicateName, "name %q is already used by %s in the same section; names may repeat only in different sections", p.Name, other.fields().at("name"))
					break
				}
			}
			byName[p.nameKey] = append(byName[p.nameKey], p)
		}
		if p.siteKey != "" {
			if other, dup := bySite[p.siteKey]; dup {
				ps.warn(p.fields().at("website"), KindDuplicateWebsite, "website %s is also the website of %s", p.Website, other.File)
			} else {
				bySite[p.siteKey] = p
			}
		}
		if p.logoFile != "" {
			if static[p.logoFile] {
				p.Logo = p.logoFile
			} else {
				p.Logo = ""
				ps.add(p.fields().at("logo"), KindMissingLogo, "logo: %s/%s does not exist%s", StaticDir, p.logoFile, didYouMean(p.logoFile, s.Static))
			}
		}
	}
}

// checkProject checks what a project file can be checked for on its own,
// and keeps what Validate compares across files.
func checkProject(p *Project, ps *Problems) {
	f := p.keys
	switch {
	case !slugRE.MatchString(p.Slug) || WindowsReserved(p.Slug):
		ps.add(Pos{File: p.File}, KindUnsafeSlug, "file name %q is not a safe slug; rename it to %q%s", path.Base(p.File), Slugify(p.Slug)+".md", notALanguage(p.Slug)+reservedNote(p.Slug))
	case len(p.Slug) > MaxSlug:
		ps.add(Pos{File: p.File}, KindUnsafeSlug, "file name is %d characters; keep it to %d, so the page's path fits every file system", len(p.Slug), MaxSlug)
	default:
		p.slugOK = true
	}
	p.nameKey = fold(p.Name)
	if strings.IndexFunc(p.Name, func(r rune) bool { return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Cc, r) }) >= 0 {
		// Zero-width and bidirectional controls make names that look alike
		// but differ, or that display out of order.
		ps.warn(f.at("name"), KindNameChars, "name %q holds invisible or direction-changing characters; write it with visible characters only", p.Name)
	}
	if p.Summary == "" {
		ps.warn(f.at("summary"), KindMissingSummary, "summary is missing: add one sentence on what the project does")
	}
	if strings.ContainsAny(p.Summary, "\n\r") {
		ps.add(f.at("summary"), KindSummaryLines, "summary: keep it to one line")
	}
	if n := utf8.RuneCountInString(p.Summary); n > MaxSummary {
		ps.warn(f.at("summary"), KindLongSummary, "summary is %d characters; keep it under %d (one sentence)", n, MaxSummary)
	}
	if p.Website != "" {
		if u, err := parseURL(p.Website); err != nil {
			ps.add(f.at("website"), KindURL, "website: %v", err)
		} else {
			p.siteKey = strings.TrimPrefix(strings.ToLower(u.Host), "www.") + strings.TrimSuffix(u.Path, "/")
		}
	}
	if p.GitHub != "" {
		if err := checkURL(p.GitHub); err != nil {
			ps.add(f.at("github"), KindURL, "github: %v; write the full address, e.g. https://github.com/org", err)
		}
	}
	if p.X != "" && !handleRE.MatchString(p.X) {
		ps.add(f.at("x"), KindHandle, "x: %q is not an X handle; write the handle alone, e.g. x: example_org", p.X)
	}
	if p.Token != "" && !tokenRE.MatchString(p.Token) {
		ps.add(f.at("token"), KindToken, "token: %q is not a ticker; write the symbol alone, e.g. token: ABC", p.Token)
	}
	checkTags(p, ps)
	checkLogo(p, ps)
}

// checkTags keeps a project's tags to maxTags, each once and not empty.
func checkTags(p *Project, ps *Problems) {
	f := p.keys
	if len(p.Tags) > maxTags {
		ps.add(f.at("tags"), KindFieldValue, "tags: %d tags; keep it to %d or fewer", len(p.Tags), maxTags)
		p.Tags = p.Tags[:maxTags]
	}
	seen := make(map[string]bool, len(p.Tags))
	tags := p.Tags[:0:0]
	for i, t := range p.Tags {
		key := fold(t)
		switch {
		case t == "" || Slugify(t) == "":
			ps.add(f.at("tags"), KindEmptyTag, "tags[%d]: empty tag", i)
		case seen[key]:
			ps.warn(f.at("tags"), KindDuplicateTag, "tags: %q appears twice; keep one", t)
		default:
			seen[key] = true
			tags = append(tags, t)
		}
	}
	p.Tags = tags
}

// checkLogo takes a project's logo as a file under static/, never an
// address or a path out of it.
func checkLogo(p *Project, ps *Problems) {
	if p.Logo == "" {
		return
	}
	at := p.keys.at("logo")
	logo := strings.TrimPrefix(path.Clean(strings.TrimPrefix(p.Logo, "/")), "static/")
	switch {
	case strings.Contains(p.Logo, "://") || strings.HasPrefix(p.Logo, "data:"):
		ps.add(at, KindLogoPath, "logo: give a file under %s, not an address", StaticDir)
	case strings.HasPrefix(logo, "../") || logo == "..":
		ps.add(at, KindLogoPath, "logo: %q points outside %s", p.Logo, StaticDir)
	default:
		p.logoFile = logo // Validate checks that it exists
	}
}

// EmptySections warns about sections no project is in: the report's map
// would show a hole there. Builds allow them, as a report grows; check
// reports them.
func (s *Set) EmptySections() Problems {
	var ps Problems
	if s.Site == nil {
		return nil
	}
	// By id, so a project placed in the wrong layer does not also make
	// its section look empty.
	used := map[string]bool{}
	for _, p := range s.Projects {
		used[p.sectionID] = true
		for _, id := range p.alsoIDs {
			used[id] = true
		}
	}
	for _, l := range s.Site.Layers {
		for _, sec := range l.Sections {
			if sec.ID != "" && !used[sec.ID] {
				ps.warn(sec.Pos, KindEmptySection, "section %q of layer %q has no projects yet", sec.ID, l.ID)
			}
		}
	}
	return ps
}

// Compact drops what only validation needs (the parsed YAML with its
// positions), which is most of the memory a large report's content takes.
// Validate and SchemaProblems cannot run after it.
func (s *Set) Compact() {
	for _, p := range s.Projects {
		p.keys, p.front = nil, nil
	}
	s.fronts = nil // looked at when loading and checking logos
}

// DropBodies drops the Markdown of every chapter and project, and with it
// the files' bytes, for a build that has rendered them all.
func (s *Set) DropBodies() {
	for _, c := range s.Chapters {
		c.Body = nil
	}
	for _, p := range s.Projects {
		p.Body = nil
	}
}

func (s *Set) validateSite(ps *Problems) {
	site := s.Site
	if site == nil {
		return
	}
	layerIDs := map[string]Pos{}
	sectionIDs := map[string]Pos{}
	for _, l := range site.Layers {
		checkID(ps, "layer", "", l.ID, l.Pos, layerIDs)
		if l.Color != "" && !colorRE.MatchString(l.Color) {
			ps.add(l.ColorPos, KindColor, "layer %q: color %q: want a hex colour like \"#2f6fb0\"", l.ID, l.Color)
		}
		for _, sec := range l.Sections {
			checkID(ps, "section", "; section ids are unique across layers", sec.ID, sec.Pos, sectionIDs)
		}
	}
	s.validateGroups(ps)
	s.validateMap(ps)
}

// validateMap checks map: a known density, and rules on the site's own
// fields with values they can hold.
func (s *Set) validateMap(ps *Problems) {
	m := s.Site.Map
	if m == nil {
		return
	}
	if m.Density != "" && m.Density != "compact" && m.Density != "comfortable" {
		ps.add(m.DensityPos, KindFieldValue, "map: density %q: want compact (logos only, names on hover) or comfortable (names under logos)", m.Density)
	}
	var ids []string
	for _, f := range s.Site.Fields {
		ids = append(ids, f.ID)
	}
	for _, r := range append(append([]*MapRule{}, m.Featured...), m.Dimmed...) {
		var field *Field
		for _, f := range s.Site.Fields {
			if f.ID == r.Field {
				field = f
			}
		}
		if field == nil {
			if r.Field != "" {
				ps.add(r.Pos, KindFieldDefinition, "map: field %q is not one of site.yaml's fields%s", r.Field, didYouMean(r.Field, ids))
			}
			continue
		}
		if field.Type == TypeEnum && r.Value != "" && !slices.Contains(field.Values, r.Value) {
			ps.add(r.ValuePos, KindFieldValue, "map: %q is not a value of field %q%s", r.Value, r.Field, didYouMean(r.Value, field.Values))
		}
	}
}

// validateGroups links each group to its layers; every layer is in a group
// when there are groups, or it would be on no tab of the map.
func (s *Set) validateGroups(ps *Problems) {
	site := s.Site
	if len(site.Groups) == 0 {
		return
	}
	groupIDs := map[string]Pos{}
	grouped := map[string]bool{}
	for _, g := range site.Groups {
		checkID(ps, "group", "", g.ID, g.Pos, groupIDs)
		g.Layers = nil
		if len(g.LayerIDs) == 0 {
			ps.add(g.LayersPos, KindRequired, "group %q: list its layers' ids under layers", g.ID)
		}
		for i, id := range g.LayerIDs {
			l := site.LayerByID(id)
			if l == nil {
				at := g.LayersPos
				if i < len(g.LayerPos) {
					at = g.LayerPos[i]
				}
				ps.add(at, KindUnknownLayer, "group %q: layer %q is not defined%s", g.ID, id, didYouMean(id, layerIDs(site)))
				continue
			}
			g.Layers = append(g.Layers, l)
			grouped[id] = true
		}
	}
	for _, l := range site.Layers {
		if !grouped[l.ID] {
			ps.add(l.Pos, KindSiteStructure, "layer %q is in no group; with groups, every layer belongs to one, or it shows on no tab of the map", l.ID)
		}
	}
}

// checkID reports an id that is not a safe path part or is already in seen.
func checkID(ps *Problems, kind, dupHint, id string, pos Pos, seen map[string]Pos) {
	if id == "" {
		return // reported as missing when loading
	}
	if !idRE.MatchString(id) {
		ps.add(pos, KindID, "%s id %q: use lower-case letters, digits and dashes, e.g. %q", kind, id, Slugify(id))
	}
	if prev, dup := seen[id]; dup {
		ps.add(pos, KindDuplicateID, "%s id %q is already used at line %d%s", kind, id, prev.Line, dupHint)
	}
	seen[id] = pos
}

// resolveSection links p to its layer and section, or reports why not.
func (s *Set) resolveSection(p *Project, ps *Problems) {
	if s.Site == nil || p.layerID == "" {
		return
	}
	l := s.Site.LayerByID(p.layerID)
	if l == nil {
		var layerIDs []string
		for _, l := range s.Site.Layers {
			layerIDs = append(layerIDs, l.ID)
		}
		ps.add(p.fields().at("layer"), KindUnknownLayer, "layer %q is not defined in %s%s", p.layerID, SiteFile, didYouMean(p.layerID, layerIDs))
		return
	}
	p.Layer = l
	if p.sectionID == "" {
		return
	}
	if p.Section = l.SectionByID(p.sectionID); p.Section != nil {
		return
	}
	if other := s.Site.SectionByID(p.sectionID); other != nil {
		ps.add(p.fields().at("section"), KindUnknownSection, "section %q belongs to layer %q, not %q; change layer or section", p.sectionID, other.Layer.ID, l.ID)
		return
	}
	ids := l.SectionIDs()
	ps.add(p.fields().at("section"), KindUnknownSection, "section %q is not defined in layer %q of %s%s", p.sectionID, l.ID, SiteFile, didYouMean(p.sectionID, ids))
}

// checkURL accepts absolute http and https addresses with a host.
func checkURL(raw string) error {
	_, err := parseURL(raw)
	return err
}

func parseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%q is not a valid address", raw)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("%q is not an http(s) address; write it as https://…", raw)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("%q has no host", raw)
	}
	return u, nil
}

// Slugify turns a name into a safe file name: lower case, ASCII letters and
// digits, words joined by dashes, at most MaxSlug characters (cut at a
// dash where there is one), never a name Windows reserves ("con" is
// "con-1"). Accents and ligatures fold to ASCII first: "Ænix" is "aenix",
// "Café" "cafe".
func Slugify(s string) string {
	slug := slugWords(s)
	if len(slug) > MaxSlug {
		slug = slug[:MaxSlug]
		if i := strings.LastIndexByte(slug, '-'); i > MaxSlug/2 {
			slug = slug[:i]
		}
		slug = strings.TrimSuffix(slug, "-")
	}
	if WindowsReserved(slug) {
		slug += "-1"
	}
	return slug
}

// WindowsReserved tells whether Windows cannot hold a file or folder of
// that name: a device name (CON, PRN, AUX, NUL, COM1–9, LPT1–9, with any
// extension, in any case) or a name ending in a dot or a space. A site
// published from one system is unpacked and cloned on others.
func WindowsReserved(name string) bool {
	if strings.HasSuffix(name, ".") || strings.HasSuffix(name, " ") {
		return name != "." && name != ".."
	}
	base, _, _ := strings.Cut(name, ".")
	switch strings.ToLower(strings.TrimRight(base, " ")) {
	case "con", "prn", "aux", "nul",
		"com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "com¹", "com²", "com³",
		"lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9", "lpt¹", "lpt²", "lpt³":
		return true
	}
	return false
}

// reservedNote says why a slug Windows reserves is not safe.
func reservedNote(slug string) string {
	if WindowsReserved(slug) {
		return " (Windows cannot store a file of that name)"
	}
	return ""
}

func slugWords(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range transliterate(fold(s)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	return b.String()
}

// transliterate spells the runs of letters outside ASCII in Latin letters
// (Chinese as pinyin syllables, Cyrillic, Greek, kana…), so a name in any
// script has a readable id: "编程语言" is "bian cheng yu yan", "Москва"
// "moskva". What has no spelling is left out.
func transliterate(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for len(s) > 0 {
		i := strings.IndexFunc(s, func(r rune) bool { return r >= utf8.RuneSelf })
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		j := strings.IndexFunc(s, func(r rune) bool { return r < utf8.RuneSelf })
		if j < 0 {
			j = len(s)
		}
		b.WriteString(" " + strings.ToLower(unidecode.Unidecode(s[:j])) + " ")
		s = s[j:]
	}
	return b.String()
}

// ligatures spell letters that do not decompose into a base letter.
var ligatures = strings.NewReplacer("æ", "ae", "œ", "oe", "ø", "o", "ß", "ss", "đ", "d", "ł", "l", "þ", "th", "ð", "d", "ı", "i")

// fold lower-cases s and takes accents and ligatures off its letters, so
// names that differ only by them compare equal: "Ænix" is "aenix".
func fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s) // nothing to decompose, no accents or ligatures
	}
	var b strings.Builder
	for _, r := range norm.NFKD.String(strings.ToLower(s)) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return ligatures.Replace(b.String())
}

// staleAfter is how old a project's checked date may be before check warns
// that its facts should be looked at again.
const staleAfter = 365 * 24 * time.Hour

// StaleFacts warns about projects whose facts were last checked longer
// than staleAfter before now. Only check reports it: a build's output must
// not depend on the day it runs.
func (s *Set) StaleFacts(now time.Time) Problems {
	var ps Problems
	for _, p := range s.Projects {
		if p.Checked == "" {
			continue
		}
		day, err := time.Parse(time.DateOnly, p.Checked)
		if err != nil {
			continue
		}
		if age := now.Sub(day); age > staleAfter {
			ps.warn(p.fields().at("checked"), KindStaleFacts, "checked: the facts were last checked %s, %d days ago; check them again and update the date", p.Checked, int(age.Hours()/24))
		}
	}
	return ps
}

// isASCII tells whether s is ASCII alone.
func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
