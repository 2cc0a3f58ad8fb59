// Package generator turns a site folder into a static site, as a list of
// named stages (pipeline.go): load and validate the content (package
// content), read the editions, load the templates, then plan every page
// and file (plan.go) over the page model (package page), render pages
// when asked (render.go: Markdown by package markdown, charts by package
// charts, posters and badges by package poster, data files by package
// exports), and hand paths and bytes to package output, which writes them
// into a staging folder swapped in whole only when the build succeeded.
//
// build, check and serve share the stages; only write.go hands files to
// the output folder.
package generator
