package generator

// Issue 27's budget: a build of 10,000 projects with a full GitHub
// snapshot stays within 10% of the same build without one. Builds with
// and without alternate, so that a shared machine's drift weighs on both.

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/panorama-ssg/panorama/bench/fixture"
	"github.com/panorama-ssg/panorama/generator/enrich"
)

func BenchmarkSnapshotBuild(b *testing.B) {
	for _, all := range []bool{false, true} {
		name := "fixture-repos"
		if all {
			name = "every-project-a-repo"
		}
		b.Run(name, func(b *testing.B) {
			src := fixtureSite(b, fixture.Options{Projects: 10000, Chapters: 1000})
			snap := snapshotFor(b, src, all)
			file := filepath.Join(src, filepath.FromSlash(enrich.SnapshotFile))
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				b.Fatal(err)
			}
			out := filepath.Join(b.TempDir(), "public")
			var with, without time.Duration
			round := 0
			for b.Loop() {
				// Each side goes first every other round: a build pays for
				// the files the one before it removed.
				order := []bool{round%2 == 1, round%2 == 0}
				round++
				for _, on := range order {
					// PANORAMA_SNAPSHOT_ONLY=with (or without) builds one side,
					// to profile it.
					if only := os.Getenv("PANORAMA_SNAPSHOT_ONLY"); only != "" && (only == "with") != on {
						continue
					}
					os.Remove(file)
					if on {
						if err := os.WriteFile(file, snap, 0o644); err != nil {
							b.Fatal(err)
						}
					}
					t := time.Now()
					if _, err := Build(Options{Source: src, Out: out, NoZip: true, NoCache: true}); err != nil {
						b.Fatal(err)
					}
					if on {
						with += time.Since(t)
					} else {
						without += time.Since(t)
					}
				}
			}
			n := float64(b.N)
			b.ReportMetric(without.Seconds()/n, "s-without")
			b.ReportMetric(with.Seconds()/n, "s-with")
			if without > 0 && with > 0 {
				b.ReportMetric(100*(with.Seconds()/without.Seconds()-1), "%-extra")
			}
			b.ReportMetric(float64(len(snap))/1e6, "snapshot-MB")
		})
	}
}

// snapshotFor writes a record for every repository the fixture's projects
// name; with all, it first gives every project a repository.
func snapshotFor(b *testing.B, src string, all bool) []byte {
	files, _ := filepath.Glob(filepath.Join(src, "content", "projects", "*.md"))
	githubRE := regexp.MustCompile(`(?m)^github: https://github.com/(\S+)$`)
	weeks := make([]int, 52)
	snap := &enrich.Snapshot{Format: enrich.Format}
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		m := githubRE.FindSubmatch(data)
		if m == nil && all {
			repo := fmt.Sprintf("fixture/all-%05d", i)
			data = regexp.MustCompile(`(?m)^website: `).ReplaceAll(data, []byte("github: https://github.com/"+repo+"\nwebsite: "))
			if err := os.WriteFile(f, data, 0o644); err != nil {
				b.Fatal(err)
			}
			m = [][]byte{nil, []byte(repo)}
		}
		if m == nil {
			continue
		}
		for w := range weeks {
			weeks[w] = (i + w) % 9
		}
		snap.Repos = append(snap.Repos, &enrich.Repo{Repo: string(m[1]), Fetched: "2026-12-01",
			Description: "A repository of the fixture.", Stars: i * 37 % 50000, Forks: i % 900, OpenIssues: i % 120, Contributors: 1 + i%300,
			FirstCommit: "2019-03-04", LastCommit: fmt.Sprintf("2026-%02d-%02d", 1+i%11, 1+i%28),
			Release: &enrich.Release{Tag: fmt.Sprintf("v1.%d.0", i%20), Date: "2026-10-10"}, License: []string{"MIT", "Apache-2.0", "GPL-3.0-only"}[i%3],
			Languages: []enrich.Language{{Name: "Go", Share: 0.7}, {Name: "TypeScript", Share: 0.3}}, Topics: []string{"ai", "web3"},
			DefaultBranch: "main", Weekly: append([]int(nil), weeks...)})
	}
	return snap.Marshal()
}
