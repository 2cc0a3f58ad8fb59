// Package poster draws the landscape for use outside the site: the whole
// map as one self-contained SVG (names as text, each distinct logo once,
// an SVG logo as its sanitised markup and a raster one downscaled), its
// layout as a script from which pages draw the PNG and a layer's SVG, and
// the "Listed in" badge of a section. It takes plain data (Map, Badge's
// strings), not the site's pages: the generator says what to draw.
package poster
