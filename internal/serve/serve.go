// Package serve is the editors' preview server: it builds a site in memory,
// serves it, rebuilds when content or templates change, and reloads open
// pages. A failed build is shown in every page until it is fixed, over the
// last good build.
package serve

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io"
	"net"
	"net/http"
	"path"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/panorama-ssg/panorama/generator"
	"github.com/panorama-ssg/panorama/generator/content"
)

// Options are the serve command's settings.
type Options struct {
	Build    generator.Options // Source and Drafts; Out and BaseURL are not used
	BasePath string            // path the site is served under, e.g. "/report/"; default "/"
	// Quiet is how long the content must stay unchanged before a rebuild,
	// so an editor's burst of writes gives one build. Default 10ms: the
	// writes of one save come within a millisecond of each other.
	Quiet time.Duration
	Log   io.Writer
}

// livePrefix is where the server's own files live, outside any site path.
const livePrefix = "/__panorama/"

//go:embed live.js
var liveJS []byte

// Server serves the last good build and tells pages when to reload.
type Server struct {
	opt Options

	buildMu sync.Mutex // one build at a time

	builder *generator.Builder

	mu       sync.RWMutex
	site     *generator.Site // last good build; its pages render on request
	rendered map[string][]byte
	problems error             // the last build's error, nil when it was good
	version  int               // counts builds, good or not
	reloaded int               // the last version open pages must reload for
	subs     map[chan int]bool // open pages waiting for a new version

	watching func() // called once Watch has its watches in place; for tests

	idleGC *time.Timer // collects garbage once the server is idle after a build
}

// idleGCAfter is how long after a build the server collects garbage. A
// large site keeps over a hundred megabytes live, so a collection takes
// long enough to slow down a rebuild it overlaps: collected while the
// editor reads the page, it leaves room for the next rebuilds.
const idleGCAfter = 100 * time.Millisecond

// New makes a server and runs the first build; a failed first build is
// not an error: the server shows it until the content is fixed. The error
// is for a site folder that cannot be named at all.
func New(opt Options) (*Server, error) {
	if opt.BasePath == "" {
		opt.BasePath = "/"
	}
	opt.BasePath = "/" + strings.Trim(opt.BasePath, "/") + "/"
	opt.BasePath = strings.Replace(opt.BasePath, "//", "/", 1)
	if opt.Quiet == 0 {
		opt.Quiet = 10 * time.Millisecond
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	opt.Build.BaseURL = ""
	b, err := generator.NewBuilder(opt.Build)
	if err != nil {
		return nil, err
	}
	s := &Server{opt: opt, subs: map[chan int]bool{}, builder: b}
	s.idleGC = time.AfterFunc(time.Hour, runtime.GC)
	s.Rebuild()
	return s, nil
}

// Rebuild builds the site, keeps the result if it is good, and tells open
// pages to reload.
func (s *Server) Rebuild() { s.rebuild(true) }

// rebuild builds the site and tells open pages about it. Unless reload is
// set, only pages changed, so open pages may patch themselves in place
// (see live.js); otherwise a stylesheet, script or image may have changed
// behind an unchanged page, and they reload.
func (s *Server) rebuild(reload bool) {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	defer s.idleGC.Reset(idleGCAfter)
	start := time.Now()
	site, warns, err := s.builder.Build()
	for _, w := range warns {
		if !w.Accepted {
			fmt.Fprintf(s.opt.Log, "warning: %s\n", w)
		}
	}
	s.mu.Lock()
	if err == nil {
		s.site, s.rendered = site, map[string][]byte{}
	}
	s.problems = err
	s.version++
	v := s.version
	if reload {
		s.reloaded = v
	}
	for ch := range s.subs {
		select {
		case ch <- v:
		default: // it has a version waiting already
		}
	}
	s.mu.Unlock()
	if err != nil {
		if s.site == nil {
			fmt.Fprintf(s.opt.Log, "build failed; there is no good build to serve yet, so every page shows the problems:\n%s\n", err)
		} else {
			fmt.Fprintf(s.opt.Log, "build failed; still serving the last good build:\n%s\n", err)
		}
		return
	}
	fmt.Fprintf(s.opt.Log, "rebuilt in %s; pages render as they are opened\n", time.Since(start).Round(time.Millisecond))
}

// Version counts the builds done so far.
func (s *Server) Version() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.version
}

