package main

import (
	"bufio"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/panorama-ssg/panorama/internal/scaffold"
)

// Ctrl-C stops serve cleanly, with exit code 0, even with a page open.
func TestServeStopsOnInterrupt(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if _, err := scaffold.Site(site); err != nil {
		t.Fatal(err)
	}
	outR, outW := io.Pipe()
	code := make(chan int, 1)
	go func() {
		code <- run([]string{"serve", "--source", site, "--port", "0", "--base-path", "/report/"}, outW, io.Discard)
		outW.Close()
	}()
	lines := bufio.NewScanner(outR)
	if !lines.Scan() {
		t.Fatal("serve printed nothing")
	}
	first := lines.Text()
	_, url, ok := strings.Cut(first, " at ")
	if !ok {
		t.Fatalf("no address in %q", first)
	}
	url = strings.TrimSuffix(url, " (Ctrl-C to stop)")
	if !strings.HasSuffix(url, "/report/") {
		t.Fatalf("address %q is not under the base path", url)
	}
	res, err := http.Get(strings.TrimSuffix(url, "report/") + "__panorama/events")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	page, err := http.Get(url)
	if err != nil || page.StatusCode != 200 {
		t.Fatalf("home: %v %v", err, page)
	}
	page.Body.Close()
	rest := make(chan []string)
	go func() {
		var out []string
		for lines.Scan() {
			out = append(out, lines.Text())
		}
		rest <- out
	}()

	if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case c := <-code:
		if c != 0 {
			t.Errorf("exit code %d", c)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop on interrupt")
	}
	if out := <-rest; len(out) == 0 || out[len(out)-1] != "stopped" {
		t.Errorf("output after the address: %q", out)
	}
}
