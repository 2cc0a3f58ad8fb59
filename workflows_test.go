package main

import (
	"io"
	"path/filepath"
	"testing"

	"github.com/rhysd/actionlint"
)

// Every workflow passes actionlint: expressions, action inputs, shell
// scripts' use of untrusted input (an issue's body or title pasted into a
// script would be one), job dependencies.
func TestWorkflowsPassActionlint(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(".github", "workflows", "*.yml"))
	if err != nil || len(files) < 4 {
		t.Fatalf("want the check, pages, add-project and test workflows, found %q (%v)", files, err)
	}
	linter, err := actionlint.NewLinter(io.Discard, &actionlint.LinterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// And the one an import writes into a landscape's site.
	files = append(files, filepath.Join("generator", "importer", "landscape-sync.yml"))
	errs, err := linter.LintFiles(files, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Errorf("%s:%d:%d: %s [%s]", e.Filepath, e.Line, e.Column, e.Message, e.Kind)
	}
}

// The linter is not blind: a workflow that pastes an issue's body into a
// script fails it.
func TestActionlintCatchesScriptInjection(t *testing.T) {
	bad := []byte(`on: issues
jobs:
  x:
    runs-on: ubuntu-latest
    steps:
      - run: echo "${{ github.event.issue.body }}"
`)
	linter, err := actionlint.NewLinter(io.Discard, &actionlint.LinterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	errs, err := linter.Lint("bad.yml", bad, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) == 0 {
		t.Error("actionlint let an issue's body into a script")
	}
}