// ServeHTTP serves the site under the base path, and the live-reload files.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.admit(w, r) {
		return
	}
	p := r.URL.Path
	switch p {
	case livePrefix + "live.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(liveJS)
		return
	case livePrefix + "events":
		s.events(w, r)
		return
	}
	rel, ok := strings.CutPrefix(p, s.opt.BasePath)
	if !ok {
		if p == "/" || p+"/" == s.opt.BasePath {
			http.Redirect(w, r, s.opt.BasePath, http.StatusFound)
			return
		}
		s.notFound(w)
		return
	}
	if !safe(rel) {
		s.notFound(w)
		return
	}
	s.serveFile(w, r, rel)
}

// admit refuses requests the preview must not answer (another host name,
// a method that is not a read, another site's page), and sets the headers
// every answer carries.
func (s *Server) admit(w http.ResponseWriter, r *http.Request) bool {
	if !allowedHost(r.Host) {
		// A web page the editor visits could point a name of its own at
		// this address (DNS rebinding) and read drafts and problems.
		http.Error(w, "panorama serve answers only requests for localhost or an IP address", http.StatusForbidden)
		return false
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return false
	}
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	// No other site may read the preview (its drafts) by including its
	// files as scripts, images or styles: the browser blocks such loads
	// (CORP), files keep their type (nosniff), and requests another site's
	// page makes are refused outright, navigations to a page excepted.
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("X-Content-Type-Options", "nosniff")
	if !sameOriginOrNavigation(r) {
		http.Error(w, "panorama serve answers requests from its own pages only", http.StatusForbidden)
		return false
	}
	return true
}

// serveFile answers with the built file at rel (a folder's index.html, a
// page without its .html), the problems page while the site does not
// build, or the 404 page.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, rel string) {
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	f := s.lookup(rel)
	if !f.ok && f.built && path.Ext(rel) == "" {
		// As GitHub Pages does, /projects/acme serves projects/acme.html.
		if page := s.lookup(rel + ".html"); page.ok {
			f.data, f.ok, rel = page.data, true, rel+".html"
		}
	}
	switch {
	case !f.ok && f.isDir:
		http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
		return
	case !f.ok && !f.built:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("X-Panorama-Version", strconv.Itoa(f.version))
		w.WriteHeader(http.StatusInternalServerError)
		w.Write(errorPage(f.problems, f.version))
		return
	case !f.ok:
		s.notFound(w)
		return
	}
	data := f.data
	if path.Ext(rel) == ".html" {
		data = inject(data, f.problems, f.version)
	}
	w.Header().Set("X-Panorama-Version", strconv.Itoa(f.version))
	http.ServeContent(w, r, rel, time.Time{}, bytes.NewReader(data))
}

// safe accepts slash-separated paths with no empty, "." or ".." part; the
// server only looks paths up in the build's map, so nothing else could be
// reached, but such requests are refused outright.
func safe(rel string) bool {
	if strings.ContainsAny(rel, "\\\x00") {
		return false
	}
	parts := strings.Split(strings.TrimSuffix(rel, "/"), "/")
	for i, part := range parts {
		if part == "." || part == ".." || (part == "" && !(i == 0 && len(parts) == 1)) {
			return false
		}
	}
	return true
}

func (s *Server) notFound(w http.ResponseWriter) {
	f := s.lookup("404.html")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("X-Panorama-Version", strconv.Itoa(f.version))
	w.WriteHeader(http.StatusNotFound)
	if !f.ok {
		f.data = []byte("<!DOCTYPE html><title>Not found</title><h1>Not found</h1>")
	}
	w.Write(inject(f.data, f.problems, f.version))
}

// found is what lookup found for a path.
type found struct {
	data     []byte
	ok       bool  // data is the file
	isDir    bool  // not a file, but path/index.html is a page
	built    bool  // there is a good build to look in
	problems error // the last build's problems, shown over pages
	version  int
}

