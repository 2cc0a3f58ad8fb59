package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/panorama-ssg/panorama/generator"
	"github.com/panorama-ssg/panorama/generator/content"
)

// checkJSON is the --format json report. Its fields are stable: tools may
// rely on them.
type checkJSON struct {
	OK       bool          `json:"ok"`
	Errors   int           `json:"errors"`
	Warnings int           `json:"warnings"`
	Problems []problemJSON `json:"problems"`
}

type problemJSON struct {
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity"` // "error" stops a build; "warning" only fails check
	Message  string `json:"message"`
}

func check(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("check", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var opt generator.Options
	fl.StringVar(&opt.Source, "source", ".", "site `folder` holding content/")
	fl.BoolVar(&opt.Drafts, "drafts", false, "also check chapters and projects marked draft: true")
	format := fl.String("format", "text", "output `format`: text, json, or github (workflow annotations)")
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
	nwarn := len(r.Problems) - nerr
	switch *format {
	case "json":
		out := checkJSON{OK: len(r.Problems) == 0, Errors: nerr, Warnings: nwarn, Problems: []problemJSON{}}
		for _, p := range r.Problems {
			out.Problems = append(out.Problems, problemJSON{File: p.Pos.File, Line: p.Pos.Line, Col: p.Pos.Col, Severity: severity(p), Message: p.Msg})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
	case "github":
		for _, p := range r.Problems {
			fmt.Fprintf(stdout, "::%s file=%s,line=%d,col=%d::%s\n", severity(p), p.Pos.File, max(p.Pos.Line, 1), max(p.Pos.Col, 1), ghEscape(p.Msg))
		}
		fallthrough
	default:
		for _, p := range r.Problems {
			if *format == "text" {
				if p.Warn {
					fmt.Fprintf(stderr, "%s: warning: %s\n", p.Pos, p.Msg)
				} else {
					fmt.Fprintln(stderr, p.Error())
				}
			}
		}
		if len(r.Problems) > 0 {
			fmt.Fprintf(stderr, "check: %s and %s in %s and %s\n", plural(nerr, "error"), plural(nwarn, "warning"), plural(r.Chapters, "chapter"), plural(r.Projects, "project"))
		} else {
			fmt.Fprintf(stdout, "ok: %s, %s, %s and %s checked, no problems\n", plural(r.Chapters, "chapter"), plural(r.Projects, "project"), plural(r.Layers, "layer"), plural(r.Sections, "section"))
		}
	}
	if len(r.Problems) > 0 {
		return 1
	}
	return 0
}

func severity(p content.Problem) string {
	if p.Warn {
		return "warning"
	}
	return "error"
}

// ghEscape escapes a workflow command's message.
func ghEscape(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// parseFlags parses args and refuses positional arguments; ok is false
// when the command should return code.
func parseFlags(fl *flag.FlagSet, args []string) (code int, ok bool) {
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return 2, false
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(fl.Output(), "panorama %s: unexpected argument %q\n", fl.Name(), fl.Arg(0))
		return 2, false
	}
	return 0, true
}
