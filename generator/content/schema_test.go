package content

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"testing"
)

// The schema and the loader accept the same keys, so editors' completion
// and the checker agree.
func TestSchemaKeysMatchLoader(t *testing.T) {
	var s struct {
		Properties map[string]any `json:"properties"`
	}
	if err := json.Unmarshal(Schema(nil), &s); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range s.Properties {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	want := slices.Sorted(slices.Values(ProjectKeys))
	if !slices.Equal(keys, want) {
		t.Errorf("schema keys %v, loader keys %v", keys, want)
	}
}

// This repository's report keeps an up-to-date copy for editors.
func TestReportSchemaCopyIsCurrent(t *testing.T) {
	copy, err := os.ReadFile("../../" + SchemaFile)
	if err != nil {
		t.Fatal(err)
	}
	set, err := Load(os.DirFS("../.."), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(copy, Schema(set.Site)) {
		t.Errorf("%s differs from the schema of content/site.yaml; run panorama new schema", SchemaFile)
	}
}
