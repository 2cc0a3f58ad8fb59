// Package enrich fetches what GitHub says about a site's repositories
// (stars, contributors, commits, releases, licence, languages) into a
// snapshot committed with the site, content/data/github.json. Builds read
// the snapshot and never the network.
package enrich

import (
	"encoding/json"
	"errors"
	"fmt"
	jsonv2 "github.com/go-json-experiment/json"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/panorama-ssg/panorama/generator/content"
)

// SnapshotFile is where the snapshot lives in a site.
const SnapshotFile = "content/data/github.json"

// Format is the snapshot format this version writes and reads.
const Format = 1

// maxSnapshot bounds the snapshot a build reads: 10,000 repositories take
// about 15 MB.
const maxSnapshot = 64 << 20

// Snapshot is what GitHub said about a site's repositories, one record per
// repository (and per organisation a project names), sorted, so that the
// same answers make the same bytes and a pull request shows what changed.
type Snapshot struct {
	Format int     `json:"format"`
	Repos  []*Repo `json:"repos"`
	Orgs   []*Org  `json:"orgs,omitempty"`
}

// Repo is one repository as GitHub described it on the day it was fetched.
type Repo struct {
	Repo    string `json:"repo"`               // owner/name as the site writes it
	Fetched string `json:"fetched"`            // YYYY-MM-DD of the last answer
	MovedTo string `json:"moved_to,omitempty"` // owner/name GitHub now redirects to
	Note    string `json:"note,omitempty"`     // why there is no data: not found, empty

	Description   string     `json:"description,omitempty"`
	Stars         int        `json:"stars"`
	Forks         int        `json:"forks"`
	OpenIssues    int        `json:"open_issues"`
	Contributors  int        `json:"contributors"`
	FirstCommit   string     `json:"first_commit,omitempty"` // YYYY-MM-DD
	LastCommit    string     `json:"last_commit,omitempty"`  // YYYY-MM-DD
	Release       *Release   `json:"release,omitempty"`
	License       string     `json:"license,omitempty"` // SPDX id
	Languages     []Language `json:"languages,omitempty"`
	Topics        []string   `json:"topics,omitempty"`
	Archived      bool       `json:"archived,omitempty"`
	Fork          bool       `json:"fork,omitempty"`
	DefaultBranch string     `json:"default_branch,omitempty"`
	// Weekly is the commits of each of the last 52 weeks, oldest first.
	Weekly []int `json:"weekly_commits,omitempty"`
	// ETags are GitHub's validators of each answer, by endpoint, so a
	// rerun asks "changed since?" and an unchanged answer costs no rate
	// limit.
	ETags map[string]string `json:"etags,omitempty"`
}

// Release is a repository's latest release.
type Release struct {
	Tag  string `json:"tag"`
	Date string `json:"date"` // YYYY-MM-DD
}

// Language is one language's share of a repository's code, 0 to 1.
type Language struct {
	Name  string  `json:"name"`
	Share float64 `json:"share"`
}

// Org is an organisation (or user) a project names instead of one
// repository, with the repositories that stand for it: its most starred
// ones that are neither forks nor archived.
type Org struct {
	Org     string   `json:"org"`
	Fetched string   `json:"fetched"`
	Repos   []string `json:"repos"`
	Note    string   `json:"note,omitempty"`
	ETag    string   `json:"etag,omitempty"`
}

// CommitsYear is the commits of the last 52 weeks.
func (r *Repo) CommitsYear() int {
	n := 0
	for _, w := range r.Weekly {
		n += w
	}
	return n
}

// Load reads the snapshot of the site in dir; a site without one has an
// empty snapshot.
func Load(dir string) (*Snapshot, error) {
	data, msg, err := content.ReadRegular(os.DirFS(dir), SnapshotFile, maxSnapshot)
	if errors.Is(err, fs.ErrNotExist) {
		return &Snapshot{Format: Format}, nil
	}
	if err == nil && msg != "" {
		err = errors.New(msg)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", SnapshotFile, err)
	}
	return Decode(data)
}

// Decode reads a snapshot's JSON.
func Decode(data []byte) (*Snapshot, error) {
	var s Snapshot
	// The stricter and faster decoder: a snapshot of 10,000 records is
	// about 12 MB, read by every build.
	if err := jsonv2.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("%s: %w", SnapshotFile, err)
	}
	if s.Format != Format {
		return nil, fmt.Errorf("%s: format %d; this panorama reads format %d", SnapshotFile, s.Format, Format)
	}
	return &s, nil
}

// Save writes the snapshot into the site in dir: sorted, indented, through
// a temporary file renamed into place, so an interrupted run leaves the
// last whole snapshot.
func Save(dir string, s *Snapshot) error {
	return content.WriteOver(dir, SnapshotFile, s.Marshal())
}

// Marshal is the snapshot's bytes: records sorted by name.
func (s *Snapshot) Marshal() []byte {
	out := &Snapshot{Format: Format, Repos: slices.Clone(s.Repos), Orgs: slices.Clone(s.Orgs)}
	slices.SortFunc(out.Repos, func(a, b *Repo) int { return strings.Compare(a.Repo, b.Repo) })
	slices.SortFunc(out.Orgs, func(a, b *Org) int { return strings.Compare(a.Org, b.Org) })
	data, _ := json.MarshalIndent(out, "", "  ")
	return append(data, '\n')
}

// Index finds records by name.
type Index struct {
	repos map[string]*Repo
	orgs  map[string]*Org
}

// Index returns the snapshot's records by lower-case name.
func (s *Snapshot) Index() *Index {
	ix := &Index{repos: map[string]*Repo{}, orgs: map[string]*Org{}}
	for _, r := range s.Repos {
		ix.repos[strings.ToLower(r.Repo)] = r
	}
	for _, o := range s.Orgs {
		ix.orgs[strings.ToLower(o.Org)] = o
	}
	return ix
}

// Repos returns the records that stand for an address a project gives:
// the repository, or an organisation's chosen repositories.
func (ix *Index) Repos(address string) []*Repo {
	name, ok := RepoName(address)
	if !ok {
		return nil
	}
	if !strings.Contains(name, "/") {
		o := ix.orgs[strings.ToLower(name)]
		if o == nil {
			return nil
		}
		var out []*Repo
		for _, r := range o.Repos {
			if rec := ix.repos[strings.ToLower(r)]; rec != nil {
				out = append(out, rec)
			}
		}
		return out
	}
	if r := ix.repos[strings.ToLower(name)]; r != nil {
		return []*Repo{r}
	}
	return nil
}
