package enrich

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/panorama-ssg/panorama/generator/content"
)

// JournalFile holds, one JSON line each, the records a run fetched since
// it began; the snapshot takes them in when the run ends, or when the
// next run begins after one was killed.
const JournalFile = "content/data/.github-journal.jsonl"

// journalLine is one record in the journal.
type journalLine struct {
	Repo *Repo `json:"repo,omitempty"`
	Org  *Org  `json:"org,omitempty"`
}

// openJournal opens the site's journal for appending, never through a
// link.
func openJournal(dir string) (*os.File, error) {
	if linked := content.LinkedFolder(dir, path.Dir(JournalFile)); linked != "" {
		return nil, fmt.Errorf("%w; not writing %s through it", content.LinkedError(linked), JournalFile)
	}
	file := filepath.Join(dir, filepath.FromSlash(JournalFile))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_APPEND|os.O_CREATE|noFollow, 0o644)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", JournalFile, err)
	}
	return f, nil
}

// record appends one line; the caller holds r.mu. A line is one write, so
// a killed run leaves at most its last line cut short.
func (r *run) record(l journalLine) {
	if r.journal == nil {
		return
	}
	data, _ := json.Marshal(l)
	r.journal.Write(append(data, '\n'))
}

// replay takes in the records a killed run left in the journal.
func (r *run) replay() error {
	data, msg, err := content.ReadRegular(os.DirFS(r.opt.Source), JournalFile, maxSnapshot)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err == nil && msg != "" {
		err = errors.New(msg)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", JournalFile, err)
	}
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var l journalLine
		if json.Unmarshal(sc.Bytes(), &l) != nil {
			continue // the line a kill cut short
		}
		switch {
		case l.Repo != nil && nameRE.MatchString(l.Repo.Repo):
			r.repos[strings.ToLower(l.Repo.Repo)] = l.Repo
		case l.Org != nil && nameRE.MatchString(l.Org.Org):
			r.orgs[strings.ToLower(l.Org.Org)] = l.Org
		}
	}
	return nil
}
