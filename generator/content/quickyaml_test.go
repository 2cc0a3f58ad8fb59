package content

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/panorama-ssg/panorama/bench/fixture"
	"go.yaml.in/yaml/v3"
)

// quickCases are front matters made to trip quickYAML: each either takes
// its quick path (true) or is left to yaml.v3 (false); either way what it
// gives must be yaml.v3's node.
var quickCases = []struct {
	src   string
	quick bool
}{
	{"name: \"Query Knowledge 42\"\nlayer: models\nsection: training\nsummary: \"Latency, render: network.\"\nwebsite: https://p-00042.example\ntags: [node, fast]\nadded: 2026-11-16\n", true},
	{"# yaml-language-server: $schema=../project.schema.json\nname: \"0G\"\ntoken: 0G\nin_report: false\nchecked: 2026-11-25\n", true},
	{"# one\n# two\nname: x\n", true},
	{"#x\nname: x\n", true},
	{"#\nname: x\n", true},
	{"\nname: x\n\n\nb: y", true},
	{"a: [x, 1, \"y\"]\nb: 'q'\nc: ~\nd: null\ne: yes\nf: on\ng: 0x1F\nh: 1_000\ni: .inf\nj: -5\nk: +3\nl: 1e3\nm: 2026-11-16T10:00:00Z\n", true},
	{"a: []\nb: [ a , b ]\nc: [machine learning, x]\nd: [\"x\", 'y']\n", true},
	{"name: 名字 — ok\nsummary: \"Émile’s 🚀 tool\"\n", true},
	{"a: C# and F#\nb: x:y\nc: a,b\nd: it's\ne: \"say 'hi'\"\nf: 'say \"hi\"'\n", true},
	{"a: 1\na: 2\n", true},
	{"true: 1\nnull: 2\nin-report: 3\n", true},
	{"key:   spaced\n", true},
	{"a: \" padded \"\n", true},
	{"a: (b)\nb: $5\nc: _x\nd: ./x\ne: /x\n", true},
	// Left to yaml.v3.
	{"# c\n\nname: x\n", false},
	{"\n# c\nname: x\n", false},
	{"name: x\n# c\nb: y\n", false},
	{"name: x # c\n", false},
	{"# c \nname: x\n", false},
	{"a: b: c\n", false},
	{"a: x:\n", false},
	{"a:\n  - x\n", false},
	{"a:\n", false},
	{"a:b\n", false},
	{"a: x \n", false},
	{"a: \"x\\\"y\"\n", false},
	{"a: 'it''s'\n", false},
	{"a: \"unclosed\n", false},
	{"a: [x, y\n", false},
	{"a: [x,, y]\n", false},
	{"a: [x, y,]\n", false},
	{"a: [x: y]\n", false},
	{"a: [#]\n", false},
	{"a: [x?]\n", false}, // yaml.v3 ends a plain item at a "?"
	{"a: x?\n", true},
	{"a: [[x]]\n", false},
	{"a: {x: y}\n", false},
	{"a: - x\n", false},
	{"a: -x\n", false},
	{"a: ? x\n", false},
	{"a: &x y\nb: *x\n", false},
	{"a: !!str 1\n", false},
	{"a: |\n  x\n", false},
	{"a: >\n  x\n", false},
	{"a: %x\n", false},
	{"a: @x\n", false},
	{"a: `x\n", false},
	{"a: <<\n", false},
	{"\ta: x\n", false},
	{"a: x\ty\n", false},
	{"a: x\r\n", false},
	{"a: x\u0085y\n", false},
	{"a: x\u2028y\n", false},
	{"a: x\ufeffy\n", false},
	{"a: x\x7fy\n", false},
	{" a: x\n", false},
	{"a b: x\n", false},
	{"\"a\": x\n", false},
	{"- a\n", false},
	{"x\n", false},
	{"", false},
	{"\n", false},
	{"# only\n", false},
	{strings.Repeat("k", 65) + ": x\n", false},
	{"a: \xff\n", false},
	{"a: x\n  b: y\n", false},
}

// TestQuickYAMLIsYAMLv3 holds quickYAML to yaml.v3 on the cases above,
// on this repository's front matters and on a generated fixture's; the
// typical shapes must take the quick path, or builds lose its speed.
func TestQuickYAMLIsYAMLv3(t *testing.T) {
	for _, c := range quickCases {
		if quick, err := QuickYAMLAgrees([]byte(c.src)); err != nil {
			t.Errorf("%q: %v", c.src, err)
		} else if quick != c.quick {
			t.Errorf("%q: quick path %v, want %v", c.src, quick, c.quick)
		}
	}
	site := t.TempDir()
	if err := fixture.Write(site, fixture.Options{Projects: 300, Chapters: 10}); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"../../content", site} {
		n, quick := 0, 0
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			front, _, _, _, err := Split(src)
			if err != nil {
				return nil // a chapter may have none
			}
			q, err := QuickYAMLAgrees(front)
			if err != nil {
				t.Errorf("%s: %v", p, err)
			}
			n++
			if q {
				quick++
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 || quick < n*9/10 {
			t.Errorf("%s: %d of %d front matters took the quick path; want nearly all", dir, quick, n)
		}
	}
}

