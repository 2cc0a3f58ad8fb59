package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/panorama-ssg/panorama/internal/importer"
	"github.com/panorama-ssg/panorama/internal/words"
)

const importUsage = `Usage:
  panorama import landscape2 LANDSCAPE.yml --out SITE [--logos DIR] [--title TITLE] [--settings FILE] [--guide FILE]

It writes a new site into SITE, or, where an earlier import wrote SITE,
brings upstream's changes in: projects added, changed, moved and removed;
the site's own chapters, translations, editions, site.yaml keys and accept
rules stay. settings.yml and guide.yml beside LANDSCAPE.yml are read too.
`

// importCmd writes a new site from another tool's landscape data.
func importCmd(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "landscape2" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprint(stdout, importUsage)
			return 0
		}
		fmt.Fprint(stderr, "panorama import: name the format; landscape2 is the one known\n\n"+importUsage)
		return 2
	}
	fl := newFlags("import landscape2", stderr)
	var opt importer.Options
	fl.StringVar(&opt.Out, "out", "", "the site `folder` to write: new, empty, or one an earlier import wrote")
	fl.StringVar(&opt.Logos, "logos", "", "`folder` holding the logo files the items name (landscape2's hosted_logos)")
	fl.StringVar(&opt.Title, "title", "", "the site's `title` (default: settings.yml's, or Landscape)")
	fl.StringVar(&opt.Settings, "settings", "", "landscape2's settings.yml (default: the one beside LANDSCAPE.yml)")
	fl.StringVar(&opt.Guide, "guide", "", "landscape2's guide.yml (default: the one beside LANDSCAPE.yml)")
	args = args[1:]
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		opt.Landscape, args = args[0], args[1:]
	}
	if code, ok := parseFlags(fl, args); !ok {
		return code
	}
	if opt.Landscape == "" || opt.Out == "" {
		fmt.Fprint(stderr, "panorama import landscape2: give the landscape.yml first and --out\n\n"+importUsage)
		return 2
	}
	res, err := importer.Landscape2(opt)
	if res != nil {
		for _, p := range res.Skipped {
			fmt.Fprintf(stderr, "%s: %s\n", p.Pos, p.Msg)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "panorama import: %v; nothing was written\n", err)
		return 1
	}
	for _, k := range res.Kept {
		fmt.Fprintf(stderr, "%s\n", k)
	}
	if res.Changes != nil {
		writeChanges(stdout, res.Changes, false)
	}
	fmt.Fprintf(stdout, "imported %s of %d items into %s: %s, %s, %s\n",
		words.Plural(res.Projects, "project"), res.Items, opt.Out, words.Plural(res.Layers, "layer"), words.Plural(res.Sections, "section"), words.Plural(res.Logos, "logo"))
	if res.LogoBytesIn > 0 {
		fmt.Fprintf(stdout, "SVG logos minified from %s to %s\n", kb(res.LogoBytesIn), kb(res.LogoBytesOut))
	}
	if len(res.Skipped) > 0 {
		fmt.Fprintf(stdout, "%s above could not be imported as they are; the rest was\n", words.Plural(len(res.Skipped), "note"))
	}
	fmt.Fprintf(stdout, "next: panorama check --source %s && panorama build --source %s\n", opt.Out, opt.Out)
	return 0
}

func kb(n int) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	if n < 1<<10 {
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%d KB", (n+512)>>10)
}
