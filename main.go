// Command panorama builds panorama reports: research reports that map a
// field as layers, sections and the projects in them.
package main

import (
	"fmt"
	"io"
	"os"

	// Advises huge pages on the heap as the program starts.
	_ "github.com/panorama-ssg/panorama/internal/hugeheap/atstart"
)

const usage = `panorama builds a panorama report into a static site.

Usage:
  panorama build [--source DIR] [--out DIR] [--base-url URL] [--drafts] [--no-zip] [--no-cache]
  panorama serve [--source DIR] [--bind ADDR] [--port N] [--base-path /report/] [--drafts]
  panorama check [--source DIR] [--format text|json|github] [--strict] [--drafts]
  panorama new site DIR
  panorama new project "Name" --section ID [--layer ID] [--summary TEXT] [--website URL] [--slug SLUG] [--source DIR]
  panorama new project --from-issue FILE [--added YYYY-MM-DD] [--source DIR]
  panorama new project --translate SLUG --lang CODE [--source DIR]
  panorama new schema [--source DIR]
  panorama new issue-form [--out FILE] [--source DIR]
  panorama import landscape2 LANDSCAPE.yml --out SITE [--logos DIR] [--title TITLE] [--settings FILE] [--guide FILE]
  panorama edition NAME [--date YYYY-MM-DD] [--title TITLE] [--source DIR]
  panorama changes --since DIR [--format text|markdown] [--source DIR]
  panorama enrich github [--source DIR] [--only SLUG…] [--max-age 7d] [--api-url URL] [--concurrency 8]
  panorama enrich diff --since FILE [--source DIR]

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
	case "edition":
		return editionCmd(args[1:], stdout, stderr)
	case "changes":
		return changesCmd(args[1:], stdout, stderr)
	case "enrich":
		return enrichCmd(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "panorama: unknown command %q\n\n%s", args[0], usage)
	return 2
}
