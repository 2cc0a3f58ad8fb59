// Package scaffold writes new sites and new project files for editors: the
// "panorama new" command.
package scaffold

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/panorama-ssg/panorama/generator/content"
)

//go:embed all:site
var starter embed.FS

// Site writes the starter report into dir, which must not exist or be
// empty, and returns the files it wrote, relative to dir. The starter
// builds as it is.
func Site(dir string) ([]string, error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("%s is not empty; choose a new folder for the site", dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	root, err := fs.Sub(starter, "site")
	if err != nil {
		return nil, err
	}
	var wrote []string
	err = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		wrote = append(wrote, p)
		return content.WriteNew(dir, p, data)
	})
	if err != nil {
		return nil, err
	}
	// The starter site defines no fields of its own.
	if err := content.WriteNew(dir, content.SchemaFile, content.Schema(nil)); err != nil {
		return nil, err
	}
	return append(wrote, content.SchemaFile), nil
}

// ProjectOptions describe a new project file.
type ProjectOptions struct {
	Name           string
	Slug           string // default: from Name
	Layer, Section string // ids from site.yaml; Layer may be left out when Section tells it
	Summary        string
	Website        string
	Added          string // YYYY-MM-DD; default today
}

// Project writes content/projects/<slug>.md into the site at dir with every
// field present, and returns its path relative to dir. It never replaces a
// file. Without a summary and a website the project is a draft, so the site
// still builds until they are filled in.
func Project(dir string, o ProjectOptions) (string, error) {
	fsys := os.DirFS(dir)
	set, err := content.Load(fsys, content.Options{Drafts: true})
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(o.Name) == "" {
		return "", errors.New("give the project's name, e.g. panorama new project \"IO.NET\" --layer infrastructure --section compute")
	}
	if strings.ContainsAny(o.Name+o.Summary+o.Website, "\r\n") {
		return "", errors.New("name, summary and website must each be one line")
	}
	if o.Slug == "" {
		o.Slug = content.Slugify(o.Name)
		if o.Slug == "" {
			return "", fmt.Errorf("%q gives no file name; pass --slug with lower-case letters, digits and dashes", o.Name)
		}
	} else if content.Slugify(o.Slug) != o.Slug {
		return "", fmt.Errorf("--slug %q: use lower-case letters, digits and dashes, e.g. %q", o.Slug, content.Slugify(o.Slug))
	}
	if o.Added == "" {
		o.Added = time.Now().Format(time.DateOnly)
	}
	layer, section, err := place(set.Site, o.Layer, o.Section)
	if err != nil {
		return "", err
	}
	for _, p := range set.Projects {
		if strings.EqualFold(p.Name, o.Name) {
			return "", fmt.Errorf("%s already describes %q", p.File, p.Name)
		}
	}
	rel := path.Join(content.ProjectsDir, o.Slug+".md")
	if err := content.WriteNew(dir, rel, projectFile(o, layer, section)); err != nil {
		return "", err
	}
	schema := filepath.Join(dir, filepath.FromSlash(content.SchemaFile))
	if _, err := os.Stat(schema); errors.Is(err, fs.ErrNotExist) {
		if err := content.WriteNew(dir, content.SchemaFile, content.Schema(set.Site)); err != nil {
			return "", err
		}
	}
	return rel, nil
}

// Schema writes the site's project schema to content/project.schema.json,
// replacing the copy there: it is made from site.yaml, never edited.
func Schema(dir string) (string, error) {
	set, err := content.Load(os.DirFS(dir), content.Options{Drafts: true})
	if err != nil {
		return "", err
	}
	if errs, _ := set.Problems().Split(); len(errs) > 0 {
		var inSite content.Problems
		for _, p := range errs {
			if p.Pos.File == content.SiteFile {
				inSite = append(inSite, p)
			}
		}
		if len(inSite) > 0 {
			return "", inSite
		}
	}
	return content.SchemaFile, content.WriteOver(dir, content.SchemaFile, content.Schema(set.Site))
}