// lookup finds rel in the last good build, rendering a page the first
// time it is asked for.
func (s *Server) lookup(rel string) found {
	s.mu.RLock()
	site := s.site
	f := found{problems: s.problems, version: s.version}
	f.data, f.ok = s.rendered[rel]
	s.mu.RUnlock()
	if site == nil {
		return f
	}
	f.built = true
	if !f.ok {
		data, ok, err := site.File(rel)
		if err != nil {
			data, ok = []byte("<!DOCTYPE html><title>Error</title><pre>"+html.EscapeString(err.Error())+"</pre>"), true
		} else if ok && site.IsPage(rel) {
			s.mu.Lock()
			if s.site == site {
				s.rendered[rel] = data
			}
			s.mu.Unlock()
		}
		f.data, f.ok = data, ok
	}
	f.isDir = !f.ok && site.IsPage(rel+"/index.html")
	return f
}

// events streams the build version to an open page, with the last version
// that needs a full reload: "12 9" means build 12 can be patched into a
// page from build 9 or later.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	ch := make(chan int, 1)
	s.mu.Lock()
	s.subs[ch] = true
	v := s.version
	s.mu.Unlock()
	reloaded := func() int {
		s.mu.RLock()
		defer s.mu.RUnlock()
		return s.reloaded
	}
	defer func() {
		s.mu.Lock()
		delete(s.subs, ch)
		s.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	for {
		if _, err := fmt.Fprintf(w, "event: version\ndata: %d %d\n\n", v, reloaded()); err != nil {
			return
		}
		flusher.Flush()
		select {
		case v = <-ch:
		case <-r.Context().Done():
			return
		}
	}
}

// overlay is what inject adds to a page: the live-reload script and, after
// a failed build, the problems over the page.
//
//go:embed overlay.html
var overlayHTML string

var overlay = template.Must(template.New("overlay").Parse(overlayHTML))

// inject adds the live-reload script to a page and, after a failed build,
// the list of problems over it.
func inject(page []byte, problems error, version int) []byte {
	var list []string
	var ps content.Problems
	switch {
	case errors.As(problems, &ps):
		for _, p := range ps {
			list = append(list, p.Error())
		}
	case problems != nil:
		list = []string{problems.Error()}
	}
	var b bytes.Buffer
	if err := overlay.Execute(&b, struct {
		Prefix   string
		Version  int
		Problems []string
	}{livePrefix, version, list}); err != nil {
		panic(err) // the template is ours and its data plain strings
	}
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+b.Len())
	out = append(out, page[:i]...)
	out = append(out, b.Bytes()...)
	return append(out, page[i:]...)
}

// errorPage is served when no build has succeeded yet.
func errorPage(problems error, version int) []byte {
	page := []byte(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Build failed · panorama serve</title></head><body></body></html>`)
	return inject(page, problems, version)
}

// sameOriginOrNavigation tells whether a request comes from the preview's
// own pages, from the editor (an address typed, a bookmark, a tool without
// Fetch Metadata), or is a navigation to a page, by the browser's
// Sec-Fetch-Site and Sec-Fetch-Mode headers.
func sameOriginOrNavigation(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
		return true
	}
	return r.Header.Get("Sec-Fetch-Mode") == "navigate" && r.Header.Get("Sec-Fetch-Dest") == "document"
}

// allowedHost tells whether a request's Host names this machine in a way
// no other site can: localhost (or a name under .localhost) or an IP
// address. Any other name may have been pointed here by a web page.
func allowedHost(host string) bool {
	h, _, err := net.SplitHostPort(host)
	if err != nil {
		h = host
	}
	h = strings.TrimSuffix(strings.Trim(h, "[]"), ".")
	if h == "" {
		return false
	}
	if net.ParseIP(h) != nil {
		return true
	}
	h = strings.ToLower(h)
	return h == "localhost" || strings.HasSuffix(h, ".localhost")
}

// Run serves on addr until ctx ends, rebuilding on changes. ready, if not
// nil, gets the site's address once the server listens.
func (s *Server) Run(ctx context.Context, addr string, ready func(url string)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	watchErr := make(chan error, 1)
	go func() { watchErr <- s.Watch(ctx) }()
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		// Open event streams end with ctx, so Shutdown does not wait for them.
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	if ready != nil {
		ready("http://" + ln.Addr().String() + s.opt.BasePath)
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	select {
	case err = <-serveErr:
	case err = <-watchErr:
	case <-ctx.Done():
	}
	// Give requests in flight a moment, then close what is left: browsers
	// keep spare connections open that would otherwise hold Shutdown up.
	shut, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if srv.Shutdown(shut) != nil {
		srv.Close()
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}
