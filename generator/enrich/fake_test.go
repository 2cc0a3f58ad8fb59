package enrich

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeRepo is a repository the fake API knows, in GitHub's REST shapes.
type fakeRepo struct {
	stars, contributors, commits int
	license                      string
	languages                    map[string]int
	release                      string // tag; "" for none
	empty, fork, archived        bool
}

// fakeGitHub serves GitHub's documented REST answers for a few
// repositories, with validators, and misbehaves on purpose for some names:
// see its handler.
type fakeGitHub struct {
	t      testing.TB
	srv    *httptest.Server
	token  string
	repos  map[string]*fakeRepo
	orgs   map[string][]string
	mu     sync.Mutex
	calls  map[string]int // by path, for misbehaving once
	status map[int]int    // answers by status
	delay  time.Duration  // for acme/slow's first answer
	hook   func(path string)
}

func newFakeGitHub(t testing.TB, token string) *fakeGitHub {
	f := &fakeGitHub{t: t, token: token, repos: map[string]*fakeRepo{}, orgs: map[string][]string{}, calls: map[string]int{}, status: map[int]int{}, delay: 300 * time.Millisecond}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeGitHub) count(path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls[path]++
	return f.calls[path]
}

func (f *fakeGitHub) answered(code int) {
	f.mu.Lock()
	f.status[code]++
	f.mu.Unlock()
}

// reply writes v as JSON with an ETag, or 304 when the client has it.
func (f *fakeGitHub) reply(w http.ResponseWriter, r *http.Request, v any) {
	body, _ := json.Marshal(v)
	sum := sha256.Sum256(append([]byte(r.URL.String()), body...))
	tag := `"` + hex.EncodeToString(sum[:8]) + `"`
	w.Header().Set("ETag", tag)
	if r.Header.Get("If-None-Match") == tag {
		f.answered(http.StatusNotModified)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	f.answered(http.StatusOK)
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}

func (f *fakeGitHub) fail(w http.ResponseWriter, code int) {
	f.answered(code)
	w.WriteHeader(code)
	fmt.Fprintf(w, `{"message":"%s"}`, http.StatusText(code))
}

func (f *fakeGitHub) serve(w http.ResponseWriter, r *http.Request) {
	if f.hook != nil {
		f.hook(r.URL.Path)
	}
	if f.token != "" && r.Header.Get("Authorization") != "Bearer "+f.token {
		f.fail(w, http.StatusUnauthorized)
		return
	}
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	switch {
	case len(parts) == 2 && parts[0] == "repositories" && parts[1] == "7":
		f.repo(w, r, "acme/renamed", nil) // the repository, under its new name
	case len(parts) == 3 && (parts[0] == "orgs" || parts[0] == "users") && parts[2] == "repos":
		f.orgRepos(w, r, parts[0], parts[1])
	case len(parts) >= 3 && parts[0] == "repos":
		f.repo(w, r, parts[1]+"/"+parts[2], parts[3:])
	default:
		f.fail(w, http.StatusNotFound)
	}
}

func (f *fakeGitHub) orgRepos(w http.ResponseWriter, r *http.Request, kind, name string) {
	repos, ok := f.orgs[name]
	if !ok || (kind == "orgs") == strings.HasPrefix(name, "user-") {
		f.fail(w, http.StatusNotFound)
		return
	}
	var list []map[string]any
	for _, n := range repos {
		x := f.repos[n]
		list = append(list, map[string]any{"full_name": n, "stargazers_count": x.stars, "fork": x.fork, "archived": x.archived})
	}
	f.reply(w, r, list)
}

// repo answers for one repository; names misbehave as they say.
func (f *fakeGitHub) repo(w http.ResponseWriter, r *http.Request, name string, rest []string) {
	if len(rest) == 0 && f.misbehave(w, name, f.count(r.URL.Path)) {
		return
	}
	x, ok := f.repos[name]
	if !ok {
		f.fail(w, http.StatusNotFound)
		return
	}
	switch strings.Join(rest, "/") {
	case "":
		lic := any(nil)
		if x.license != "" {
			lic = map[string]any{"spdx_id": x.license}
		}
		f.reply(w, r, map[string]any{"full_name": name, "description": "The " + name + " project.", "stargazers_count": x.stars, "forks_count": x.stars / 10,
			"open_issues_count": 3, "topics": []string{"ai", "web3"}, "archived": x.archived, "fork": x.fork, "default_branch": "main", "license": lic})
	case "languages":
		f.reply(w, r, x.languages)
	case "contributors":
		f.paged(w, r, name, "contributors", x.contributors, x.empty, []map[string]any{{"login": "someone"}})
	case "releases/latest":
		if x.release == "" {
			f.fail(w, http.StatusNotFound)
			return
		}
		f.reply(w, r, map[string]any{"tag_name": x.release, "published_at": "2026-10-01T12:00:00Z"})
	case "commits":
		if x.empty {
			f.fail(w, http.StatusConflict)
			return
		}
		date := "2026-11-30T08:00:00Z"
		if r.URL.Query().Get("page") == strconv.Itoa(x.commits) {
			date = "2019-03-04T10:00:00Z"
		}
		f.paged(w, r, name, "commits", x.commits, false, []map[string]any{{"commit": map[string]any{"committer": map[string]any{"date": date}}}})
	case "stats/commit_activity":
		if f.count(r.URL.Path) == 1 && name == "acme/ok" {
			f.answered(http.StatusAccepted)
			w.WriteHeader(http.StatusAccepted) // being computed
			return
		}
		weeks := make([]map[string]any, 52)
		for i := range weeks {
			weeks[i] = map[string]any{"total": i % 5, "week": 1700000000 + i*604800}
		}
		f.reply(w, r, weeks)
	default:
		f.fail(w, http.StatusNotFound)
	}
}

// paged answers one item per page, with a Link to the last page.
func (f *fakeGitHub) paged(w http.ResponseWriter, r *http.Request, name, what string, n int, empty bool, page any) {
	if empty || n == 0 {
		f.answered(http.StatusNoContent)
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if n > 1 {
		w.Header().Set("Link", fmt.Sprintf(`<%s/repos/%s/%s?per_page=1&page=2>; rel="next", <%s/repos/%s/%s?per_page=1&page=%d>; rel="last"`, f.srv.URL, name, what, f.srv.URL, name, what, n))
	}
	f.reply(w, r, page)
}

// misbehave answers the first request for some names as GitHub does when
// things go wrong; true when it answered.
func (f *fakeGitHub) misbehave(w http.ResponseWriter, name string, call int) bool {
	switch {
	case name == "acme/moved":
		w.Header().Set("Location", f.srv.URL+"/repositories/7")
		f.answered(http.StatusMovedPermanently)
		w.WriteHeader(http.StatusMovedPermanently)
		return true
	case name == "acme/garbled":
		f.answered(http.StatusOK)
		w.Write([]byte(`{"full_name": "acme/garbled", "stargazers_count": [`))
		return true
	case call > 1:
		return false
	case name == "acme/flaky":
		f.fail(w, http.StatusBadGateway)
		return true
	case name == "acme/slow":
		time.Sleep(f.delay)
	case name == "acme/limited":
		w.Header().Set("X-RateLimit-Remaining", "0")
		w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(time.Now().Add(time.Second).Unix(), 10))
		f.fail(w, http.StatusForbidden)
		return true
	case name == "acme/busy":
		w.Header().Set("Retry-After", "2")
		f.fail(w, http.StatusTooManyRequests)
		return true
	}
	return false
}
