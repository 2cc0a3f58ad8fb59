package page

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/generator/enrich"
	"github.com/panorama-ssg/panorama/internal/words"
)

// What GitHub said about the projects' repositories, from the snapshot
// panorama enrich github wrote (content/data/github.json). A build reads
// the snapshot and never the network; without one nothing of this shows.

// RepoView is one repository on a project's page: what the page shows,
// written out once, and nothing else of the snapshot (a build keeps its
// views in memory under a soft limit; the snapshot itself is let go).
type RepoView struct {
	Name, URL                   string // owner/name as GitHub now calls it, and its address
	OldName                     string // the name the site gives, when GitHub renamed it
	Archived                    bool
	StarsText, ContributorsText string // with commas between thousands
	LastCommit, License         string
	ReleaseTag, ReleaseDate     string
	LanguagesText               string        // the three largest, "Go 80%, Shell 20%"
	Sparkline                   template.HTML // the commits of the last 52 weeks, drawn in SVG
}

// RepoLabels are the repository table's column names in the page's
// language, asked for once per page.
type RepoLabels struct {
	Stars, Contributors, LastCommit, Release, Licence, Languages, Weeks string
}

// RepoRows is the rows of the project's repository table, written here
// rather than by the template: ten thousand project pages of template
// actions for a table were a fifth of a build. Every value is escaped.
func (pg *Page) RepoRows() template.HTML {
	l := pg.RepoLabels()
	var b strings.Builder
	esc := html.EscapeString
	cell := func(class, label, content string) {
		b.WriteString(`<td`)
		if class != "" {
			b.WriteString(` class="` + class + `"`)
		}
		b.WriteString(` data-label="` + esc(label) + `">` + content + `</td>`)
	}
	date := func(d string) string {
		if d == "" {
			return ""
		}
		return `<time>` + esc(d) + `</time>` // a date as its text: no datetime needed
	}
	for _, r := range pg.Project.Repos {
		b.WriteString(`<tr><th scope="row"><a href="` + esc(r.URL) + `" rel="noopener external">` + esc(r.Name) + `</a>`)
		if r.Archived {
			b.WriteString(` <span class="maturity">` + esc(pg.T("archived")) + `</span>`)
		}
		if r.OldName != "" {
			b.WriteString(`<br><small>` + esc(fmt.Sprintf(pg.T("moved from %s"), r.OldName)) + `</small>`)
		}
		b.WriteString(`</th>`)
		cell("num", l.Stars, r.StarsText)
		cell("num", l.Contributors, r.ContributorsText)
		cell("", l.LastCommit, date(r.LastCommit))
		release := ""
		if r.ReleaseTag != "" {
			release = `<span>` + esc(r.ReleaseTag) + ` ` + date(r.ReleaseDate) + `</span>`
		}
		cell("", l.Release, release)
		cell("", l.Licence, esc(r.License))
		cell("", l.Languages, esc(r.LanguagesText))
		cell("", l.Weeks, string(r.Sparkline))
		b.WriteString("</tr>")
	}
	return template.HTML(b.String())
}

// RepoLabels returns the table's column names.
func (pg *Page) RepoLabels() RepoLabels {
	return RepoLabels{pg.T("Stars"), pg.T("Contributors"), pg.T("Last commit"), pg.T("Latest release"), pg.T("Licence"), pg.T("Languages"), pg.T("Last 52 weeks")}
}

// GitHubView says where the repository data comes from.
type GitHubView struct {
	Fetched string // the day of the newest record
	Repos   int
}

// The fields the snapshot adds, for the directory's facets and exports.
var (
	LicenceField  = &content.Field{ID: "github-licence", Label: "Licence", Type: content.TypeText, Filter: true, Export: true}
	LanguageField = &content.Field{ID: "github-language", Label: "Language", Type: content.TypeText, Filter: true, Export: true}
)

