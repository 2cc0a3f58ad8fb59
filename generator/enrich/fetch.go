package enrich

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// errMalformed marks an answer whose body is not what GitHub documents.
type errMalformed struct{ what string }

func (e errMalformed) Error() string {
	return "GitHub's answer for " + e.what + " is not the JSON it documents"
}

// fetcher fetches one repository's record, endpoint by endpoint, each with
// its validator, keeping the earlier values where GitHub says "not
// modified".
type fetcher struct {
	c     *Client
	ctx   context.Context
	r     *Repo  // the record being made, a copy of the earlier one
	name  string // the name to ask for (the new one after a rename)
	today string
}

// fetchRepo makes the record of repository name from GitHub's answers,
// starting from the earlier record old (nil for a new one).
func (c *Client) fetchRepo(ctx context.Context, name string, old *Repo, today string) (*Repo, error) {
	r := &Repo{Repo: name}
	if old != nil {
		cp := *old
		r = &cp
	}
	r.ETags = maps.Clone(r.ETags)
	if r.ETags == nil {
		r.ETags = map[string]string{}
	}
	f := &fetcher{c: c, ctx: ctx, r: r, name: name, today: today}
	for _, step := range []func() (bool, error){f.repo, f.languages, f.contributors, f.release, f.commits, f.activity} {
		done, err := step()
		if err != nil {
			return nil, err
		}
		if done {
			break
		}
	}
	r.Fetched = today
	return r, nil
}

// ask gets an endpoint with its stored validator and stores the new one;
// it returns the answer, or nil when the earlier values stand (304).
func (f *fetcher) ask(key, path string) (*answer, error) {
	a, err := f.c.get(f.ctx, path, f.r.ETags[key])
	if err != nil {
		return nil, err
	}
	if a.status == http.StatusNotModified {
		return nil, nil
	}
	if tag := a.header.Get("ETag"); tag != "" && a.status == http.StatusOK {
		f.r.ETags[key] = tag
	} else {
		delete(f.r.ETags, key)
	}
	return a, nil
}

// decode reads an answer's JSON into v.
func decode(a *answer, what string, v any) error {
	if err := json.Unmarshal(a.body, v); err != nil {
		return errMalformed{what}
	}
	return nil
}

// repo reads the repository's own description; done when there is no
// more to ask (not found).
func (f *fetcher) repo() (bool, error) {
	a, err := f.ask("repo", "/repos/"+f.name)
	if a == nil || err != nil {
		return false, err
	}
	if a.status == http.StatusMovedPermanently {
		if a, err = f.follow(a); err != nil || a == nil {
			return a == nil && err == nil, err
		}
	}
	switch a.status {
	case http.StatusNotFound, http.StatusForbidden, http.StatusUnavailableForLegalReasons:
		*f.r = Repo{Repo: f.r.Repo, Note: fmt.Sprintf("GitHub answers %d: the repository is private, deleted or blocked", a.status), ETags: map[string]string{}}
		return true, nil
	case http.StatusOK:
	default:
		return false, fmt.Errorf("/repos/%s: GitHub answered %d", f.name, a.status)
	}
	var j struct {
		FullName      string   `json:"full_name"`
		Description   string   `json:"description"`
		Stars         int      `json:"stargazers_count"`
		Forks         int      `json:"forks_count"`
		OpenIssues    int      `json:"open_issues_count"`
		Topics        []string `json:"topics"`
		Archived      bool     `json:"archived"`
		Fork          bool     `json:"fork"`
		DefaultBranch string   `json:"default_branch"`
		License       *struct {
			SPDX string `json:"spdx_id"`
		} `json:"license"`
	}
	if err := decode(a, "/repos/"+f.name, &j); err != nil || j.FullName == "" {
		return false, errMalformed{"/repos/" + f.name}
	}
	r := f.r
	r.Note, r.Description, r.Stars, r.Forks, r.OpenIssues = "", strings.TrimSpace(j.Description), j.Stars, j.Forks, j.OpenIssues
	r.Topics, r.Archived, r.Fork, r.DefaultBranch, r.License = j.Topics, j.Archived, j.Fork, j.DefaultBranch, ""
	if j.License != nil && j.License.SPDX != "NOASSERTION" {
		r.License = j.License.SPDX
	}
	return false, nil
}

// follow asks where a renamed repository went (GitHub redirects to
// /repositories/ID) and goes on with its new name, which the record keeps
// so the project file can be updated.
func (f *fetcher) follow(a *answer) (*answer, error) {
	loc := a.header.Get("Location")
	u, err := url.Parse(loc)
	base, _ := url.Parse(f.c.API)
	if err != nil || loc == "" || base == nil || !strings.EqualFold(u.Host, base.Host) {
		return nil, fmt.Errorf("/repos/%s: moved to %q, not on %s", f.name, loc, f.c.API)
	}
	b, err := f.c.get(f.ctx, loc, "")
	if err != nil {
		return nil, err
	}
	var j struct {
		FullName string `json:"full_name"`
	}
	if b.status == http.StatusOK && json.Unmarshal(b.body, &j) == nil && nameRE.MatchString(j.FullName) {
		f.r.MovedTo, f.name = j.FullName, j.FullName
	}
	return b, nil
}

