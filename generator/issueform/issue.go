package issueform

import (
	"errors"
	"fmt"
	"io/fs"
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
// reported against the form's labels. The file is checked, as check checks
// a site, while it is only in memory: with errors nothing is written.
// The error is for a site that cannot be read or written.
func FromIssue(dir, body, added string) (*Result, error) {
	fsys := os.DirFS(dir)
	set, err := content.Load(fsys, content.Options{Drafts: true})
	if err != nil {
		return nil, err
	}
	res := &Result{}
	if len(body) > MaxBody || !utf8.ValidString(body) {
		res.fail("Issue", "the body is not UTF-8 text under %d MB", MaxBody>>20)
		return res, nil
	}
	qs := fields(set.Site)
	values := res.answers(qs, Parse(body))
	if res.Errors > 0 {
		return res, nil
	}
	sec, slug := res.identify(set, values)
	if res.Errors > 0 {
		return res, nil
	}
	if added == "" {
		added = time.Now().UTC().Format(time.DateOnly)
	}
	rel := path.Join(content.ProjectsDir, slug+".md")
	data, lineOf := projectFile(set.Site, qs, values, sec, added)
	if err := res.checkAsAdded(dir, fsys, rel, data, lineOf); err != nil || res.Errors > 0 {
		return res, err
	}
	if err := content.WriteNew(dir, rel, data); err != nil {
		return nil, err
	}
	res.File = rel
	return res, nil
}

func (res *Result) fail(label, format string, args ...any) {
	res.Problems = append(res.Problems, label+": "+fmt.Sprintf(format, args...))
	res.Errors++
}

// answers are the form's answers by field key; a required one that is
// missing or empty is a problem.
func (res *Result) answers(qs []field, answers map[string]string) map[string]string {
	values := map[string]string{}
	for _, q := range qs {
		v, ok := answers[q.label]
		if !ok && q.required {
			res.fail(q.label, "missing: the issue was not written with the form %s; open a new issue with it", File)
			continue
		}
		values[q.key] = v
		if q.required && v == "" {
			res.fail(q.label, "is required")
		}
	}
	if strings.ContainsAny(values["summary"], "\n\r") {
		values["summary"] = strings.Join(strings.Fields(values["summary"]), " ")
	}
	return values
}

// identify finds the project's section and file name, and that no project
// of the site already has its name or file.
func (res *Result) identify(set *content.Set, values map[string]string) (*content.Section, string) {
	name := values["name"]
	if strings.ContainsAny(name, "\n\r") {
		res.fail("Name", "must be one line")
	}
	var sec *content.Section
	if m := sectionIDRE.FindStringSubmatch(values["section"]); m != nil {
		sec = set.Site.SectionByID(m[1])
	}
	if sec == nil {
		res.fail("Section", "%q is not one of the form's sections; the form may be out of date", values["section"])
	}
	slug := content.Slugify(name)
	if slug == "" && name != "" {
		res.fail("Name", "%q gives no file name: it needs a letter or a digit", name)
	}
	for _, p := range set.Projects {
		if strings.EqualFold(p.Name, name) || p.Slug == slug {
			res.fail("Name", "%q is already listed in %s", name, p.File)
			break
		}
	}
	return sec, slug
}

// projectFile is the project's file, a line per answer, and the label of
// the answer each line holds.
func projectFile(site *content.Site, qs []field, values map[string]string, sec *content.Section, added string) ([]byte, map[int]string) {
	f := content.NewProjectFile()
	lineOf := map[int]string{}
	labelOf := map[string]string{}
	for _, q := range qs {
		labelOf[q.key] = q.label
	}
	lineOf[f.Str("name", values["name"], "")] = "Name"
	lineOf[f.Plain("layer", sec.Layer.ID, "")] = "Section"
	lineOf[f.Plain("section", sec.ID, "")] = "Section"
	lineOf[f.Str("summary", values["summary"], "")] = "Summary"
	lineOf[f.Str("website", values["website"], "")] = "Website"
	for _, k := range []string{"github", "x", "token"} {
		if v := values[k]; v != "" {
			lineOf[f.Str(k, strings.TrimPrefix(strings.TrimPrefix(v, "@"), "$"), "")] = labelOf[k]
		}
	}
	if v := values["tags"]; v != "" {
		lineOf[f.List("tags", listItems(v), "")] = "Tags"
	}
	for _, fd := range site.Fields {
		if v := values[fd.ID]; v != "" {
			lineOf[fieldLine(f, fd, v)] = labelOf[fd.ID]
		}
	}
	lineOf[f.Str("added", added, "")] = "Issue"
	return f.Bytes(""), lineOf
}

// fieldLine writes the answer for one of the site's own fields, as its
// type reads it, and returns its line.
func fieldLine(f *content.ProjectFile, fd *content.Field, v string) int {
	switch fd.Type {
	case content.TypeList:
		return f.List(fd.ID, listItems(v), "")
	case content.TypeBoolean:
		return f.Plain(fd.ID, map[bool]string{true: "true", false: "false"}[v == "yes"], "")
	}
	return f.Str(fd.ID, v, "")
}

// checkAsAdded checks the site as it would be with the file added, by
// check's rules: every problem in the file, and every warning the site
// does not accept, is one of the contribution's, at the answer of its
// line.
func (res *Result) checkAsAdded(dir string, fsys fs.FS, rel string, data []byte, lineOf map[int]string) error {
	if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(path.Dir(rel))), 0o755); err != nil {
		return err
	}
	after, err := content.Load(withFile{fsys, rel, data}, content.Options{Drafts: true})
	if err != nil {
		var ps content.Problems
		if !errors.As(err, &ps) {
			return err
		}
		for _, p := range ps {
			if p.Pos.File == rel {
				res.fail(cmpLabel(lineOf[p.Pos.Line]), "%s", p.Msg)
			}
		}
		return nil
	}
	_ = after.Validate()
	for _, p := range after.Accept(after.Problems(), false) {
		if p.Pos.File != rel || p.Accepted {
			continue
		}
		// check fails on a warning the site does not accept, and so does
		// a contribution.
		msg := p.Msg
		if p.Warn {
			msg = "warning: " + msg
		}
		res.fail(cmpLabel(lineOf[p.Pos.Line]), "%s", msg)
	}
	return nil
}

func cmpLabel(l string) string {
	if l == "" {
		return "Issue"
	}
	return l
}

// listItems are the items of an answer written as a comma-separated list.
func listItems(v string) []string {
	var items []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			items = append(items, s)
		}
	}
	return items
}
