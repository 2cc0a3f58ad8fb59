package enrich

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/panorama-ssg/panorama/generator/content"
)

// Options say what a run fetches and how.
type Options struct {
	Source      string        // the site folder
	Only        []string      // project slugs; none means every project
	MaxAge      time.Duration // records fetched more recently are kept as they are
	API         string        // GitHub's API base address
	Token       string        // from GITHUB_TOKEN
	Concurrency int           // requests at once; 8 if 0
	Timeout     time.Duration // one request's limit; 30 s if 0
	SaveEvery   time.Duration // how often what was fetched is written; 3 s if 0
	Progress    *Progress     // nil: nothing shown
	Now         func() time.Time
	client      *Client // tests replace the client's sleeping
}

// Result says what a run did.
type Result struct {
	Total, Fetched, Kept int      // records wanted, asked for, left as they were (fresh)
	Changed              int      // records whose data changed
	Moved                []string // "old → new" for renamed repositories
	Notes                []string // repositories without data, and why
	Failed               []string // "owner/name: error"
	Stopped              error    // why the run stopped early (rate limit, interrupt), or nil
}

// Run fetches the site's repositories into its snapshot. It writes what
// it has every few seconds and when it stops, whatever stops it.
func Run(ctx context.Context, opt Options) (*Result, error) {
	opt = opt.withDefaults()
	set, err := content.Load(os.DirFS(opt.Source), content.Options{Drafts: true})
	if err != nil {
		return nil, err
	}
	_ = set.Validate() // the projects' fields are typed by Validate
	snap, err := Load(opt.Source)
	if err != nil {
		return nil, err
	}
	repos, orgs := wanted(set.Projects, opt.Only)
	r := &run{opt: opt, snap: snap, res: &Result{}, today: opt.Now().UTC().Format(time.DateOnly)}
	r.index()
	// Records a killed run fetched after its last save are in the journal.
	if err := r.replay(); err != nil {
		return nil, err
	}
	if r.journal, err = openJournal(opt.Source); err != nil {
		return nil, err
	}
	c := opt.client
	if c == nil {
		c = NewClient(opt.API, opt.Token, opt.Timeout)
	}
	if opt.Progress != nil {
		c.Wait = opt.Progress.Wait
	}
	r.c = c
	stop := r.saveEvery()
	// Organisations first: they name more repositories to fetch.
	r.each(ctx, orgs, r.org)
	r.each(ctx, r.withOrgRepos(repos), r.repo)
	stop()
	r.journal.Close()
	if err := Save(opt.Source, r.snapshot()); err != nil {
		return r.res, err
	}
	// Everything in the journal is in the snapshot now.
	os.Remove(filepath.Join(opt.Source, filepath.FromSlash(JournalFile)))
	return r.res, nil
}

