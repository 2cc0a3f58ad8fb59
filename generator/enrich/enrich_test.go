package enrich

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// site writes a site whose projects name the given GitHub addresses, one
// project each; an address may be a list of several ("a b").
func site(t testing.TB, addresses ...string) string {
	t.Helper()
	dir := t.TempDir()
	var files = map[string]string{
		"content/site.yaml":      "title: T\ndescription: d\nfields:\n  - {id: additional_repos, type: list}\nlayers:\n  - id: l\n    name: L\n    sections:\n      - {id: s, name: S}\n",
		"content/report/01-a.md": "---\ntitle: A\nweight: 1\n---\nText.\n",
	}
	for i, a := range addresses {
		more := strings.Fields(a)
		extra := ""
		if len(more) > 1 {
			extra = "additional_repos: [" + strings.Join(more[1:], ", ") + "]\n"
		}
		files[fmt.Sprintf("content/projects/p%04d.md", i)] = fmt.Sprintf("---\nname: P%d\nlayer: l\nsection: s\nsummary: s\nwebsite: https://p%d.example\ngithub: %s\n%s---\n", i, i, more[0], extra)
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// testClient asks the fake API; its waits take no time but are counted.
func testClient(f *fakeGitHub, token string, waits *[]time.Duration) *Client {
	c := NewClient(f.srv.URL, token, 150*time.Millisecond)
	var mu sync.Mutex
	c.Sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		*waits = append(*waits, d)
		mu.Unlock()
		return ctx.Err()
	}
	return c
}

func fakeWithRepos(t testing.TB, token string) *fakeGitHub {
	f := newFakeGitHub(t, token)
	for _, n := range []string{"acme/ok", "acme/renamed", "acme/empty", "acme/flaky", "acme/slow", "acme/garbled", "acme/limited", "acme/busy", "acme/extra", "acme-org/a", "acme-org/b", "acme-org/c", "acme-org/d", "acme-org/fork", "acme-org/old", "user-jo/tool"} {
		f.repos[n] = &fakeRepo{stars: 100 + len(n), contributors: 42, commits: 900, license: "MIT", languages: map[string]int{"Go": 7000, "Shell": 2000, "Makefile": 1000}, release: "v1.2.3"}
	}
	f.repos["acme/empty"].empty = true
	f.repos["acme-org/fork"].fork, f.repos["acme-org/fork"].stars = true, 10_000
	f.repos["acme-org/old"].archived, f.repos["acme-org/old"].stars = true, 9_000
	f.repos["acme-org/d"].stars = 1
	f.repos["acme/ok"].release = ""
	f.orgs["acme-org"] = []string{"acme-org/a", "acme-org/b", "acme-org/c", "acme-org/d", "acme-org/fork", "acme-org/old"}
	f.orgs["user-jo"] = []string{"user-jo/tool"}
	return f
}

var hostileAddresses = []string{
	"https://github.com/acme/ok https://github.com/acme/extra",
	"https://github.com/acme/moved", "https://github.com/acme/gone", "https://github.com/acme/empty",
	"https://github.com/acme/flaky", "https://github.com/acme/slow", "https://github.com/acme/garbled",
	"https://github.com/acme/limited", "https://github.com/acme/busy",
	"https://github.com/acme-org", "https://github.com/user-jo/", "https://github.com/acme/ok.git",
}

// One run against a fake GitHub that misbehaves in every documented way:
// each repository gets its record or a note, nothing fails the run but
// a malformed answer (reported), the token goes only to GitHub.
func TestRunAgainstAFakeGitHub(t *testing.T) {
	f := fakeWithRepos(t, "s3cret-token")
	dir := site(t, hostileAddresses...)
	var waits []time.Duration
	res, err := Run(context.Background(), Options{Source: dir, Concurrency: 4, client: testClient(f, "s3cret-token", &waits), Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stopped != nil || len(res.Failed) != 1 || !strings.HasPrefix(res.Failed[0], "acme/garbled: ") {
		t.Errorf("stopped %v, failed %q; want only acme/garbled failed", res.Stopped, res.Failed)
	}
	if got := strings.Join(res.Moved, ";"); got != "acme/moved → acme/renamed" {
		t.Errorf("moved %q", got)
	}
	data, err := os.ReadFile(filepath.Join(dir, SnapshotFile))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte("s3cret")) {
		t.Error("the token is in the snapshot")
	}
	snap, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	ix := snap.Index()
	ok := ix.Repos("https://github.com/acme/ok")
	if len(ok) != 1 {
		t.Fatalf("acme/ok: %d records", len(ok))
	}
	r := ok[0]
	want := fmt.Sprintf("%d %d 42 2019-03-04 2026-11-30 MIT %v 52 %d %v", 107, 10, []Language{{"Go", 0.7}, {"Shell", 0.2}, {"Makefile", 0.1}}, 101, r.Release)
	got := fmt.Sprintf("%d %d %d %s %s %s %v %d %d %v", r.Stars, r.Forks, r.Contributors, r.FirstCommit, r.LastCommit, r.License, r.Languages, len(r.Weekly), r.CommitsYear(), r.Release)
	if got != want || r.Fetched != "2026-12-06" || r.Description != "The acme/ok project." {
		t.Errorf("acme/ok: %s (fetched %s), want %s", got, r.Fetched, want)
	}
	checks := map[string]func(*Repo) bool{
		"acme/moved": func(r *Repo) bool { return r.MovedTo == "acme/renamed" && r.Stars == 112 },
		"acme/gone":  func(r *Repo) bool { return strings.Contains(r.Note, "404") && r.Stars == 0 },
		"acme/empty": func(r *Repo) bool {
			return r.Note == "the repository is empty" && r.Contributors == 0 && r.LastCommit == ""
		},
		"acme/flaky":   func(r *Repo) bool { return r.Stars == 110 },
		"acme/slow":    func(r *Repo) bool { return r.Stars == 109 },
		"acme/limited": func(r *Repo) bool { return r.Stars == 112 },
		"acme/busy":    func(r *Repo) bool { return r.Stars == 109 },
		"acme/extra": func(r *Repo) bool {
			return r.Release != nil && r.Release.Tag == "v1.2.3" && r.Release.Date == "2026-10-01"
		},
	}
	for name, check := range checks {
		recs := ix.Repos("https://github.com/" + name)
		if len(recs) != 1 || !check(recs[0]) {
			t.Errorf("%s: %+v", name, recs)
		}
	}
	var org []string
	for _, r := range ix.Repos("https://github.com/acme-org") {
		org = append(org, r.Repo)
	}
	if strings.Join(org, " ") != "acme-org/a acme-org/b acme-org/c" {
		t.Errorf("the organisation stands for %q, want its three most starred that are neither forks nor archived", org)
	}
	if recs := ix.Repos("https://github.com/user-jo"); len(recs) != 1 || recs[0].Repo != "user-jo/tool" {
		t.Errorf("a user's address: %+v", recs)
	}
	if len(waits) == 0 {
		t.Error("the rate limit and the retries did not wait")
	}
	for _, name := range []string{"slow", "flaky", "busy", "limited"} {
		if n := f.calls["/repos/acme/"+name]; n != 2 {
			t.Errorf("acme/%s was asked %d times; want once more after its first answer", name, n)
		}
	}
}

func fixedNow() time.Time { return time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC) }

// A second run on the same day with every answer unchanged asks GitHub
// only "changed since?", is answered 304 each time, and writes the same
// bytes; a run with --max-age skips fresh records without asking.
func TestRerunIsConditional(t *testing.T) {
	f := fakeWithRepos(t, "")
	dir := site(t, "https://github.com/acme/ok", "https://github.com/acme/extra", "https://github.com/acme-org")
	var waits []time.Duration
	run := func(maxAge time.Duration) *Result {
		res, err := Run(context.Background(), Options{Source: dir, MaxAge: maxAge, client: testClient(f, "", &waits), Now: fixedNow})
		if err != nil || res.Stopped != nil || len(res.Failed) > 0 {
			t.Fatalf("%v %v %q", err, res.Stopped, res.Failed)
		}
		return res
	}
	run(0)
	first, _ := os.ReadFile(filepath.Join(dir, SnapshotFile))
	f.status = map[int]int{}
	res := run(0)
	again, _ := os.ReadFile(filepath.Join(dir, SnapshotFile))
	if !bytes.Equal(first, again) {
		t.Errorf("the same answers wrote other bytes:\n%s\n---\n%s", first, again)
	}
	if f.status[http.StatusOK] != 0 || f.status[http.StatusNotModified] == 0 || res.Changed != 0 {
		t.Errorf("the rerun got %v answers and changed %d records; want only 304s", f.status, res.Changed)
	}
	f.status = map[int]int{}
	res = run(7 * 24 * time.Hour)
	if len(f.status) != 0 || res.Kept != res.Total {
		t.Errorf("a run within --max-age asked GitHub %v, kept %d of %d", f.status, res.Kept, res.Total)
	}
}

// Stopped midway (Ctrl-C, or a rate limit past the longest wait), a run
// keeps every record it fetched; a rerun fetches only what is missing.
func TestInterruptedRunLosesNothing(t *testing.T) {
	var addresses []string
	f := newFakeGitHub(t, "")
	for i := range 60 {
		n := fmt.Sprintf("many/r%02d", i)
		f.repos[n] = &fakeRepo{stars: i, contributors: 1, commits: 1}
		addresses = append(addresses, "https://github.com/"+n)
	}
	dir := site(t, addresses...)
	ctx, cancel := context.WithCancel(context.Background())
	var mu sync.Mutex
	answered := 0
	f.hook = func(path string) {
		mu.Lock()
		defer mu.Unlock()
		if answered++; answered == 100 { // about 20 repositories in
			cancel()
		}
	}
	var waits []time.Duration
	res, err := Run(ctx, Options{Source: dir, Concurrency: 2, client: testClient(f, "", &waits), Now: fixedNow})
	if err != nil || !errors.Is(res.Stopped, context.Canceled) {
		t.Fatalf("%v, stopped %v", err, res.Stopped)
	}
	snap, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Repos) != res.Fetched || res.Fetched == 0 || res.Fetched == 60 {
		t.Fatalf("saved %d records of %d fetched", len(snap.Repos), res.Fetched)
	}
	f.hook = nil
	res2, err := Run(context.Background(), Options{Source: dir, MaxAge: 24 * time.Hour, client: testClient(f, "", &waits), Now: fixedNow})
	if err != nil || res2.Stopped != nil {
		t.Fatal(err, res2.Stopped)
	}
	if res2.Kept != res.Fetched || res2.Fetched != 60-res.Fetched {
		t.Errorf("the rerun kept %d and fetched %d; the first had fetched %d", res2.Kept, res2.Fetched, res.Fetched)
	}
	// A rate limit that resets past the longest wait stops the run cleanly.
	f.repos["many/r00"] = &fakeRepo{stars: 1, contributors: 1, commits: 1}
	limited := newFakeGitHub(t, "")
	limited.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-RateLimit-Remaining", "0")
		w.Header().Set("X-RateLimit-Reset", fmt.Sprint(time.Now().Add(2*time.Hour).Unix()))
		w.WriteHeader(http.StatusForbidden)
	})
	res3, err := Run(context.Background(), Options{Source: dir, client: testClient(limited, "", &waits), Now: fixedNow})
	if err != nil || !errors.Is(res3.Stopped, ErrRateLimited) {
		t.Fatalf("%v, stopped %v", err, res3.Stopped)
	}
	if snap, _ := Load(dir); len(snap.Repos) != 60 {
		t.Errorf("after a stop for the rate limit the snapshot holds %d records", len(snap.Repos))
	}
}

