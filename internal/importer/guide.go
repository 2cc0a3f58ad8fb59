package importer

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/panorama-ssg/panorama/generator/content"
	"go.yaml.in/yaml/v3"
)

// guide is landscape2's guide.yml: for categories and subcategories, a
// Markdown text. Those named as in landscape.yml describe their layer and
// section; the whole guide becomes a chapter.
type guide struct {
	parts []guidePart
}

type guidePart struct {
	name, text string
	subs       []guidePart
}

func (im *importer) readGuide(file string) (*guide, error) {
	src, err := content.ReadFile(file, maxSideFile)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(file), err)
	}
	g := &guide{}
	if len(doc.Content) == 0 {
		return g, nil
	}
	for _, c := range list(mapping(doc.Content[0])["categories"]) {
		cm := mapping(c)
		p := guidePart{name: scalar(cm["category"]), text: scalar(cm["content"])}
		for _, sc := range list(cm["subcategories"]) {
			sm := mapping(sc)
			p.subs = append(p.subs, guidePart{name: scalar(sm["subcategory"]), text: scalar(sm["content"])})
		}
		if p.name != "" {
			g.parts = append(g.parts, p)
		}
	}
	return g, nil
}

// describe gives layers and sections named in the guide its first
// paragraph, as plain text, for a description.
func (g *guide) describe(layers []*layer) {
	for _, p := range g.parts {
		for _, l := range layers {
			if !strings.EqualFold(l.name, p.name) {
				continue
			}
			if l.description == "" {
				l.description = firstParagraph(p.text)
			}
			for _, sp := range p.subs {
				for _, s := range l.sections {
					if strings.EqualFold(s.name, sp.name) && s.description == "" {
						s.description = firstParagraph(sp.text)
					}
				}
			}
		}
	}
}

// chapter is the guide as Markdown: a heading per category and
// subcategory, its text below. The renderer drops raw HTML.
func (g *guide) chapter() []byte {
	var b strings.Builder
	b.WriteString("---\ntitle: Guide\nweight: 2\nsummary: The landscape's guide to its categories.\n---\n")
	for _, p := range g.parts {
		fmt.Fprintf(&b, "\n## %s\n\n%s\n", escapeMarkdown(p.name), p.text)
		for _, sp := range p.subs {
			fmt.Fprintf(&b, "\n### %s\n\n%s\n", escapeMarkdown(sp.name), sp.text)
		}
	}
	return []byte(b.String())
}

var (
	mdLinkRE   = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdMarkRE   = regexp.MustCompile("[*_`>#]+")
	sentenceRE = regexp.MustCompile(`[.!?](\s|$)`)
)

// firstParagraph is a Markdown text's first paragraph of prose as plain
// text, cut at a sentence's end within content.MaxSummary characters.
func firstParagraph(md string) string {
	for _, para := range strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" || strings.HasPrefix(para, "#") || strings.HasPrefix(para, ">") || strings.HasPrefix(para, "-") || strings.HasPrefix(para, "*") {
			continue
		}
		text := strings.Join(strings.Fields(mdMarkRE.ReplaceAllString(mdLinkRE.ReplaceAllString(para, "$1"), "")), " ")
		if len([]rune(text)) <= content.MaxSummary {
			return text
		}
		cut := ""
		for _, m := range sentenceRE.FindAllStringIndex(text, -1) {
			if len([]rune(text[:m[0]+1])) > content.MaxSummary {
				break
			}
			cut = text[:m[0]+1]
		}
		return cut
	}
	return ""
}
