// Command panorama builds panorama reports: research reports that map a
// field as layers, sections and the projects in them.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/panorama-ssg/panorama/generator"
)

const usage = `panorama builds a panorama report into a static site.

Usage:
  panorama build [--source DIR] [--out DIR] [--base-url URL] [--drafts] [--no-zip]
  panorama serve [--source DIR] [--bind ADDR] [--port N] [--base-path /report/] [--drafts]
  panorama check [--source DIR] [--format text|json|github] [--drafts]
  panorama new site DIR
  panorama new project "Name" --section ID [--layer ID] [--summary TEXT] [--website URL]
  panorama new schema [--source DIR]
  panorama import landscape2 LANDSCAPE.yml --out SITE [--logos DIR] [--title TITLE]

Run "panorama COMMAND -h" for a command's flags.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the CLI; it returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "build":
		return build(args[1:], stdout, stderr)
	case "check":
		return check(args[1:], stdout, stderr)
	case "new":
		return newCmd(args[1:], stdout, stderr)
	case "import":
		return importCmd(args[1:], stdout, stderr)
	case "serve":
		return serveCmd(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "panorama: unknown command %q\n\n%s", args[0], usage)
	return 2
}

// buildMemoryLimit is the soft heap limit of a build: a 10,000-project
// report's live data is about 100 MiB.
const buildMemoryLimit = 250 << 20

func build(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("build", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var opt generator.Options
	fl.StringVar(&opt.Source, "source", ".", "site `folder` holding content/ and optionally templates/")
	fl.StringVar(&opt.Out, "out", "", "output `folder` (default: public under --source)")
	fl.StringVar(&opt.BaseURL, "base-url", "", "absolute `URL` the site is published at, for sitemap.xml and canonical links")
	fl.BoolVar(&opt.Drafts, "drafts", false, "include chapters and projects marked draft: true")
	fl.BoolVar(&opt.NoZip, "no-zip", false, "leave out the zip of the whole site and the links to it")
	if code, ok := parseFlags(fl, args); !ok {
		return code
	}
	// A soft memory limit makes the garbage collector work harder on very
	// large reports instead of letting the heap double; GOMEMLIMIT overrides.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(buildMemoryLimit)
	}
	res, err := generator.Build(opt)
	if res != nil {
		for _, w := range res.Warnings {
			if !w.Accepted {
				fmt.Fprintf(stderr, "warning: %s\n", w)
			}
		}
		if n := res.Warnings.CountAccepted(); n > 0 {
			fmt.Fprintf(stderr, "%s not shown (site.yaml accept; panorama check --strict lists them)\n", plural(n, "accepted warning"))
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s\nbuild failed; the previous output was left as it was\n", err)
		return 1
	}
	fmt.Fprintln(stdout, res)
	return 0
}