// languages reads each language's share of the code, largest first.
func (f *fetcher) languages() (bool, error) {
	a, err := f.ask("languages", "/repos/"+f.name+"/languages")
	if a == nil || err != nil || a.status != http.StatusOK {
		return false, err
	}
	var bytes map[string]int64
	if err := decode(a, "languages", &bytes); err != nil {
		return false, err
	}
	var total int64
	for _, n := range bytes {
		total += n
	}
	f.r.Languages = nil
	for name, n := range bytes {
		if total > 0 {
			f.r.Languages = append(f.r.Languages, Language{name, math.Round(float64(n)/float64(total)*1000) / 1000})
		}
	}
	slices.SortFunc(f.r.Languages, func(a, b Language) int {
		if a.Share != b.Share {
			return -cmpFloat(a.Share, b.Share)
		}
		return strings.Compare(a.Name, b.Name)
	})
	return false, nil
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// contributors counts them from one page of one: the last page's number.
func (f *fetcher) contributors() (bool, error) {
	a, err := f.ask("contributors", "/repos/"+f.name+"/contributors?per_page=1&anon=1")
	if a == nil || err != nil {
		return false, err
	}
	switch a.status {
	case http.StatusOK:
		if n := lastPage(a.header); n > 0 {
			f.r.Contributors = n
			return false, nil
		}
		var list []json.RawMessage
		if err := decode(a, "contributors", &list); err != nil {
			return false, err
		}
		f.r.Contributors = len(list)
	case http.StatusNoContent:
		f.r.Contributors = 0
	}
	return false, nil
}

// release reads the latest release; none is no release.
func (f *fetcher) release() (bool, error) {
	a, err := f.ask("release", "/repos/"+f.name+"/releases/latest")
	if a == nil || err != nil {
		return false, err
	}
	if a.status != http.StatusOK {
		f.r.Release = nil
		return false, nil
	}
	var j struct {
		Tag       string `json:"tag_name"`
		Published string `json:"published_at"`
		Created   string `json:"created_at"`
	}
	if err := decode(a, "the latest release", &j); err != nil {
		return false, err
	}
	f.r.Release = &Release{Tag: j.Tag, Date: day(firstNonEmpty(j.Published, j.Created))}
	return false, nil
}

// commits reads the last commit's date, and the first's from the last
// page of one commit per page. An empty repository (409) has none.
func (f *fetcher) commits() (bool, error) {
	a, err := f.ask("commits", "/repos/"+f.name+"/commits?per_page=1")
	if a == nil || err != nil {
		return false, err
	}
	if a.status == http.StatusConflict {
		f.r.Note, f.r.FirstCommit, f.r.LastCommit = "the repository is empty", "", ""
		return true, nil
	}
	date, err := commitDate(a, "the last commit")
	if err != nil || date == "" {
		return false, err
	}
	f.r.LastCommit = date
	last := linkTo(a.header, "last")
	if last == "" { // one commit in all
		f.r.FirstCommit = date
		return false, nil
	}
	b, err := f.ask("first-commit", last)
	if err != nil || b == nil { // unchanged: the first commit stays
		return false, err
	}
	if first, err := commitDate(b, "the first commit"); err != nil {
		return false, err
	} else if first != "" {
		f.r.FirstCommit = first
	}
	return false, nil
}

// commitDate reads the committer's date of the one commit of a page.
func commitDate(a *answer, what string) (string, error) {
	if a.status != http.StatusOK {
		return "", nil
	}
	var list []struct {
		Commit struct {
			Committer struct {
				Date string `json:"date"`
			} `json:"committer"`
		} `json:"commit"`
	}
	if err := decode(a, what, &list); err != nil {
		return "", err
	}
	if len(list) == 0 {
		return "", nil
	}
	return day(list[0].Commit.Committer.Date), nil
}

// activity reads the commits of the last 52 weeks. GitHub computes them
// on the first request (202): it is asked again a few times.
func (f *fetcher) activity() (bool, error) {
	for try := 0; try < 4; try++ {
		a, err := f.ask("activity", "/repos/"+f.name+"/stats/commit_activity")
		if a == nil || err != nil {
			return false, err
		}
		switch a.status {
		case http.StatusAccepted:
			if err := f.c.Sleep(f.ctx, time.Duration(try+1)*time.Second); err != nil {
				return false, err
			}
			continue
		case http.StatusOK:
			var weeks []struct {
				Total int `json:"total"`
			}
			if err := decode(a, "commit activity", &weeks); err != nil {
				return false, err
			}
			f.r.Weekly = make([]int, 0, len(weeks))
			for _, w := range weeks {
				f.r.Weekly = append(f.r.Weekly, w.Total)
			}
		}
		return false, nil
	}
	return false, nil // still computing: the earlier weeks stand
}

// day is the date of an RFC 3339 time, "" if it is none.
func day(t string) string {
	if p, err := time.Parse(time.RFC3339, t); err == nil {
		return p.UTC().Format(time.DateOnly)
	}
	return ""
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
