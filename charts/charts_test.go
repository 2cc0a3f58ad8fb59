package charts

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/panorama-ssg/panorama/generator/content"
)

func fixture() ([]*content.Layer, []*content.Project) {
	infra := &content.Layer{ID: "infra", Name: "Infrastructure", Index: 0}
	apps := &content.Layer{ID: "apps", Name: "Applications", Index: 1, Color: "#123456"}
	compute := &content.Section{ID: "compute", Name: "Compute", Layer: infra}
	empty := &content.Section{ID: "empty", Name: "Empty", Layer: infra}
	agents := &content.Section{ID: "agents", Name: "Agents", Layer: apps}
	infra.Sections = []*content.Section{compute, empty}
	apps.Sections = []*content.Section{agents}
	projects := []*content.Project{
		{Slug: "acme", Name: "</script><script>alert(1)</script>", Summary: "<img src=x onerror=alert(1)>", Layer: infra, Section: compute, Token: "ACM", Tags: []string{"gpu", "<b>"}},
		{Slug: "bolt", Name: "Bolt", Summary: "Agents.", Layer: apps, Section: agents, Tags: []string{"gpu"}},
	}
	return []*content.Layer{infra, apps}, projects
}

var paths = Paths{
	Layer:   func(l *content.Layer) string { return "layers/" + l.ID + ".html" },
	Section: func(s *content.Section) string { return "layers/" + s.Layer.ID + "/" + s.ID + ".html" },
	Project: func(p *content.Project) string { return "projects/" + p.Slug + ".html" },
}

func all() []Chart {
	layers, projects := fixture()
	return []Chart{
		LayerMap("map", "Map", layers, projects, paths),
		SectionBar("bar", "Bar", layers, projects, paths),
		LayerShare("pie", "Pie", layers, projects, paths),
		TokenBar("tok", "Tokens", layers, projects, paths),
		TagBar("tags", "Tags", projects, 10, Words{}),
	}
}

// TestSpecCannotCloseScript: project text in chart data can never end the
// <script> element the spec is placed in (issue 3).
func TestSpecCannotCloseScript(t *testing.T) {
	for _, c := range all() {
		s := string(c.Spec)
		if strings.ContainsAny(s, "<>") || strings.Contains(s, "\u2028") {
			t.Errorf("%s: spec holds raw markup characters: %.200s", c.ID, s)
		}
		var v map[string]any
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			t.Errorf("%s: spec is not JSON: %v", c.ID, err)
		}
	}
	if !strings.Contains(string(all()[0].Spec), `\u003c/script\u003e`) {
		t.Error("the hostile name is missing from the map instead of escaped")
	}
}

func TestSpecIsDeterministic(t *testing.T) {
	a, b := all(), all()
	for i := range a {
		if a[i].Spec != b[i].Spec {
			t.Errorf("%s: two builds of the same chart differ", a[i].ID)
		}
	}
}

func TestLayerMapLinksProjectsAndZoomsSections(t *testing.T) {
	var s spec
	if err := json.Unmarshal([]byte(all()[0].Spec), &s); err != nil {
		t.Fatal(err)
	}
	if !s.LeafLinks {
		t.Error("layer map must zoom on layers and sections, navigate on projects")
	}
	key := "Applications" + keySep + "Agents" + keySep + "Bolt"
	bolt := s.Option["series"].([]any)[0].(map[string]any)["data"].([]any)[1].(map[string]any)["children"].([]any)[0].(map[string]any)["children"].([]any)[0].(map[string]any)
	if bolt["name"] != "Bolt" || bolt["link"] != "projects/bolt.html" {
		t.Errorf("Bolt's node = %v, want its name and link", bolt)
	}
	if s.Links["Applications"+keySep+"Agents"] == "" {
		t.Error("sections have no links")
	}
	// Projects carry no tip of their own: the page names them and their
	// place from the map's path, so the map holds no summaries.
	if _, ok := s.Tips[key]; ok {
		t.Errorf("the map carries a tip for Bolt: %q", s.Tips[key])
	}
	if s.Tips["Applications"+keySep+"Agents"] == (tip{}) {
		t.Error("sections have no tips")
	}
	series := s.Option["series"].([]any)[0].(map[string]any)
	data := series["data"].([]any)
	if len(data) != 2 {
		t.Fatalf("%d layers in the map, want 2", len(data))
	}
	infra := data[0].(map[string]any)
	if got := len(infra["children"].([]any)); got != 1 {
		t.Errorf("infra shows %d sections, want 1 (the empty one has no area)", got)
	}
	if infra["itemStyle"].(map[string]any)["color"] != "#006cd1" {
		t.Errorf("layer colour = %v, want the layer's default colour", infra["itemStyle"])
	}
}

