package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/panorama-ssg/panorama/generator"
)

// editionCmd freezes the report as a dated edition.
func editionCmd(args []string, stdout, stderr io.Writer) int {
	fl := newFlags("edition", stderr)
	var opt generator.FreezeOptions
	sourceFlag(fl, &opt.Source)
	fl.StringVar(&opt.Date, "date", "", "the edition's `date`, YYYY-MM-DD (default: site.yaml's date, else today)")
	fl.StringVar(&opt.Title, "title", "", "the edition's `title` (default: the site's title and the name)")
	opt.Name, args = nameFirst(args)
	if code, ok := parseFlags(fl, args); !ok {
		return code
	}
	if opt.Name == "" {
		fmt.Fprint(stderr, "panorama edition: give the edition's name first, e.g. panorama edition 2026-q4\n")
		return 2
	}
	rel, err := generator.FreezeEdition(opt)
	if err != nil {
		fmt.Fprintf(stderr, "panorama edition: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s\n", filepath.Join(opt.Source, rel))
	return 0
}
