package importer

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// landscape2's fields have meanings a reader understands: they are given
// labels, an order (maturity, then its dates as a timeline, then the
// organisation and its links), and the structured ones (audits, other
// links, the summary_* texts) become sections of the project's text.
// Keys that only the landscape's tooling reads stay in the data, for
// exports, but are neither shown nor offered as filters.

// knownField is how a landscape2 field is shown.
type knownField struct {
	id, label string
}

// knownFields are in the order project pages show them.
var knownFields = []knownField{
	{"featured", "Featured"},
	{"maturity", "Maturity"},
	{"joined_at", "Joined"},
	{"accepted", "Accepted"},
	{"incubating", "Incubating since"},
	{"graduated", "Graduated"},
	{"archived", "Archived"},
	{"annual_review_date", "Last annual review"},
	{"annual_review_url", "Annual review"},
	{"license", "Licence"},
	{"organization", "Organisation"},
	{"enduser", "End user"},
	{"member", "Foundation member"},
	{"tag", "Technical advisory group"},
	{"parent_project", "Parent project"},
	{"project_org", "Project organisation"},
	{"crunchbase", "Organisation on Crunchbase"},
	{"stock_ticker", "Stock ticker"},
	{"additional_repos", "Other repositories"},
	{"documentation_url", "Documentation"},
	{"url_for_bestpractices", "OpenSSF best practices"},
	{"dev_stats_url", "Development statistics"},
	{"artwork_url", "Artwork"},
	{"blog_url", "Blog"},
	{"mailing_list_url", "Mailing list"},
	{"chat_channel", "Chat channel"},
	{"slack_url", "Slack"},
	{"discord_url", "Discord"},
	{"github_discussions_url", "GitHub discussions"},
	{"linkedin_url", "LinkedIn"},
	{"youtube_url", "YouTube"},
	{"bluesky_url", "Bluesky"},
	{"mastodon_url", "Mastodon"},
	{"reddit_url", "Reddit"},
	{"stack_overflow_url", "Stack Overflow"},
	{"twitter", "Twitter"},
	{"package_manager_url", "Package"},
	{"specification", "Specification"},
	{"training_certifications", "Training and certifications"},
	{"training_type", "Training"},
}

// internalKeys are read by landscape tooling only.
var internalKeys = []string{"item", "allow_duplicate_repo", "clomonitor_name", "lfx_slug", "unnamed_organization",
	"branch", "url_for_bestpractices_id", "logo_url", "hide_in_landscape", "clomonitor_report_summary"}

func knownRank(id string) int {
	for i, f := range knownFields {
		if f.id == id {
			return i
		}
	}
	return len(knownFields)
}

func knownLabel(id string) string {
	for _, f := range knownFields {
		if f.id == id {
			return f.label
		}
	}
	return ""
}

// summaryParts are the summary_* keys, in the order the Summary shows them.
var summaryParts = []knownField{
	{"summary_use_case", "Use case"},
	{"summary_business_use_case", "Business use case"},
	{"summary_personas", "Who it is for"},
	{"summary_integrations", "Integrations"},
	{"summary_release_rate", "Release rate"},
	{"summary_intro_url", "Introduction"},
}

// readExtra reads an item's extra mapping: structured values become text
// sections, summary_tags tags, the rest fields.
func (im *importer) readExtra(it *item, v *yaml.Node) {
	summary := map[string]string{}
	for j := 0; j+1 < len(v.Content); j += 2 {
		key, val := v.Content[j].Value, v.Content[j+1]
		switch {
		case key == "audits":
			im.audits(it, val)
		case key == "other_links":
			im.otherLinks(it, val)
		case key == "annotations":
			im.annotations(it, val)
		case key == "summary_tags":
			for _, t := range strings.Split(scalar(val), ",") {
				if t = strings.TrimSpace(t); t != "" && !slices.Contains(it.tags, t) {
					it.tags = append(it.tags, t)
				}
			}
		case strings.HasPrefix(key, "summary_") && knownSummary(key):
			if s := scalar(val); s != "" {
				summary[key] = s
			}
		default:
			im.addExtra(it, key, val, val)
		}
	}
	if len(summary) == 0 {
		return
	}
	var b strings.Builder
	b.WriteString("## Summary\n")
	for _, part := range summaryParts {
		text := summary[part.id]
		switch {
		case text == "":
		case part.id == "summary_intro_url":
			if checkURL(text) == nil {
				fmt.Fprintf(&b, "\n**%s:** %s\n", part.label, mdLink("an introduction to "+it.name, text))
			}
		default:
			// Summaries are written as Markdown upstream; it is rendered
			// as Markdown, whose raw HTML the renderer drops.
			fmt.Fprintf(&b, "\n**%s:** %s\n", part.label, strings.TrimSpace(text))
		}
	}
	it.more = append([]string{b.String()}, it.more...) // the summary before links and audits
}

func knownSummary(key string) bool {
	for _, p := range summaryParts {
		if p.id == key {
			return true
		}
	}
	return false
}

// audits are dated audit reports (date, type, vendor, url) as a small
// table: date, the report's link, who made it.
func (im *importer) audits(it *item, v *yaml.Node) {
	var rows []string
	for _, a := range list(v) {
		m := mapping(a)
		u := scalar(m["url"])
		if checkURL(u) != nil {
			im.skip(im.pos(a), "item %q: an audit without an http(s) url; left out", it.name)
			continue
		}
		kind := scalar(m["type"])
		if kind == "" {
			kind = "audit"
		}
		cells := []string{cell(scalar(m["date"])), strings.ReplaceAll(mdLink(capitalise(cell(kind)), u), "|", "%7C"), cell(scalar(m["vendor"]))}
		rows = append(rows, "| "+strings.Join(cells, " | ")+" |")
	}
	if len(rows) > 0 {
		it.more = append(it.more, "## Audits\n\n| Date | Report | By |\n|---|---|---|\n"+strings.Join(rows, "\n")+"\n")
	}
}

// cell is a value as the text of one table cell: one line, escaped.
func cell(s string) string {
	return escapeMarkdown(strings.Join(strings.Fields(s), " "))
}

// otherLinks lists labelled links: name, url.
func (im *importer) otherLinks(it *item, v *yaml.Node) {
	var lines []string
	for _, l := range list(v) {
		m := mapping(l)
		u, name := scalar(m["url"]), scalar(m["name"])
		if checkURL(u) != nil {
			im.skip(im.pos(l), "item %q: an other_links entry without an http(s) url; left out", it.name)
			continue
		}
		if name == "" {
			name = u
		}
		lines = append(lines, "- "+mdLink(name, u))
	}
	if len(lines) > 0 {
		it.more = append(it.more, "## Links\n\n"+strings.Join(lines, "\n")+"\n")
	}
}

// annotations are free key-value notes.
func (im *importer) annotations(it *item, v *yaml.Node) {
	if v.Kind != yaml.MappingNode {
		return
	}
	var lines []string
	for j := 0; j+1 < len(v.Content); j += 2 {
		if val := scalar(v.Content[j+1]); val != "" {
			lines = append(lines, "- "+escapeMarkdown(label(v.Content[j].Value))+": "+escapeMarkdown(val))
		}
	}
	if len(lines) > 0 {
		it.more = append(it.more, "## Notes\n\n"+strings.Join(lines, "\n")+"\n")
	}
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// mdLink is a Markdown link whose text is plain text and whose address
// cannot end the link early.
func mdLink(text, u string) string {
	if p, err := url.Parse(u); err == nil {
		u = p.String()
	}
	u = strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E").Replace(u)
	return "[" + escapeMarkdown(text) + "](" + u + ")"
}
