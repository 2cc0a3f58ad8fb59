package content

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/panorama-ssg/panorama/internal/binrec"
)

// memStore keeps parses and loaded projects in memory, as the build
// cache does on disk; take turns on taking projects from it.
type memStore struct {
	mu     sync.Mutex
	take   bool
	fronts map[string][]byte
	models map[string][]byte
}

func (m *memStore) Front(string) *Front { return nil }
func (m *memStore) Keep(file string, _ []byte, fr *Front) {
	data, err := binrec.Encode(fr.Write)
	if err == nil {
		m.mu.Lock()
		m.fronts[file] = data
		m.mu.Unlock()
	}
}
func (m *memStore) Logo(string, int64, time.Time) (LogoCheck, bool) { return LogoCheck{}, false }
func (m *memStore) KeepLogo(string, int64, time.Time, LogoCheck)    {}
func (m *memStore) Model(file string) (model, front []byte, ok bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	model, ok = m.models[file]
	return model, m.fronts[file], ok && m.take
}
func (m *memStore) KeepModel(file string, model []byte) {
	m.mu.Lock()
	m.models[file] = model
	m.mu.Unlock()
}

// A project taken from the build cache is the project loaded from its
// file, and validating it finds the same problems at the same places:
// this report's projects, and files made to have problems.
func TestProjectsFromTheCacheAreTheLoadedOnes(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		t.Fatal(err)
	}
	bad := map[string]string{
		"twin-a.md":   "---\nname: Twin\nlayer: infrastructure\nsection: ai-chains\nsummary: One.\nwebsite: https://twin.example\nflavour: sweet\n---\nText.\n",
		"twin-b.md":   "---\nname: twin\nlayer: infrastructure\nsection: ai-chains\nsummary: Two.\nwebsite: https://twin.example/\nalso_in: [ai-chains, nowhere]\n---\n",
		"astray.md":   "---\nname: Astray\nlayer: infrastructure\nsection: ai-chain\nsummary: Lost.\nwebsite: https://astray.example\nlogo: logos/none.svg\ntags: [a, a, '']\n---\nBody.\n",
		"no-layer.md": "---\nname: No Layer\nlayer: nowhere\nsection: x\nwebsite: notaurl\nx: '@bad handle'\nchecked: 2020-01-01\n---\n",
	}
	for name, text := range bad {
		if err := os.WriteFile(filepath.Join(dir, "content", "projects", name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	store := &memStore{fronts: map[string][]byte{}, models: map[string][]byte{}}
	load := func() (*Set, string) {
		t.Helper()
		set, err := Load(Dir(dir), Options{Fronts: store})
		if err != nil {
			t.Fatal(err)
		}
		var problems string
		if err := set.Validate(); err != nil {
			problems = err.Error()
		}
		for _, p := range append(append(set.Warnings(), set.StaleFacts(time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC))...), set.EmptySections()...) {
			problems += "\n" + p.Error()
		}
		return set, problems
	}
	parsed, want := load()
	if len(store.models) < len(parsed.Projects) {
		t.Fatalf("%d projects kept for %d loaded", len(store.models), len(parsed.Projects))
	}
	store.take = true
	taken, got := load()
	if got != want {
		t.Fatalf("problems of the projects taken from the cache:\n%s\n\nof those loaded:\n%s", got, want)
	}
	if len(taken.Projects) != len(parsed.Projects) {
		t.Fatalf("%d projects taken, %d loaded", len(taken.Projects), len(parsed.Projects))
	}
	undecoded := 0
	for _, p := range taken.Projects {
		if p.keys == nil {
			undecoded++
		}
	}
	if undecoded < len(taken.Projects)-len(bad) {
		t.Fatalf("only %d of %d projects were taken from the cache without decoding their front matter", undecoded, len(taken.Projects))
	}
	for _, w := range []string{`unknown key "flavour"`, `name "twin" is already used`, `section "ai-chain" is not defined`, `also_in: section "nowhere"`, `layer "nowhere" is not defined`} {
		if !strings.Contains(want, w) {
			t.Errorf("the problems do not say %q:\n%s", w, want)
		}
	}
	for i, p := range taken.Projects {
		a, b := *parsed.Projects[i], *p
		if a.File != b.File {
			t.Fatalf("project %d: %s taken, %s loaded", i, b.File, a.File)
		}
		if want := hasOtherKeys(a.keys.node); b.other != want {
			t.Errorf("%s: other keys %v, want %v", b.File, b.other, want)
		}
		a.keys, b.keys, a.front, b.front, a.other, b.other = nil, nil, nil, nil, false, false
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: taken from the cache\n%+v\nloaded\n%+v", b.File, b, a)
		}
	}
}
