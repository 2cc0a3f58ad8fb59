package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/generator/edition"
	"github.com/panorama-ssg/panorama/internal/words"
)

// FreezeOptions name the edition to write and the site to freeze.
type FreezeOptions struct {
	Source string // the site folder
	edition.Options
}

// FreezeEdition writes the report as an edition and returns its path
// relative to the site folder. It refuses an unsafe or taken name, a bad
// date, and a site that does not pass check; it writes nothing then.
func FreezeEdition(opt FreezeOptions) (string, error) {
	if !edition.SafeName(opt.Name) {
		return "", fmt.Errorf("edition name %q: use lower-case letters, digits and dashes, up to 60, e.g. 2026-q4 (not current or index)", opt.Name)
	}
	if opt.Date != "" {
		if _, err := time.Parse(time.DateOnly, opt.Date); err != nil {
			return "", fmt.Errorf("--date %q: want YYYY-MM-DD", opt.Date)
		}
	}
	rel := edition.Dir + "/" + opt.Name + ".json"
	file := filepath.Join(opt.Source, filepath.FromSlash(rel))
	if _, err := os.Lstat(file); err == nil {
		return "", fmt.Errorf("%s already exists; an edition, once published, is not rewritten: choose another name", rel)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	r, err := Check(Options{Source: opt.Source})
	if err != nil {
		return "", err
	}
	errs, warns := r.Problems.Split()
	if unaccepted := len(warns) - warns.CountAccepted(); len(errs) > 0 || unaccepted > 0 || r.Set == nil {
		return "", fmt.Errorf("the site does not pass check (%s, %s); run panorama check and fix them first", words.Plural(len(errs), "error"), words.Plural(unaccepted, "warning"))
	}
	data, err := edition.Marshal(edition.Build(r.Set, opt.Options))
	if err != nil {
		return "", err
	}
	// Two runs at once cannot both write the same edition.
	return rel, content.WriteNew(opt.Source, rel, data)
}
