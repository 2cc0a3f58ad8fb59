package content

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Repo is where the report's source lives on GitHub, from site.yaml's
// repo: pages link their source file to edit and an issue to suggest a
// change. Written either as the repository's address or as a mapping:
//
//	repo: https://github.com/owner/report
//	repo: {url: https://github.com/owner/report, branch: main, dir: site}
type Repo struct {
	URL    string // https://github.com/owner/name
	Branch string // default main
	Dir    string // the site's folder in the repository, "" for its root
	Pos    Pos
}

var (
	repoKeys   = []string{"url", "branch", "dir"}
	repoPathRE = regexp.MustCompile(`^/[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}$`)
	branchRE   = regexp.MustCompile(`^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$`)
)

// loadRepo reads repo:, if there is one.
func loadRepo(f *fields, ps *Problems) *Repo {
	n, ok := f.vals["repo"]
	if !ok || isNull(n) {
		return nil
	}
	r := &Repo{Branch: "main", Pos: f.pos(n)}
	switch n.Kind {
	case yaml.ScalarNode:
		r.URL = strings.TrimSpace(n.Value)
	case yaml.MappingNode:
		rf := newFields(f.file, f.off+1, n, ps)
		rf.unknown(repoKeys)
		r.URL = rf.str("url", true)
		r.Pos = rf.at("url")
		if b := rf.str("branch", false); b != "" {
			if !branchRE.MatchString(b) || strings.Contains(b, "..") {
				ps.add(rf.at("branch"), KindFieldValue, "repo: branch %q is not a branch name", b)
				return nil
			}
			r.Branch = b
		}
		if d := rf.str("dir", false); d != "" {
			clean := path.Clean(strings.Trim(d, "/"))
			if !branchRE.MatchString(clean) || strings.Contains(clean, "..") {
				ps.add(rf.at("dir"), KindFieldValue, "repo: dir %q is not a folder inside the repository", d)
				return nil
			}
			r.Dir = clean
		}
	default:
		ps.add(f.pos(n), KindFieldType, "repo: want the repository's address or a mapping with url, branch and dir, got %s", kindName(n))
		return nil
	}
	u, err := url.Parse(r.URL)
	if err != nil || u.Scheme != "https" || u.Host != "github.com" || !repoPathRE.MatchString(strings.TrimSuffix(u.Path, "/")) || u.RawQuery != "" || u.Fragment != "" {
		ps.add(r.Pos, KindURL, "repo: %q is not a GitHub repository's address; write it as https://github.com/OWNER/NAME", r.URL)
		return nil
	}
	r.URL = "https://github.com" + strings.TrimSuffix(strings.TrimSuffix(u.Path, "/"), ".git")
	return r
}

// EditURL is the address of GitHub's editor for file, a path relative to
// the site folder (content/projects/acme.md).
func (r *Repo) EditURL(file string) string {
	return r.URL + "/edit/" + r.Branch + "/" + escapePath(path.Join(r.Dir, file))
}

// SuggestURL is the address of a new issue about file, titled title.
func (r *Repo) SuggestURL(file, title string) string {
	q := url.Values{}
	q.Set("title", title)
	q.Set("body", fmt.Sprintf("About `%s`:\n\n", path.Join(r.Dir, file)))
	return r.URL + "/issues/new?" + q.Encode()
}

func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}
