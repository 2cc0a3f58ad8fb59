//go:build !unix

package enrich

// noFollow is none where the system has no such flag; the journal's
// folder is still checked for links before it is opened.
const noFollow = 0
