package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/internal/realdata"
)

// overlapWords is how many words in a row our text may share with the
// source study before it counts as copied: eight words in the same order
// are a sentence's clause, not a shared name or term.
const overlapWords = 8

// studyTitle is the source study's title, which the report cites by name:
// a citation is not a copied sentence.
const studyTitle = "Web3-AI Track Panorama Report: Technical Logic, Scenario Applications, and In-Depth Analysis of Top Projects"

// words normalises text for comparison: Markdown and punctuation out,
// lower case, one space between words.
func normWords(s string) []string {
	s = regexp.MustCompile(`\]\([^)]*\)`).ReplaceAllString(s, "]") // link targets
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
}

// sharedRuns lists the runs of n words that text shares with the source
// (as set of n-word runs), each once, in text order.
func sharedRuns(source map[string]bool, text string, n int) []string {
	w := normWords(text)
	var out []string
	seen := map[string]bool{}
	for i := 0; i+n <= len(w); i++ {
		run := strings.Join(w[i:i+n], " ")
		if source[run] && !seen[run] {
			seen[run] = true
			out = append(out, run)
		}
	}
	return out
}

func runs(text string, n int) map[string]bool {
	w := normWords(text)
	out := map[string]bool{}
	for i := 0; i+n <= len(w); i++ {
		out[strings.Join(w[i:i+n], " ")] = true
	}
	return out
}

func TestSharedRuns(t *testing.T) {
	src := runs("In the past year, AI narratives have been exceptionally popular in the Web3 industry.", 8)
	if got := sharedRuns(src, "Over the past year AI narratives have been exceptionally popular in the Web3 world.", 8); len(got) != 5 || got[0] != "the past year ai narratives have been exceptionally" {
		t.Errorf("a copied clause: %q", got)
	}
	if got := sharedRuns(src, "AI stories drew unusual attention across Web3 during the last twelve months.", 8); len(got) != 0 {
		t.Errorf("a sentence in other words: %q", got)
	}
}

// The report is in our own words: no chapter, project body, summary or
// site.yaml text shares a run of eight words with the source study. (The
// Chinese text is compared by its own reviewers: the study is in English.)
func TestReportInOurOwnWords(t *testing.T) {
	seed := realdata.Seed(t, "the report shares no run of eight words with the source study")
	files, _ := filepath.Glob(filepath.Join(seed, "*.txt"))
	var all strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(data)
		all.WriteByte('\n')
	}
	source := runs(all.String(), overlapWords)
	var ours []string
	for _, pattern := range []string{"content/site.yaml", "content/report/*.md", "content/projects/*.md"} {
		m, _ := filepath.Glob(pattern)
		for _, f := range m {
			if strings.Count(filepath.Base(f), ".") > 1 { // translations
				continue
			}
			ours = append(ours, f)
		}
	}
	total := 0
	for _, f := range ours {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.ReplaceAll(strings.Join(strings.Fields(string(data)), " "), studyTitle, "")
		if shared := sharedRuns(source, text, overlapWords); len(shared) > 0 {
			total += len(shared)
			t.Errorf("%s shares %d runs of %d words with the source study, e.g. %q", f, len(shared), overlapWords, shared[0])
		}
	}
	t.Logf("%d files compared with the source study: %d shared runs", len(ours), total)
}

// A close paraphrase keeps a sentence's words and swaps the few around
// them: a sentence of ours with five or more content words (names, nouns,
// verbs; stems, not inflections) of which three fifths or more appear in
// one sentence of the source study follows that sentence too closely.
const (
	paraphraseMinWords = 5
	paraphraseShare    = 0.6
)

var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`the and for with from that this are was were been have has had into than then such but each every
		any some more most other own same only also very over under between through about above after before while because both all one two
		three four five can could may might will would should does did not its their there they them which who what when where how`) {
		m[w] = true
	}
	return m
}()

func stem(w string) string {
	for _, suf := range []string{"ing", "ed", "es", "s", "ly"} {
		if len(w) > 5 && strings.HasSuffix(w, suf) {
			return strings.TrimSuffix(w, suf)
		}
	}
	return w
}

func contentWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range normWords(s) {
		if len(w) >= 3 && !stopWords[w] {
			out[stem(w)] = true
		}
	}
	return out
}

var sentenceEnd = regexp.MustCompile(`(?m)[.!?;:]\s+|\n\s*(?:[-*|#]+|\d+[.)])\s+|\|`)