// TestQuickYAMLOnMadeUpLines: front matters put together at random from
// keys and the characters YAML gives a meaning read the same both ways
// wherever quickYAML takes them (it found yaml.v3 ending a list's plain
// item at a "?").
func TestQuickYAMLOnMadeUpLines(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{" ", " ", ":", "#", ",", "[", "]", "\"", "'", "-", ".", "!", "&", "*", "%", "@", "`", "|", ">", "~", "?", "{", "}",
		"a", "b", "1", "0", "é", "日", "\u2028", "\t", "\\", "<<", "x", "+", "_", "/", "$", "(", ")", "true", "null", "2026-01-02", "0x1", ".inf", "1e3", "---", "...", "\r"}
	keys := []string{"name", "summary", "a", "b-c", "d_e", "true", "x1", "on", "null", "K"}
	some := func(b *strings.Builder, n int) {
		for ; n > 0; n-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
	}
	quick := 0
	const n = 40000
	for range n {
		var b strings.Builder
		if r.IntN(4) == 0 {
			b.WriteString("#")
			some(&b, r.IntN(4))
			b.WriteString("\n")
		}
		for range r.IntN(4) + 1 {
			if r.IntN(8) == 0 {
				b.WriteString("\n")
			}
			b.WriteString(keys[r.IntN(len(keys))] + ": ")
			switch r.IntN(4) {
			case 0:
				b.WriteString("[")
				some(&b, r.IntN(6))
				b.WriteString("]")
			case 1:
				q := []string{"\"", "'"}[r.IntN(2)]
				b.WriteString(q)
				some(&b, r.IntN(6))
				b.WriteString(q)
			default:
				some(&b, r.IntN(6)+1)
			}
			b.WriteString("\n")
		}
		q, err := QuickYAMLAgrees([]byte(b.String()))
		if err != nil {
			t.Fatalf("%q: %v", b.String(), err)
		}
		if q {
			quick++
		}
	}
	if quick < n/10 {
		t.Errorf("only %d of %d took the quick path", quick, n)
	}
}

// A front matter as large as a content file may be, of blank lines, of
// commas in a list, of comments or of keys, costs the quick path no more
// memory than yaml.v3 would take for it: not memory set aside for every
// line or comma.
func TestQuickYAMLMemoryIsBounded(t *testing.T) {
	size := MaxFileSize
	allocated := func(f func()) uint64 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		f()
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	for name, src := range map[string][]byte{
		"blank lines": []byte(strings.Repeat("\n", size)),
		"commas":      []byte("a: [" + strings.Repeat(",", size) + "]\n"),
		"comments":    []byte(strings.Repeat("#\n", size/2)),
		"keys":        []byte(strings.Repeat("k: v\n", size/5)),
	} {
		quick := allocated(func() { quickYAML(src) })
		full := allocated(func() { yaml.Unmarshal(src, new(yaml.Node)) })
		if quick > full+1<<20 {
			t.Errorf("%s: the quick path allocated %d bytes, yaml.v3 %d, for %d bytes of front matter", name, quick, full, len(src))
		}
	}
}

// FuzzQuickYAML: whatever quickYAML accepts, yaml.v3 reads the same.
func FuzzQuickYAML(f *testing.F) {
	for _, c := range quickCases {
		f.Add([]byte(c.src))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, err := QuickYAMLAgrees(src); err != nil {
			t.Fatalf("%q: %v", src, err)
		}
	})
}

// QuickYAMLAgrees reports whether quickYAML took src, and an error if
// what it gave is not what yaml.v3 gives.
func QuickYAMLAgrees(src []byte) (bool, error) {
	got, ok := quickYAML(src)
	if !ok {
		return false, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return true, fmt.Errorf("taken quickly, but yaml.v3 refuses it: %v", err)
	}
	if len(doc.Content) != 1 {
		return true, fmt.Errorf("taken quickly, but yaml.v3 reads %d documents", len(doc.Content))
	}
	return true, sameNode(got, doc.Content[0], "root")
}

func sameNode(a, b *yaml.Node, at string) error {
	if a.Kind != b.Kind || a.Style != b.Style || a.Tag != b.Tag || a.Value != b.Value || a.Anchor != b.Anchor ||
		a.Line != b.Line || a.Column != b.Column || a.HeadComment != b.HeadComment || a.LineComment != b.LineComment ||
		a.FootComment != b.FootComment || (a.Alias == nil) != (b.Alias == nil) || len(a.Content) != len(b.Content) {
		return fmt.Errorf("at %s: quick %s, yaml.v3 %s", at, nodeText(a), nodeText(b))
	}
	for i := range a.Content {
		if err := sameNode(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", at, i)); err != nil {
			return err
		}
	}
	return nil
}

func nodeText(n *yaml.Node) string {
	return fmt.Sprintf("{kind %d style %d tag %q value %q anchor %q at %d:%d head %q line %q foot %q, %d children}",
		n.Kind, n.Style, n.Tag, n.Value, n.Anchor, n.Line, n.Column, n.HeadComment, n.LineComment, n.FootComment, len(n.Content))
}
