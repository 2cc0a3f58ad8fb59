package generator

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/panorama-ssg/panorama/generator/output"
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
				if strings.HasPrefix(e.Name(), ".public") && e.Name() != ".public.lock" && e.Name() != ".public.cache" {
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

// A build that was killed leaves its staging folder; the next build
// removes it (it carries the marker) and nothing else. Two builds at once
// do not write the same folder: the second is refused while the first
// holds the lock.
func TestLeftoversAndConcurrentBuilds(t *testing.T) {
	b := newSite(t, minimalSite).mustBuild(func(o *Options) { o.NoZip = true })
	killed := filepath.Join(b.dir, ".public.new-123456")
	must(t, os.MkdirAll(filepath.Join(killed, "projects"), 0o755))
	must(t, os.WriteFile(filepath.Join(killed, output.Marker), []byte("x"), 0o644))
	must(t, os.WriteFile(filepath.Join(killed, "projects", "half.html"), []byte("half"), 0o644))
	foreign := filepath.Join(b.dir, ".public.new-mine")
	must(t, os.MkdirAll(foreign, 0o755))
	b.mustBuild(func(o *Options) { o.NoZip = true })
	if _, err := os.Stat(killed); err == nil {
		t.Error("the killed build's staging folder is still there")
	}
	if _, err := os.Stat(foreign); err != nil {
		t.Error("a folder without the marker was removed")
	}
	// A second build while a first one writes (holds the lock).
	held := errors.New("the first build stops here")
	if err := output.Stage(filepath.Join(b.dir, "public"), func(string) error { b.build(func(o *Options) { o.NoZip = true }); return held }); err != held {
		t.Fatalf("the first build: %v", err)
	}
	if b.err == nil || !strings.Contains(b.err.Error(), "another panorama build is writing") {
		t.Errorf("a second build while the first writes: %v", b.err)
	}
	b.mustBuild(func(o *Options) { o.NoZip = true })
}

// A file-system error that hits every file is said once, with the output
// folder, not a thousand times with the staging folder's name.
func TestWriteErrorsSaidOnce(t *testing.T) {
	var errs []error
	for i := range 1180 {
		errs = append(errs, &os.PathError{Op: "open", Path: fmt.Sprintf("/x/.public.new-1/projects/p-%d.html", i), Err: syscall.ENOSPC})
	}
	errs = append(errs, errors.New("rendering projects/a.html with project.html: boom"))
	err := output.JoinErrors(errs, "/site/public")
	want := "rendering projects/a.html with project.html: boom\nwriting /site/public: no space left on device (1180 files)"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
}
