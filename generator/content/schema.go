package content

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// baseSchema is the JSON Schema of a project file's built-in fields; a
// site's schema (Schema) adds the fields its site.yaml defines.
//
//go:embed project.schema.json
var baseSchema []byte

// SchemaFile is where a site keeps its copy of ProjectSchema.
const SchemaFile = "content/project.schema.json"

// Schema is the JSON Schema of a project file's front matter for this
// site: the built-in fields and those site.yaml defines. Sites keep a copy
// at SchemaFile so that editors with a YAML language server complete and
// check project files as they type. The same site gives the same bytes.
func Schema(site *Site) []byte {
	var doc map[string]any
	if err := json.Unmarshal(baseSchema, &doc); err != nil {
		panic("content: embedded project schema: " + err.Error())
	}
	props := doc["properties"].(map[string]any)
	if site != nil {
		for _, f := range site.Fields {
			if _, builtIn := props[f.ID]; builtIn || f.ID == "" {
				continue
			}
			props[f.ID] = fieldSchema(f)
		}
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic("content: encoding project schema: " + err.Error())
	}
	return append(b, '\n')
}

func fieldSchema(f *Field) map[string]any {
	s := map[string]any{"description": f.Label + " (defined in " + SiteFile + ")."}
	switch f.Type {
	case TypeURL:
		s["type"], s["pattern"] = "string", "^https?://[^/\\s]+"
	case TypeDate:
		s["type"], s["pattern"] = "string", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
	case TypeNumber:
		s["type"] = "number"
	case TypeBoolean:
		s["type"] = "boolean"
	case TypeEnum:
		s["enum"] = f.Values
	case TypeList:
		s["type"] = "array"
		s["items"] = map[string]any{"type": "string", "minLength": 1}
	default:
		s["type"] = "string"
	}
	return s
}

func compileSchema(schema []byte) (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	const url = "project.schema.json"
	if err := c.AddResource(url, doc); err != nil {
		return nil, err
	}
	return c.Compile(url)
}

// SchemaProblems checks every project's front matter against ProjectSchema.
// Its problems are warnings: what a build cannot accept, Validate already
// reports as errors, and the schema only adds what it tolerates. It skips lines that already have a problem in known, whose messages are
// more specific, so each mistake is reported once.
func (s *Set) SchemaProblems(known Problems) (Problems, error) {
	sch, err := compileSchema(Schema(s.Site))
	if err != nil {
		return nil, fmt.Errorf("project schema: %w", err)
	}
	seen := map[Pos]bool{}
	for _, p := range known {
		seen[Pos{File: p.Pos.File, Line: p.Pos.Line}] = true
	}
	var out Problems
	for _, p := range s.Projects {
		// Loading refused what aliases would blow up, so the values are
		// bounded by the file's own nodes plus maxAliasNodes.
		f := p.fields()
		budget := countNodes(f.node) + maxAliasNodes + 1
		v, ok := jsonValue(f.node, &budget)
		if !ok || budget < 0 {
			continue // keys that are not text; loading reported them
		}
		err := sch.Validate(v)
		verr, ok := err.(*jsonschema.ValidationError)
		if !ok {
			continue
		}
		for _, leaf := range leaves(verr, nil) {
			for _, d := range f.describe(leaf) {
				key := Pos{File: d.Pos.File, Line: d.Pos.Line}
				if !seen[key] {
					seen[key] = true
					out = append(out, d)
				}
			}
		}
	}
	return out, nil
}

var printer = message.NewPrinter(language.English)

// leaves collects the innermost errors, which say what is wrong.
func leaves(e *jsonschema.ValidationError, out []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return append(out, e)
	}
	for _, c := range e.Causes {
		out = leaves(c, out)
	}
	return out
}

// describe turns one schema error into problems at the keys concerned.
func (f *fields) describe(e *jsonschema.ValidationError) Problems {
	var out Problems
	switch k := e.ErrorKind.(type) {
	case *kind.AdditionalProperties:
		for _, key := range k.Properties {
			out.warn(f.keys[key], KindSchema, "unknown key %q is not in %s", key, SchemaFile)
		}
	case *kind.Required:
		for _, key := range k.Missing {
			out.warn(f.at(key), KindSchema, "%s is required by %s", key, SchemaFile)
		}
	default:
		where := strings.Join(e.InstanceLocation, ".")
		if where != "" {
			where += ": "
		}
		out.warn(f.locate(e.InstanceLocation), KindSchema, "%s%s (%s)", where, e.ErrorKind.LocalizedString(printer), SchemaFile)
	}
	return out
}

// jsonValue turns a YAML node into the JSON value the schema checks, as
// a YAML language server sees it: dates stay text.
// budget bounds the nodes visited, so aliases that refer to aliases
// cannot expand a small file into gigabytes.
func jsonValue(n *yaml.Node, budget *int) (any, bool) {
	if *budget--; *budget < 0 {
		return nil, false
	}
	switch n.Kind {
	case yaml.AliasNode:
		return jsonValue(n.Alias, budget)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				return nil, false
			}
			v, ok := jsonValue(n.Content[i+1], budget)
			if !ok {
				return nil, false
			}
			m[k.Value] = v
		}
		return m, true
	case yaml.SequenceNode:
		a := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, ok := jsonValue(c, budget)
			if !ok {
				return nil, false
			}
			a = append(a, v)
		}
		return a, true
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return nil, true
		case "!!bool", "!!int", "!!float":
			var v any
			if err := n.Decode(&v); err != nil {
				return nil, false
			}
			b, err := json.Marshal(v)
			if err != nil {
				return n.Value, true // .nan and .inf have no JSON form
			}
			v, err = jsonschema.UnmarshalJSON(bytes.NewReader(b))
			return v, err == nil
		}
		return n.Value, true
	}
	return nil, false
}

// countNodes counts the nodes of n's tree as written (aliases once).
func countNodes(n *yaml.Node) int {
	total := 1
	for _, c := range n.Content {
		total += countNodes(c)
	}
	return total
}

// locate finds the position of the value at a path such as ["tags", "1"];
// it stops at the deepest node it can find.
func (f *fields) locate(path []string) Pos {
	n := f.node
	pos := Pos{File: f.file, Line: f.off + n.Line}
	for _, part := range path {
		var next *yaml.Node
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == part {
					next = n.Content[i+1]
				}
			}
		case yaml.SequenceNode:
			if i, err := strconv.Atoi(part); err == nil && i >= 0 && i < len(n.Content) {
				next = n.Content[i]
			}
		}
		if next == nil {
			break
		}
		n = next
		pos = f.pos(n)
	}
	return pos
}
