package main

import (
	"io/fs"

	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/panorama-ssg/panorama/generator/content"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"github.com/panorama-ssg/panorama/generator/enrich"
)

const enrichUsage = `Usage:
  panorama enrich github [--source DIR] [--only SLUG…] [--max-age 7d] [--api-url URL] [--concurrency 8]
  panorama enrich diff --since FILE [--source DIR]

It asks GitHub about every repository the site's projects name (github:,
and additional_repos) and writes what it says into content/data/github.json:
stars, forks, issues, contributors, first and last commit, latest release,
licence, languages, topics, and the commits of the last 52 weeks. Builds
read that file and never the network. The token is read from GITHUB_TOKEN
only; without one GitHub allows 60 requests an hour. Records fetched within
--max-age are kept as they are, so a rerun resumes an interrupted one.

enrich diff says, in Markdown, what changed since an earlier snapshot:
repositories added, archived, renamed and gone, and the biggest changes in
stars (the enrich workflow's pull request says so).
`

// enrichCmd fetches the site's repository data into its snapshot.
func enrichCmd(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "diff" {
		return enrichDiff(args[1:], stdout, stderr)
	}
	if len(args) == 0 || args[0] != "github" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprint(stdout, enrichUsage)
			return 0
		}
		fmt.Fprint(stderr, "panorama enrich: name the source; github is the one known\n\n"+enrichUsage)
		return 2
	}
	fl := newFlags("enrich github", stderr)
	opt := enrich.Options{Token: os.Getenv("GITHUB_TOKEN")}
	var only listFlag
	var maxAge string
	sourceFlag(fl, &opt.Source)
	fl.Var(&only, "only", "fetch only the projects with these `slugs` (repeat it, or separate them with commas)")
	fl.StringVar(&maxAge, "max-age", "0", "keep records fetched more recently than this `age` (7d, 12h; 0 fetches all)")
	fl.StringVar(&opt.API, "api-url", "https://api.github.com", "GitHub's API `address` (GitHub Enterprise, or a test server)")
	fl.IntVar(&opt.Concurrency, "concurrency", 8, "`requests` at once")
	if code, ok := parseFlags(fl, args[1:]); !ok {
		return code
	}
	age, err := parseAge(maxAge)
	if err != nil {
		fmt.Fprintf(stderr, "panorama enrich github: --max-age %q: %v\n", maxAge, err)
		return 2
	}
	opt.MaxAge, opt.Only = age, only
	opt.Progress = enrich.NewProgress(stderr, isTerminal(stderr))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := enrich.Run(ctx, opt)
	if err != nil {
		fmt.Fprintf(stderr, "panorama enrich github: %v\n", err)
		return 1
	}
	report(stdout, stderr, res)
	switch {
	case res.Stopped != nil && errors.Is(res.Stopped, context.Canceled):
		return 130
	case res.Stopped != nil || len(res.Failed) > 0:
		return 1
	}
	return 0
}

// report says what a run did; what it kept is in the snapshot either way.
func report(stdout, stderr io.Writer, res *enrich.Result) {
	for _, m := range res.Moved {
		fmt.Fprintf(stderr, "moved: %s; update the project's github: address\n", m)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(stderr, "note: %s\n", n)
	}
	for _, f := range res.Failed {
		fmt.Fprintf(stderr, "failed: %s\n", f)
	}
	if res.Stopped != nil {
		fmt.Fprintf(stderr, "stopped: %v; what was fetched is kept in %s, and a rerun with --max-age goes on from there\n", res.Stopped, enrich.SnapshotFile)
	}
	fmt.Fprintf(stdout, "%d repositories: %d asked (%d changed), %d fresh and kept, %d failed; wrote %s\n",
		res.Total, res.Fetched, res.Changed, res.Kept, len(res.Failed), enrich.SnapshotFile)
}

// listFlag collects a repeated flag, each of which may hold a list.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

var _ flag.Value = (*listFlag)(nil)

// parseAge reads an age as Go writes durations, or in days ("7d").
func parseAge(s string) (time.Duration, error) {
	if d, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.ParseFloat(d, 64)
		if err != nil || n < 0 {
			return 0, errors.New("want a number of days (7d) or a duration (12h)")
		}
		return time.Duration(n * 24 * float64(time.Hour)), nil
	}
	if s == "0" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, errors.New("want a number of days (7d) or a duration (12h)")
	}
	return d, nil
}

// isTerminal tells whether w is a terminal, where progress is redrawn in
// place; elsewhere (CI logs) it is plain lines.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0 && os.Getenv("CI") == ""
}

// enrichDiff prints what changed between an earlier snapshot and the
// site's.
func enrichDiff(args []string, stdout, stderr io.Writer) int {
	fl := newFlags("enrich diff", stderr)
	var source, since string
	sourceFlag(fl, &source)
	fl.StringVar(&since, "since", "", "the earlier snapshot `file` (a copy of content/data/github.json)")
	if code, ok := parseFlags(fl, args); !ok {
		return code
	}
	if since == "" {
		fmt.Fprint(stderr, "panorama enrich diff: --since is required\n\n"+enrichUsage)
		return 2
	}
	before := &enrich.Snapshot{Format: enrich.Format}
	if data, err := content.ReadFile(since, 64<<20); err == nil {
		if before, err = enrich.Decode(data); err != nil {
			fmt.Fprintf(stderr, "panorama enrich diff: %s: %v\n", since, err)
			return 1
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(stderr, "panorama enrich diff: %v\n", err)
		return 1
	}
	after, err := enrich.Load(source)
	if err != nil {
		fmt.Fprintf(stderr, "panorama enrich diff: %v\n", err)
		return 1
	}
	fmt.Fprint(stdout, enrich.Diff(before, after).Markdown())
	return 0
}
