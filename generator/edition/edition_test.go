package edition

import (
	"strings"
	"testing"
)

const small = `{
  "format": 2, "name": "2026-q1", "date": "2026-03-01", "title": "T",
  "layers": [{"id": "infra", "name": "Infra", "color": "#006cd1", "sections": [{"id": "compute", "name": "Compute"}, {"id": "data", "name": "Data"}]}],
  "fields": [{"id": "level", "label": "Level"}],
  "projects": [
    {"slug": "b", "name": "B", "layer": "infra", "sections": ["data"], "website": "https://b.example", "fields": {"level": ["x", "y"]}},
    {"slug": "a", "name": "A", "layer": "infra", "sections": ["compute", "data"], "website": "https://a.example"}
  ]
}`

func TestReadSortsAndDiffsNothingWithItself(t *testing.T) {
	e, ps := Read("content/editions/2026-q1.json", []byte(small), nil)
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	if e.Projects[0].Slug != "a" || e.Project("b") == nil || e.Project("c") != nil {
		t.Errorf("projects not sorted by slug for lookup: %+v", e.Projects)
	}
	if got := FieldText(e.Project("b").Fields["level"]); got != "x, y" {
		t.Errorf("a list field reads %q", got)
	}
	c := Diff(e, e)
	if !c.Empty() || c.Summary() != "no changes" {
		t.Errorf("an edition differs from itself: %s", c.Summary())
	}
}

// A project whose home section is in another layer than its own, a
// duplicate slug, and a file named unlike the edition it holds.
func TestReadPlacesEachProblem(t *testing.T) {
	src := strings.Replace(small, `"slug": "b", "name": "B", "layer": "infra"`, `"slug": "a", "name": "B", "layer": "nope"`, 1)
	_, ps := Read("content/editions/other.json", []byte(src), nil)
	var got []string
	for _, p := range ps {
		got = append(got, p.Error())
	}
	want := []string{
		`content/editions/other.json:2:24: name "2026-q1" differs from the file's name "other": an edition is named by its file`,
		`content/editions/other.json:6:41: layer "nope" is not one of this edition's layers; use one of: infra`,
		`content/editions/other.json:7:14: slug "a" is not a unique slug of lower-case letters, digits and dashes`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Whatever an edition file holds, reading it and comparing what it reads
// neither panics nor lets a bad name or colour through.
func FuzzRead(f *testing.F) {
	f.Add([]byte(small))
	f.Add([]byte(`{"format": 1}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"format": 2, "projects": [{"sections": []}]}`))
	f.Add([]byte(`[{"format": 2}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, ps := Read("content/editions/2026-q1.json", data, nil)
		if e == nil {
			if len(ps) == 0 {
				t.Fatal("refused without a problem")
			}
			return
		}
		for _, l := range e.Layers {
			if !colorRE.MatchString(l.Color) {
				t.Fatalf("colour %q passed", l.Color)
			}
		}
		for _, p := range e.Projects {
			if !slugRE.MatchString(p.Slug) || len(p.Sections) == 0 {
				t.Fatalf("project %+v passed", p)
			}
		}
		Diff(e, e).Summary()
	})
}
