package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/panorama-ssg/panorama/generator"
	"github.com/panorama-ssg/panorama/internal/scaffold"
)

// start serves a fresh starter site under /report/ and watches it.
func start(t *testing.T) (s *Server, site, base string) {
	t.Helper()
	site = filepath.Join(t.TempDir(), "site")
	if _, err := scaffold.Site(site); err != nil {
		t.Fatal(err)
	}
	s, base = serveSite(t, site, Options{Quiet: 50 * time.Millisecond})
	return s, site, base
}

// serveSite runs a server for the site under /report/ until the test ends
// and returns once it watches the site.
func serveSite(t testing.TB, site string, opt Options) (s *Server, base string) {
	t.Helper()
	opt.Build.Source, opt.BasePath = site, "/report/"
	s, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	watching := make(chan struct{})
	s.watching = func() { close(watching) }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	addr := make(chan string, 1)
	go func() { done <- s.Run(ctx, "127.0.0.1:0", func(url string) { addr <- url }) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("Run did not stop after its context ended")
		}
	})
	base = <-addr
	<-watching
	return s, base
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(b)
}

// waitFor polls url until its body satisfies ok.
func waitFor(t *testing.T, url, what string, ok func(string) bool) string {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		_, body := get(t, url)
		if ok(body) {
			return body
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: never saw %s; last body:\n%s", url, what, body)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// create writes a new file, and the folders it needs.
func create(t *testing.T, file, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func edit(t *testing.T, file, old, new string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestEditRebuildsAndErrorsShowUntilFixed(t *testing.T) {
	_, site, base := start(t)
	hugo := filepath.Join(site, "content/projects/hugo.md")
	page := base + "projects/hugo.html"

	code, body := get(t, page)
	if code != 200 || !strings.Contains(body, "known for fast builds") || !strings.Contains(body, `src="/__panorama/live.js"`) {
		t.Fatalf("first page: %d\n%s", code, body)
	}
	if code, bare := get(t, strings.TrimSuffix(page, ".html")); code != 200 || bare != body {
		t.Errorf("projects/hugo without .html: %d, want the same page", code)
	}

	edit(t, hugo, "known for fast builds", "known for very fast builds")
	waitFor(t, page, "the edited summary", func(b string) bool { return strings.Contains(b, "known for very fast builds") })

	// A bad edit: every page shows the problem over the last good build.
	edit(t, hugo, "section: general", "section: genral")
	body = waitFor(t, page, "the problem list", func(b string) bool { return strings.Contains(b, `id="panorama-problems"`) })
	want := `content/projects/hugo.md:5:10: section &#34;genral&#34; is not defined in layer &#34;tools&#34; of content/site.yaml; did you mean &#34;general&#34;?`
	if !strings.Contains(body, want) {
		t.Errorf("problem page lacks %s:\n%s", want, body)
	}
	if !strings.Contains(body, "known for very fast builds") {
		t.Error("the last good build is not served under the problems")
	}
	_, home := get(t, base)
	if !strings.Contains(home, `id="panorama-problems"`) {
		t.Error("other pages do not show the problems")
	}

	edit(t, hugo, "section: genral", "section: general")
	waitFor(t, page, "the problems gone", func(b string) bool { return !strings.Contains(b, "panorama-problems") })
}

func TestSaveBurstGivesOneRebuild(t *testing.T) {
	s, site, base := start(t)
	v0 := s.Version()
	files, _ := filepath.Glob(filepath.Join(site, "content/projects/*.md"))
	for range 4 {
		for _, f := range files {
			b, _ := os.ReadFile(f)
			if err := os.WriteFile(f, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	deadline := time.Now().Add(15 * time.Second)
	for s.Version() == v0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(10 * s.opt.Quiet) // room for any late second build
	if got := s.Version() - v0; got != 1 {
		t.Errorf("%d writes gave %d builds, want 1", 4*len(files), got)
	}
	if code, _ := get(t, base); code != 200 {
		t.Errorf("home: %d", code)
	}
}

// rawGet sends path exactly as given, without any client-side cleaning.
func rawGet(t *testing.T, base, path string) (int, string) {
	t.Helper()
	host := strings.TrimPrefix(strings.TrimSuffix(base, "/report/"), "http://")
	conn, err := net.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", path, host)
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func TestOnlyFilesOfTheBuildAreServed(t *testing.T) {
	s, site, base := start(t)
	outside := filepath.Join(filepath.Dir(site), "secret.txt")
	if err := os.WriteFile(outside, []byte("TOP-SECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{
		"/report/../secret.txt",
		"/report/../../../../etc/passwd",
		"/report/%2e%2e/secret.txt",
		"/report/%2e%2e%2fsecret.txt",
		"/report/..%2f..%2fsite%2fcontent%2fsite.yaml",
		"/report/assets/..%5c..%5csecret.txt",
		"/report/%252e%252e/secret.txt",
		"/report//etc/passwd",
		"/report/./index.html",
		"/content/site.yaml",
		"/secret.txt",
	} {
		code, body := rawGet(t, base, p)
		if code != 404 && code != 400 {
			t.Errorf("%s: status %d, want 404", p, code)
		}
		if strings.Contains(body, "TOP-SECRET") || strings.Contains(body, "root:") || strings.Contains(body, "layers:") {
			t.Errorf("%s: leaked a file", p)
		}
	}

	// A link in content/static to a file outside the site fails the build
	// and is never served.
	if err := os.MkdirAll(filepath.Join(site, "content/static"), 0o755); err != nil {
		t.Fatal(err)
	}
	v := s.Version()
	if err := os.Symlink(outside, filepath.Join(site, "content/static/secret.txt")); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(15 * time.Second)
	for s.Version() == v && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	code, body := rawGet(t, base, "/report/secret.txt")
	if code != 404 || strings.Contains(body, "TOP-SECRET") {
		t.Errorf("symlinked file: %d %q", code, body)
	}
	if !strings.Contains(body, "content/static/secret.txt: is a symbolic link") {
		t.Errorf("the 404 page does not show the build problem:\n%s", body)
	}
}

// Each build is announced with the last build that needs pages to reload:
// content edits can be patched into an open page, template edits cannot.
func TestEventsTellPagesToReload(t *testing.T) {
	s, site, base := start(t)
	res, err := http.Get(strings.TrimSuffix(base, "report/") + "__panorama/events")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	r := bufio.NewReader(res.Body)
	next := func() string {
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				t.Fatal(err)
			}
			if v, ok := strings.CutPrefix(line, "data: "); ok {
				return strings.TrimSpace(v)
			}
		}
	}
	v := s.Version()
	if got, want := next(), fmt.Sprintf("%d %d", v, v); got != want {
		t.Fatalf("first event %q, want %q", got, want)
	}
	edit(t, filepath.Join(site, "content/projects/hugo.md"), "known for fast builds", "known for patched builds")
	if got, want := next(), fmt.Sprintf("%d %d", v+1, v); got != want {
		t.Fatalf("after a content edit: %q, want %q", got, want)
	}
	create(t, filepath.Join(site, "templates/assets/style.css"), "body { color: red }\n")
	// Making the folder and the file may come as one build or two.
	var got, last int
	if _, err := fmt.Sscanf(next(), "%d %d", &got, &last); err != nil || got != v+2 || last != v+2 {
		t.Fatalf("after a stylesheet edit: build %d, last reload %d; want %d, %d", got, last, v+2, v+2)
	}
	s.Rebuild()
	for got == v+2 {
		if _, err := fmt.Sscanf(next(), "%d %d", &got, &last); err != nil {
			t.Fatal(err)
		}
	}
	if last != got {
		t.Fatalf("after a full rebuild: build %d, last reload %d", got, last)
	}
	_, page := get(t, base+"projects/hugo.html")
	if !strings.Contains(page, fmt.Sprintf(`data-version="%d"`, s.Version())) {
		t.Errorf("the page does not carry its build's version %d", s.Version())
	}
	code, js := get(t, strings.TrimSuffix(base, "report/")+"__panorama/live.js")
	if code != 200 || !strings.Contains(js, "location.reload()") {
		t.Errorf("live.js: %d", code)
	}
}

func TestFirstBuildFailingShowsErrorPage(t *testing.T) {
	site := t.TempDir()
	if err := os.MkdirAll(filepath.Join(site, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "content/site.yaml"), []byte("title: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := New(Options{Build: generator.Options{Source: site}})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptestGet(s, "/")
	if rec.code != 500 || !strings.Contains(rec.body, "content/site.yaml:") || !strings.Contains(rec.body, "invalid YAML") {
		t.Errorf("%d\n%s", rec.code, rec.body)
	}
}

// The preview answers only for localhost and IP addresses, so a web page
// cannot read it through a name it points here (DNS rebinding), on pages
// and on the live-reload stream alike.
func TestServeRefusesOtherHosts(t *testing.T) {
	for host, ok := range map[string]bool{
		"127.0.0.1:1313": true, "localhost:1313": true, "[::1]:1313": true, "preview.localhost": true, "192.168.1.20:1313": true,
		"attacker.example:1313": false, "localhost.attacker.example": false, "": false, "127.0.0.1.nip.io:1313": false,
	} {
		if got := allowedHost(host); got != ok {
			t.Errorf("allowedHost(%q) = %v, want %v", host, got, ok)
		}
	}
	_, _, base := start(t)
	for _, path := range []string{"index.html", "../__panorama/events"} {
		req, err := http.NewRequest("GET", base+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = "rebound.attacker.example"
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s for another host: %s", path, resp.Status)
		}
	}
}

// Another site's page (another port of this machine included) cannot
// load the preview's files, drafts and search index first of all; the
// preview's own pages and navigations to it can. Every answer says so to
// the browser too.
func TestServeRefusesOtherSitesLoads(t *testing.T) {
	_, _, base := start(t)
	for _, c := range []struct {
		site, mode, dest, path string
		want                   int
	}{
		{"cross-site", "no-cors", "script", "search-index.js", http.StatusForbidden},
		{"same-site", "no-cors", "script", "search-index.js", http.StatusForbidden},
		{"cross-site", "cors", "empty", "projects.json", http.StatusForbidden},
		{"cross-site", "no-cors", "image", "index.html", http.StatusForbidden},
		{"cross-site", "navigate", "iframe", "index.html", http.StatusForbidden},
		{"cross-site", "navigate", "document", "index.html", http.StatusOK},
		{"same-origin", "no-cors", "script", "search-index.js", http.StatusOK},
		{"none", "navigate", "document", "index.html", http.StatusOK},
		{"", "", "", "search-index.js", http.StatusOK},
	} {
		req, err := http.NewRequest("GET", base+c.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range map[string]string{"Sec-Fetch-Site": c.site, "Sec-Fetch-Mode": c.mode, "Sec-Fetch-Dest": c.dest} {
			if v != "" {
				req.Header.Set(k, v)
			}
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("%s from %s (%s, %s): %s, want %d", c.path, c.site, c.mode, c.dest, resp.Status, c.want)
		}
		if resp.Header.Get("Cross-Origin-Resource-Policy") != "same-origin" || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: headers %v", c.path, resp.Header)
		}
	}
}

// serve rebuilds translations like any content: a new language, a
// translation written and edited, and a translation with a problem shown
// at its line until fixed.
func TestTranslationsRebuild(t *testing.T) {
	_, site, base := start(t)
	edit(t, filepath.Join(site, "content/site.yaml"), "language: en\n", "languages:\n  - {code: en, name: English}\n  - {code: zh, name: 简体中文}\n")
	page := base + "zh/projects/hugo.html"
	waitFor(t, page, "the Chinese page", func(b string) bool { return strings.Contains(b, `lang="zh"`) && strings.Contains(b, "尚未翻译") })

	zh := filepath.Join(site, "content/projects/hugo.zh.md")
	create(t, zh, "---\nsummary: 以构建速度快著称。\n---\n")
	waitFor(t, page, "the translated summary", func(b string) bool { return strings.Contains(b, "以构建速度快著称。") })
	edit(t, zh, "以构建速度快著称。", "以构建速度极快著称。")
	waitFor(t, page, "the edited translation", func(b string) bool { return strings.Contains(b, "以构建速度极快著称。") })

	edit(t, zh, "summary:", "website: https://elsewhere.example\nsummary:")
	body := waitFor(t, page, "the problem", func(b string) bool { return strings.Contains(b, `id="panorama-problems"`) })
	if !strings.Contains(body, "content/projects/hugo.zh.md:2:1: &#34;website&#34; may not be translated") {
		t.Errorf("the problem is not shown at its place:\n%s", body)
	}
	edit(t, zh, "website: https://elsewhere.example\n", "")
	waitFor(t, page, "the problem gone", func(b string) bool {
		return !strings.Contains(b, "panorama-problems") && strings.Contains(b, "以构建速度极快著称。")
	})
}
