package content

import (
	"fmt"
	"sort"
	"strings"
)

// Pos is a position in a content file. Line and Col are 1-based; zero means
// unknown.
type Pos struct {
	File      string
	Line, Col int
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Problem is one thing wrong with the content, at a position.
type Problem struct {
	Pos Pos
	// Kind is a stable id of the kind of problem, such as
	// "duplicate-website": tools and site.yaml's accept rules name it.
	Kind string
	Msg  string
	// Warn marks a problem that does not stop a build.
	Warn bool
	// Accepted marks a warning that site.yaml accepts for its file.
	Accepted bool
}

func (p Problem) Error() string { return p.Pos.String() + ": " + p.Msg }

// maxShown caps how many problems an error message lists, as Hugo does.
const maxShown = 50

// Problems is every problem found in one pass. As an error it lists them
// sorted by file and line, one per line.
type Problems []Problem

func (ps Problems) Error() string {
	var b strings.Builder
	for i, p := range ps {
		if i == maxShown {
			fmt.Fprintf(&b, "… and %d more problems", len(ps)-maxShown)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

// Sort orders problems by file, line and column, then message.
func (ps Problems) Sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i].Pos, ps[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return ps[i].Msg < ps[j].Msg
	})
}

// Split separates errors from warnings.
func (ps Problems) Split() (errs, warns Problems) {
	for _, p := range ps {
		if p.Warn {
			warns = append(warns, p)
		} else {
			errs = append(errs, p)
		}
	}
	return errs, warns
}

// Err returns the errors among ps, sorted, or nil when there are none.
func (ps Problems) Err() error {
	errs, _ := ps.Split()
	if len(errs) == 0 {
		return nil
	}
	errs.Sort()
	return errs
}

func (ps *Problems) add(pos Pos, kind Kind, format string, args ...any) {
	*ps = append(*ps, Problem{Pos: pos, Kind: string(kind), Msg: fmt.Sprintf(format, args...)})
}

func (ps *Problems) warn(pos Pos, kind Kind, format string, args ...any) {
	*ps = append(*ps, Problem{Pos: pos, Kind: string(kind), Msg: fmt.Sprintf(format, args...), Warn: true})
}

// suggest returns the candidate closest to s when it is close enough to be
// a likely typo, or "".
func suggest(s string, candidates []string) string {
	best, bestD := "", -1
	for _, c := range candidates {
		d := levenshtein(strings.ToLower(s), strings.ToLower(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	limit := max(2, len(s)/3)
	if bestD < 0 || bestD > limit {
		return ""
	}
	return best
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// didYouMean formats a hint for an unknown value.
func didYouMean(s string, candidates []string) string {
	if c := suggest(s, candidates); c != "" {
		return fmt.Sprintf("; did you mean %q?", c)
	}
	if len(candidates) > 0 {
		return "; use one of: " + strings.Join(candidates, ", ")
	}
	return ""
}

// DidYouMean is the hint "; did you mean …?" (or the choices) for a value
// s that is none of candidates, for readers of other files.
func DidYouMean(s string, candidates []string) string { return didYouMean(s, candidates) }
