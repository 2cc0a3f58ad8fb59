// Package words says numbers of things in English, for the CLI, the
// charts and the templates alike, folds the case of ASCII words and
// collapses runs of white space.
package words

import (
	"bytes"
	"strconv"
	"strings"
)

// Count says how many of something there are: Count(1, "project",
// "projects") is "1 project", Count(12, …) "12 projects".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// Plural is Count for words made plural with an s: Plural(2, "error") is
// "2 errors".
func Plural(n int, word string) string { return Count(n, word, word+"s") }

// Projects is Count for projects.
func Projects(n int) string { return Count(n, "project", "projects") }

// Number writes n with a comma between thousands: 12345 is "12,345".
func Number(n int) string {
	s := strconv.Itoa(n)
	neg := ""
	if n < 0 {
		neg, s = "-", s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return neg + s
}

// LowerASCII lower-cases the ASCII letters of s and leaves every other
// character as it is, so that each keeps its offset (strings.ToLower may
// change a character's length); s itself when it has no capital.
func LowerASCII(s string) string {
	if strings.IndexFunc(s, isUpperASCII) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isUpperASCII(r) {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// CollapseBytes is Collapse of one text held as bytes.
func CollapseBytes(text []byte) string {
	var b strings.Builder
	b.Grow(len(text))
	for w := range bytes.FieldsSeq(text) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.Write(w)
	}
	return b.String()
}

func isUpperASCII(r rune) bool { return 'A' <= r && r <= 'Z' }

// Collapse is the words of texts (their runs between white space, as
// strings.Fields finds them) joined with single spaces: what
// strings.Join(strings.Fields(strings.Join(texts, " ")), " ") is, without
// the slices of words in between, which for every passage of every body
// were a twentieth of a build's allocations.
func Collapse(texts ...string) string {
	n := 0
	for _, t := range texts {
		n += len(t)
	}
	var b strings.Builder
	b.Grow(n)
	for _, t := range texts {
		for w := range strings.FieldsSeq(t) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
	}
	return b.String()
}
