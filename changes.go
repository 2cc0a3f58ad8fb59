package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/panorama-ssg/panorama/generator"
	"github.com/panorama-ssg/panorama/generator/edition"
)

// changesCmd says what differs from another checkout of the report: for a
// pull request's job summary, in Markdown with --format markdown.
func changesCmd(args []string, stdout, stderr io.Writer) int {
	fl := newFlags("changes", stderr)
	var opt generator.Options
	var since, format string
	sourceFlag(fl, &opt.Source)
	fl.StringVar(&since, "since", "", "the site `folder` to compare with, e.g. a checkout of the pull request's base")
	fl.StringVar(&format, "format", "text", "output `format`: text or markdown")
	if code, ok := parseFlags(fl, args); !ok {
		return code
	}
	if since == "" || (format != "text" && format != "markdown") {
		fmt.Fprint(stderr, "panorama changes: give --since FOLDER, and --format text or markdown\n")
		return 2
	}
	c, err := generator.Compare(since, opt)
	if err != nil {
		fmt.Fprintf(stderr, "panorama changes: %v\n", err)
		return 1
	}
	writeChanges(stdout, c, format == "markdown")
	return 0
}

// maxListed caps each list of the summary; a job summary has a size limit.
const maxListed = 50

func writeChanges(w io.Writer, c *edition.Changes, md bool) {
	head, item := "", "  "
	if md {
		fmt.Fprintln(w, "### What this changes in the report")
		fmt.Fprintln(w)
		head, item = "**", "- "
	}
	fmt.Fprintln(w, upperFirst(c.Summary())+".")
	section := func(title string, lines []string) {
		if len(lines) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s%s%s\n", head, title, head)
		if md {
			fmt.Fprintln(w)
		}
		for i, l := range lines {
			if i == maxListed {
				fmt.Fprintf(w, "%s… and %d more\n", item, len(lines)-maxListed)
				break
			}
			fmt.Fprintf(w, "%s%s\n", item, l)
		}
	}
	esc := func(s string) string {
		if !md {
			return s
		}
		return markdownText(s)
	}
	var added, removed, moved, renamed, changed []string
	for _, p := range c.Added {
		added = append(added, esc(p.Name)+" ("+esc(strings.Join(p.Sections, ", "))+")")
	}
	for _, p := range c.Removed {
		removed = append(removed, esc(p.Name))
	}
	for _, m := range c.Moved {
		moved = append(moved, fmt.Sprintf("%s: %s → %s", esc(m.Name), esc(places(m.From)), esc(places(m.To))))
	}
	for _, r := range c.Renamed {
		renamed = append(renamed, esc(r.Old)+" → "+esc(r.New))
	}
	for _, ch := range c.Changed {
		var fs []string
		for _, f := range ch.Fields {
			fs = append(fs, f.Label)
		}
		changed = append(changed, esc(ch.Name)+": "+esc(strings.Join(fs, ", ")))
	}
	section("Added", added)
	section("Removed", removed)
	section("Moved", moved)
	section("Renamed", renamed)
	section("Changed", changed)
}

func places(ps []edition.Place) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.LayerName+" › "+p.SectionName)
	}
	return strings.Join(out, "; ")
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// markdownText keeps contributors' text from being read as Markdown or
// HTML in a job summary.
func markdownText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_{}[]()<>#+-.!|~&", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
