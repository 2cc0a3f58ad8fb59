// Package generator turns a site folder into a static site: it loads and
// validates the content (package content), plans every page, renders them
// through the templates (Markdown by package markdown, charts by package
// charts), and hands paths and bytes to package output, which writes them
// into a staging folder and swaps it in whole only when the build
// succeeded.
//
// Only write.go hands files to the output folder, through package output.
package generator
