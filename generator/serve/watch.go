package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
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
	relevant := func(name string) bool {
		rel, err := filepath.Rel(root, name)
		if err != nil {
			return false
		}
		first, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
		for _, dir := range watched {
			if first == dir {
				return true
			}
		}
		return false
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
			if !relevant(ev.Name) {
				continue
			}
			if rel, err := filepath.Rel(root, ev.Name); err == nil {
				changed[filepath.ToSlash(rel)] = true
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					if err := addTree(w, ev.Name); err != nil {
						fmt.Fprintf(s.opt.Log, "watch: %v\n", err)
					}
				}
			}
			timer.Reset(s.opt.Quiet)
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
			paths := make([]string, 0, len(changed))
			for p := range changed {
				paths = append(paths, p)
			}
			clear(changed)
			if len(paths) > 0 {
				s.builder.Changed(paths...)
			}
			s.rebuild(lost || !onlyPages(paths))
			lost = false
		}
	}
}

// onlyPages tells whether changes to these files can only change pages:
// those of chapters, projects and the site's configuration. Templates and
// static files can also change stylesheets, scripts and images.
func onlyPages(paths []string) bool {
	for _, p := range paths {
		if !strings.HasPrefix(p, "content/") || strings.HasPrefix(p, content.StaticDir+"/") || p == content.StaticDir {
			return false
		}
	}
	return true
}

// addTree watches dir and every folder below it; a missing dir is fine.
func addTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() {
			return w.Add(p)
		}
		return nil
	})
}