func TestRepoName(t *testing.T) {
	for in, want := range map[string]string{
		"https://github.com/acme/ok":             "acme/ok",
		"https://github.com/acme/ok.git":         "acme/ok",
		"https://www.github.com/acme/ok/tree/x/": "acme/ok",
		"https://github.com/acme":                "acme",
		"http://github.com/acme/":                "acme",
		"https://gitlab.com/acme/ok":             "",
		"https://github.com/orgs/acme":           "",
		"https://github.com/":                    "",
		"javascript:alert(1)":                    "",
		"https://github.com/a;b/c":               "",
	} {
		if got, _ := RepoName(in); got != want {
			t.Errorf("RepoName(%q) = %q, want %q", in, got, want)
		}
	}
}

// The summary of two snapshots names what was added, removed, archived,
// renamed and lost, and the biggest movers, as Markdown a pull request
// shows; names cannot break out of their code spans.
func TestDiffSummary(t *testing.T) {
	before := &Snapshot{Format: Format, Repos: []*Repo{
		{Repo: "a/steady", Stars: 10}, {Repo: "a/rising", Stars: 100}, {Repo: "a/old", Stars: 5},
		{Repo: "a/to-archive", Stars: 1}, {Repo: "a/moving", Stars: 3},
	}}
	after := &Snapshot{Format: Format, Repos: []*Repo{
		{Repo: "a/steady", Stars: 10}, {Repo: "a/rising", Stars: 1600}, {Repo: "a/new`x", Stars: 7},
		{Repo: "a/to-archive", Stars: 1, Archived: true}, {Repo: "a/moving", Stars: 4, MovedTo: "b/moved"},
	}}
	md := Diff(before, after).Markdown()
	for _, want := range []string{"**Repositories added** (1)\n\n- `a/newx`", "**Repositories no longer named** (1)\n\n- `a/old`",
		"**Archived** (1)\n\n- `a/to-archive`", "- `a/moving → b/moved`", "| `a/rising` | 100 | 1,600 |\n| `a/moving` | 3 | 4 |"} {
		if !strings.Contains(md, want) {
			t.Errorf("summary lacks %q:\n%s", want, md)
		}
	}
	if same := Diff(before, before).Markdown(); !strings.Contains(same, "Nothing but the day") {
		t.Errorf("no changes: %s", same)
	}
}
