// Package exports writes the site's data for other programs: the search
// index the pages' script reads, projects.json, projects.csv (every cell a
// contributor wrote guarded against spreadsheet formulas) and the Atom
// feed. It takes plain records; the generator says what goes in them.
package exports