func sentences(text string) []string {
	text = regexp.MustCompile(`(?s)^---.*?\n---\n`).ReplaceAllString(text, "")
	var out []string
	for _, s := range sentenceEnd.Split(text, -1) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// closeParaphrases lists the sentences of text that follow a sentence of
// the source closely, as defined above.
func closeParaphrases(source []map[string]bool, text string) []string {
	var out []string
	for _, s := range sentences(text) {
		a := contentWords(s)
		if len(a) < paraphraseMinWords {
			continue
		}
		best := 0
		for _, b := range source {
			n := 0
			for w := range a {
				if b[w] {
					n++
				}
			}
			best = max(best, n)
		}
		if best >= paraphraseMinWords && float64(best) >= paraphraseShare*float64(len(a)) {
			out = append(out, s)
		}
	}
	return out
}

func TestCloseParaphrases(t *testing.T) {
	source := []map[string]bool{contentWords("Training the network requires powerful graphics processors and clusters, and training time grows with model complexity.")}
	if got := closeParaphrases(source, "Training time grows with model complexity and the network requires graphics processors."); len(got) != 1 {
		t.Errorf("a reordered sentence with the same words: %q", got)
	}
	if got := closeParaphrases(source, "The bill for arithmetic rises with the size of what is learned, and falls with faster hardware."); len(got) != 0 {
		t.Errorf("the same fact in other words: %q", got)
	}
}

// The report follows no sentence of the source study closely (see
// closeParaphrases): the earlier chapter 2 had five such sentences.
func TestReportIsNoCloseParaphrase(t *testing.T) {
	seed := realdata.Seed(t, "the report follows no sentence of the source study closely")
	files, _ := filepath.Glob(filepath.Join(seed, "*.txt"))
	var source []map[string]bool
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range sentences(string(data)) {
			source = append(source, contentWords(s))
		}
	}
	var ours []string
	for _, pattern := range []string{"content/site.yaml", "content/report/*.md", "content/projects/*.md"} {
		m, _ := filepath.Glob(pattern)
		for _, f := range m {
			if strings.Count(filepath.Base(f), ".") == 1 {
				ours = append(ours, f)
			}
		}
	}
	for _, f := range ours {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range closeParaphrases(source, string(data)) {
			t.Errorf("%s: follows a sentence of the source study closely: %q", f, s)
		}
	}
}

// Every chapter and project of the report has a Chinese translation, with a
// title or summary and a body when the English has one, recorded against the
// English text as it stands now.
func TestReportIsTranslated(t *testing.T) {
	set, err := content.Load(os.DirFS("."), content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	zh := set.Translations["zh"]
	if zh == nil {
		t.Fatal("no Chinese translation")
	}
	for _, c := range set.Chapters {
		tr := zh.Chapters[c.Slug]
		switch {
		case tr == nil:
			t.Errorf("chapter %s has no Chinese translation", c.Slug)
		case tr.Title == "" || len(strings.TrimSpace(string(tr.Body))) == 0:
			t.Errorf("%s: no title or no body", tr.File)
		}
	}
	for _, p := range set.Projects {
		tr := zh.Projects[p.Slug]
		switch {
		case tr == nil:
			t.Errorf("project %s has no Chinese translation", p.Slug)
		case tr.Summary == "":
			t.Errorf("%s: no summary", tr.File)
		case strings.TrimSpace(string(p.Body)) != "" && strings.TrimSpace(string(tr.Body)) == "":
			t.Errorf("%s: the English page has a body, the Chinese one none", tr.File)
		}
	}
	for _, p := range set.StaleTranslations() {
		t.Error(p.Error())
	}
}

// Every logo the report ships says where it comes from, and every source
// listed is a file that is there.
func TestLogoSources(t *testing.T) {
	dir := filepath.Join("content", "static", "logos")
	src, err := os.ReadFile(filepath.Join(dir, "SOURCES.md"))
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, m := range regexp.MustCompile("(?m)^\\| `([^`]+)` \\|").FindAllStringSubmatch(string(src), -1) {
		listed[m[1]] = true
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() == "SOURCES.md" {
			continue
		}
		if !listed[e.Name()] {
			t.Errorf("%s has no row in SOURCES.md", e.Name())
		}
		delete(listed, e.Name())
	}
	for name := range listed {
		t.Errorf("SOURCES.md lists %s, which is not in %s", name, dir)
	}
}
