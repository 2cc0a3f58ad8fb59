// Package markdown renders the Markdown of chapters and project bodies
// with goldmark: links between content files become links between pages,
// headings get ids in every script and make a table of contents, the text
// is split into passages for search, and text that goldmark would read in
// time growing faster than its size is refused at its line before it is
// parsed. Problems are content.Problems at their file's line.
package markdown