func TestEveryChartCanBeSavedAsImage(t *testing.T) {
	for _, c := range all() {
		var s struct {
			Option struct {
				Toolbox struct {
					Feature struct {
						SaveAsImage map[string]any `json:"saveAsImage"`
					} `json:"feature"`
				} `json:"toolbox"`
			} `json:"option"`
		}
		if err := json.Unmarshal([]byte(c.Spec), &s); err != nil {
			t.Fatal(err)
		}
		got := s.Option.Toolbox.Feature.SaveAsImage
		if got["show"] != true || got["type"] != "png" || got["name"] != c.ID || got["title"] != "Save as PNG" {
			t.Errorf("%s: no save-as-PNG tool: %v", c.ID, got)
		}
	}
}

func TestTablesCarryTheChartData(t *testing.T) {
	cs := all()
	bar := cs[1].Table
	if len(bar.Rows) != 3 || bar.Rows[0][0].Text != "Compute" || bar.Rows[0][2].Text != "1" || bar.Rows[1][2].Text != "0" {
		t.Errorf("section table rows = %v", bar.Rows)
	}
	pie := cs[2].Table
	if pie.Rows[0][2].Text != "50%" {
		t.Errorf("layer share = %v", pie.Rows)
	}
	tags := cs[4].Table
	if tags.Rows[0][0].Text != "gpu" || tags.Rows[0][1].Text != "2" {
		t.Errorf("tag table = %v", tags.Rows)
	}
}

// TestAxesNameTheirCategories: bars are labelled with section and tag
// names, not with indexes.
func TestAxesNameTheirCategories(t *testing.T) {
	cs := all()
	for _, c := range []struct {
		chart Chart
		axis  string
		want  string
	}{
		{cs[1], "xAxis", `["Compute","Empty","Agents"]`},
		{cs[3], "xAxis", `["Compute","Empty","Agents"]`},
		{cs[4], "yAxis", `["gpu","\u003cb\u003e"]`}, // most used first, drawn at the top (an inverse axis)
	} {
		var s struct {
			Option map[string]json.RawMessage `json:"option"`
		}
		var axes []struct {
			Data json.RawMessage `json:"data"`
		}
		if err := json.Unmarshal([]byte(c.chart.Spec), &s); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(s.Option[c.axis], &axes); err != nil {
			t.Fatal(err)
		}
		if len(axes) == 0 || string(axes[0].Data) != c.want {
			t.Errorf("%s %s data = %s, want %s", c.chart.ID, c.axis, axes, c.want)
		}
	}
}

// Counts read as words, one or many: "1 project", not "1 projects".
func TestCountsReadRight(t *testing.T) {
	layers, projects := fixture()
	one := LayerMap("map", "Map of Applications", layers[1:], projects[1:], paths)
	if !strings.Contains(one.Label, "1 project in 1 layer.") {
		t.Errorf("label %q", one.Label)
	}
	if !strings.Contains(string(one.Spec), `"Applications":["Applications","1 project",`) {
		t.Errorf("the layer's tip does not say 1 project: %s", one.Spec)
	}
	two := LayerMap("map", "Map", layers, projects, paths)
	if !strings.Contains(two.Label, "2 projects in 2 layers.") {
		t.Errorf("label %q", two.Label)
	}
}
