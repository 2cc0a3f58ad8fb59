package enrich

import (
	"fmt"
	"slices"
	"strings"

	"github.com/panorama-ssg/panorama/internal/words"
)

// Changes are what changed between two snapshots, for a pull request's
// summary.
type Changes struct {
	Added, Removed, Archived, Missing []string
	Moved                             []string // "old → new"
	Movers                            []Mover  // the largest changes in stars, largest first
}

// Mover is a repository whose stars changed.
type Mover struct {
	Repo          string
	Before, After int
}

// maxMovers is how many movers a summary names.
const maxMovers = 10

// Diff compares an earlier snapshot with a later one.
func Diff(before, after *Snapshot) *Changes {
	old := before.Index().repos
	now := after.Index().repos
	c := &Changes{}
	for key, r := range now {
		o, was := old[key]
		switch {
		case !was:
			c.Added = append(c.Added, r.Repo)
		case r.Archived && !o.Archived:
			c.Archived = append(c.Archived, r.Repo)
		}
		if r.MovedTo != "" && (!was || o.MovedTo != r.MovedTo) {
			c.Moved = append(c.Moved, r.Repo+" → "+r.MovedTo)
		}
		if r.Note != "" && (!was || o.Note == "") {
			c.Missing = append(c.Missing, r.Repo)
		}
		if was && r.Stars != o.Stars && r.Note == "" {
			c.Movers = append(c.Movers, Mover{r.Repo, o.Stars, r.Stars})
		}
	}
	for key, o := range old {
		if _, still := now[key]; !still {
			c.Removed = append(c.Removed, o.Repo)
		}
	}
	for _, l := range [][]string{c.Added, c.Removed, c.Archived, c.Missing, c.Moved} {
		slices.Sort(l)
	}
	slices.SortFunc(c.Movers, func(a, b Mover) int {
		da, db := abs(a.After-a.Before), abs(b.After-b.Before)
		if da != db {
			return db - da
		}
		return strings.Compare(a.Repo, b.Repo)
	})
	c.Movers = c.Movers[:min(len(c.Movers), maxMovers)]
	return c
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// Markdown is the changes as a pull request's body.
func (c *Changes) Markdown() string {
	var b strings.Builder
	list := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n**%s** (%d)\n\n", title, len(items))
		for _, it := range items {
			fmt.Fprintf(&b, "- `%s`\n", strings.ReplaceAll(it, "`", ""))
		}
	}
	b.WriteString("What GitHub says changed since the last snapshot.\n")
	list("Repositories added", c.Added)
	list("Repositories no longer named", c.Removed)
	list("Archived", c.Archived)
	list("Renamed: update the project's github: address", c.Moved)
	list("Gone or empty", c.Missing)
	if len(c.Movers) > 0 {
		b.WriteString("\n**Biggest changes in stars**\n\n| Repository | Before | After |\n|---|---:|---:|\n")
		for _, m := range c.Movers {
			fmt.Fprintf(&b, "| `%s` | %s | %s |\n", m.Repo, words.Number(m.Before), words.Number(m.After))
		}
	}
	if len(c.Added)+len(c.Removed)+len(c.Archived)+len(c.Moved)+len(c.Missing)+len(c.Movers) == 0 {
		b.WriteString("\nNothing but the day of the answers.\n")
	}
	return b.String()
}
