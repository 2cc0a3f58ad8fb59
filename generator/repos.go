package generator

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"strings"
	"time"

	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/generator/enrich"
)

// What GitHub said about the projects' repositories, from the snapshot
// panorama enrich github wrote (content/data/github.json). A build reads
// the snapshot and never the network; without one nothing of this shows.

// readSnapshot reads the site's snapshot; nil when it has none.
func readSnapshot(fsys fs.FS) (*enrich.Snapshot, error) {
	data, msg, err := content.ReadRegular(fsys, enrich.SnapshotFile, 64<<20)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err == nil && msg != "" {
		err = errors.New(msg)
	}
	if err != nil {
		return nil, content.Problems{{Pos: content.Pos{File: enrich.SnapshotFile}, Kind: string(content.KindFileType), Msg: err.Error()}}
	}
	snap, err := enrich.Decode(data)
	if err != nil {
		return nil, content.Problems{{Pos: content.Pos{File: enrich.SnapshotFile}, Kind: string(content.KindFileType),
			Msg: strings.TrimPrefix(err.Error(), enrich.SnapshotFile+": ") + "; run panorama enrich github to write it again"}}
	}
	return snap, nil
}

// RepoView is one repository on a project's page.
type RepoView struct {
	*enrich.Repo
	URL       string        // its address on GitHub (the new one after a rename)
	Sparkline template.HTML // the commits of the last 52 weeks, drawn in SVG
}

// GitHubView says where the repository data comes from.
type GitHubView struct {
	Fetched string // the day of the newest record
	Repos   int
}

// The fields the snapshot adds, for the directory's facets and exports.
var (
	licenceField  = &content.Field{ID: "github-licence", Label: "Licence", Type: content.TypeText, Filter: true, Export: true}
	languageField = &content.Field{ID: "github-language", Label: "Language", Type: content.TypeText, Filter: true, Export: true}
)

// addRepos gives every project the records of the repositories it names,
// its stars and last commit for sorting, its licence and main language
// as facets, and its repository's description where it has no summary.
func (v *SiteView) addRepos(snap *enrich.Snapshot) {
	if snap == nil || len(snap.Repos) == 0 {
		return
	}
	ix := snap.Index()
	licence, language := &FieldView{Field: licenceField}, &FieldView{Field: languageField}
	gh := &GitHubView{}
	for _, pv := range v.Projects {
		seen := map[string]bool{}
		for _, a := range enrich.Addresses(pv.Project) {
			for _, r := range ix.Repos(a) {
				if !seen[r.Repo] && r.Note == "" {
					seen[r.Repo] = true
					pv.Repos = append(pv.Repos, repoView(r))
					gh.Fetched = max(gh.Fetched, r.Fetched)
				}
			}
		}
		if len(pv.Repos) == 0 {
			continue
		}
		gh.Repos += len(pv.Repos)
		main := pv.Repos[0]
		pv.Stars, pv.LastCommit = main.Stars, main.LastCommit
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

func repoView(r *enrich.Repo) *RepoView {
	name := r.Repo
	if r.MovedTo != "" {
		name = r.MovedTo
	}
	return &RepoView{Repo: r, URL: "https://github.com/" + name, Sparkline: sparkline(r.Weekly)}
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
	const w, h = 104.0, 20.0
	var pts strings.Builder
	for i, n := range weeks {
		x := float64(i) * w / float64(len(weeks)-1)
		y := h - 1 - float64(n)*(h-2)/float64(top)
		fmt.Fprintf(&pts, "%.1f,%.1f ", x, y)
	}
	return template.HTML(fmt.Sprintf(`<svg class="spark" viewBox="0 0 %g %g" width="%g" height="%g" role="img" aria-label="%d commits in the last 52 weeks"><polyline points="%s" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round"/></svg>`,
		w, h, w, h, total, strings.TrimSpace(pts.String())))
}

// activityBuckets sorts the projects with a repository by their last
// commit, as of the snapshot's day.
func activityBuckets(site *SiteView) ([]string, []int) {
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
		names[i] = site.word(names[i])
	}
	return names, counts
}