// addRepos gives every project the records of the repositories it names,
// its stars and last commit for sorting, its licence and main language
// as facets, and its repository's description where it has no summary.
func (v *SiteView) addRepos(snap *enrich.Snapshot) {
	if snap == nil || len(snap.Repos) == 0 {
		return
	}
	ix := snap.Index()
	licence, language := &FieldView{Field: LicenceField}, &FieldView{Field: LanguageField}
	gh := &GitHubView{}
	for _, pv := range v.Projects {
		seen := map[string]bool{}
		var main *enrich.Repo
		for _, a := range enrich.Addresses(pv.Project) {
			for _, r := range ix.Repos(a) {
				if !seen[r.Repo] && r.Note == "" {
					seen[r.Repo] = true
					pv.Repos = append(pv.Repos, repoView(r))
					gh.Fetched = max(gh.Fetched, r.Fetched)
					if main == nil {
						main = r
					}
				}
			}
		}
		if main == nil {
			continue
		}
		gh.Repos += len(pv.Repos)
		pv.Stars, pv.StarsText, pv.LastCommit = main.Stars, pv.Repos[0].StarsText, main.LastCommit
		if pv.Summary == "" && main.Description != "" {
			pv.Summary, pv.SummaryFrom = main.Description, "GitHub"
		}
		if main.License != "" {
			licence.Used = true
			pv.Extra = append(pv.Extra, FieldValue{Field: licence, Text: main.License})
		}
		if len(main.Languages) > 0 {
			language.Used = true
			pv.Extra = append(pv.Extra, FieldValue{Field: language, Text: main.Languages[0].Name})
		}
	}
	if gh.Repos > 0 {
		v.GitHub = gh
		v.Fields = append(v.Fields, licence, language)
	}
}

// SayStars writes each project's stars in the site's language, once, for
// the tiles and cards that show them at every folder depth.
func (v *SiteView) SayStars() {
	if v.GitHub == nil {
		return
	}
	onGitHub, stars := v.Word("%s stars on GitHub"), v.Word("%s stars")
	for _, p := range v.Projects {
		if p.StarsText != "" {
			p.StarsOnGitHub, p.StarsShort = fmt.Sprintf(onGitHub, p.StarsText), fmt.Sprintf(stars, p.StarsText)
		}
	}
}

func repoView(r *enrich.Repo) *RepoView {
	v := &RepoView{Name: r.Repo, Archived: r.Archived, StarsText: words.Number(r.Stars), ContributorsText: words.Number(r.Contributors),
		LastCommit: r.LastCommit, License: r.License, Sparkline: sparkline(r.Weekly)}
	if r.MovedTo != "" {
		v.Name, v.OldName = r.MovedTo, r.Repo
	}
	v.URL = "https://github.com/" + v.Name
	if r.Release != nil {
		v.ReleaseTag, v.ReleaseDate = r.Release.Tag, r.Release.Date
	}
	var langs strings.Builder
	for i, l := range r.Languages[:min(3, len(r.Languages))] {
		if i > 0 {
			langs.WriteString(", ")
		}
		langs.WriteString(l.Name + " " + strconv.Itoa(int(math.Round(l.Share*100))) + "%")
	}
	v.LanguagesText = langs.String()
	return v
}

// sparkline draws weekly counts as a small SVG line, oldest week left,
// scaled to the busiest week; its accessible name says the total.
func sparkline(weeks []int) template.HTML {
	if len(weeks) < 2 {
		return ""
	}
	top, total := 1, 0
	for _, w := range weeks {
		top, total = max(top, w), total+w
	}
	// Two units a week and whole units up: small enough to write on every
	// project page.
	const h = 20
	pts := make([]byte, 0, 6*len(weeks))
	for i, n := range weeks {
		if i > 0 {
			pts = append(pts, ' ')
		}
		pts = strconv.AppendInt(pts, int64(2*i), 10)
		pts = append(pts, ',')
		pts = strconv.AppendInt(pts, int64(math.Round(h-1-float64(n)*(h-2)/float64(top))), 10)
	}
	width := strconv.Itoa(2 * (len(weeks) - 1))
	return template.HTML(`<svg class="spark" viewBox="0 0 ` + width + ` 20" width="` + width + `" height="20" role="img" aria-label="` + strconv.Itoa(total) +
		` commits in the last 52 weeks"><polyline points="` + string(pts) + `" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round"/></svg>`)
}

// ActivityBuckets sorts the projects with a repository by their last
// commit, as of the snapshot's day.
func ActivityBuckets(site *SiteView) ([]string, []int) {
	names := []string{"Within a month", "1–3 months ago", "3–12 months ago", "Over a year ago"}
	counts := make([]int, len(names))
	day, err := time.Parse(time.DateOnly, site.GitHub.Fetched)
	if err != nil {
		return nil, nil
	}
	for _, p := range site.Projects {
		last, err := time.Parse(time.DateOnly, p.LastCommit)
		if err != nil {
			continue
		}
		switch age := day.Sub(last); {
		case age <= 31*24*time.Hour:
			counts[0]++
		case age <= 92*24*time.Hour:
			counts[1]++
		case age <= 366*24*time.Hour:
			counts[2]++
		default:
			counts[3]++
		}
	}
	for i := range names {
		names[i] = site.Word(names[i])
	}
	return names, counts
}
