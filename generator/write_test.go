package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFailedBuildKeepsPreviousOutput: every error class leaves the last good
// public/ exactly as it was, and no temporary folder behind (issue 2).
func TestFailedBuildKeepsPreviousOutput(t *testing.T) {
	breakages := map[string]string{
		"yaml":     "-- content/projects/acme.md --\n---\nname: [\n---\n",
		"section":  "-- content/projects/acme.md --\n---\nname: Acme\nlayer: infra\nsection: compte\nsummary: s\nwebsite: https://a.example\n---\n",
		"url":      "-- content/projects/acme.md --\n---\nname: Acme\nlayer: infra\nsection: compute\nsummary: s\nwebsite: javascript:alert(1)\n---\n",
		"link":     "-- content/report/02-more.md --\n---\ntitle: More\n---\nSee [gone](../projects/gone.md).\n",
		"template": "-- templates/project.html --\n{{define \"main\"}}{{.Project.Nope}}{{end}}\n",
	}
	for name, broken := range breakages {
		t.Run(name, func(t *testing.T) {
			b := newSite(t, minimalSite).mustBuild()
			before := snapshot(t, b.out)
			b.write(broken)
			if b.build().err == nil {
				t.Fatal("broken site built")
			}
			after := snapshot(t, b.out)
			if len(before) != len(after) {
				t.Fatalf("output changed from %d to %d files", len(before), len(after))
			}
			for f, data := range before {
				if string(after[f]) != string(data) {
					t.Errorf("%s changed", f)
				}
			}
			entries, _ := os.ReadDir(b.dir)
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), ".public") {
					t.Errorf("temporary folder %s left behind", e.Name())
				}
			}
		})
	}
}

func TestMarkdownLinkErrorsNameTheLine(t *testing.T) {
	b := newSite(t, minimalSite, `
-- content/report/02-more.md --
---
title: More
weight: 2
---
First paragraph.

- item with [a broken link](../projects/gone.md)
- and [root-relative](/projects/acme/)
`)
	b.build().assertErrors(
		"content/report/02-more.md:7: link ../projects/gone.md: content/projects/gone.md is not a chapter or project",
		"content/report/02-more.md:8: link /projects/acme/ starts with /",
	)
}

func TestOutputFolderSafety(t *testing.T) {
	b := newSite(t, minimalSite)
	cases := map[string]string{
		"source itself":    b.dir,
		"parent of source": filepath.Dir(b.dir),
		"filesystem root":  "/",
		"inside content":   filepath.Join(b.dir, "content", "out"),
		"inside templates": filepath.Join(b.dir, "templates"),
	}
	for name, out := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Build(Options{Source: b.dir, Out: out})
			if err == nil || !strings.Contains(err.Error(), "--out") {
				t.Fatalf("Build with --out %s: err = %v, want a refusal", out, err)
			}
		})
	}
	t.Run("folder with content", func(t *testing.T) {
		other := t.TempDir()
		os.MkdirAll(filepath.Join(other, "content"), 0o755)
		if _, err := Build(Options{Source: b.dir, Out: other}); err == nil || !strings.Contains(err.Error(), "contains a content/ folder") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("foreign non-empty folder", func(t *testing.T) {
		other := t.TempDir()
		keep := filepath.Join(other, "notes.txt")
		os.WriteFile(keep, []byte("mine"), 0o644)
		_, err := Build(Options{Source: b.dir, Out: other})
		if err == nil || !strings.Contains(err.Error(), "was not written by panorama") {
			t.Fatalf("err = %v", err)
		}
		if data, _ := os.ReadFile(keep); string(data) != "mine" {
			t.Fatal("foreign file touched")
		}
	})
	t.Run("rebuild replaces own output", func(t *testing.T) {
		b.mustBuild()
		stale := filepath.Join(b.out, "projects", "stale.html")
		os.WriteFile(stale, []byte("old"), 0o644)
		b.mustBuild()
		if _, err := os.Stat(stale); err == nil {
			t.Fatal("stale file survived a rebuild")
		}
	})
}