func (o Options) withDefaults() Options {
	if o.Concurrency <= 0 {
		o.Concurrency = 8
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.SaveEvery <= 0 {
		o.SaveEvery = 3 * time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.API == "" {
		o.API = "https://api.github.com"
	}
	return o
}

// run is one run's state, shared by its workers under mu.
type run struct {
	opt   Options
	c     *Client
	today string
	mu    sync.Mutex
	snap  *Snapshot
	repos map[string]*Repo // by lower-case name
	orgs  map[string]*Org
	res   *Result
	// journal gets each record as it is fetched, one JSON line, so that a
	// run killed between two saves loses nothing.
	journal *os.File
}

func (r *run) index() {
	ix := r.snap.Index()
	r.repos, r.orgs = ix.repos, ix.orgs
}

// snapshot is the records as they stand, for writing.
func (r *run) snapshot() *Snapshot {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := &Snapshot{Format: Format}
	for _, x := range r.repos {
		s.Repos = append(s.Repos, x)
	}
	for _, o := range r.orgs {
		s.Orgs = append(s.Orgs, o)
	}
	return s
}

// saveEvery writes the snapshot every few seconds until stopped.
func (r *run) saveEvery() (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(r.opt.SaveEvery)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				_ = Save(r.opt.Source, r.snapshot()) // the last save reports errors
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// kept tells whether a record fetched on day is younger than MaxAge, and
// so is kept as it is (and counted so).
func (r *run) kept(day string) bool {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil || r.opt.MaxAge <= 0 || r.opt.Now().Sub(t) >= r.opt.MaxAge {
		return false
	}
	r.mu.Lock()
	r.res.Kept++
	r.mu.Unlock()
	return true
}

// each runs fetch for every name, Concurrency at once, until ctx ends or
// the rate limit stops the run.
func (r *run) each(ctx context.Context, names []string, fetch func(context.Context, string) error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	r.mu.Lock()
	r.res.Total += len(names)
	r.mu.Unlock()
	r.opt.Progress.add(len(names))
	jobs := make(chan string)
	var wg sync.WaitGroup
	for range r.opt.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for name := range jobs {
				err := fetch(ctx, name)
				r.opt.Progress.done(name, err)
				if err != nil && (errors.Is(err, ErrRateLimited) || ctx.Err() != nil) {
					r.stop(err)
					cancel()
				} else if err != nil {
					r.fail(name, err)
				}
			}
		}()
	}
	for _, n := range names {
		if ctx.Err() != nil {
			break
		}
		jobs <- n
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil && r.res.Stopped == nil {
		r.stop(err)
	}
}

func (r *run) stop(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.res.Stopped == nil {
		r.res.Stopped = err
	}
}

func (r *run) fail(name string, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.res.Failed = append(r.res.Failed, name+": "+err.Error())
	slices.Sort(r.res.Failed)
}

// repo fetches one repository's record unless it is fresh.
func (r *run) repo(ctx context.Context, name string) error {
	key := strings.ToLower(name)
	r.mu.Lock()
	old := r.repos[key]
	r.mu.Unlock()
	if old != nil && r.kept(old.Fetched) {
		return nil
	}
	rec, err := r.c.fetchRepo(ctx, name, old, r.today)
	if err != nil {
		return err
	}
	rec.Repo = name
	r.mu.Lock()
	defer r.mu.Unlock()
	r.res.Fetched++
	if old == nil || !sameData(old, rec) {
		r.res.Changed++
	}
	if rec.MovedTo != "" && !strings.EqualFold(rec.MovedTo, name) {
		r.res.Moved = append(r.res.Moved, name+" → "+rec.MovedTo)
		slices.Sort(r.res.Moved)
	}
	if rec.Note != "" {
		r.res.Notes = append(r.res.Notes, name+": "+rec.Note)
		slices.Sort(r.res.Notes)
	}
	r.repos[key] = rec
	r.record(journalLine{Repo: rec})
	return nil
}

// sameData tells whether two records say the same, whenever fetched.
func sameData(a, b *Repo) bool {
	x, y := *a, *b
	x.Fetched, y.Fetched, x.ETags, y.ETags = "", "", nil, nil
	return string((&Snapshot{Repos: []*Repo{&x}}).Marshal()) == string((&Snapshot{Repos: []*Repo{&y}}).Marshal())
}

// withOrgRepos adds the organisations' chosen repositories to names.
func (r *run) withOrgRepos(names []string) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	seen := map[string]bool{}
	for _, n := range names {
		seen[strings.ToLower(n)] = true
	}
	for _, o := range r.orgs {
		for _, n := range o.Repos {
			if !seen[strings.ToLower(n)] {
				seen[strings.ToLower(n)] = true
				names = append(names, n)
			}
		}
	}
	slices.Sort(names)
	return names
}

// orgRepos is how many repositories stand for an organisation.
const orgRepos = 3

// org fetches an organisation's (or a user's) repositories and keeps its
// most starred ones that are neither forks nor archived.
func (r *run) org(ctx context.Context, name string) error {
	key := strings.ToLower(name)
	r.mu.Lock()
	old := r.orgs[key]
	r.mu.Unlock()
	if old != nil && r.kept(old.Fetched) {
		return nil
	}
	etag := ""
	if old != nil {
		etag = old.ETag
	}
	rec := &Org{Org: name, Fetched: r.today}
	a, err := r.c.get(ctx, "/orgs/"+name+"/repos?per_page=100&type=public", etag)
	if err == nil && a.status == http.StatusNotFound {
		a, err = r.c.get(ctx, "/users/"+name+"/repos?per_page=100&type=owner", "")
	}
	switch {
	case err != nil:
		return err
	case a.status == http.StatusNotModified && old != nil:
		rec.Repos, rec.ETag = old.Repos, old.ETag
	case a.status == http.StatusOK:
		rec.Repos, err = topRepos(a.body)
		if err != nil {
			return err
		}
		rec.ETag = a.header.Get("ETag")
	default:
		rec.Note = fmt.Sprintf("GitHub answers %d: no such organisation or user", a.status)
	}
	r.mu.Lock()
	r.orgs[key] = rec
	r.record(journalLine{Org: rec})
	r.mu.Unlock()
	return nil
}
