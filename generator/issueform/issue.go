package issueform

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/panorama-ssg/panorama/generator/content"
)

// MaxBody caps an issue's body: GitHub's own limit is 65,536 characters.
const MaxBody = 1 << 20

// Parse reads the body GitHub writes for a filled form: each answer under
// a "### Label" heading, "_No response_" for an empty one. It returns the
// answers by label; text before the first heading is left out.
func Parse(body string) map[string]string {
	out := map[string]string{}
	body = strings.ReplaceAll(body, "\r\n", "\n")
	var label string
	var value []string
	flush := func() {
		if label != "" {
			v := strings.TrimSpace(strings.Join(value, "\n"))
			if v == "_No response_" {
				v = ""
			}
			out[label] = v
		}
	}
	for _, line := range strings.Split(body, "\n") {
		if l, ok := strings.CutPrefix(line, "### "); ok {
			flush()
			label, value = strings.TrimSpace(l), nil
			continue
		}
		value = append(value, line)
	}
	flush()
	return out
}

var sectionIDRE = regexp.MustCompile(`\[([a-z0-9-]+)\]\s*$`)

// Result is what FromIssue made of a form.
type Result struct {
	File     string   // the project file written, relative to the site; "" when none was
	Problems []string // "Label: message", errors and warnings as check words them
	Errors   int      // how many of Problems stop the file
}

// FromIssue writes the project a filled form describes into the site at
// dir, added on the day added (YYYY-MM-DD; default today). Problems are
// reported against the form's labels; with errors no file is left behind.
// The error is for a site that cannot be read.
func FromIssue(dir, body, added string) (*Result, error) {
	fsys := os.DirFS(dir)
	set, err := content.Load(fsys, content.Options{Drafts: true})
	if err != nil {
		return nil, err
	}
	res := &Result{}
	fail := func(label, format string, args ...any) {
		res.Problems = append(res.Problems, label+": "+fmt.Sprintf(format, args...))
		res.Errors++
	}
	if len(body) > MaxBody || !utf8.ValidString(body) {
		fail("Issue", "the body is not UTF-8 text under %d MB", MaxBody>>20)
		return res, nil
	}
	answers := Parse(body)
	qs := fields(set.Site)
	values := map[string]string{}
	lineOf := map[int]string{} // a file line -> the label of its answer
	for _, q := range qs {
		v, ok := answers[q.label]
		if !ok && q.required {
			fail(q.label, "missing: the issue was not written with the form %s; open a new issue with it", File)
			continue
		}
		values[q.key] = v
		if q.required && v == "" {
			fail(q.label, "is required")
		}
	}
	if res.Errors > 0 {
		return res, nil
	}
	name := values["name"]
	if strings.ContainsAny(name, "\n\r") {
		fail("Name", "must be one line")
	}
	if strings.ContainsAny(values["summary"], "\n\r") {
		values["summary"] = strings.Join(strings.Fields(values["summary"]), " ")
	}
	m := sectionIDRE.FindStringSubmatch(values["section"])
	var sec *content.Section
	if m != nil {
		sec = set.Site.SectionByID(m[1])
	}
	if sec == nil {
		fail("Section", "%q is not one of the form's sections; the form may be out of date", values["section"])
	}
	slug := content.Slugify(name)
	if slug == "" && name != "" {
		fail("Name", "%q gives no file name: it needs a letter or a digit", name)
	}
	for _, p := range set.Projects {
		if strings.EqualFold(p.Name, name) || p.Slug == slug {
			fail("Name", "%q is already listed in %s", name, p.File)
			break
		}
	}
	if res.Errors > 0 {
		return res, nil
	}

	// The file, a line per answer, then checked as check checks it.
	var b strings.Builder
	b.WriteString("---\n# yaml-language-server: $schema=../project.schema.json\n")
	line := 3
	put := func(key, label, yamlValue string) {
		fmt.Fprintf(&b, "%s: %s\n", key, yamlValue)
		lineOf[line] = label
		line++
	}
	labelOf := map[string]string{}
	for _, q := range qs {
		labelOf[q.key] = q.label
	}
	put("name", "Name", content.QuoteYAML(name))
	put("layer", "Section", sec.Layer.ID)
	put("section", "Section", sec.ID)
	put("summary", "Summary", content.QuoteYAML(values["summary"]))
	put("website", "Website", content.QuoteYAML(values["website"]))
	for _, k := range []string{"github", "x", "token"} {
		if v := values[k]; v != "" {
			put(k, labelOf[k], content.QuoteYAML(strings.TrimPrefix(strings.TrimPrefix(v, "@"), "$")))
		}
	}
	if v := values["tags"]; v != "" {
		put("tags", "Tags", list(v))
	}
	for _, f := range set.Site.Fields {
		v := values[f.ID]
		if v == "" {
			continue
		}
		switch f.Type {
		case content.TypeList:
			put(f.ID, labelOf[f.ID], list(v))
		case content.TypeBoolean:
			put(f.ID, labelOf[f.ID], map[bool]string{true: "true", false: "false"}[v == "yes"])
		default:
			put(f.ID, labelOf[f.ID], content.QuoteYAML(v))
		}
	}
	if added == "" {
		added = time.Now().UTC().Format(time.DateOnly)
	}
	put("added", "Issue", content.QuoteYAML(added))
	b.WriteString("---\n")

	rel := path.Join(content.ProjectsDir, slug+".md")
	file := filepath.Join(dir, filepath.FromSlash(rel))
	if err := content.WriteNew(dir, rel, []byte(b.String())); err != nil {
		return nil, err
	}
	// check's own rules, on the site with the new file.
	after, err := content.Load(fsys, content.Options{Drafts: true})
	if err == nil {
		_ = after.Validate()
		ps := after.Problems()
		for _, p := range after.Accept(ps, false) {
			if p.Pos.File != rel || p.Accepted {
				continue
			}
			label := lineOf[p.Pos.Line]
			if label == "" {
				label = "Issue"
			}
			// check fails on a warning the site does not accept, and so
			// does a contribution.
			msg := p.Msg
			if p.Warn {
				msg = "warning: " + msg
			}
			res.Errors++
			res.Problems = append(res.Problems, label+": "+msg)
		}
	} else {
		var ps content.Problems
		if !errors.As(err, &ps) {
			os.Remove(file)
			return nil, err
		}
		for _, p := range ps {
			if p.Pos.File == rel {
				fail(cmpLabel(lineOf[p.Pos.Line]), "%s", p.Msg)
			}
		}
	}
	if res.Errors > 0 {
		os.Remove(file)
		return res, nil
	}
	res.File = rel
	return res, nil
}

func cmpLabel(l string) string {
	if l == "" {
		return "Issue"
	}
	return l
}

// list writes comma-separated answers as a YAML flow list.
func list(v string) string {
	var items []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			items = append(items, content.QuoteYAML(s))
		}
	}
	return "[" + strings.Join(items, ", ") + "]"
}
