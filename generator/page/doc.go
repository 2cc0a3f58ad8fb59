// Package page is the page model: what templates see. SiteView is a site
// as pages show it (its layers, sections, projects and chapters as views,
// its editions, embeds and languages), with its lookups by id and its
// interface's words kept apart; Page is one page, with the methods
// templates call (T, URL, To, Card, Tiles, Cached…). Views are built from
// the content model (package content) and hold no files: the generator
// plans the pages, renders them with these views, and writes them.
package page
