package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/panorama-ssg/panorama/bench/fixture"
	"github.com/rogpeppe/go-internal/txtar"
)

// minimalSiteYAML is minimalSite's site.yaml, for sites that add to it.
const minimalSiteYAML = `title: Test Report
description: A report for tests.
layers:
  - id: infra
    name: Infrastructure
    sections:
      - id: compute
        name: Compute
      - id: chains
        name: Chains
  - id: apps
    name: Applications
    sections:
      - id: agents
        name: Agents
`

// minimalSite is a small valid site that tests extend or break.
const minimalSite = `
-- content/site.yaml --
` + minimalSiteYAML + `-- content/report/01-intro.md --
---
title: Introduction
weight: 1
---
## Why

See [Acme](../projects/acme.md) and [the next chapter](02-more.md#details).
-- content/report/02-more.md --
---
title: More
weight: 2
---
## Details

Text.
-- content/projects/acme.md --
---
name: Acme Compute
layer: infra
section: compute
summary: Rents GPUs.
website: https://acme.example
tags: [gpu]
---
Acme body.
-- content/projects/bolt.md --
---
name: Bolt Agents
layer: apps
section: agents
summary: Runs agents.
website: https://bolt.example
---
`

// siteBuilder is a site written from a txtar string into a temporary
// folder, after Hugo's integration test builder.
type siteBuilder struct {
	t   *testing.T
	dir string
	out string
	res *Result
	err error
}

// newSite writes the txtar files; later archives override earlier files.
func newSite(t *testing.T, archives ...string) *siteBuilder {
	t.Helper()
	b := &siteBuilder{t: t, dir: t.TempDir()}
	b.out = filepath.Join(b.dir, "public")
	for _, a := range archives {
		b.write(a)
	}
	return b
}

func (b *siteBuilder) write(archive string) {
	b.t.Helper()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		p := filepath.Join(b.dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			b.t.Fatal(err)
		}
	}
}

func (b *siteBuilder) build(opt ...func(*Options)) *siteBuilder {
	o := Options{Source: b.dir, Out: b.out}
	for _, f := range opt {
		f(&o)
	}
	b.res, b.err = Build(o)
	return b
}

func (b *siteBuilder) mustBuild(opt ...func(*Options)) *siteBuilder {
	b.t.Helper()
	if b.build(opt...).err != nil {
		b.t.Fatalf("build failed:\n%v", b.err)
	}
	return b
}

func (b *siteBuilder) file(name string) string {
	b.t.Helper()
	data, err := os.ReadFile(filepath.Join(b.out, name))
	if err != nil {
		b.t.Fatal(err)
	}
	return string(data)
}

// assertFile checks that the output file holds each want; "! x" means x
// must be absent.
func (b *siteBuilder) assertFile(name string, wants ...string) {
	b.t.Helper()
	got := b.file(name)
	for _, w := range wants {
		if neg, ok := strings.CutPrefix(w, "! "); ok {
			if strings.Contains(got, neg) {
				b.t.Errorf("%s contains %q, want it absent", name, neg)
			}
		} else if !strings.Contains(got, w) {
			b.t.Errorf("%s lacks %q\n--- file ---\n%s", name, w, got)
		}
	}
}

// assertErrors checks that the build failed with each message.
func (b *siteBuilder) assertErrors(wants ...string) {
	b.t.Helper()
	if b.err == nil {
		b.t.Fatalf("build succeeded, want errors %q", wants)
	}
	for _, w := range wants {
		if !strings.Contains(b.err.Error(), w) {
			b.t.Errorf("errors lack %q; got:\n%v", w, b.err)
		}
	}
}

// builtFixture writes the generated site o describes and builds it
// without the zip; it returns the output folder.
func builtFixture(t testing.TB, o fixture.Options) string {
	t.Helper()
	src := filepath.Join(t.TempDir(), "site")
	if err := fixture.Write(src, o); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: src, Out: out, NoZip: true}); err != nil {
		t.Fatal(err)
	}
	return out
}
