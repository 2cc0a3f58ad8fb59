package content

import (
	"bytes"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/svg"
)

var minifier = func() *minify.M {
	m := minify.New()
	m.Add("image/svg+xml", &svg.Minifier{})
	m.AddFunc("text/css", css.Minify)
	return m
}()

// CleanSVG is what Panorama publishes of an SVG file: its text in UTF-8
// (SVGText), minified (tdewolff/minify), then sanitised (SanitizeSVG), so
// the sanitiser has the last word on what is published. When the minifier
// fails, saves nothing, or writes what does not sanitise, the text is
// sanitised as it is.
func CleanSVG(raw []byte) ([]byte, error) {
	text, err := SVGText(raw)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := minifier.Minify("image/svg+xml", &b, bytes.NewReader(text)); err == nil && b.Len() < len(text) {
		if clean, err := SanitizeSVG(b.Bytes()); err == nil {
			return clean, nil
		}
	}
	return SanitizeSVG(text)
}
