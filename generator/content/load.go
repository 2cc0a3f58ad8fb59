package content

import (
	"errors"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"

	"github.com/panorama-ssg/panorama/internal/parallel"
)

// Paths of the content inside a site's folder.
const (
	SiteFile    = "content/site.yaml"
	ReportDir   = "content/report"
	ProjectsDir = "content/projects"
	StaticDir   = "content/static"
)

// Options tune Load.
type Options struct {
	Drafts bool   // keep chapters and projects marked draft: true
	Cache  *Cache // reuse files decoded by an earlier load; may be nil
	// Fronts reuse files parsed by an earlier build and keep those this
	// load parses; may be nil.
	Fronts FrontStore
	// TrustLogos skips re-reading every SVG logo whole to see that it can
	// be sanitised: for a caller that has just written them sanitised
	// (the importer). Their type and size are still checked.
	TrustLogos bool
}

// Load reads a site's content from fsys, whose root holds content/. Problems
// in individual files do not stop it: they are kept and returned by
// Validate, so one run reports all of them. The error is only for a folder
// that cannot be read at all.
func Load(fsys fs.FS, opt Options) (*Set, error) {
	if d, ok := fsys.(DirFS); ok {
		fsys = d.remembering()
	}
	s := &Set{fsys: fsys, cache: opt.Cache, fronts: opt.Fronts, trustLogos: opt.TrustLogos}
	var rootProblems Problems
	if !checkRoot(fsys, "content", &rootProblems) {
		return nil, rootProblems
	}
	src, msg, err := ReadRegular(fsys, SiteFile, maxFileSize)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, Problems{{Pos: Pos{File: SiteFile}, Kind: string(KindRequired), Msg: "not found; is --source the folder that holds content/?"}}
		}
		return nil, err
	}
	if msg != "" {
		return nil, Problems{{Pos: Pos{File: SiteFile}, Kind: string(KindFileType), Msg: msg}}
	}
	s.Site = loadSite(src, &s.problems)
	// The static files are listed meanwhile: each is opened, and a
	// thousand logos opened one after another while nothing else ran
	// were a fifth of a warm build's load.
	static := parallel.Later2(func() (listing, error) {
		return opt.Cache.list(StaticDir, func() (listing, error) { return staticFiles(fsys) })
	})

	isText := func(file string) bool { l, _ := translationOf(s.Site, file); return l != nil }
	var chapterTexts, projectTexts []string
	s.Chapters, err = loadAll(fsys, ReportDir, false, &s.problems, opt, loadChapter, func(c *Chapter) bool { return opt.Drafts || !c.Draft }, isText, &chapterTexts, models[Chapter]{})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(s.Chapters, func(i, j int) bool {
		a, b := s.Chapters[i], s.Chapters[j]
		if a.Weight != b.Weight {
			return a.Weight < b.Weight
		}
		return a.File < b.File
	})

	s.Projects, err = loadAll(fsys, ProjectsDir, true, &s.problems, opt, loadProject, func(p *Project) bool { return opt.Drafts || !p.Draft }, isText, &projectTexts, projectModels(opt.Fronts))
	if err != nil {
		return nil, err
	}
	s.loadTranslations(fsys, chapterTexts, projectTexts)
	sortByName(s.Projects, opt.Cache)

	listed, err := static()
	if err != nil {
		return nil, err
	}
	s.Static = listed.files
	s.problems = append(s.problems, listed.problems...)
	return s, nil
}

// sortByName orders projects by name, ignoring case, then by file. A cache
// keeps the last order: after an edit it usually still holds, which takes
// a check instead of a sort.
func sortByName(ps []*Project, c *Cache) {
	cmp := func(a, b *Project) int {
		if d := strings.Compare(a.nameKey, b.nameKey); d != 0 {
			return d
		}
		return strings.Compare(a.File, b.File)
	}
	var last []int
	if c != nil {
		c.mu.Lock()
		last = c.order
		c.mu.Unlock()
	}
	sorted := make([]*Project, len(ps))
	if len(last) == len(ps) {
		for k, i := range last {
			sorted[k] = ps[i]
		}
		if slices.IsSortedFunc(sorted, cmp) {
			copy(ps, sorted)
			return
		}
	}
	order := make([]int, len(ps))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int { return cmp(ps[i], ps[j]) })
	for k, i := range order {
		sorted[k] = ps[i]
	}
	copy(ps, sorted)
	if c != nil {
		c.mu.Lock()
		c.order = order
		c.mu.Unlock()
	}
}

