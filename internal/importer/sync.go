package importer

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/generator/edition"
	"go.yaml.in/yaml/v3"
)

// A landscape is kept up to date upstream, by pull requests to its
// landscape.yml. Importing again into a site an import wrote brings those
// changes in: the new import is made in a staging folder, then every file
// the import owns is written where its bytes differ, the files it wrote
// before and no longer makes are removed, and site.yaml's imported keys
// are replaced while the site's own keys and accept rules stay. The site's
// own files (chapters, translations, editions, anything it added) are
// never touched: StateFile lists what the import wrote, with hashes, so
// it can tell its own files and values from the site's edits.

// StateFile records, at the site's root, what the last import wrote.
const StateFile = ".panorama-import.json"

// state is StateFile's content.
type state struct {
	Format int               `json:"format"`
	Files  map[string]string `json:"files"`  // path -> sha256 of what the import wrote
	Keys   map[string]string `json:"keys"`   // site.yaml key -> sha256 of the value the import wrote
	Accept []string          `json:"accept"` // sha256 of each accept rule the import wrote
}

// siteKeysImported are site.yaml's keys an import writes.
var siteKeysImported = []string{"title", "description", "links", "layers", "groups", "map", "fields"}

func hashOf(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func nodeHash(n *yaml.Node) string {
	return hashOf(encode(n))
}

// readState returns the state of an earlier import in dir, nil when dir
// holds none.
func readState(dir string) (*state, error) {
	data, err := readOwn(dir, StateFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var st state
	if err := json.Unmarshal(data, &st); err != nil || st.Format != 1 {
		return nil, fmt.Errorf("%s: not a state file this version reads; import into a new folder", filepath.Join(dir, StateFile))
	}
	return &st, nil
}

// newState records the files of a freshly made site in dir and the
// imported keys and accept rules of its site.yaml.
func newState(dir string) (*state, error) {
	st := &state{Format: 1, Files: map[string]string{}, Keys: map[string]string{}}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel == StateFile || rel == stageMarker {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		st.Files[rel] = hashOf(data)
		return nil
	})
	if err != nil {
		return nil, err
	}
	root, err := readSiteYAML(filepath.Join(dir, filepath.FromSlash(content.SiteFile)))
	if err != nil {
		return nil, err
	}
	for _, k := range siteKeysImported {
		if v := valueOf(root, k); v != nil {
			st.Keys[k] = nodeHash(v)
		}
	}
	for _, r := range list(valueOf(root, "accept")) {
		st.Accept = append(st.Accept, nodeHash(r))
	}
	return st, nil
}

func writeState(dir string, st *state) error {
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	return writeIfChanged(dir, StateFile, append(data, '\n'), nil)
}

func readSiteYAML(file string) (*yaml.Node, error) {
	data, err := content.ReadFile(file, content.MaxFileSize)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", content.SiteFile, err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: not a mapping", content.SiteFile)
	}
	return doc.Content[0], nil
}

func valueOf(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func setValue(m *yaml.Node, key string, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			if v == nil {
				m.Content = slices.Delete(m.Content, i, i+2)
			} else {
				m.Content[i+1] = v
			}
			return
		}
	}
	if v != nil {
		m.Content = append(m.Content, str(key), v)
	}
}

// mergeSiteYAML is the site's site.yaml with the new import's values of
// the imported keys, except those the site edited since the last import,
// and accept rules: the site's own, then the new import's.
func mergeSiteYAML(site, fresh *yaml.Node, prev *state, notes *[]string) []byte {
	for _, k := range siteKeysImported {
		cur, now := valueOf(site, k), valueOf(fresh, k)
		if cur != nil && prev.Keys[k] != "" && nodeHash(cur) != prev.Keys[k] && k != "layers" && k != "fields" && k != "groups" {
			*notes = append(*notes, fmt.Sprintf("%s: kept the site's own %s", content.SiteFile, k))
			continue
		}
		setValue(site, k, now)
	}
	var rules []*yaml.Node
	for _, r := range list(valueOf(site, "accept")) {
		if !slices.Contains(prev.Accept, nodeHash(r)) {
			rules = append(rules, r) // the site's own rule
		}
	}
	rules = append(rules, list(valueOf(fresh, "accept"))...)
	if len(rules) > 0 {
		setValue(site, "accept", &yaml.Node{Kind: yaml.SequenceNode, Content: rules})
	} else {
		setValue(site, "accept", nil)
	}
	const header = "# Imported from a landscape2 landscape.yml by panorama import.\n"
	return append([]byte(header), bytes.TrimPrefix(encode(site), []byte(header))...) // the header, once
}

