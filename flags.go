package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// The flags several commands share are declared here, once, so their
// names and help read the same everywhere.

// newFlags returns a command's flag set, writing its errors and help to
// stderr.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fl := flag.NewFlagSet(name, flag.ContinueOnError)
	fl.SetOutput(stderr)
	return fl
}

// sourceFlag declares --source, the site folder.
func sourceFlag(fl *flag.FlagSet, p *string) {
	fl.StringVar(p, "source", ".", "site `folder` holding content/ and optionally templates/")
}

// draftsFlag declares --drafts.
func draftsFlag(fl *flag.FlagSet, p *bool) {
	fl.BoolVar(p, "drafts", false, "include chapters and projects marked draft: true")
}

// nameFirst takes the name a command's usage line puts before its flags
// ("new project NAME --section …"), if there is one.
func nameFirst(args []string) (name string, rest []string) {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return args[0], args[1:]
	}
	return "", args
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