// staticFiles lists the files under content/static; symbolic links are
// problems, not files.
func staticFiles(fsys fs.FS) (listing, error) {
	var l listing
	if !checkRoot(fsys, StaticDir, &l.problems) {
		return l, nil
	}
	err := WalkExisting(fsys, StaticDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			// A link could publish any file on the editor's machine.
			l.problems.add(Pos{File: p}, KindStaticLink, "is a symbolic link; copy the file into %s instead", StaticDir)
		case !d.IsDir() && !d.Type().IsRegular():
			l.problems.add(Pos{File: p}, KindFileType, "%s", modeProblem(d.Type()))
		case p != StaticDir && unsafeName(d.Name()):
			// Unzip tools on some systems read a backslash as a folder
			// separator: a file could land outside the unpacked folder.
			l.problems.add(Pos{File: p}, KindFileName, "name %q has characters that some systems read as folder separators or cannot store (\\ : * ? \" < > | or control characters); rename it", d.Name())
			if d.IsDir() {
				return fs.SkipDir
			}
		case p != StaticDir && WindowsReserved(d.Name()):
			l.problems.add(Pos{File: p}, KindFileName, "name %q cannot be stored on Windows (a device name such as CON, AUX or NUL, or a name ending in a dot or a space), so the site could not be cloned or unpacked there; rename it", d.Name())
			if d.IsDir() {
				return fs.SkipDir
			}
		case !d.IsDir():
			// Opened once here, so a file the build could not read is a
			// problem at its path now, not a failure while writing.
			size, err := openSize(fsys, p)
			if err != nil {
				reason := err
				var pe *fs.PathError
				if errors.As(err, &pe) {
					reason = pe.Err
				}
				l.problems.add(Pos{File: p}, KindFileType, "cannot be read: %v", reason)
				return nil
			}
			if size > MaxStaticSize {
				l.problems.add(Pos{File: p}, KindFileType, "%s", tooBig(MaxStaticSize))
				return nil
			}
			if activeStatic(d.Name()) {
				l.problems.warn(Pos{File: p}, KindActiveStatic, "is published as a page that runs with the site's origin (on USER.github.io, the origin every Pages site of the account shares); if the site means to publish it, accept it by name in site.yaml (accept: [{kind: %s, files: [%s]}])", KindActiveStatic, p)
			}
			l.files = append(l.files, strings.TrimPrefix(p, StaticDir+"/"))
		}
		return nil
	})
	return l, err
}

// openSize opens file once and returns its size, or -1 when the size
// cannot be known; the error is the open's.
func openSize(fsys fs.FS, file string) (int64, error) {
	if d, ok := fsys.(DirFS); ok {
		if size, err, ok := d.openSize(file); ok {
			return size, err
		}
	}
	f, err := fsys.Open(file)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return -1, nil
	}
	return info.Size(), nil
}

// activeStatic tells whether a static file would open as a document that
// can run script (HTML, XHTML, XML with a stylesheet, compressed SVG the
// sanitiser does not read). Plain SVG is not: every published SVG goes
// through the allow list.
func activeStatic(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm", ".xhtml", ".xht", ".shtml", ".xml", ".xsl", ".xslt", ".svgz", ".mht", ".mhtml":
		return true
	}
	return false
}

// unsafeName tells whether a file or folder name would be read as a path,
// or cannot be stored, on some system that unpacks or copies the site.
func unsafeName(name string) bool {
	return name == ".." || strings.ContainsFunc(name, func(r rune) bool {
		return r < 0x20 || r == 0x7f || strings.ContainsRune(`\:*?"<>|`, r)
	})
}

// loadAll decodes every .md file in dir with load and keeps those that keep
// accepts; the problems of files it keeps or cannot decode go to ps. Files
// in opt's cache are not read again, nor files opt's fronts hold.
//
// Translations (isText) are not loaded: their paths go to texts.
func loadAll[T any](fsys fs.FS, dir string, recursive bool, ps *Problems, opt Options, load func(string, *Front, *Problems) *T, keep func(*T) bool, isText func(string) bool, texts *[]string, m models[T]) ([]*T, error) {
	cache := opt.Cache
	l, err := listContent(fsys, dir, recursive, cache)
	if err != nil {
		return nil, err
	}
	files := splitTexts(l.files, isText, texts)
	*ps = append(*ps, l.problems...)
	// Files are read and decoded on every core (and a few more goroutines,
	// since reading waits on the disk), then taken in order.
	res := make([]loaded[T], len(files))
	hits := cache.lookup(files)
	copies := make([]T, len(files)) // one allocation for every copy
	parallel.ForN(len(files), 2*runtime.GOMAXPROCS(0), func(i int) {
		if hit := hits[i]; hit != nil {
			if hit.value != nil {
				res[i].v = &copies[i] // a copy: validation sets fields on it
				*res[i].v = *hit.value.(*T)
			}
			res[i].local = hit.problems
			return
		}
		res[i] = loadOne(fsys, files[i], cache, opt.Fronts, load, m)
	})
	var out []*T
	for _, r := range res {
		if r.err != nil {
			if errors.Is(r.err, fs.ErrNotExist) && cache.dropList(dir) {
				// Removed since the folder was listed: list it again.
				*texts = nil
				return loadAll(fsys, dir, recursive, ps, opt, load, keep, isText, texts, m)
			}
			return nil, r.err
		}
		// A draft left out of the build may still be half written: its
		// problems only count when it is kept.
		if r.v == nil || keep(r.v) {
			*ps = append(*ps, r.local...)
		}
		if r.v != nil && keep(r.v) {
			out = append(out, r.v)
		}
	}
	return out, nil
}

