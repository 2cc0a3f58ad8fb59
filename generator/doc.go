// Package generator turns a site folder into a static site: it loads and
// validates the content (package content), renders every page in memory
// through the templates, and writes the result into the output folder,
// swapping it in whole only when the build succeeded.
//
// Only write.go touches the output folder.
package generator
