// Package content owns the report's data model: the site configuration with
// its layers and sections, the chapters and the projects. It loads them from
// an fs.FS, keeps the file position of every decoded value, and validates
// them, reporting every problem as "path:line:col: message".
//
// It knows nothing of HTML, templates or output folders.
package content
