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

// cachedBuildMemoryLimit is the limit of a build that keeps its cache
// (the default): until it saves the cache it also holds the parsed files,
// rendered Markdown and fragments it stores, some 60 MiB more live data at
// 10,000 projects, on which a 250 MiB limit kept the garbage collector
// running and a first build took twice as long as one with --no-cache.
const cachedBuildMemoryLimit = 400 << 20

// cachedBuildGCPercent is the garbage collector's target of a build that
// keeps its cache: the heap may grow to five times what is live before a
// collection, the memory limit permitting.
const cachedBuildGCPercent = 400

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
	// A soft memory limit makes the garbage collector work harder on very
	// large reports instead of letting the heap double; GOMEMLIMIT overrides.
	if os.Getenv("GOMEMLIMIT") == "" {
		limit := int64(cachedBuildMemoryLimit)
		if opt.NoCache {
			limit = buildMemoryLimit
		}
		debug.SetMemoryLimit(limit)
	}
	// A warm build allocates little beyond what it reads, and the
	// collector, run each time the heap doubled, was a seventh of its
	// time; under the limit above it may grow fivefold. GOGC overrides.
	if os.Getenv("GOGC") == "" && !opt.NoCache {
		debug.SetGCPercent(cachedBuildGCPercent)
		// A warm build allocates some 160 MiB in all at 10,000 projects,
		// under the limit: it need not collect at all. A first build
		// reaches the limit, where collecting at it alone was slower.
		opt.OnWarm = func() { debug.SetGCPercent(-1) }
	}
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