// syncInto brings the site made in fresh into out, which an earlier import
// (prev) wrote, and returns what changed in the report and notes.
func syncInto(fresh, out string, prev *state) (*edition.Changes, []string, error) {
	var notes []string
	before, err := editionOf(out)
	if err != nil {
		return nil, nil, err
	}
	next, err := newState(fresh)
	if err != nil {
		return nil, nil, err
	}
	// site.yaml: merged, not replaced.
	siteFile := filepath.FromSlash(content.SiteFile)
	cur, err := readSiteYAML(filepath.Join(out, siteFile))
	if err != nil {
		return nil, nil, err
	}
	now, err := readSiteYAML(filepath.Join(fresh, siteFile))
	if err != nil {
		return nil, nil, err
	}
	merged := mergeSiteYAML(cur, now, prev, &notes)
	if err := copyFresh(fresh, out, next, prev, merged, &notes); err != nil {
		return nil, nil, err
	}
	if err := removeGone(out, next, prev, &notes); err != nil {
		return nil, nil, err
	}
	next.Files[content.SiteFile] = hashOf(merged)
	if err := writeState(out, next); err != nil {
		return nil, nil, err
	}
	after, err := editionOf(out)
	if err != nil {
		return nil, nil, err
	}
	sort.Strings(notes)
	return edition.Diff(before, after), notes, nil
}

// copyFresh writes each file of the fresh import into out (site.yaml as
// merged), noting where it replaces an edit of the site's.
func copyFresh(fresh, out string, next, prev *state, merged []byte, notes *[]string) error {
	written := 0
	files := make([]string, 0, len(next.Files))
	for f := range next.Files {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(fresh, filepath.FromSlash(f)))
		if err != nil {
			return err
		}
		if f == content.SiteFile {
			data = merged
		} else if old, err := readOwn(out, f); err == nil && prev.Files[f] != "" && hashOf(old) != prev.Files[f] && !bytes.Equal(old, data) {
			*notes = append(*notes, fmt.Sprintf("%s: the site's edit is replaced by upstream's version (git keeps the edit)", f))
		} else if err == nil && prev.Files[f] == "" && !bytes.Equal(old, data) {
			*notes = append(*notes, fmt.Sprintf("%s: a file of the site's own is replaced by the import's", f))
		}
		if err := writeIfChanged(out, f, data, &written); err != nil {
			return err
		}
	}
	return nil
}

// removeGone removes what the last import wrote and this one does not
// (gone upstream), unless the site edited it.
func removeGone(out string, next, prev *state, notes *[]string) error {
	for f, h := range prev.Files {
		if _, still := next.Files[f]; still || f == content.SiteFile {
			continue
		}
		old, err := readOwn(out, f)
		if err != nil {
			continue // already gone, or no longer the import's
		}
		if hashOf(old) != h {
			*notes = append(*notes, fmt.Sprintf("%s: removed upstream, but the site edited it; kept", f))
			next.Files[f] = h // still the import's, to remove once unedited
			continue
		}
		if err := os.Remove(filepath.Join(out, filepath.FromSlash(f))); err != nil {
			return err
		}
	}
	return nil
}

// writeIfChanged writes data to the file rel of the site in root unless
// it already holds it, through a temporary file renamed into place;
// written counts the files written. Like every write into a site, it never
// goes through a folder that is a link, nor replaces a link.
func writeIfChanged(root, rel string, data []byte, written *int) error {
	if old, err := readOwn(root, rel); err == nil && bytes.Equal(old, data) {
		return nil
	}
	if err := content.WriteOver(root, rel, data); err != nil {
		return err
	}
	if written != nil {
		*written++
	}
	return nil
}

// readOwn reads the file rel of the site in root if it is a regular file
// of the site's own: not a link, not in a linked folder.
func readOwn(root, rel string) ([]byte, error) {
	data, msg, err := content.ReadRegular(os.DirFS(root), rel, 64<<20)
	if err == nil && msg != "" {
		err = fmt.Errorf("%s: %s", rel, msg)
	}
	return data, err
}

// editionOf is a site's report as an edition, for comparing.
func editionOf(dir string) (*edition.File, error) {
	set, err := content.Load(os.DirFS(dir), content.Options{})
	if err != nil {
		return nil, err
	}
	_ = set.Validate() // its problems are check's to report
	return edition.Build(set, edition.Options{Name: filepath.Base(dir), Date: "-"}), nil
}
