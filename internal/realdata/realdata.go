// Package realdata finds the real landscapes that sit beside this
// repository on the project's machines (../shared/data): tests read them
// in place and never copy them. A clone of the repository alone has no such
// folder; there the tests that need it skip, saying what they would have
// checked, unless PANORAMA_REAL_DATA=required (set by .ci/run), where a
// missing folder is a failure.
package realdata

import (
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"testing"
)

// Required is the environment variable that makes real data required.
const Required = "PANORAMA_REAL_DATA"

// root is ../shared/data beside the repository, found from this file's
// place so it is the same for every package's tests.
func root() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return ""
	}
	repo := filepath.Dir(filepath.Dir(filepath.Dir(file)))
	return filepath.Join(filepath.Dir(repo), "shared", "data")
}

// Dir returns the folder name under ../shared/data (for example
// "lfai-landscape" or "landscapes/cdf"). When it is absent the test skips
// with what, it says, it would have checked; under PANORAMA_REAL_DATA=required
// it fails.
func Dir(t testing.TB, name, checks string) string {
	t.Helper()
	dir := filepath.Join(root(), filepath.FromSlash(name))
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		missing(t, name, checks)
	}
	return dir
}

// Landscapes returns every landscape folder under ../shared/data/landscapes
// (each with a landscape.yml), sorted by name, or skips as Dir does.
func Landscapes(t testing.TB, checks string) []string {
	t.Helper()
	base := Dir(t, "landscapes", checks)
	entries, err := os.ReadDir(base)
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(base, e.Name(), "landscape.yml")); e.IsDir() && err == nil {
			dirs = append(dirs, filepath.Join(base, e.Name()))
		}
	}
	sort.Strings(dirs)
	if len(dirs) == 0 {
		missing(t, "landscapes/*/landscape.yml", checks)
	}
	return dirs
}

func missing(t testing.TB, name, checks string) {
	t.Helper()
	msg := "the real data " + path.Join("../shared/data", name) + " is not beside this repository; skipping what this test checks: " + checks
	if os.Getenv(Required) == "required" {
		t.Fatal(msg + " (" + Required + "=required makes it required)")
	}
	t.Skip(msg)
}

// Seed returns ../shared/seed, the source study's text, or skips as Dir
// does.
func Seed(t testing.TB, checks string) string {
	t.Helper()
	dir := filepath.Join(filepath.Dir(root()), "seed")
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		missing(t, "../seed", checks) // ../shared/seed
	}
	return dir
}
