package content

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// SVG files arrive in whatever encoding the drawing program wrote:
// UTF-8 with or without a byte-order mark, UTF-16 with or without one,
// ISO-8859-1 or Windows-1252 declared in the XML header, and often a
// header that declares UTF-16 over plain ASCII bytes (Illustrator), or
// spaces before it. Browsers draw them all. SVGText turns each into UTF-8
// text whose header, if any, declares no encoding, which is what every
// reader here (Go's XML decoder, the sanitiser, the minifier) takes.

// xmlDecl is an XML declaration at the start of a document.
var xmlDecl = regexp.MustCompile(`^<\?xml\s[^?>]*\?>`)

// encodingAttr is the encoding pseudo-attribute of a declaration.
var encodingAttr = regexp.MustCompile(`\s+encoding\s*=\s*(?:"([^"]*)"|'([^']*)')`)

var errUndecodable = errors.New("its text encoding cannot be read")

// SVGText returns src as UTF-8 text that begins with its root or its XML
// declaration, the declaration naming no encoding.
func SVGText(src []byte) ([]byte, error) {
	var enc encoding.Encoding
	switch {
	case bytes.HasPrefix(src, []byte{0xEF, 0xBB, 0xBF}):
		src = src[3:]
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE}), bytes.HasPrefix(src, []byte{0xFE, 0xFF}):
		enc = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	case len(src) >= 4 && src[1] == 0 && src[3] == 0 && src[0] != 0:
		enc = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	case len(src) >= 4 && src[0] == 0 && src[2] == 0 && src[1] != 0:
		enc = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	}
	if enc != nil {
		out, err := enc.NewDecoder().Bytes(src)
		if err != nil {
			return nil, errUndecodable
		}
		src = out
	}
	src = bytes.TrimLeft(src, " \t\r\n")
	decl := xmlDecl.Find(src)
	if decl == nil {
		return validUTF8(src, nil)
	}
	m := encodingAttr.FindSubmatchIndex(decl)
	if m == nil {
		return validUTF8(src, nil)
	}
	var value []byte
	if m[2] >= 0 {
		value = decl[m[2]:m[3]]
	} else {
		value = decl[m[4]:m[5]]
	}
	label := strings.ToLower(strings.TrimSpace(string(value)))
	out := make([]byte, 0, len(src))
	out = append(append(append(out, decl[:m[0]]...), decl[m[1]:]...), src[len(decl):]...)
	if enc != nil || strings.HasPrefix(label, "utf-") || label == "utf8" || label == "us-ascii" || label == "ascii" {
		// Already decoded, or a Unicode label over bytes that are not
		// UTF-16 (the header lies): read them as UTF-8.
		return validUTF8(out, nil)
	}
	legacy, err := htmlindex.Get(label)
	if err != nil {
		return validUTF8(out, nil) // a label nobody knows: XML's default, UTF-8
	}
	return validUTF8(out, legacy)
}

// validUTF8 returns b when it is UTF-8, or b decoded from legacy (or from
// Windows-1252, as browsers do, when none is named).
func validUTF8(b []byte, legacy encoding.Encoding) ([]byte, error) {
	if legacy == nil && utf8.Valid(b) {
		return b, nil
	}
	if legacy == nil {
		legacy = charmap.Windows1252
	}
	ascii := true
	for _, c := range b {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return b, nil
	}
	out, err := legacy.NewDecoder().Bytes(b)
	if err != nil {
		return nil, errUndecodable
	}
	return out, nil
}
