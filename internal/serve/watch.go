package serve

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/panorama-ssg/panorama/generator"
	"github.com/panorama-ssg/panorama/generator/content"
)

// watched are the folders of a site whose changes trigger a rebuild.
var watched = []string{"content", generator.SiteTemplatesDir}

// Watch rebuilds after changes under content/ and templates/ until ctx
// ends. Changes that come closer together than Options.Quiet give one
// rebuild.
func (s *Server) Watch(ctx context.Context) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	root, err := filepath.Abs(s.opt.Build.Source)
	if err != nil {
		return err
	}
	// The site folder itself, to see content/ or templates/ appear.
	if err := w.Add(root); err != nil {
		return err
	}
	for _, dir := range watched {
		if err := addTree(w, filepath.Join(root, dir)); err != nil {
			return err
		}
	}
	changed := map[string]bool{}
	lost := false // events were lost: what changed is unknown
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	if s.watching != nil {
		s.watching()
	}
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if s.noteEvent(w, root, ev, changed) {
				timer.Reset(s.opt.Quiet)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			// Events may have been lost: trust nothing cached.
			fmt.Fprintf(s.opt.Log, "watch: %v\n", err)
			s.builder.Changed()
			lost = true
			timer.Reset(s.opt.Quiet)
		case <-timer.C:
			s.rebuildChanged(changed, lost)
			lost = false
		}
	}
}

// noteEvent records a change to a file the site is made of, and watches a
// folder that appeared; it says whether the event counts.
func (s *Server) noteEvent(w *fsnotify.Watcher, root string, ev fsnotify.Event, changed map[string]bool) bool {
	rel, err := filepath.Rel(root, ev.Name)
	if err != nil || changeKind(filepath.ToSlash(rel)) == ignored {
		return false
	}
	changed[filepath.ToSlash(rel)] = true
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
			if err := addTree(w, ev.Name); err != nil {
				fmt.Fprintf(s.opt.Log, "watch: %v\n", err)
			}
		}
	}
	return true
}

// rebuildChanged builds again once the files have been quiet: only the
// pages of the changed files when that is all that changed and no event
// was lost.
func (s *Server) rebuildChanged(changed map[string]bool, lost bool) {
	paths := make([]string, 0, len(changed))
	for p := range changed {
		paths = append(paths, p)
	}
	clear(changed)
	if len(paths) > 0 {
		s.builder.Changed(paths...)
	}
	s.rebuild(lost || !onlyPages(paths))
}

// change is what a changed file is to the server.
type change int

const (
	ignored   change = iota // not part of the site, or an editor's scratch file
	pages                   // content: chapters, projects, site.yaml; changes pages only
	static                  // content/static: may change any asset
	templates               // templates/: may change every page and asset
)

// changeKind tells what the file at rel (slash-separated, relative to the
// site folder) is, from its path alone.
func changeKind(rel string) change {
	base := path.Base(rel)
	switch {
	case rel == "." || strings.HasPrefix(rel, "../"):
		return ignored
	// Editors write scratch and backup files beside the file being edited.
	case strings.HasPrefix(base, ".#") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") ||
		strings.HasSuffix(base, ".swx") || (strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#")) || base == "4913" || base == ".DS_Store":
		return ignored
	case rel == content.StaticDir || strings.HasPrefix(rel, content.StaticDir+"/"):
		return static
	case rel == "content" || strings.HasPrefix(rel, "content/"):
		return pages
	case rel == generator.SiteTemplatesDir || strings.HasPrefix(rel, generator.SiteTemplatesDir+"/"):
		return templates
	}
	return ignored
}

// onlyPages tells whether changes to these files can only change pages:
// those of chapters, projects and the site's configuration. Templates and
// static files can also change stylesheets, scripts and images.
func onlyPages(paths []string) bool {
	for _, p := range paths {
		if changeKind(p) != pages {
			return false
		}
	}
	return true
}

// addTree watches dir and every folder below it; a missing dir is fine.
func addTree(w *fsnotify.Watcher, dir string) error {
	return content.WalkExisting(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return w.Add(filepath.Join(dir, filepath.FromSlash(p)))
		}
		return nil
	})
}
