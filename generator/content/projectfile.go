package content

import (
	"fmt"
	"strings"
)

// ProjectFile writes a project file's front matter a field a line, in the
// order its writer chooses, and the body after it. Strings are always
// double-quoted (QuoteYAML) and lists are flow lists of quoted strings, so
// no value a contributor or a landscape gives can become YAML structure;
// ids, dates and booleans the writer has made itself may go plain. Every
// writer of project files uses it: new project, the issue form and the
// importer.
type ProjectFile struct {
	b    strings.Builder
	line int // the number of the next line
}

// NewProjectFile starts a project file with the schema line for editors,
// then a comment line for each of comments.
func NewProjectFile(comments ...string) *ProjectFile {
	f := &ProjectFile{line: 1}
	f.write("---", "")
	f.write("# yaml-language-server: $schema=../"+strings.TrimPrefix(SchemaFile, "content/"), "")
	for _, c := range comments {
		f.write("# "+c, "")
	}
	return f
}

// write adds a line, with note after it in a column when there is one,
// and returns the line's number.
func (f *ProjectFile) write(text, note string) int {
	if note != "" {
		fmt.Fprintf(&f.b, "%-40s # %s\n", text, note)
	} else {
		f.b.WriteString(text + "\n")
	}
	f.line++
	return f.line - 1
}

// Str writes key: "value".
func (f *ProjectFile) Str(key, value, note string) int {
	return f.write(key+": "+QuoteYAML(value), note)
}

// Plain writes key: value as it is, for an id, a date or a boolean the
// writer has made itself, never for a contributor's text.
func (f *ProjectFile) Plain(key, value, note string) int {
	return f.write(key+": "+value, note)
}

// List writes key: ["a", "b"].
func (f *ProjectFile) List(key string, values []string, note string) int {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = QuoteYAML(v)
	}
	return f.write(key+": ["+strings.Join(quoted, ", ")+"]", note)
}

// Example writes a field commented out, to show what may go there.
func (f *ProjectFile) Example(key, example, note string) int {
	return f.write("# "+key+": "+example, note)
}

// Bytes closes the front matter and adds body, a blank line before it.
func (f *ProjectFile) Bytes(body string) []byte {
	f.write("---", "")
	if body != "" {
		f.b.WriteString("\n" + body)
	}
	return []byte(f.b.String())
}
