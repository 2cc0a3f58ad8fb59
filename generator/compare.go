package generator

import (
	"os"

	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/generator/edition"
)

// Compare says what differs from the report at base (another checkout of
// it, such as a pull request's base) to the one at opt.Source: projects
// added, removed, moved, renamed and changed, and the taxonomy's changes.
// A project that does not pass validation is left out of its side.
func Compare(base string, opt Options) (*edition.Changes, error) {
	load := func(dir string) (*edition.File, error) {
		set, err := content.Load(os.DirFS(dir), content.Options{Drafts: opt.Drafts})
		if err != nil {
			return nil, err
		}
		_ = set.Validate() // its problems are check's to report
		return edition.Build(set, edition.Options{Name: dir, Date: "-"}), nil
	}
	from, err := load(base)
	if err != nil {
		return nil, err
	}
	src, err := opt.sourceDir()
	if err != nil {
		return nil, err
	}
	to, err := load(src)
	if err != nil {
		return nil, err
	}
	return edition.Diff(from, to), nil
}
