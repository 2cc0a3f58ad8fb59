package output

import "testing"

func TestOfflineCopyLeavesOutMarkedElements(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`<p>a<span data-offline="omit"> · <a href="x.zip">zip</a></span></p>`, `<p>a</p>`},
		{`<ul><li>one</li><li data-offline="omit"><a href="x.zip">get</a> <li-x>no</li-x></li><li>two</li></ul>`, `<ul><li>one</li><li>two</li></ul>`},
		// Nested elements of the same name end where the marked one ends.
		{`<div data-offline="omit"><div>in</div><div>in</div></div><div>kept</div>`, `<div>kept</div>`},
		{`<p><link data-offline="omit" href="x.zip">after</p>`, `<p>after</p>`},
		{`<b data-offline="omit">one</b> and <i data-offline="omit">two</i>!`, ` and !`},
		// No end: the page is kept whole rather than cut.
		{`<p data-offline="omit">never closed`, `<p data-offline="omit">never closed`},
		{`<p data-offline="omit">open <b data-offline="omit">b</b> end`, `<p data-offline="omit">open  end`},
		{`<b data-offline="omit">b</b><p data-offline="omit">open`, `<p data-offline="omit">open`},
		// Escaped text that looks like the marker is text.
		{`<p>data-offline=&#34;omit&#34;</p>`, `<p>data-offline=&#34;omit&#34;</p>`},
	} {
		if got := string(OfflineCopy([]byte(c.in))); got != c.want {
			t.Errorf("OfflineCopy(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}
