package content

import (
	"bytes"
	"errors"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
)

func utf16(t *testing.T, s string, order unicode.Endianness, bom unicode.BOMPolicy) []byte {
	t.Helper()
	b, err := unicode.UTF16(order, bom).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Every encoding a drawing program writes, as browsers read it, comes out
// as UTF-8 with no encoding declared, and passes the sanitiser.
func TestSVGTextReadsEveryEncoding(t *testing.T) {
	body := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>Café “Ünïcode”</title><rect width="10" height="10"/></svg>`
	decl := func(enc string) string { return `<?xml version="1.0" encoding="` + enc + `" standalone="no"?>` + "\n" }
	latin1 := []byte(decl("iso-8859-1") + strings.NewReplacer("é", "\xe9", "“", `"`, "”", `"`, "Ü", "\xdc", "ï", "\xef").Replace(body))
	cp1252 := []byte(decl("windows-1252") + strings.NewReplacer("é", "\xe9", "“", "\x93", "”", "\x94", "Ü", "\xdc", "ï", "\xef").Replace(body))
	cases := map[string]struct {
		src  []byte
		want string
	}{
		"utf-8":                    {[]byte(decl("UTF-8") + body), "Café “Ünïcode”"},
		"utf-8 BOM":                {append([]byte{0xEF, 0xBB, 0xBF}, decl("utf-8")+body...), "Café “Ünïcode”"},
		"utf-16le BOM":             {utf16(t, decl("UTF-16")+body, unicode.LittleEndian, unicode.UseBOM), "Café “Ünïcode”"},
		"utf-16be BOM":             {utf16(t, decl("UTF-16")+body, unicode.BigEndian, unicode.UseBOM), "Café “Ünïcode”"},
		"utf-16le no BOM":          {utf16(t, decl("utf-16")+body, unicode.LittleEndian, unicode.IgnoreBOM), "Café “Ünïcode”"},
		"utf-16 declared on ASCII": {[]byte(decl("utf-16") + strings.NewReplacer("é", "e", "“", "", "”", "", "Ü", "U", "ï", "i").Replace(body)), "Cafe Unicode"},
		"iso-8859-1":               {latin1, `Café &quot;Ünïcode&quot;`},
		"windows-1252":             {cp1252, "Café “Ünïcode”"},
		"spaces before the header": {[]byte("\n  \t" + decl("utf-8") + body), "Café “Ünïcode”"},
		"unknown label":            {[]byte(decl("x-mac-nothing") + body), "Café “Ünïcode”"},
	}
	for name, c := range cases {
		out, err := SanitizeSVG(c.src)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !utf8.Valid(out) || bytes.Contains(out, []byte("encoding=")) || !bytes.HasPrefix(out, []byte("<")) {
			t.Errorf("%s: not plain UTF-8 with an encoding-free header:\n%q", name, out[:min(len(out), 80)])
		}
		if !bytes.Contains(out, []byte("<title>"+c.want+"</title>")) {
			t.Errorf("%s: the title reads %q", name, out)
		}
	}
}

// An entity of a few KB used many times does not grow into a file of
// hundreds of MB: the sanitiser refuses it.
func TestSVGEntityExpansionIsBounded(t *testing.T) {
	ent := strings.Repeat("M0 0h1v1h-1z", 400) // 4.8 KB
	head := `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY p "` + ent + `">]><svg xmlns="http://www.w3.org/2000/svg">`
	for name, src := range map[string]string{
		"in one attribute (40 KB)": head + `<path d="` + strings.Repeat("&p;", 10000) + `"/></svg>`,
		"in text (240 KB)":         head + `<text>` + strings.Repeat("&p;", 80000) + `</text></svg>`,
		"in many attributes":       head + strings.Repeat(`<path d="&p;&p;&p;&p;&p;&p;&p;&p;"/>`, 5000) + `</svg>`,
		"in a style element":       head + `<style>` + strings.Repeat("&p;", 20000) + `</style></svg>`,
		"several entities":         `<!DOCTYPE svg [<!ENTITY a "` + ent + `"><!ENTITY b "` + ent + `">]><svg xmlns="http://www.w3.org/2000/svg"><text>` + strings.Repeat("&a;&b;", 20000) + `</text></svg>`,
	} {
		for fn, clean := range map[string]func([]byte) ([]byte, error){"SanitizeSVG": SanitizeSVG, "CleanSVG": CleanSVG} {
			var before runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			out, err := clean([]byte(src))
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			if !errors.Is(err, errEntityBomb) {
				t.Errorf("%s %s: got %d bytes and %v, want errEntityBomb", fn, name, len(out), err)
			}
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 64<<20 {
				t.Errorf("%s %s: allocated %d MB for a %d KB file", fn, name, grew>>20, len(src)>>10)
			}
		}
	}
	// A few uses stay fine.
	small := `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY ns "http://www.w3.org/2000/svg">]><svg xmlns="&ns;"><path d="` + ent + `"/></svg>`
	if _, err := SanitizeSVG([]byte(small)); err != nil {
		t.Fatal(err)
	}
}
