package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/panorama-ssg/panorama/generator"
	"github.com/panorama-ssg/panorama/internal/words"
)

// buildMemoryLimit is the soft heap limit of a build: a 10,000-project
// report's live data is about 130 MiB.
const buildMemoryLimit = 250 << 20

// firstBuildMemoryLimit is the limit of a build that writes the cache
// without one to read (the default build's first): until the site is in
// place it also holds what it stores for the next build (the rendered
// Markdown, the search index's documents encoded, the fragments), some
// 40 MiB more at 10,000 projects. The parsed files go to the cache, and
// out of memory, before the pages are written. It keeps the peak under
// 300 MiB, as --no-cache does.
const firstBuildMemoryLimit = 275 << 20

// warmBuildMemoryLimit is the limit of a build that found the cache: it
// reads tens of megabytes of it and allocates some 200 MiB in all after a
// text edit, and need not collect below this.
const warmBuildMemoryLimit = 400 << 20

func build(args []string, stdout, stderr io.Writer) int {
	fl := newFlags("build", stderr)
	var opt generator.Options
	sourceFlag(fl, &opt.Source)
	fl.StringVar(&opt.Out, "out", "", "output `folder` (default: public under --source)")
	fl.StringVar(&opt.BaseURL, "base-url", "", "absolute `URL` the site is published at, for sitemap.xml and canonical links")
	draftsFlag(fl, &opt.Drafts)
	fl.BoolVar(&opt.NoZip, "no-zip", false, "leave out the zip of the whole site and the links to it")
	fl.BoolVar(&opt.NoCache, "no-cache", false, "build cold: neither read nor write the cache kept beside the output folder")
	if code, ok := parseFlags(fl, args); !ok {
		return code
	}
	setCollector(&opt)
	res, err := generator.Build(opt)
	if res != nil {
		for _, w := range res.Warnings {
			if !w.Accepted {
				fmt.Fprintf(stderr, "warning: %s\n", w)
			}
		}
		if n := res.Warnings.CountAccepted(); n > 0 {
			fmt.Fprintf(stderr, "%s not shown (site.yaml accept; panorama check --strict lists them)\n", words.Plural(n, "accepted warning"))
		}
	}
	if res != nil {
		for _, n := range res.Notes {
			fmt.Fprintf(stderr, "note: %s\n", n)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s\nbuild failed; the previous output was left as it was\n", err)
		return 1
	}
	fmt.Fprintln(stdout, res)
	return 0
}

// setCollector sets the garbage collector for a build with opt: a soft
// memory limit makes it work harder on very large reports instead of
// letting the heap double; GOMEMLIMIT and GOGC override.
func setCollector(opt *generator.Options) {
	limits := os.Getenv("GOMEMLIMIT") == ""
	if limits {
		limit := int64(firstBuildMemoryLimit)
		if opt.NoCache {
			limit = buildMemoryLimit
		}
		debug.SetMemoryLimit(limit)
	}
	if !opt.NoCache {
		// Opening the cache reads tens of megabytes that stay: nothing is
		// collected until the build knows whether it found it. A warm
		// build allocates little beyond what it reads (some 200 MiB after
		// a text edit at 10,000 projects), and the collector, run each
		// time the heap doubled, was a seventh of its time: it need not
		// collect at all, under a limit of its own.
		gc := os.Getenv("GOGC") == ""
		if gc {
			debug.SetGCPercent(-1)
		}
		opt.OnCache = func(warm bool) {
			switch {
			case gc && !warm:
				debug.SetGCPercent(100)
			case limits && warm:
				debug.SetMemoryLimit(warmBuildMemoryLimit)
			}
		}
	}
}
