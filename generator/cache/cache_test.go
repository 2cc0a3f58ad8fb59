package cache

import (
	"bufio"
	"bytes"
	"debug/buildinfo"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"strings"
	"testing"
)

// A program built from the same code at two commits of a clean tree (as
// CI builds) has one key, so a site whose repository holds its content
// stays warm from commit to commit; changed code has another. (A tree
// with local changes stamps a longer version, which moves everything
// after it: that build is cold.)
func TestProgramKeyIgnoresTheCommit(t *testing.T) {
	for _, tool := range []string{"go", "git"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("no %s here: %v", tool, err)
		}
	}
	dir, bins := t.TempDir(), t.TempDir() // built outside, so the tree stays clean
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-buildvcs=true", "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org",
			"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org", "GOTOOLCHAIN=local")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	key := func(bin string) Key {
		t.Helper()
		data, err := os.ReadFile(bin)
		if err != nil {
			t.Fatal(err)
		}
		bi, err := buildinfo.ReadFile(bin)
		if err != nil {
			t.Fatal(err)
		}
		if bi.Settings == nil || !strings.Contains(bi.String(), "vcs.revision") {
			t.Fatalf("%s is not stamped with its commit:\n%s", bin, bi)
		}
		return ProgramKey(data, bi)
	}
	write("go.mod", "module example.org/p\n\ngo 1.22\n")
	write("main.go", "package main\n\nfunc main() { println(\"one\") }\n")
	run("git", "init", "-q")
	run("git", "add", ".")
	run("git", "commit", "-qm", "first")
	run("go", "build", "-o", filepath.Join(bins, "a"), ".")
	write("content.md", "text\n")
	run("git", "add", "content.md")
	run("git", "commit", "-qm", "content")
	run("go", "build", "-o", filepath.Join(bins, "b"), ".")
	write("main.go", "package main\n\nfunc main() { println(\"two\") }\n")
	run("git", "commit", "-qam", "code")
	run("go", "build", "-o", filepath.Join(bins, "c"), ".")
	a, b, c := key(filepath.Join(bins, "a")), key(filepath.Join(bins, "b")), key(filepath.Join(bins, "c"))
	if a != b {
		t.Error("the same code at another commit has another key")
	}
	if a == c {
		t.Error("changed code has the same key")
	}
}

// The key leaves out every copy of each stamp, and only those, and
// leaves the bytes it is given as they were.
func TestProgramKeyLeavesOutTheStamps(t *testing.T) {
	bi := &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3-abc"}, Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}, {Key: "GOOS", Value: "linux"}}}
	program := func(rev, version, code string) []byte {
		return []byte("code " + code + " build\tvcs.revision=" + rev + "\n version " + version + " and again " + version + " end")
	}
	data := program("abc", "v1.2.3-abc", "one")
	was := bytes.Clone(data)
	key := ProgramKey(data, bi)
	if !bytes.Equal(data, was) {
		t.Fatal("ProgramKey changed the bytes it was given")
	}
	other := &debug.BuildInfo{Main: debug.Module{Version: "v1.2.4-def"}, Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "def"}, {Key: "GOOS", Value: "linux"}}}
	if ProgramKey(program("def", "v1.2.4-def", "one"), other) != key {
		t.Error("the same code stamped with another commit has another key")
	}
	if ProgramKey(program("def", "v1.2.4-def", "two"), other) == key {
		t.Error("other code has the same key")
	}
	if ProgramKey(append(program("abc", "v1.2.3-abc", "one"), "build\tGOOS=linux\n"...), bi) == key {
		t.Error("a setting that is not the commit's is left out")
	}
}

func TestSplitFront(t *testing.T) {
	for _, c := range []struct{ in, front, body string }{
		{"---\na: 1\n---\nbody\n", "---\na: 1\n---\n", "body\n"},
		{"---\r\na: 1\r\n---\r\nbody", "---\r\na: 1\r\n---\r\n", "body"},
		{"---\na: 1\n---", "---\na: 1\n---", ""},
		{"no front matter\n", "", ""},
		{"---\nnever closed\n", "", ""},
	} {
		f, b, ok := splitFront([]byte(c.in))
		if string(f) != c.front || string(b) != c.body || ok != (c.front != "") {
			t.Errorf("%q: %q %q %v", c.in, f, b, ok)
		}
	}
	// The body and the front matter are hashed apart.
	x, y := HashFile([]byte("---\na: 1\n---\none\n")), HashFile([]byte("---\na: 1\n---\ntwo\n"))
	if x.Front != y.Front || x.Body == y.Body {
		t.Error("an edit of the body changed the front matter's hash, or not the body's")
	}
}

// The manifest reads back as written, times before 1970 included, and a
// manifest cut short is refused.
func TestManifestReadsBack(t *testing.T) {
	m := &manifest{Format: format, Program: Key{1, 2}, Exe: exeStat{Path: "/bin/panorama", Size: 9, Mtime: 5}, Out: "/site/public", Saved: 77,
		Inputs:  map[string]input{"content/site.yaml": {Size: 10, Mtime: -3e9, File: File{Front: Key{3}, Body: Key{4}}}},
		Outputs: map[string]output{"index.html": {Key: Key{5}, Size: 100, Mtime: 1e18}}}
	file := filepath.Join(t.TempDir(), "manifest")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	bw := bufio.NewWriter(f)
	if err := writeManifest(bw, m); err != nil {
		t.Fatal(err)
	}
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	back, err := readManifest(file)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, m) {
		t.Errorf("read back %+v\nwant %+v", back, m)
	}
	data, _ := os.ReadFile(file)
	if err := os.WriteFile(file, data[:len(data)-1], 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readManifest(file); err == nil {
		t.Error("a manifest cut short was read")
	}
}

// A Hasher's key is the hash of all it was given, however much: it hashes
// a full buffer as it goes, which must not change the key.
func TestHasherKeyIsTheWholeHash(t *testing.T) {
	var h Hasher
	var whole []byte
	for i := range 3000 {
		s := strings.Repeat("x", i%97)
		h.String(s).Int(i).Bool(i%2 == 0).Key(Key{byte(i)})
		whole = fmt.Appendf(whole, "%d:%s%d;", len(s), s, i)
		if i%2 == 0 {
			whole = append(whole, 1)
		} else {
			whole = append(whole, 0)
		}
		k := Key{byte(i)}
		whole = append(whole, k[:]...)
	}
	if got, want := h.Sum(), Bytes(whole); got != want {
		t.Errorf("key %x, want %x", got, want)
	}
	if again := h.Sum(); again != Bytes(whole) {
		t.Error("a second Sum differs")
	}
}
