package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/panorama-ssg/panorama/generator"
	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/internal/words"
)

// checkJSON is the --format json report. Its fields are stable: tools may
// rely on them.
type checkJSON struct {
	OK       bool          `json:"ok"`
	Errors   int           `json:"errors"`
	Warnings int           `json:"warnings"` // not accepted by site.yaml
	Accepted int           `json:"accepted"` // warnings site.yaml accepts
	Problems []problemJSON `json:"problems"`
}

type problemJSON struct {
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity"` // "error" stops a build; "warning" only fails check
	Kind     string `json:"kind"`     // stable id of the kind of problem
	Message  string `json:"message"`
	Accepted bool   `json:"accepted,omitempty"`
}

func check(args []string, stdout, stderr io.Writer) int {
	fl := newFlags("check", stderr)
	var opt generator.Options
	sourceFlag(fl, &opt.Source)
	draftsFlag(fl, &opt.Drafts)
	format := fl.String("format", "text", "output `format`: text, json, or github (workflow annotations)")
	strict := fl.Bool("strict", false, "also fail on the warnings site.yaml accepts, and list them")
	if code, ok := parseFlags(fl, args); !ok {
		return code
	}
	if *format != "text" && *format != "json" && *format != "github" {
		fmt.Fprintf(stderr, "panorama check: --format %q: want text, json or github\n", *format)
		return 2
	}
	r, err := generator.Check(opt)
	if err != nil {
		fmt.Fprintf(stderr, "panorama check: %v\n", err)
		return 1
	}
	nerr := r.Errors()
	naccepted := r.Problems.CountAccepted()
	nwarn := len(r.Problems) - nerr - naccepted
	failed := nerr+nwarn > 0 || (*strict && naccepted > 0)
	// shown: what a reader is told about; accepted warnings only with --strict.
	var shown content.Problems
	for _, p := range r.Problems {
		if !p.Accepted || *strict {
			shown = append(shown, p)
		}
	}
	switch *format {
	case "json":
		if err := printJSON(stdout, r, failed, nerr, nwarn, naccepted); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
	case "github":
		for _, p := range shown {
			fmt.Fprintf(stdout, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", severity(p), ghProperty(p.Pos.File), max(p.Pos.Line, 1), max(p.Pos.Col, 1), ghProperty(p.Kind), ghData(p.Msg))
		}
		printSummary(stdout, stderr, r, failed, nerr, nwarn, naccepted)
	default:
		printText(stderr, shown)
		printSummary(stdout, stderr, r, failed, nerr, nwarn, naccepted)
	}
	if failed {
		return 1
	}
	return 0
}

// printJSON writes every problem, accepted ones marked, as one JSON
// document.
func printJSON(stdout io.Writer, r *generator.CheckResult, failed bool, nerr, nwarn, naccepted int) error {
	out := checkJSON{OK: !failed, Errors: nerr, Warnings: nwarn, Accepted: naccepted, Problems: []problemJSON{}}
	for _, p := range r.Problems {
		out.Problems = append(out.Problems, problemJSON{File: p.Pos.File, Line: p.Pos.Line, Col: p.Pos.Col,
			Severity: severity(p), Kind: p.Kind, Message: p.Msg, Accepted: p.Accepted})
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// printText writes a line per problem for a terminal.
func printText(stderr io.Writer, shown content.Problems) {
	for _, p := range shown {
		// File names and messages (which quote links and values) come
		// from contributors: a terminal escape in one must not reach the
		// terminal.
		pos, msg := visible(p.Pos.String()), visible(p.Msg)
		switch {
		case p.Accepted:
			fmt.Fprintf(stderr, "%s: warning (accepted): %s [%s]\n", pos, msg, p.Kind)
		case p.Warn:
			fmt.Fprintf(stderr, "%s: warning: %s [%s]\n", pos, msg, p.Kind)
		default:
			fmt.Fprintf(stderr, "%s: %s [%s]\n", pos, msg, p.Kind)
		}
	}
}

// printSummary ends check's output with one line: what failed, or ok.
func printSummary(stdout, stderr io.Writer, r *generator.CheckResult, failed bool, nerr, nwarn, naccepted int) {
	accepted := ""
	if naccepted > 0 {
		accepted = fmt.Sprintf(" (%s accepted by site.yaml)", words.Plural(naccepted, "warning"))
	}
	if failed {
		fmt.Fprintf(stderr, "check: %s and %s%s in %s and %s\n", words.Plural(nerr, "error"), words.Plural(nwarn, "warning"), accepted, words.Plural(r.Chapters, "chapter"), words.Plural(r.Projects, "project"))
		return
	}
	problems := "no problems"
	if naccepted > 0 {
		problems = fmt.Sprintf("no problems but %s accepted by site.yaml", words.Plural(naccepted, "warning"))
	}
	fmt.Fprintf(stdout, "ok: %s, %s, %s and %s checked, %s\n", words.Plural(r.Chapters, "chapter"), words.Plural(r.Projects, "project"), words.Plural(r.Layers, "layer"), words.Plural(r.Sections, "section"), problems)
}

func severity(p content.Problem) string {
	if p.Warn {
		return "warning"
	}
	return "error"
}

// visible writes control characters, and the characters that reorder text
// (bidirectional controls), as \u escapes.
func visible(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f {
			fmt.Fprintf(&b, "\\u%04x", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ghData escapes a workflow command's message as GitHub's toolkit does: the
// runner unescapes only %25, %0D and %0A there, so a colon or a comma stays
// as written, and no text can end the command or start another.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a property value (file, title), where ":" and ","
// separate properties and are escaped too.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
