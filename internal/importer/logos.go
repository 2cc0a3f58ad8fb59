package importer

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/panorama-ssg/panorama/generator/content"
	"github.com/panorama-ssg/panorama/internal/parallel"
)

// Logos come as their landscape's maintainers received them: named
// ./x.svg, x%20y.svg, "Vendor LOGO.svg" or without an extension, in any
// XML encoding, sometimes missing. Each distinct file an item names is
// found inside the logos folder (never outside it), read by its content,
// published under a safe lower-case name made from the first item that
// names it (acme.svg, beta.png), and SVGs are sanitised and minified. A
// logo that cannot be used is a note; its item is imported without it.

// maxLogoFile is the largest logo file the import reads.
const maxLogoFile = 16 << 20

// logoFile is one distinct logo on its way into the site.
type logoFile struct {
	src      string // path inside the logos folder
	out      string // file name under content/static/logos
	data     []byte
	in       int // bytes read
	note     string
	firstPos content.Pos
	item     string
}

// logoStats says what the import made of the logos.
type logoStats struct {
	svgIn, svgOut int // bytes of SVG read and written
}

// resolveLogo finds the file a logo value names inside dir: a path
// relative to it (./, ../ inside it, URL-escaped), with .svg or .png
// added when the name has no extension and no such file exists.
func resolveLogo(dir, value string) (string, error) {
	v := strings.ReplaceAll(strings.TrimSpace(value), `\`, "/")
	if strings.Contains(v, "://") {
		return "", errors.New("is an address, not a file in the logos folder; download it into the folder")
	}
	if strings.Contains(v, "%") {
		if u, err := url.PathUnescape(v); err == nil {
			v = u
		}
	}
	clean := path.Clean(v)
	if path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../") {
		return "", errors.New("lies outside the logos folder")
	}
	candidates := []string{clean}
	if path.Ext(clean) == "" {
		candidates = append(candidates, clean+".svg", clean+".png")
	}
	for _, c := range candidates {
		fi, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(c)))
		if err != nil {
			continue
		}
		if !fi.Mode().IsRegular() {
			return "", errors.New("is not a regular file (a link or a folder)")
		}
		if fi.Size() > maxLogoFile {
			return "", fmt.Errorf("is %d MB, over the %d MB the import reads", fi.Size()>>20, maxLogoFile>>20)
		}
		return c, nil
	}
	return "", errors.New("is not in the logos folder")
}

// prepareLogos resolves every item's logo, reads and converts each
// distinct file once (on every core), and gives each item its published
// name, or a note saying why it has none.
func (im *importer) prepareLogos(dir string) (logoStats, []*logoFile) {
	var stats logoStats
	bySrc := map[string]*logoFile{}
	var files []*logoFile
	itemsOf := map[*logoFile][]*item{}
	for _, it := range im.items {
		if it.logo == "" || dir == "" {
			continue
		}
		src, err := resolveLogo(dir, it.logo)
		if err != nil {
			im.skip(it.logoPos, "item %q: logo %q %v; imported without a logo", it.name, it.logo, err)
			continue
		}
		f := bySrc[src]
		if f == nil {
			f = &logoFile{src: src, firstPos: it.logoPos, item: it.name}
			bySrc[src] = f
			files = append(files, f)
		}
		itemsOf[f] = append(itemsOf[f], it)
	}
	parallel.For(len(files), func(i int) { files[i].convert(dir) })
	used := map[string]bool{}
	var kept []*logoFile
	for _, f := range files {
		if f.note != "" {
			for _, it := range itemsOf[f] {
				im.skip(it.logoPos, "item %q: logo %q %s; imported without a logo", it.name, it.logo, f.note)
			}
			continue
		}
		// The name of the first item that shows it, which is unique
		// among slugs; the extension by what the file holds.
		base := itemsOf[f][0].slug
		f.out = base + f.out
		for n := 2; used[f.out]; n++ {
			f.out = fmt.Sprintf("%s-%d%s", base, n, path.Ext(f.out))
		}
		used[f.out] = true
		for _, it := range itemsOf[f] {
			it.logoOut = f.out
		}
		if path.Ext(f.out) == ".svg" {
			stats.svgIn += f.in
			stats.svgOut += len(f.data)
		}
		kept = append(kept, f)
	}
	return stats, kept
}

// rasterExt are the raster formats browsers show, by sniffed type.
var rasterExt = map[string]string{"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp"}

// convert reads the file and makes what is published: for SVG, sanitised
// and minified UTF-8; for a raster image, its bytes. f.out gets the
// extension; f.note says why it cannot be used.
func (f *logoFile) convert(dir string) {
	raw, err := readLimited(filepath.Join(dir, filepath.FromSlash(f.src)))
	if err != nil {
		f.note = "cannot be read"
		return
	}
	f.in = len(raw)
	ct := http.DetectContentType(raw)
	if ext, ok := rasterExt[strings.SplitN(ct, ";", 2)[0]]; ok {
		f.data, f.out = raw, ext
		return
	}
	f.data, err = content.CleanSVG(raw)
	if err != nil {
		f.note = "is not an image Panorama can publish (" + describe(ct, err) + ")"
		return
	}
	f.out = ".svg"
}

func describe(ct string, err error) string {
	if strings.HasPrefix(ct, "text/") || strings.Contains(ct, "xml") {
		return "not well-formed SVG: " + strings.TrimPrefix(err.Error(), "is ")
	}
	return "its content is " + strings.SplitN(ct, ";", 2)[0]
}

func readLimited(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxLogoFile))
}
