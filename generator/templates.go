package generator

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/generator/page"
	"github.com/panorama-ssg/panorama/internal/words"
	"github.com/panorama-ssg/panorama/templates"
)

// Templates are the parsed page templates and the static assets, from the
// embedded defaults with a site's own templates/ laid over them.
type Templates struct {
	pages  map[string]*template.Template // page name (index.html) -> set
	Assets map[string][]byte             // assets/… path -> bytes
	// Words are the interface's words by language code: English text to
	// the language's (i18n/CODE.yaml), the site's over the built-in ones.
	Words map[string]map[string]string
	// own names the templates the site's templates/ replaces with text of
	// its own.
	own map[string]bool
}

// pageTemplates are the templates that render a page; each defines "main"
// (and may define "title" and "head") for baseof.html.
var pageTemplates = []string{"index.html", "chapter.html", "projects.html", "project.html", "layer.html", "section.html", "charts.html", "print.html", "404.html", "editions.html", "changes.html", "past-map.html", "embed-view.html", "embed.html", "group.html"}

// SiteTemplatesDir is where a site keeps the templates that override the
// embedded ones.
const SiteTemplatesDir = "templates"

// LoadTemplates parses the templates once for a whole build. site is the
// site's folder; its templates/NAME.html replaces the embedded NAME.html and
// its templates/assets/… files replace or add assets.
func LoadTemplates(site fs.FS) (*Templates, error) {
	files := map[string][]byte{}
	assets := map[string][]byte{}
	catalogues := map[string]map[string]string{}
	collect := func(fsys fs.FS, root string) error {
		return content.WalkExisting(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				return nil
			}
			rel := strings.TrimPrefix(strings.TrimPrefix(p, root), "/")
			b, msg, err := content.ReadRegular(fsys, p, maxStaticSize)
			if err != nil {
				return err
			}
			if msg != "" {
				return fmt.Errorf("%s: %s", p, msg)
			}
			switch {
			case strings.HasPrefix(rel, "i18n/") && strings.HasSuffix(rel, ".yaml"):
				var w map[string]string
				if err := yaml.Unmarshal(b, &w); err != nil {
					return fmt.Errorf("%s: want a mapping from the English words to the language's: %v", p, err)
				}
				code := strings.TrimSuffix(path.Base(rel), ".yaml")
				if catalogues[code] == nil {
					catalogues[code] = map[string]string{}
				}
				maps.Copy(catalogues[code], w) // the site's after the built-in ones
			case strings.HasPrefix(rel, "assets/"):
				assets[rel] = b
			case strings.HasSuffix(rel, ".html"):
				files[rel] = b
			}
			return nil
		})
	}
	if err := collect(templates.FS, "."); err != nil {
		return nil, err
	}
	defaults := maps.Clone(files)
	if err := collect(site, SiteTemplatesDir); err != nil {
		return nil, err
	}
	joinIcons(assets)
	tpl, err := parseTemplates(files, assets)
	if tpl != nil {
		tpl.Words = catalogues
		tpl.own = map[string]bool{}
		for name, b := range files {
			if d, ok := defaults[name]; !ok || string(d) != string(b) {
				tpl.own[name] = true
			}
		}
	}
	return tpl, err
}

// joinIcons puts the icons of a project's links (assets/icons.css, which
// templates/icons/build.mjs writes) at the end of assets/style.css: its
// own link on each of 10,000 project pages weighed more than its 15 KB on
// the pages that do not use it.
func joinIcons(assets map[string][]byte) {
	icons, ok := assets["assets/icons.css"]
	style, hasStyle := assets[styleSheet]
	if !ok || !hasStyle {
		return
	}
	joined := make([]byte, 0, len(style)+1+len(icons))
	joined = append(append(append(joined, style...), '\n'), icons...)
	assets[styleSheet] = joined
	delete(assets, "assets/icons.css")
}

func parseTemplates(files, assets map[string][]byte) (*Templates, error) {
	base, ok := files["baseof.html"]
	if !ok {
		return nil, errors.New("templates: baseof.html is missing")
	}
	root, err := template.New("baseof.html").Funcs(funcs).Parse(string(base))
	if err != nil {
		return nil, templateError(err)
	}
	var partials []string
	for name := range files {
		if strings.HasPrefix(name, "partials/") {
			partials = append(partials, name)
		}
	}
	sort.Strings(partials)
	for _, name := range partials {
		if _, err := root.New(name).Parse(string(files[name])); err != nil {
			return nil, templateError(err)
		}
	}
	tidy(root)
	t := &Templates{pages: map[string]*template.Template{}, Assets: assets}
	for _, name := range pageTemplates {
		src, ok := files[name]
		if !ok {
			return nil, fmt.Errorf("templates: %s is missing", name)
		}
		set, err := root.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := set.New(name).Parse(string(src)); err != nil {
			return nil, templateError(err)
		}
		tidy(set)
		t.pages[name] = set
	}
	return t, nil
}

// templateError keeps html/template's message, which names the file and
// line ("template: index.html:3: …").
func templateError(err error) error {
	return fmt.Errorf("parsing templates: %w", err)
}

var funcs = template.FuncMap{
	// EmbedWidth is the frame width embed heights are given for.
	"embedWidth": func() int { return page.EmbedWidth },
	// add is for counters in templates.
	"add": func(a, b int) int { return a + b },
	// same tells whether two words are the same but for case: a map
	// mark's label ("Archived") and the value it was made from ("archived").
	"same": strings.EqualFold,
	// count says how many of something there are, in words:
	// count 1 "project" "projects" is "1 project".
	"count": words.Count,
	// num writes a number with commas between thousands.
	"num": words.Number,
	// json is a value as JSON text, for data attributes that scripts read.
	"json": func(v any) (string, error) {
		b, err := json.Marshal(v)
		return string(b), err
	},
	// list makes a list of its arguments, e.g. one layer for a partial
	// that ranges over layers: list .Layer
	"list": func(v ...any) []any { return v },
	// dict passes several values to a partial: dict "Page" . "Projects" .x
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, errors.New("dict: want key value pairs")
		}
		m := make(map[string]any, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict: key %v is not text", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
}
