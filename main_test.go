package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/panorama-ssg/panorama/internal/scaffold"
	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"panorama": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the CLI scripts in testdata/script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script"})
}

// check writes a file name with a terminal escape in it as text, and as an
// annotation it cannot start another workflow command.
func TestCheckEscapesFileNames(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/site.yaml", "title: T\nlayers:\n  - id: a\n    name: A\n    sections:\n      - {id: s, name: S}\n")
	write("content/projects/evil\x1b[2J\nok: 0 problems.md", "---\nname: Evil\nlayer: a\nsection: s\nwebsite: https://evil.example\n---\n")
	var out, errOut bytes.Buffer
	run([]string{"check", "--source", dir}, &out, &errOut)
	if strings.Contains(errOut.String(), "\x1b") || strings.Contains(errOut.String(), "\nok: 0 problems") {
		t.Errorf("control characters reached the terminal:\n%q", errOut.String())
	}
	if !strings.Contains(errOut.String(), `evil\u001b[2J\u000aok: 0 problems.md`) {
		t.Errorf("the file name is not shown escaped:\n%s", errOut.String())
	}
	out.Reset()
	run([]string{"check", "--source", dir, "--format", "github"}, &out, &errOut)
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if !strings.HasPrefix(line, "::") {
			t.Errorf("an annotation line does not start a command: %q", line)
		}
	}
}

// An annotation's message reads as check wrote it: the runner unescapes only
// %25, %0D and %0A in a message, so a colon or a comma there stays as is,
// while the file and title properties escape theirs.
func TestGithubAnnotationsReadAsWritten(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"content/site.yaml":         "title: T\nlayers:\n  - id: a\n    name: A\n    sections:\n      - {id: s, name: S}\n",
		"content/projects/x,y:z.md": "---\nname: X\nlayer: a\nsection: s\nsummary: An evil one.\nwebsite: \"javascript:alert(1)\"\n---\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"check", "--source", dir, "--format", "github"}, &out, &errOut); code != 1 {
		t.Fatalf("check exited %d, want 1:\n%s%s", code, out.String(), errOut.String())
	}
	got := out.String()
	if !strings.Contains(got, "file=content/projects/x%2Cy%3Az.md,") {
		t.Errorf("the file property is not escaped:\n%s", got)
	}
	if !strings.Contains(got, `"javascript:alert(1)"`) || strings.Contains(got, "javascript%3A") {
		t.Errorf("the message is not as check wrote it:\n%s", got)
	}
}

// The top-level usage names every command and every flag each command
// takes, so it cannot fall behind them.
func TestUsageListsEveryFlag(t *testing.T) {
	flagRE := regexp.MustCompile(`(?m)^  -([a-z][a-z-]*)`)
	for _, cmd := range [][]string{{"build"}, {"serve"}, {"check"}, {"new", "project"}, {"new", "schema"}, {"new", "issue-form"}, {"import", "landscape2"}, {"edition"}, {"changes"}, {"enrich", "github"}, {"enrich", "diff"}} {
		var out, errOut bytes.Buffer
		run(append(append([]string{}, cmd...), "-h"), &out, &errOut)
		help := out.String() + errOut.String()
		flags := flagRE.FindAllStringSubmatch(help, -1)
		if len(flags) == 0 {
			t.Errorf("%s -h lists no flags:\n%s", strings.Join(cmd, " "), help)
		}
		line := ""
		for _, l := range strings.Split(usage, "\n") {
			if strings.HasPrefix(l, "  panorama "+strings.Join(cmd, " ")) {
				line += l + "\n"
			}
		}
		for _, f := range flags {
			if !strings.Contains(line, "--"+f[1]) {
				t.Errorf("the usage of panorama %s lacks --%s", strings.Join(cmd, " "), f[1])
			}
		}
	}
}

