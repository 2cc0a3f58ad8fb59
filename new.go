package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/panorama-ssg/panorama/generator/scaffold"
)

const newUsage = `Usage:
  panorama new site DIR
  panorama new project "Name" --section ID [--layer ID] [--summary TEXT] [--website URL] [--slug SLUG] [--source DIR]
  panorama new schema [--source DIR]    (re)write content/project.schema.json from site.yaml's fields
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
	case "-h", "--help", "help":
		fmt.Fprint(stdout, newUsage)
		return 0
	}
	fmt.Fprintf(stderr, "panorama new: unknown kind %q; want site, project or schema\n\n%s", args[0], newUsage)
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
	o.Name, args = nameFirst(args)
	if code, ok := parseFlags(fl, args); !ok {
		return code
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
