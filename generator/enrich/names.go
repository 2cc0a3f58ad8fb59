package enrich

import (
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/panorama-ssg/panorama/generator/content"
)

// nameRE is a GitHub owner, or owner/repository.
var nameRE = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:/[A-Za-z0-9._-]{1,100})?$`)

// RepoName reads a GitHub address (https://github.com/owner/repo, with or
// without .git, a path below, or an owner only) as "owner/repo" or
// "owner"; ok is false for anything else.
func RepoName(address string) (name string, ok bool) {
	u, err := url.Parse(strings.TrimSpace(address))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || !strings.EqualFold(strings.TrimPrefix(u.Host, "www."), "github.com") {
		return "", false
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(parts) == 0 || parts[0] == "" {
		return "", false
	}
	name = parts[0]
	if len(parts) > 1 && parts[1] != "" {
		name += "/" + strings.TrimSuffix(parts[1], ".git")
	}
	if !nameRE.MatchString(name) || reservedOwner[strings.ToLower(parts[0])] {
		return "", false
	}
	return name, true
}

// reservedOwner are paths of github.com that are not owners.
var reservedOwner = map[string]bool{"orgs": true, "topics": true, "marketplace": true, "sponsors": true, "features": true, "apps": true, "collections": true, "about": true, "settings": true}

// ExtraRepoFields are the site fields whose values are further
// repositories of a project (landscape2's additional_repos, imported).
var ExtraRepoFields = []string{"additional_repos"}

// Addresses lists the GitHub addresses a project gives: its github key,
// then its further repositories.
func Addresses(p *content.Project) []string {
	var out []string
	if p.GitHub != "" {
		out = append(out, p.GitHub)
	}
	for _, f := range ExtraRepoFields {
		out = append(out, p.Extra[f].Items()...)
	}
	return out
}

// wanted is what a run fetches: repositories and organisations by name,
// each once, sorted.
func wanted(projects []*content.Project, only []string) (repos, orgs []string) {
	seenR, seenO := map[string]bool{}, map[string]bool{}
	for _, p := range projects {
		if len(only) > 0 && !slices.Contains(only, p.Slug) {
			continue
		}
		for _, a := range Addresses(p) {
			name, ok := RepoName(a)
			key := strings.ToLower(name)
			switch {
			case !ok:
			case strings.Contains(name, "/") && !seenR[key]:
				seenR[key] = true
				repos = append(repos, name)
			case !strings.Contains(name, "/") && !seenO[key]:
				seenO[key] = true
				orgs = append(orgs, name)
			}
		}
	}
	slices.Sort(repos)
	slices.Sort(orgs)
	return repos, orgs
}
