package main

import (
	"go.yaml.in/yaml/v3"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
)

// Every workflow passes actionlint: expressions, action inputs, shell
// scripts' use of untrusted input (an issue's body or title pasted into a
// script would be one), job dependencies.
func TestWorkflowsPassActionlint(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(".github", "workflows", "*.yml"))
	if err != nil || len(files) < 5 {
		t.Fatalf("want the check, pages, add-project, enrich and test workflows, found %q (%v)", files, err)
	}
	linter, err := actionlint.NewLinter(io.Discard, &actionlint.LinterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// And the one an import writes into a landscape's site.
	files = append(files, filepath.Join("internal", "importer", "landscape-sync.yml"))
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

// The add-project workflow runs on the label and a maintainer's command
// only (an author's edit cannot change a reviewed pull request), gives the
// token only to the steps that talk to GitHub, and never force-pushes
// without a lease on the commit it found.
func TestAddProjectWorkflowTrustsOnlyMaintainers(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(".github", "workflows", "add-project.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		On   map[string]struct{ Types []string } `yaml:"on"`
		Jobs map[string]struct {
			If    string            `yaml:"if"`
			Env   map[string]string `yaml:"env"`
			Steps []struct {
				Name, Run string
				Env       map[string]string `yaml:"env"`
				With      map[string]any    `yaml:"with"`
			}
		}
	}
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatal(err)
	}
	if got := wf.On["issues"].Types; !slices.Equal(got, []string{"labeled"}) {
		t.Errorf("runs on issue events %q, want only labeled", got)
	}
	job := wf.Jobs["add"]
	if !strings.Contains(job.If, "author_association") || !strings.Contains(job.If, "github.event.label.name == 'add-project'") {
		t.Errorf("the job's condition does not limit it to the label and maintainers: %s", job.If)
	}
	if _, ok := job.Env["GH_TOKEN"]; ok {
		t.Error("every step of the job has the token")
	}
	for _, s := range job.Steps {
		_, token := s.Env["GH_TOKEN"]
		talks := strings.Contains(s.Run, "gh ") || strings.Contains(s.Run, "git push")
		if token != talks {
			t.Errorf("step %q: has the token %v, talks to GitHub %v", s.Name, token, talks)
		}
		if strings.Contains(s.Run, "--force ") || (strings.Contains(s.Run, "git push") && !strings.Contains(s.Run, "--force-with-lease=")) {
			t.Errorf("step %q pushes without a lease", s.Name)
		}
		if s.With["persist-credentials"] == true {
			t.Errorf("step %q leaves the token in git's configuration", s.Name)
		}
	}
	if !strings.Contains(string(data), "persist-credentials: false") {
		t.Error("checkout keeps the token in git's configuration for every later step")
	}
}
