package content

import (
	"encoding/xml"
	"errors"
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"
	"io"
	"strings"
	"testing"
)

func TestSanitizeSVG(t *testing.T) {
	cases := []struct {
		name, in string
		want     []string // in the output
		gone     []string // not in the output, case-insensitively
	}{
		{"script and handlers",
			`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><rect width="4" height="4" fill="#123456" onclick="alert(3)"/></svg>`,
			[]string{`<svg xmlns="http://www.w3.org/2000/svg">`, `<rect width="4" height="4" fill="#123456"/>`},
			[]string{"alert", "script", "onload", "onclick"}},
		{"script in another namespace prefix",
			`<svg xmlns="http://www.w3.org/2000/svg" xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script><s:g/></svg>`,
			[]string{"<s:g/>"}, []string{"alert"}},
		{"links that leave the file",
			`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a href="java&#9;script:alert(1)"><use xlink:href="#A"/></a><image href="https://tracker.example/p.png"/><image href="data:image/png;base64,AAAA"/></svg>`,
			[]string{`xlink:href="#A"`, `href="data:image/png;base64,AAAA"`},
			[]string{"alert", "tracker"}},
		{"animation that rewrites a link",
			`<svg xmlns="http://www.w3.org/2000/svg"><a href="#x"><set attributeName="href" to="javascript:alert(1)"/></a></svg>`,
			[]string{`<a href="#x"/>`}, []string{"attributename", "alert", "<set"}},
		{"animations that change a handler, a style or a value outside",
			`<svg xmlns="http://www.w3.org/2000/svg"><circle r="5"><animate attributeName="r" values="0;5"/><set attributeName="onclick" to="alert(1)"/><set attributeName="xlink:HREF" to="javascript:alert(2)"/><animate attributeName="fill" to="url(https://evil.example/p)"/><set attributeName="style" to="x"/></circle></svg>`,
			[]string{`<animate attributeName="r" values="0;5"/>`, `<animate attributeName="fill" to="none"/>`}, []string{"alert", "evil", "onclick", "style"}},
		{"foreign HTML",
			`<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(1)"/></div></foreignObject><circle r="2"/></svg>`,
			[]string{`<circle r="2"/>`}, []string{"alert", "foreignobject", "<div"}},
		{"drawing program entities",
			"<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n<!ENTITY ns_svg \"http://www.w3.org/2000/svg\">\n]>\n<!-- made by hand -->\n<svg xmlns=\"&ns_svg;\"><text>a &amp; b &lt; c</text></svg>",
			[]string{`<?xml version="1.0"?>`, `<svg xmlns="http://www.w3.org/2000/svg">`, `<text>a &amp; b &lt; c</text>`},
			[]string{"doctype", "entity", "made by hand"}},
		{"frames and meta refresh in the XHTML namespace",
			`<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml"><h:frameset><h:frame src="data:image/svg+xml,&lt;svg onload=alert(1)&gt;"/></h:frameset><h:meta http-equiv="refresh" content="0;url=https://evil.example/"/><rect width="1"/></svg>`,
			[]string{`<rect width="1"/>`}, []string{"frame", "alert", "refresh", "evil", "meta"}},
		{"SVG names bound to another namespace",
			`<svg xmlns="http://www.w3.org/2000/svg"><g xmlns="http://www.w3.org/1999/xhtml"><iframe src="https://evil.example/"/></g><x:rect xmlns:x="http://www.w3.org/1999/xhtml"/><circle r="1"/></svg>`,
			[]string{`<circle r="1"/>`}, []string{"evil", "iframe", "x:rect", "<g"}},
		{"CSS that loads from another host",
			`<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://evil.example/a.css); @font-face{font-family:f;src:url("https://evil.example/f.woff")} .a{fill:#f00;cursor:url(https://evil.example/c.png),auto;mask:url('https://evil.example/m.svg#m');background:image-set("https://evil.example/i.png" 1x)} .b{fill:url(#grad)}</style>` +
				`<rect class="a" style="fill:url(https://evil.example/s.png);stroke:#00f" mask="url(https://evil.example/m2)" cursor="url(https://evil.example/c2.png),auto" srcset="https://evil.example/x.png 1x"/><rect fill="url(#grad)"/><image href="data:image/png;base64,AAAA"/></svg>`,
			[]string{`.a{fill:#f00;`, `.b{fill:url(#grad)}`, `stroke:#00f`, `fill="url(#grad)"`, `href="data:image/png;base64,AAAA"`},
			[]string{"evil", "@import", "srcset"}},
		{"CSS names hidden behind escapes",
			`<svg xmlns="http://www.w3.org/2000/svg"><style>@\69mport "https://evil.example/a.css"; .a{fill:u\72l(https://evil.example/x)}</style><rect style="fill:u\72l(https://evil.example/y)"/><rect fill="u\rl(https://evil.example/z)"/></svg>`,
			[]string{`<rect/>`}, []string{"evil"}},
		{"drawing programs' own data",
			`<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" inkscape:version="1.0"><sodipodi:namedview pagecolor="#fff"/><metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata><path d="M0 0h1" inkscape:label="x"/></svg>`,
			[]string{`<path d="M0 0h1"/>`, `<metadata/>`}, []string{"namedview", "rdf:rdf", "inkscape:label", "inkscape:version"}},
		{"links other than to the file or an embedded raster",
			`<svg xmlns="http://www.w3.org/2000/svg" xmlns:l="http://www.w3.org/1999/xlink"><a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"><use l:href="https://evil.example/s.svg#a"/><use l:href="#a"/></a><a href="data:image/svg+xml,x"/><image href="data:image/svg+xml;base64,AAAA"/></svg>`,
			[]string{`<use l:href="#a"/>`, `<image href="data:image/svg+xml;base64,AAAA"/>`}, []string{"evil", "text/html", "alert", `<a href="data:image/svg`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, err := SanitizeSVG([]byte(c.in))
			if err != nil {
				t.Fatal(err)
			}
			got := string(out)
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("output lacks %q:\n%s", w, got)
				}
			}
			for _, g := range c.gone {
				if strings.Contains(strings.ToLower(got), g) {
					t.Errorf("output still has %q:\n%s", g, got)
				}
			}
			// What is published is itself well-formed XML.
			d := xml.NewDecoder(strings.NewReader(got))
			for {
				if _, err := d.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("output is not well-formed: %v\n%s", err, got)
				}
			}
		})
	}
	for _, bad := range []string{
		`<svg><rect></svg>`,
		`<svg xmlns="&undeclared;"/>`,
		"<!DOCTYPE svg [<!ENTITY a SYSTEM \"file:///etc/passwd\">]><svg>&a;</svg>",
		"<!DOCTYPE svg [<!ENTITY a \"x\"><!ENTITY b \"&a;&a;\">]><svg>&b;</svg>",
	} {
		if out, err := SanitizeSVG([]byte(bad)); !errors.Is(err, errNotSVG) {
			t.Errorf("%q: got %q, %v; want it refused", bad, out, err)
		}
	}
}

