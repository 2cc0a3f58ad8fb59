// Package issueform lets contributors add a project without editing YAML:
// it makes the GitHub issue form for a site (from site.yaml, so its
// choices follow the site), and turns the body GitHub writes for a filled
// form into a project file, reporting problems against the form's labels.
package issueform

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/panorama-ssg/panorama/generator/content"
)

// File is where the form lives in the repository, relative to the site
// folder when the site is the repository's root.
const File = ".github/ISSUE_TEMPLATE/add-project.yml"

// Label is the issue label the form sets and the workflow answers to.
const Label = "add-project"

// field is one question of the form and the project key it fills.
type field struct {
	key, label, kind, help string
	required               bool
	options                []string // a dropdown's choices
}

// fields are the form's questions, in order: the built-in project fields,
// then the site's own.
func fields(site *content.Site) []field {
	var sections []string
	for _, l := range site.Layers {
		for _, s := range l.Sections {
			sections = append(sections, sectionOption(l, s))
		}
	}
	out := []field{
		{key: "name", label: "Name", kind: "input", required: true, help: "The project's name, as it writes it."},
		{key: "section", label: "Section", kind: "dropdown", required: true, options: sections, help: "Where it belongs on the map."},
		{key: "summary", label: "Summary", kind: "textarea", required: true, help: fmt.Sprintf("One sentence on what it does, in your own words, under %d characters.", content.MaxSummary)},
		{key: "website", label: "Website", kind: "input", required: true, help: "Its official site, https://…"},
		{key: "github", label: "GitHub", kind: "input", help: "Its GitHub organisation or repository, https://github.com/…"},
		{key: "x", label: "X handle", kind: "input", help: "Its X handle, without the @."},
		{key: "token", label: "Token", kind: "input", help: "The ticker of its own token, without the $; leave empty if it has none."},
		{key: "tags", label: "Tags", kind: "input", help: "Short lower-case keywords, separated by commas."},
	}
	for _, f := range site.Fields {
		q := field{key: f.ID, label: f.Label, kind: "input"}
		if q.label == "" {
			q.label = f.ID
		}
		switch f.Type {
		case content.TypeEnum:
			q.kind, q.options = "dropdown", f.Values
		case content.TypeBoolean:
			q.kind, q.options = "dropdown", []string{"yes", "no"}
		case content.TypeList:
			q.help = "Separated by commas."
		case content.TypeDate:
			q.help = "A date written YYYY-MM-DD."
		case content.TypeURL:
			q.help = "An address, https://…"
		case content.TypeNumber:
			q.help = "A number."
		}
		out = append(out, q)
	}
	return out
}

// sectionOption names a section in the dropdown; its id, in brackets,
// is what the form's body is read by.
func sectionOption(l *content.Layer, s *content.Section) string {
	return fmt.Sprintf("%s › %s [%s]", l.Name, s.Name, s.ID)
}

// Form is the issue form's YAML for the site.
func Form(site *content.Site) []byte {
	type attrs struct {
		Label       string   `yaml:"label,omitempty"`
		Description string   `yaml:"description,omitempty"`
		Value       string   `yaml:"value,omitempty"`
		Options     []string `yaml:"options,omitempty"`
	}
	type validations struct {
		Required bool `yaml:"required"`
	}
	type element struct {
		Type        string       `yaml:"type"`
		ID          string       `yaml:"id,omitempty"`
		Attributes  attrs        `yaml:"attributes"`
		Validations *validations `yaml:"validations,omitempty"`
	}
	form := struct {
		Name        string    `yaml:"name"`
		Description string    `yaml:"description"`
		Title       string    `yaml:"title"`
		Labels      []string  `yaml:"labels"`
		Body        []element `yaml:"body"`
	}{
		Name:        "Add a project",
		Description: "Propose a project for " + site.Title + "; a pull request with its file follows.",
		Title:       "Add project: ",
		Labels:      []string{Label},
	}
	form.Body = append(form.Body, element{Type: "markdown", Attributes: attrs{Value: "Fill in what you know; a check runs on what you submit and answers here. Write the summary in your own words."}})
	for _, f := range fields(site) {
		e := element{Type: f.kind, ID: f.key, Attributes: attrs{Label: f.label, Description: f.help, Options: f.options}}
		if f.required {
			e.Validations = &validations{Required: true}
		}
		form.Body = append(form.Body, e)
	}
	var b strings.Builder
	b.WriteString("# Made by panorama new issue-form from content/site.yaml; run it again\n# after changing the site's sections or fields (check warns until then).\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	_ = enc.Encode(form)
	return []byte(b.String())
}
