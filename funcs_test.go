package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// maxFuncLines is the longest a function outside tests may be: a longer
// one does several things, each of which can have a name.
const maxFuncLines = 60

func TestFunctionsAreShort(t *testing.T) {
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != "." && (d.Name() == "node_modules" || d.Name() == "public" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			start, end := fset.Position(fn.Pos()), fset.Position(fn.End())
			if n := end.Line - start.Line + 1; n > maxFuncLines {
				t.Errorf("%s:%d: %s is %d lines; keep functions to %d", p, start.Line, fn.Name.Name, n, maxFuncLines)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// module is this repository's import path.
const module = "github.com/panorama-ssg/panorama"

// Imports run one way: no package under generator/ imports the generator
// above it, the parts the generator puts together (markdown, output,
// poster, exports, page) import no other part's rendering, and the
// content model and the writing of files stand on nothing of ours but
// internal helpers. A file that breaks the rule names it.
func TestImportsRunOneWay(t *testing.T) {
	// What each package may import of this repository; a package not
	// listed may import anything below the generator.
	allowed := map[string][]string{
		"generator/content":   {"internal/binrec", "internal/parallel"},
		"generator/output":    {"internal/folder", "internal/parallel"},
		"generator/poster":    {},
		"generator/thumb":     {},
		"generator/exports":   {"internal/binrec", "internal/parallel"},
		"generator/markdown":  {"generator/content", "internal/words"},
		"generator/issueform": {"generator/content"},
		"generator/edition":   {"generator/content", "internal/parallel", "internal/words"},
		"generator/enrich":    {"generator/content", "internal/words"},
		"generator/page":      {"charts", "generator/content", "generator/edition", "generator/enrich", "generator/markdown", "internal/words"},
		"charts":              {"generator/content", "internal/words"},
	}
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != "." && (d.Name() == "node_modules" || d.Name() == "public" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		pkg := filepath.ToSlash(filepath.Dir(p))
		for _, im := range f.Imports {
			path := strings.Trim(im.Path.Value, `"`)
			ours, ok := strings.CutPrefix(path, module+"/")
			if !ok {
				continue
			}
			if strings.HasPrefix(pkg, "generator/") && ours == "generator" {
				t.Errorf("%s imports the generator above it", p)
			}
			if may, listed := allowed[pkg]; listed && !slices.Contains(may, ours) {
				t.Errorf("%s imports %s; %s may import only %v", p, ours, pkg, may)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
