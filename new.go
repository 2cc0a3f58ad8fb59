package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/generator/issueform"
	"github.com/panorama-ssg/panorama/internal/scaffold"
	"github.com/panorama-ssg/panorama/internal/words"
)

const newUsage = `Usage:
  panorama new site DIR
  panorama new project "Name" --section ID [--layer ID] [--summary TEXT] [--website URL] [--slug SLUG] [--source DIR]
  panorama new project --from-issue FILE [--added YYYY-MM-DD] [--source DIR]
  panorama new project --translate SLUG --lang CODE [--source DIR]
                                        a stub of a project's translation, with its source's hash
                                        the project a filled issue form describes (FILE - reads stdin)
  panorama new schema [--source DIR]    (re)write content/project.schema.json from site.yaml's fields
  panorama new issue-form [--source DIR] [--out FILE]
                                        (re)write the GitHub issue form for adding a project
`

func newCmd(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, newUsage)
		return 2
	}
	switch args[0] {
	case "site":
		return newSite(args[1:], stdout, stderr)
	case "project":
		return newProject(args[1:], stdout, stderr)
	case "schema":
		return newSchema(args[1:], stdout, stderr)
	case "issue-form":
		return newIssueForm(args[1:], stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, newUsage)
		return 0
	}
	fmt.Fprintf(stderr, "panorama new: unknown kind %q; want site, project, schema or issue-form\n\n%s", args[0], newUsage)
	return 2
}

func newSite(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 || strings.HasPrefix(args[0], "-") {
		fmt.Fprint(stderr, "panorama new site: give one folder, e.g. panorama new site my-report\n")
		return 2
	}
	files, err := scaffold.Site(args[0])
	if err != nil {
		fmt.Fprintf(stderr, "panorama new site: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote a starter report with %d files into %s\nnext: cd %s && panorama serve\n", len(files), args[0], args[0])
	return 0
}

func newProject(args []string, stdout, stderr io.Writer) int {
	fl := newFlags("new project", stderr)
	var o scaffold.ProjectOptions
	var source string
	sourceFlag(fl, &source)
	fl.StringVar(&o.Layer, "layer", "", "layer `id` from content/site.yaml (may be left out: the section tells it)")
	fl.StringVar(&o.Section, "section", "", "section `id` from content/site.yaml")
	fl.StringVar(&o.Summary, "summary", "", "one-sentence `summary`")
	fl.StringVar(&o.Website, "website", "", "official site `URL`")
	fl.StringVar(&o.Slug, "slug", "", "file name without .md (default: from the name)")
	var fromIssue, added, translate, lang string
	fl.StringVar(&translate, "translate", "", "write a stub of the translation of the project with this `slug` (with --lang)")
	fl.StringVar(&lang, "lang", "", "with --translate: the language `code` to translate into")
	fl.StringVar(&fromIssue, "from-issue", "", "a filled issue form's body, as GitHub writes it, in `FILE` (- for standard input)")
	fl.StringVar(&added, "added", "", "with --from-issue: the `day` it is added, YYYY-MM-DD (default today)")
	o.Name, args = nameFirst(args)
	if code, ok := parseFlags(fl, args); !ok {
		return code
	}
	if fromIssue != "" {
		return projectFromIssue(source, fromIssue, added, stdout, stderr)
	}
	if translate != "" || lang != "" {
		if translate == "" || lang == "" {
			fmt.Fprint(stderr, "panorama new project: --translate SLUG and --lang CODE go together\n")
			return 2
		}
		rel, err := scaffold.Translation(source, translate, lang)
		if err != nil {
			fmt.Fprintf(stderr, "panorama new project: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "wrote %s\nnext: translate its summary (and name, if it differs) and write the text below it\n", filepath.Join(source, rel))
		return 0
	}
	if o.Name == "" {
		fmt.Fprint(stderr, "panorama new project: give the project's name first, e.g. panorama new project \"IO.NET\" --section compute\n")
		return 2
	}
	rel, err := scaffold.Project(source, o)
	if err != nil {
		fmt.Fprintf(stderr, "panorama new project: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s\n", filepath.Join(source, rel))
	if o.Summary == "" || o.Website == "" {
		fmt.Fprintln(stdout, "it is a draft until you fill in summary and website and delete the draft line; then run panorama check")
	}
	return 0
}

func newSchema(args []string, stdout, stderr io.Writer) int {
	fl := newFlags("new schema", stderr)
	var source string
	sourceFlag(fl, &source)
	if code, ok := parseFlags(fl, args); !ok {
		return code
	}
	rel, err := scaffold.Schema(source)
	if err != nil {
		fmt.Fprintf(stderr, "panorama new schema: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s\n", filepath.Join(source, rel))
	return 0
}

// projectFromIssue writes the project a filled issue form describes; its
// problems go to stdout, one per line, for a workflow to post on the issue.
func projectFromIssue(source, file, added string, stdout, stderr io.Writer) int {
	var body []byte
	var err error
	if file == "-" {
		body, err = io.ReadAll(io.LimitReader(os.Stdin, issueform.MaxBody+1))
	} else {
		body, err = content.ReadFile(file, content.MaxFileSize)
	}
	if err != nil {
		fmt.Fprintf(stderr, "panorama new project: %v\n", err)
		return 1
	}
	res, err := issueform.FromIssue(source, string(body), added)
	if err != nil {
		fmt.Fprintf(stderr, "panorama new project: %v\n", err)
		return 1
	}
	for _, p := range res.Problems {
		fmt.Fprintln(stdout, p)
	}
	if res.File == "" {
		fmt.Fprintf(stderr, "panorama new project: no file written: %s\n", words.Plural(res.Errors, "problem"))
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s\n", filepath.Join(source, res.File))
	return 0
}

func newIssueForm(args []string, stdout, stderr io.Writer) int {
	fl := newFlags("new issue-form", stderr)
	var source, out string
	sourceFlag(fl, &source)
	fl.StringVar(&out, "out", "", "the form's `file` (default: "+issueform.File+" under --source)")
	if code, ok := parseFlags(fl, args); !ok {
		return code
	}
	set, err := content.Load(os.DirFS(source), content.Options{Drafts: true})
	if err == nil {
		err = set.Validate()
	}
	if err != nil {
		fmt.Fprintf(stderr, "panorama new issue-form: the site must pass its own rules first:\n%v\n", err)
		return 1
	}
	// Written like every file Panorama writes into a site: never through
	// a link. An --out elsewhere is the editor's own choice of folder.
	root, rel := source, issueform.File
	if out != "" {
		root, rel = filepath.Dir(out), filepath.Base(out)
	} else {
		out = filepath.Join(source, filepath.FromSlash(issueform.File))
	}
	err = content.WriteOver(root, rel, issueform.Form(set.Site))
	if err != nil {
		fmt.Fprintf(stderr, "panorama new issue-form: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s\n", out)
	return 0
}
