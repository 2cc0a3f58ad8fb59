package content

import (
	"encoding/xml"
	"errors"
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
			[]string{`<a href="#x">`}, []string{"attributename", "alert"}},
		{"foreign HTML",
			`<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(1)"/></div></foreignObject><circle r="2"/></svg>`,
			[]string{`<circle r="2"/>`}, []string{"alert", "foreignobject", "<div"}},
		{"drawing program entities",
			"<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n<!ENTITY ns_svg \"http://www.w3.org/2000/svg\">\n]>\n<!-- made by hand -->\n<svg xmlns=\"&ns_svg;\"><text>a &amp; b &lt; c</text></svg>",
			[]string{`<?xml version="1.0"?>`, `<svg xmlns="http://www.w3.org/2000/svg">`, `<text>a &amp; b &lt; c</text>`},
			[]string{"doctype", "entity", "made by hand"}},
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
			if se, ok := tok.(xml.StartElement); ok {
				if activeElements[strings.ToLower(se.Name.Local)] {
					t.Fatalf("output keeps <%s>: %q", se.Name.Local, out)
				}
				for _, a := range se.Attr {
					if !safeAttr(a) {
						t.Fatalf("output keeps %s=%q: %q", a.Name.Local, a.Value, out)
					}
				}
			}
		}
		again, err := SanitizeSVG(out)
		if err != nil || string(again) != string(out) {
			t.Fatalf("sanitizing twice differs (%v):\n%q\n%q", err, out, again)
		}
	})
}