// FuzzSanitizeSVG: whatever the input, what is published is well-formed,
// holds nothing that can act, and is its own sanitized form.
func FuzzSanitizeSVG(f *testing.F) {
	for _, seed := range []string{
		`<svg xmlns="http://www.w3.org/2000/svg" onload="x()"><script>x()</script><a href="javascript:x()"><rect/></a></svg>`,
		"<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY e \"http://www.w3.org/2000/svg\">]><svg xmlns=\"&e;\"><![CDATA[<script>]]></svg>",
		`<svg><foreignObject><svg><script/></svg></foreignObject><set attributeName="xlink:href" to="javascript:x()"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml"><h:frameset><h:frame src="x"/></h:frameset><g xmlns="http://www.w3.org/1999/xhtml"><p/></g></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><style>@import "a"; .a{fill:url(http://e/x)} .b{src:image-set("y" 1x)}</style><rect style="cursor:url(z)" fill="url(#a)"/></svg>`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		out, err := SanitizeSVG(in)
		if err != nil {
			return
		}
		d := xml.NewDecoder(strings.NewReader(string(out)))
		d.Strict = true
		for {
			tok, err := d.RawToken()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("output is not well-formed: %v\n%q", err, out)
			}
			_ = tok
		}
		assertAllowed(t, out)
		again, err := SanitizeSVG(out)
		if err != nil || string(again) != string(out) {
			t.Fatalf("sanitizing twice differs (%v):\n%q\n%q", err, out, again)
		}
	})
}

// assertAllowed fails unless every element and attribute of the sanitised
// out is on the allow list, read with namespaces resolved as a browser
// reads them, and every reference stays in the file or is an embedded image.
func assertAllowed(t *testing.T, out []byte) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(string(out)))
	for {
		tok, err := d.Token()
		if err != nil {
			return
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			if cd, ok := tok.(xml.CharData); ok && hasImport(string(cd)) {
				t.Fatalf("output keeps an @import: %q", out)
			}
			continue
		}
		if (se.Name.Space != nsSVG && se.Name.Space != "") || !svgElements[se.Name.Local] {
			t.Fatalf("output keeps element {%s}%s: %q", se.Name.Space, se.Name.Local, out)
		}
		for _, a := range se.Attr {
			switch {
			case a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns"):
			case a.Name.Space == nsXML:
			case a.Name.Local == "href" && (a.Name.Space == "" || a.Name.Space == nsXLink):
				if !safeRef(a.Value, se.Name.Local == "image" || se.Name.Local == "feImage") {
					t.Fatalf("output keeps link %q: %q", a.Value, out)
				}
			case a.Name.Space != "" || !svgAttributes[a.Name.Local]:
				t.Fatalf("output keeps attribute {%s}%s: %q", a.Name.Space, a.Name.Local, out)
			case a.Name.Local == "attributeName" && !safeAnimated(a.Value):
				t.Fatalf("output animates %q: %q", a.Value, out)
			case strings.Contains(strings.ToLower(a.Value), "url(") && SafeCSS(a.Value) != a.Value:
				t.Fatalf("output keeps an outside reference in %s=%q: %q", a.Name.Local, a.Value, out)
			}
		}
	}
}

// hasImport tells whether CSS holds an @import rule, read as a browser's
// tokenizer reads it.
func hasImport(src string) bool {
	l := css.NewLexer(parse.NewInputString(src))
	for {
		tt, data := l.Next()
		if tt == css.ErrorToken {
			return false
		}
		if tt == css.AtKeywordToken && strings.EqualFold(string(data), "@import") {
			return true
		}
	}
}
