package exports

import (
	"bytes"
	"testing"

	"github.com/panorama-ssg/panorama/internal/binrec"
)

// An index made with the documents a cache kept is the index made without
// one; only the documents that changed are encoded again, and the cache
// survives being written and read back.
func TestDocCacheReencodesOnlyChangedDocuments(t *testing.T) {
	docs := []SearchDoc{
		{Kind: "c", Title: "Intro", Heading: "Why", URL: "report/intro.html#why", Text: "Why this report maps the field, and why now. Many words repeat: field field."},
		{Kind: "p", Title: "Acme", Summary: "Compute <for> all", Tags: []string{"gpu"}, Section: "Infra › Compute", URL: "projects/acme.html", Text: "Acme rents GPUs.", Aliases: []string{"acme-io"}, Rank: 3},
		{Kind: "p", Title: "Beta", URL: "projects/beta.html"},
	}
	want := SearchPart(0, docs, nil)
	c := NewDocCache()
	if got := SearchPart(0, docs, c); !bytes.Equal(got, want) {
		t.Fatalf("with a cache:\n%s\nwithout:\n%s", got, want)
	}
	if n := c.Made(); n != 3 {
		t.Fatalf("an empty cache encoded %d documents, want 3", n)
	}
	data, err := binrec.Encode(c.Write)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ReadDocCache(binrec.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	// Each field a document has counts: a change to any is encoded anew.
	edited := append([]SearchDoc(nil), docs...)
	edited[1].Aliases = []string{"acme"}
	edited[2].Rank = 1
	want = SearchPart(0, edited, nil)
	if got := SearchPart(0, edited, back); !bytes.Equal(got, want) {
		t.Fatalf("after edits, with the cache read back:\n%s\nwant:\n%s", got, want)
	}
	if n := back.Made(); n != 2 {
		t.Errorf("encoded %d documents after two edits, want 2", n)
	}
	if _, err := ReadDocCache(binrec.NewReader(data[:len(data)-3])); err == nil {
		t.Error("a file of documents cut short was read")
	}
}
