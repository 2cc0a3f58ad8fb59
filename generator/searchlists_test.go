package generator

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/chromedp/chromedp"
	"github.com/panorama-ssg/panorama/bench/fixture"
	"github.com/panorama-ssg/panorama/internal/browsertest"
)

// builtSearchDocs reads the projects of a built site's search index, every
// part of it: title and short names.
func builtSearchDocs(t *testing.T, out string) (titles []string, aliases map[string][]string) {
	t.Helper()
	parts, err := filepath.Glob(filepath.Join(out, "search-index", "*.js"))
	must(t, err)
	if len(parts) == 0 {
		t.Fatal("the search index has no parts")
	}
	aliases = map[string][]string{}
	for _, part := range parts {
		data, err := os.ReadFile(part)
		must(t, err)
		var idx struct {
			Projects [][]json.RawMessage `json:"projects"` // place, name, page, text, summary, tags, aliases
		}
		_, js, _ := strings.Cut(string(data), "] = ")
		js = strings.TrimSuffix(strings.TrimSpace(js), ";")
		must(t, json.Unmarshal([]byte(js), &idx))
		for _, p := range idx.Projects {
			var name string
			var a []string
			must(t, json.Unmarshal(p[1], &name))
			if len(p) > 6 {
				must(t, json.Unmarshal(p[6], &a))
			}
			titles = append(titles, name)
			aliases[name] = a
		}
	}
	slices.Sort(titles)
	return titles, aliases
}

// queryLists makes, from a site's own names, queries of five kinds with
// the project each must put first: the exact name, a beginning of it no
// other name shares, a short name the data carries, the name's first two
// words, and the name with one letter wrong. Only queries whose answer is
// beyond doubt are kept (a beginning two names share has no one answer).
func queryLists(titles []string, aliases map[string][]string) map[string]map[string]string {
	lists := map[string]map[string]string{"exact": {}, "prefix": {}, "short name": {}, "two words": {}, "typo": {}}
	lower := make([]string, len(titles))
	for i, t := range titles {
		lower[i] = strings.ToLower(t)
	}
	unique := func(pred func(string) bool) bool {
		n := 0
		for _, l := range lower {
			if pred(l) {
				n++
			}
		}
		return n == 1
	}
	aliasOwners := map[string]int{}
	for _, as := range aliases {
		for _, a := range as {
			aliasOwners[a]++
		}
	}
	for i, t := range titles {
		l := lower[i]
		if !unique(func(o string) bool { return o == l }) {
			continue
		}
		lists["exact"][t] = t
		if n := max(4, (len(l)*3+4)/5); n < len(l) {
			// A beginning that ends in a letter or digit, names no other
			// project and is no other project's short name.
			p := strings.TrimRightFunc(l[:n], func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			if len(p) >= 4 && aliasOwners[p] == 0 && unique(func(o string) bool { return strings.HasPrefix(o, p) }) {
				lists["prefix"][p] = t
			}
		}
		for _, a := range aliases[t] {
			if aliasOwners[a] == 1 && a != l && !strings.Contains(l, a) && len(a) >= 3 {
				lists["short name"][a] = t
				break
			}
		}
		if w := strings.Fields(l); len(w) >= 3 {
			two := w[0] + " " + w[1]
			if unique(func(o string) bool { return strings.HasPrefix(o, two) }) {
				lists["two words"][two] = t
			}
		}
		if typo, ok := withTypo(l, unique); ok {
			lists["typo"][typo] = t
		}
	}
	return lists
}

// withTypo is name with one letter of its longest word (of five letters
// or more) changed, if the name's other words, or the word's first three
// letters, still point to it alone.
func withTypo(name string, unique func(func(string) bool) bool) (string, bool) {
	w := strings.Fields(name)
	k := -1
	for i, x := range w {
		if len(x) >= 5 && isLetters(x) && (k < 0 || len(x) > len(w[k])) {
			k = i
		}
	}
	if k < 0 {
		return "", false
	}
	x := w[k]
	others := slices.Delete(slices.Clone(w), k, k+1)
	if len(others) == 0 {
		if len(x) < 7 || !unique(func(o string) bool { return strings.HasPrefix(o, x[:3]) }) {
			return "", false
		}
	} else if !unique(func(o string) bool {
		for _, y := range others {
			if !strings.Contains(o, y) {
				return false
			}
		}
		return true
	}) {
		return "", false
	}
	w = slices.Clone(w)
	w[k] = x[:3] + string(rune('a'+(int(x[3]-'a')+1)%26)) + x[4:]
	return strings.Join(w, " "), true
}

func isLetters(s string) bool {
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// checkQueryLists runs each list's queries through the page's own search
// and fails on every query whose project does not come first; each kind
// must have at least 20 queries.
func checkQueryLists(t *testing.T, out string, lists map[string]map[string]string) {
	t.Helper()
	ctx := browsertest.Tab(t)
	browsertest.Must(t, ctx, chromedp.Navigate(fileURL(out, "index.html")))
	for _, kind := range []string{"exact", "prefix", "short name", "two words", "typo"} {
		list := lists[kind]
		if len(list) < 20 {
			t.Errorf("%s: only %d queries; want at least 20", kind, len(list))
		}
		var queries []string
		for q := range list {
			queries = append(queries, q)
		}
		slices.Sort(queries)
		arg, _ := json.Marshal(queries)
		firsts := browsertest.Must(t, ctx, chromedp.Evaluate[[]string](`Promise.all(`+string(arg)+`.map(q => Panorama.search(q).then(r => r[0] || "")))`, chromedp.EvalAwaitPromise))
		wrong := 0
		for i, q := range queries {
			if firsts[i] != list[q] {
				wrong++
				t.Errorf("%s %q: first is %q, want %q", kind, q, firsts[i], list[q])
			}
		}
		t.Logf("%s: %d of %d queries put the expected project first", kind, len(queries)-wrong, len(queries))
	}
}

// On the LF AI & Data import and a 2,000-project fixture (whose index is
// in several parts), the expected project comes first for every query of
// five kinds.
func TestSearchQueryLists(t *testing.T) {
	t.Run("lfai", func(t *testing.T) {
		out := builtLFAI(t)
		checkQueryLists(t, out, queryLists(builtSearchDocs(t, out)))
	})
	t.Run("fixture-2000", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "site")
		must(t, fixture.Write(dir, fixture.Options{Projects: 2000, Chapters: 20, Seed: 7}))
		out := filepath.Join(dir, "public")
		_, err := Build(Options{Source: dir, Out: out, NoZip: true})
		must(t, err)
		// Its index comes in parts, which the page's search puts together.
		if parts, _ := filepath.Glob(filepath.Join(out, "search-index", "*.js")); len(parts) < 2 {
			t.Fatalf("the index of 2,000 projects is in %d parts; want several", len(parts))
		}
		checkQueryLists(t, out, queryLists(builtSearchDocs(t, out)))
	})
}
