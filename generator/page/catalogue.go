package page

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/panorama-ssg/panorama/charts"
	"github.com/panorama-ssg/panorama/internal/words"
)

// The interface's own words: templates write them in English and ask the
// page for them in its language. The catalogues are templates/i18n/CODE.yaml
// (built in: zh), from the English words to the language's; a site
// extends or overrides them with its own templates/i18n/CODE.yaml (an
// en.yaml renames English words). A word a Catalogue lacks shows in
// English.

// Catalogue is the interface's words in one language, from the English
// ones: a site's view asks it for each.
type Catalogue struct {
	words      map[string]string
	scriptOnce sync.Once
	script     string // the scripts' words as JSON, made once
}

// SetWords gives the site its interface's words: a catalogue from the
// English words to its language's.
func (v *SiteView) SetWords(words map[string]string) { v.words = &Catalogue{words: words} }

// T is key in the page's language: {{.T "Projects"}}.
func (p *Page) T(key string) string { return p.Site.Word(key) }

// Word is key in the site's language, or key where its catalogue lacks it.
func (v *SiteView) Word(key string) string { return v.words.Word(key) }

// Word is key in the catalogue's language, or key itself.
func (c *Catalogue) Word(key string) string {
	if w := c.words[key]; w != "" {
		return w
	}
	return key
}

// Tf is the format key, translated, filled with args as fmt does:
// {{.Tf "Chapter %d of %d" 1 4}}.
func (p *Page) Tf(key string, args ...any) string {
	return fmt.Sprintf(p.T(key), args...)
}

// Sep joins two sentences in the page's language: a space, or nothing in
// Chinese, Japanese and Korean, which put none between sentences. Keys
// are whole sentences; templates join them with it.
func (p *Page) Sep() string {
	if l := p.Site.Lang; l != nil {
		switch strings.SplitN(strings.ToLower(l.Code), "-", 2)[0] {
		case "zh", "ja", "ko":
			return ""
		}
	}
	return " "
}

// N says how many of something there are with the language's plural
// rules: a Catalogue writes "n:projects" as "{n} 个项目" (Chinese has one
// form); English takes one or many.
func (p *Page) N(n int, one, many string) string { return p.Site.Count(n, one, many) }

// Count says how many of something there are in the site's language.
func (v *SiteView) Count(n int, one, many string) string { return v.words.Count(n, one, many) }

// Count is n things in the catalogue's words: its "n:many" entry, or
// English.
func (c *Catalogue) Count(n int, one, many string) string {
	if w := c.words["n:"+many]; w != "" {
		if n == 1 {
			if w1 := c.words["n1:"+many]; w1 != "" {
				w = w1
			}
		}
		return strings.ReplaceAll(w, "{n}", strconv.Itoa(n))
	}
	return words.Count(n, one, many)
}

// ChartPaths lets chart clicks open the same pages as links do, and
// gives the charts the site's words.
func (v *SiteView) ChartPaths() charts.Paths {
	p := ChartLinks
	p.Words = charts.Words{T: v.Word, N: v.Count}
	return p
}

// scriptWords are the words the scripts show, which pages hand them.
var scriptWords = []string{"Projects", "Chapters", "%d found", "Show %d more of %d", "Nothing found.", "The search index could not be loaded.",
	"Showing %d of %d projects.", "Making the image…", "Sorry:", "Copied",
	"Search the report", "Search the report (press /)", "Search results",
	"Markdown for the badge", "The addresses are paths inside the published site: put the site's address before them."}

// ScriptWords is the JSON of the scripts' words in the page's language,
// or "" in English; made once per language.
func (p *Page) ScriptWords() string {
	c := p.Site.words
	c.scriptOnce.Do(func() {
		m := map[string]string{}
		for _, k := range scriptWords {
			if w := c.words[k]; w != "" {
				m[k] = w
			}
		}
		if len(m) > 0 {
			b, _ := json.Marshal(m)
			c.script = string(b)
		}
	})
	return c.script
}
