package generator

import (
	"html/template"
	"strings"
	"testing"
)

// Templates lose their indentation and blank lines, but not a line break,
// nor any space inside <pre>, <textarea> or <script>, even where an action
// stands between the tag and its end, nor after text whose lower case is
// longer or shorter; values are never touched.
func TestTidyDropsIndentationOnly(t *testing.T) {
	src := `<ul>
    <li>{{.}}</li>

    {{if .}}<li>
      two words</li>{{end}}
</ul>
  <p>İİİİ</p>
<pre>
    kept {{.}}
        as written</pre>
  <textarea>
  {{.}}
  </textarea>
<script>
  var s = ` + "`a\n   b`" + `;
</script>
  <p>after</p>`
	set := template.Must(template.New("t").Parse(src))
	tidy(set)
	var b strings.Builder
	if err := set.Execute(&b, "  a\n    b  "); err != nil {
		t.Fatal(err)
	}
	want := "<ul>\n<li>  a\n    b  </li>\n<li>\ntwo words</li>\n</ul>\n<p>İİİİ</p>\n<pre>\n    kept   a\n    b  \n        as written</pre>\n<textarea>\n    a\n    b  \n  </textarea>\n<script>\n  var s = `a\n   b`;\n</script>\n<p>after</p>"
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