// enrich github reads the token from GITHUB_TOKEN only, sends it to the
// API it is pointed at, never prints or writes it, says what it did and
// what moved, and exits 1 when a repository failed.
func TestEnrichCommand(t *testing.T) {
	var sawToken bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sawToken = sawToken || r.Header.Get("Authorization") == "Bearer tok-123456"
		switch r.URL.Path {
		case "/repos/acme/ok":
			fmt.Fprint(w, `{"full_name":"acme/ok","stargazers_count":5,"license":{"spdx_id":"MIT"}}`)
		case "/repos/acme/ok/commits":
			fmt.Fprint(w, `[{"commit":{"committer":{"date":"2026-11-30T08:00:00Z"}}}]`)
		case "/repos/acme/old":
			w.Header().Set("Location", "http://"+r.Host+"/repositories/9")
			w.WriteHeader(http.StatusMovedPermanently)
		case "/repositories/9":
			fmt.Fprint(w, `{"full_name":"acme/new","stargazers_count":7}`)
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	if _, err := scaffold.Site(dir); err != nil {
		t.Fatal(err)
	}
	for slug, repo := range map[string]string{"docusaurus": "acme/ok", "github-pages": "acme/old"} {
		file := filepath.Join(dir, "content", "projects", slug+".md")
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		data = regexp.MustCompile(`(?m)^github: .*\n`).ReplaceAll(data, nil)
		data = bytes.Replace(data, []byte("website: "), []byte("github: https://github.com/"+repo+"\nwebsite: "), 1)
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("GITHUB_TOKEN", "tok-123456")
	var out, errOut bytes.Buffer
	code := run([]string{"enrich", "github", "--source", dir, "--api-url", srv.URL, "--max-age", "7d"}, &out, &errOut)
	if code != 0 || !sawToken {
		t.Fatalf("exit %d, token sent %v\n%s%s", code, sawToken, out.String(), errOut.String())
	}
	snapshot, _ := os.ReadFile(filepath.Join(dir, "content", "data", "github.json"))
	for _, s := range []string{out.String(), errOut.String(), string(snapshot)} {
		if strings.Contains(s, "tok-123456") {
			t.Error("the token was printed or written")
		}
	}
	if !strings.Contains(out.String(), "5 repositories: 5 asked") || !strings.Contains(errOut.String(), "moved: acme/old → acme/new") {
		t.Errorf("output:\n%s%s", out.String(), errOut.String())
	}
	if !strings.Contains(string(snapshot), `"repo": "acme/ok"`) || !strings.Contains(string(snapshot), `"moved_to": "acme/new"`) {
		t.Errorf("snapshot:\n%s", snapshot)
	}
	out.Reset()
	errOut.Reset()
	if code := run([]string{"enrich", "github", "--source", dir, "--api-url", srv.URL, "--max-age", "7d"}, &out, &errOut); code != 0 || !strings.Contains(out.String(), "5 fresh and kept") {
		t.Errorf("a rerun within --max-age: exit %d\n%s%s", code, out.String(), errOut.String())
	}
	if code := run([]string{"enrich", "github", "--source", dir, "--max-age", "soon"}, &out, &errOut); code != 2 {
		t.Errorf("a bad --max-age exits %d", code)
	}
}

// enrich github killed with SIGKILL mid-run loses no record it fetched: a
// rerun takes them from the journal and asks only for the rest.
func TestEnrichSurvivesKill(t *testing.T) {
	var mu sync.Mutex
	asked := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked++
		mu.Unlock()
		time.Sleep(15 * time.Millisecond)
		if name, ok := strings.CutPrefix(r.URL.Path, "/repos/"); ok && !strings.Contains(name[strings.Index(name, "/")+1:], "/") {
			fmt.Fprintf(w, `{"full_name":%q,"stargazers_count":1}`, name)
			return
		}
		w.WriteHeader(http.StatusNotFound)
	}))
	defer srv.Close()
	dir := t.TempDir()
	files := "title: T\ndescription: d\nlayers:\n  - id: l\n    name: L\n    sections:\n      - {id: s, name: S}\n"
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []string{"content/projects", "content/report"} {
		must(os.MkdirAll(filepath.Join(dir, d), 0o755))
	}
	must(os.WriteFile(filepath.Join(dir, "content/site.yaml"), []byte(files), 0o644))
	must(os.WriteFile(filepath.Join(dir, "content/report/01-a.md"), []byte("---\ntitle: A\nweight: 1\n---\nText.\n"), 0o644))
	for i := range 40 {
		must(os.WriteFile(filepath.Join(dir, fmt.Sprintf("content/projects/p%02d.md", i)), []byte(fmt.Sprintf("---\nname: P%d\nlayer: l\nsection: s\nsummary: s\nwebsite: https://p%d.example\ngithub: https://github.com/o/r%02d\n---\n", i, i, i)), 0o644))
	}
	// The test binary is panorama under that name (TestMain).
	bin := filepath.Join(t.TempDir(), "panorama")
	must(os.Symlink(os.Args[0], bin))
	cmd := exec.Command(bin, "enrich", "github", "--source", dir, "--api-url", srv.URL, "--concurrency", "2")
	cmd.Env = append(os.Environ(), "GITHUB_TOKEN=")
	must(cmd.Start())
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		mu.Lock()
		n := asked
		mu.Unlock()
		if n >= 100 { // about fourteen repositories in
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the run asked too little to be killed midway")
		}
	}
	must(cmd.Process.Signal(syscall.SIGKILL))
	cmd.Wait()
	journal, err := os.ReadFile(filepath.Join(dir, "content/data/.github-journal.jsonl"))
	must(err)
	fetched := strings.Count(string(journal), "\n")
	if fetched == 0 || fetched >= 40 {
		t.Fatalf("the journal holds %d records", fetched)
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"enrich", "github", "--source", dir, "--api-url", srv.URL, "--max-age", "7d"}, &out, &errOut); code != 0 {
		t.Fatalf("rerun: exit %d\n%s%s", code, out.String(), errOut.String())
	}
	want := fmt.Sprintf("40 repositories: %d asked (%d changed), %d fresh and kept", 40-fetched, 40-fetched, fetched)
	if !strings.Contains(out.String(), want) {
		t.Errorf("rerun says %q, want %q", out.String(), want)
	}
	if _, err := os.Stat(filepath.Join(dir, "content/data/.github-journal.jsonl")); err == nil {
		t.Error("the journal outlived a finished run")
	}
}