// place finds the layer and section, or says which ones exist.
func place(site *content.Site, layerID, sectionID string) (*content.Layer, *content.Section, error) {
	if len(site.Layers) == 0 {
		return nil, nil, fmt.Errorf("%s defines no layers; add one with its sections first", content.SiteFile)
	}
	var all []string
	for _, l := range site.Layers {
		all = append(all, fmt.Sprintf("  --layer %s --section %s", l.ID, strings.Join(l.SectionIDs(), "|")))
	}
	choices := "\nchoose one of:\n" + strings.Join(all, "\n")
	if sectionID == "" {
		return nil, nil, errors.New("--section is required" + choices)
	}
	if layerID == "" {
		if s := site.SectionByID(sectionID); s != nil {
			return s.Layer, s, nil
		}
		return nil, nil, fmt.Errorf("section %q is not defined in %s%s", sectionID, content.SiteFile, choices)
	}
	l := site.LayerByID(layerID)
	if l == nil {
		return nil, nil, fmt.Errorf("layer %q is not defined in %s%s", layerID, content.SiteFile, choices)
	}
	if s := l.SectionByID(sectionID); s != nil {
		return l, s, nil
	}
	return nil, nil, fmt.Errorf("section %q is not in layer %q%s", sectionID, layerID, choices)
}

// projectFile is the new file's text: every field, optional ones commented
// out, each with what it means.
func projectFile(o ProjectOptions, l *content.Layer, s *content.Section) []byte {
	f := content.NewProjectFile("Fill in the fields, then run `panorama check`. Describe the project in",
		"your own words below the closing line.")
	f.Str("name", o.Name, "required: the name as the project writes it")
	f.Plain("layer", l.ID, "required: "+l.Name+" (a layer id from "+content.SiteFile+")")
	f.Plain("section", s.ID, "required: "+s.Name+" (a section id of that layer)")
	f.Str("summary", o.Summary, fmt.Sprintf("required: one sentence on what it does, one line, under %d characters", content.MaxSummary))
	f.Str("website", o.Website, "required: the official site, https://…")
	f.Example("x", "handle", "its X handle, without the @")
	f.Example("github", "https://github.com/org", "its GitHub organisation or repository")
	f.Example("token", "TICKER", "ticker of its own token, without the $; leave out if it has none")
	f.List("tags", nil, "short lower-case keywords, e.g. [gpu, marketplace]")
	f.Example("logo", "logos/"+o.Slug+".svg", "an image file under "+content.StaticDir)
	f.Plain("in_report", "false", "true when the report's chapters discuss it")
	f.Plain("added", o.Added, "the day it joined the report; the feed lists new projects by it")
	f.Plain("checked", o.Added, "the day its facts were last checked against public sources; check warns after a year")
	if o.Summary == "" || o.Website == "" {
		f.Plain("draft", "true", "kept out of the site until summary and website are filled in; then delete this line")
	} else {
		f.Plain("draft", "false", "true keeps it out of the site (build --drafts shows it)")
	}
	return f.Bytes("")
}

// Translation writes a stub of project slug's translation into language
// code, content/projects/SLUG.CODE.md, and returns its path relative to
// dir: the fields to translate with the source's values, and the source's
// hash. It never replaces a file.
func Translation(dir, slug, code string) (string, error) {
	fsys := os.DirFS(dir)
	set, err := content.Load(fsys, content.Options{Drafts: true})
	if err != nil {
		return "", err
	}
	var lang *content.Language
	var codes []string
	for _, l := range set.Site.Others() {
		codes = append(codes, l.Code)
		if l.Code == code {
			lang = l
		}
	}
	if lang == nil {
		if len(codes) == 0 {
			return "", fmt.Errorf("%s lists no language but the default; add the language under languages: first", content.SiteFile)
		}
		return "", fmt.Errorf("--lang %q is not one of the site's other languages: %s", code, strings.Join(codes, ", "))
	}
	var p *content.Project
	for _, q := range set.Projects {
		if q.Slug == slug {
			p = q
		}
	}
	if p == nil {
		return "", fmt.Errorf("no project %s/%s.md to translate", content.ProjectsDir, slug)
	}
	src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p.File)))
	if err != nil {
		return "", err
	}
	rel := path.Join(path.Dir(p.File), slug+"."+code+".md")
	return rel, content.WriteNew(dir, rel, content.TranslationStub(src, p, lang))
}