// models are how loadAll takes loaded values from the build cache, and
// gives it those it loads; either may be nil.
type models[T any] struct {
	take func(file string) (*T, Problems, bool)
	keep func(file string, v *T, local Problems)
}

// projectModels takes projects from fronts and keeps them there, if it
// keeps loaded projects.
func projectModels(fronts FrontStore) models[Project] {
	ms, ok := fronts.(ModelStore)
	if !ok {
		return models[Project]{}
	}
	return models[Project]{
		take: func(file string) (*Project, Problems, bool) {
			model, front, ok := ms.Model(file)
			if !ok {
				return nil, nil, false
			}
			return decodeProject(file, model, front)
		},
		keep: func(file string, p *Project, local Problems) {
			if data, err := encodeProject(p, local); err == nil {
				ms.KeepModel(file, data)
			}
		},
	}
}

// loaded is one content file, decoded, with its own problems.
type loaded[T any] struct {
	v     *T
	local Problems
	err   error
}

// listContent lists dir's .md files once per cache, with a warning for
// each file that looks like content but is not named so.
func listContent(fsys fs.FS, dir string, recursive bool, cache *Cache) (listing, error) {
	return cache.list(dir, func() (listing, error) {
		var root Problems
		if !checkRoot(fsys, dir, &root) {
			return listing{problems: root}, nil
		}
		files, upper, err := mdFiles(fsys, dir, recursive)
		l := listing{files: files}
		for _, u := range upper {
			l.problems.warn(Pos{File: u}, KindFileName, "is not read: only files ending in .md (lower case) are content; rename it to %s", strings.TrimSuffix(path.Base(u), path.Ext(u))+".md")
		}
		return l, err
	})
}

// splitTexts returns the files that are not translations, and adds the
// translations to texts.
func splitTexts(files []string, isText func(string) bool, texts *[]string) []string {
	if !slices.ContainsFunc(files, isText) {
		return files
	}
	var own []string
	for _, f := range files {
		if isText(f) {
			*texts = append(*texts, f)
		} else {
			own = append(own, f)
		}
	}
	return own
}

// loadOne reads and decodes one file and keeps what it made in the cache,
// and its parse in fronts; a file fronts holds is not read. A file that
// cannot be read for a reason other than being gone is a problem, so that
// one run still reports every other.
func loadOne[T any](fsys fs.FS, file string, cache *Cache, fronts FrontStore, load func(string, *Front, *Problems) *T, m models[T]) loaded[T] {
	var r loaded[T]
	if m.take != nil {
		if v, local, ok := m.take(file); ok {
			r.v, r.local = v, local
			c := *v
			cache.store(file, &c, local)
			return r
		}
	}
	var fr *Front
	if fronts != nil {
		fr = fronts.Front(file)
	}
	if fr == nil {
		src, msg, err := readContent(fsys, file)
		if err != nil || msg != "" {
			r.err = err
			if msg != "" {
				r.local.add(Pos{File: file}, KindFileType, "%s", msg)
				cache.store(file, nil, r.local)
			}
			return r
		}
		fr = parseFront(file, src)
		if fronts != nil {
			fronts.Keep(file, src, fr)
		}
	}
	r.v = load(file, fr, &r.local)
	if m.keep != nil && r.v != nil {
		m.keep(file, r.v, r.local)
	}
	var stored any
	if r.v != nil {
		c := *r.v
		stored = &c
	}
	cache.store(file, stored, r.local)
	return r
}

// readContent reads a content file. A file that cannot be read for a
// reason other than being gone is a problem, said in msg.
func readContent(fsys fs.FS, file string) (src []byte, msg string, err error) {
	src, msg, err = ReadRegular(fsys, file, maxFileSize)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		reason := err
		var pe *fs.PathError
		if errors.As(err, &pe) {
			reason = pe.Err
		}
		msg, err = "cannot be read: "+reason.Error(), nil
	}
	return src, msg, err
}

// mdFiles lists the .md files in dir, sorted; a missing dir holds none.
func mdFiles(fsys fs.FS, dir string, recursive bool) (out, upper []string, err error) {
	err = WalkExisting(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != dir && !recursive {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(p, ".md") || d.Type()&fs.ModeSymlink != 0 {
			// A link, to a file or a folder, is listed so that reading it
			// reports it: skipped, it would hide a folder of projects.
			out = append(out, p)
		} else if strings.EqualFold(path.Ext(p), ".md") {
			upper = append(upper, p)
		}
		return nil
	})
	sort.Strings(out)
	return out, upper, err
}
