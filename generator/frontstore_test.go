package generator

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/panorama-ssg/panorama/generator/cache"
	"github.com/panorama-ssg/panorama/generator/content"
)

// The store tells the body cache the hash of a body it parsed or took
// from the last build, by the body's very bytes: the same text elsewhere
// in memory, or part of it, is not known and is hashed again.
func TestFrontStoreKnowsItsBodiesHashes(t *testing.T) {
	src, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	now := map[string]cache.File{}
	for _, dir := range []string{content.ProjectsDir, content.ReportDir} {
		names, _ := filepath.Glob(filepath.Join(src, filepath.FromSlash(dir), "*.md"))
		for _, n := range names {
			data, err := os.ReadFile(n)
			if err != nil {
				t.Fatal(err)
			}
			now[dir+"/"+filepath.Base(n)] = cache.HashFile(data)
		}
	}
	check := func(s *frontStore, set *content.Set) {
		t.Helper()
		n := 0
		for _, p := range set.Projects {
			if len(p.Body) == 0 {
				continue
			}
			k, ok := s.bodyKey(p.Body)
			if !ok || k != cache.Bytes(p.Body) {
				t.Fatalf("%s: body known %v, hash right %v", p.File, ok, k == cache.Bytes(p.Body))
			}
			if _, ok := s.bodyKey(bytes.Clone(p.Body)); ok {
				t.Fatalf("%s: a copy of the body is known", p.File)
			}
			if _, ok := s.bodyKey(p.Body[:len(p.Body)-1]); ok {
				t.Fatalf("%s: the body but its last byte is known", p.File)
			}
			n++
		}
		if n == 0 {
			t.Fatal("no project has a body")
		}
	}
	parsed := newFrontStore(now, nil)
	set, err := content.Load(content.Dir(src), content.Options{Fronts: parsed})
	if err != nil {
		t.Fatal(err)
	}
	check(parsed, set)

	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	if err := parsed.write(bw); err != nil {
		t.Fatal(err)
	}
	bw.Flush()
	taken := newFrontStore(now, nil)
	if err := taken.read(buf.Bytes()); err != nil {
		t.Fatal(err)
	}
	set, err = content.Load(content.Dir(src), content.Options{Fronts: taken})
	if err != nil {
		t.Fatal(err)
	}
	if len(taken.used) == 0 || len(taken.kept) != 0 {
		t.Fatalf("the second load took %d files from the store and parsed %d; want all taken", len(taken.used), len(taken.kept))
	}
	check(taken, set)
}
