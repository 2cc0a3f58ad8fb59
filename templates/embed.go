// Package templates holds Panorama's default templates and assets, embedded
// in the binary. A site's own templates/NAME.html overrides NAME.html here.
package templates

import "embed"

// FS holds baseof.html, the page templates, partials/ and assets/.
//
//go:embed *.html partials/*.html assets/* i18n/*.yaml
var FS embed.FS
