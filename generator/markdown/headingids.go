package markdown

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// headingIDs names headings as goldmark does (ASCII letters and digits
// lower-cased, spaces, '-' and '_' as '-', the rest dropped, repeats
// numbered) but keeps letters and digits of other scripts, so a Chinese
// heading's anchor reads "#本报告的来源" rather than "#heading-1".
type headingIDs struct {
	used map[string]bool
	n    map[string]int
}

func newHeadingIDs() *headingIDs {
	return &headingIDs{used: map[string]bool{}, n: map[string]int{}}
}

func (s *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	value = util.TrimRightSpace(util.TrimLeftSpace(value))
	var id []byte
	for len(value) > 0 {
		r, size := utf8.DecodeRune(value)
		value = value[size:]
		switch {
		case size == 1 && util.IsAlphaNumeric(byte(r)):
			id = append(id, byte(unicode.ToLower(r)))
		case size == 1 && (util.IsSpace(byte(r)) || r == '-' || r == '_'):
			id = append(id, '-')
		case size > 1 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			id = utf8.AppendRune(id, unicode.ToLower(r))
		}
	}
	if len(id) == 0 {
		id = []byte("id")
		if kind == ast.KindHeading {
			id = []byte("heading")
		}
	}
	key := string(id)
	if !s.used[key] {
		s.used[key] = true
		return id
	}
	for i := s.n[key] + 1; ; i++ {
		next := fmt.Sprintf("%s-%d", key, i)
		if !s.used[next] {
			s.used[next] = true
			s.n[key] = i
			return []byte(next)
		}
	}
}

func (s *headingIDs) Put(value []byte) { s.used[string(value)] = true }
