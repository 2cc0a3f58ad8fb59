package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/generator/enrich"
)

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

// snapshotProblems are check's warnings about the snapshot: older than
// site.yaml's github.max_age, and repositories projects name that GitHub
// renamed or no longer has.
func snapshotProblems(fsys fs.FS, set *content.Set, now time.Time) content.Problems {
	snap, err := readSnapshot(fsys)
	var ps content.Problems
	if errors.As(err, &ps) {
		return ps
	}
	if snap == nil || err != nil {
		return nil
	}
	newest := ""
	for _, r := range snap.Repos {
		newest = max(newest, r.Fetched)
	}
	if o := set.Site.GitHub; o != nil && o.MaxAgeDays > 0 {
		if d, err := time.Parse(time.DateOnly, newest); err == nil && now.Sub(d) > time.Duration(o.MaxAgeDays)*24*time.Hour {
			ps = append(ps, content.Problem{Pos: content.Pos{File: enrich.SnapshotFile}, Kind: string(content.KindGitHubStale), Warn: true,
				Msg: fmt.Sprintf("was fetched on %s, over the %d days content/site.yaml's github.max_age allows; run panorama enrich github", newest, o.MaxAgeDays)})
		}
	}
	ix := snap.Index()
	for _, p := range set.Projects {
		for _, a := range enrich.Addresses(p) {
			for _, r := range ix.Repos(a) {
				switch {
				case r.MovedTo != "":
					ps = append(ps, content.Problem{Pos: content.Pos{File: p.File}, Kind: string(content.KindGitHubMoved), Warn: true,
						Msg: fmt.Sprintf("%s is now %s on GitHub; write https://github.com/%s", r.Repo, r.MovedTo, r.MovedTo)})
				case r.Note != "":
					ps = append(ps, content.Problem{Pos: content.Pos{File: p.File}, Kind: string(content.KindGitHubMissing), Warn: true,
						Msg: fmt.Sprintf("%s: %s", r.Repo, r.Note)})
				}
			}
		}
	}
	return ps
}
