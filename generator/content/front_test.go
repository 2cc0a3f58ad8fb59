package content

import (
	"reflect"
	"testing"

	"github.com/panorama-ssg/panorama/internal/binrec"
)

// A file's parse read back from the build cache decodes to the very
// project, with the very problems, that parsing the file gives.
func TestFrontReadsBackAsParsed(t *testing.T) {
	files := map[string]string{
		"plain":    "---\nname: Acme\nlayer: infra\nsection: compute\nsummary: \"Quoted: yes\"\ntags: [a, b]\n---\nBody *text*.\n",
		"styles":   "---\n# a comment\nname: 'Single'   # trailing\nsummary: |\n  Literal\n  block\nwebsite: >-\n  https://folded.example\ntags:\n  - one\n  - two\n---\n",
		"aliases":  "---\nname: &n Acme\nsummary: *n\nalso_in: &s [x, y]\ntags: *s\n---\nBody.\n",
		"nested":   "---\nname: Acme\nextra:\n  deep:\n    - {a: 1, b: [2, 3]}\n    - null\n---\n",
		"bom":      "\ufeff---\nname: BOM\n---\r\nWindows body\r\n",
		"empty":    "---\n---\n",
		"unclosed": "---\nname: Acme\n",
		"none":     "name: Acme\n",
		"bad yaml": "---\nname: [unclosed\n---\n",
		"not map":  "---\n- a\n- b\n---\n",
		"dup":      "---\nname: A\nname: B\n---\n",
	}
	for name, src := range files {
		t.Run(name, func(t *testing.T) {
			const file = "content/projects/x.md"
			fr := parseFront(file, []byte(src))
			data, err := binrec.Encode(fr.Write)
			if err != nil {
				t.Fatal(err)
			}
			back, err := ReadFront(binrec.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			var ps1, ps2 Problems
			p1, p2 := loadProject(file, fr, &ps1), loadProject(file, back, &ps2)
			if !reflect.DeepEqual(p1, p2) {
				t.Errorf("decoded differently:\nparsed %+v\ncached %+v", p1, p2)
			}
			if !reflect.DeepEqual(ps1, ps2) {
				t.Errorf("problems differ:\nparsed %v\ncached %v", ps1, ps2)
			}
			if p1 != nil && !reflect.DeepEqual(p1.keys.node, p2.keys.node) {
				t.Error("the YAML trees differ")
			}
			// Cut anywhere, a record is refused rather than misread.
			for n := range len(data) {
				if _, err := ReadFront(binrec.NewReader(data[:n])); err == nil {
					t.Fatalf("read a record cut at %d of %d bytes", n, len(data))
				}
			}
		})
	}
}
