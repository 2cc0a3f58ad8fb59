package content

import (
	"bytes"
	"encoding/xml"
	"io"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/panorama-ssg/panorama/internal/parallel"
)

// maxLogoSize is the size over which a logo is a warning: every reader of
// the landscape downloads it.
const maxLogoSize = 512 << 10

// logoInfo is what sniffing a logo file found.
type logoInfo struct {
	size    int64
	modTime time.Time
	kind    string // "svg", "raster", or "" when the file is not an image
	broken  bool   // an SVG that is not well-formed XML, so cannot be published
	detail  string // what it is instead, for the message
}

// logoCache keeps sniffed logos between a server's rebuilds; an entry is
// used while the file's size and time are unchanged.
type logoCache struct {
	mu sync.Mutex
	m  map[string]logoInfo
}

// checkLogos reports logos that are not images, by their content, and
// logos larger than maxLogoSize, at each project's logo: line. Only
// regular files are read, and only their first bytes (an SVG's until its
// root element).
func (s *Set) checkLogos(fsys fs.FS, cache *Cache, ps *Problems) {
	if fsys == nil {
		return
	}
	// Each logo once, on every core: an SVG is read whole.
	infos := map[string]logoInfo{}
	var names []string
	for _, p := range s.Projects {
		if _, ok := infos[p.Logo]; p.Logo != "" && !ok {
			infos[p.Logo] = logoInfo{}
			names = append(names, p.Logo)
		}
	}
	sniffed := make([]logoInfo, len(names))
	parallel.For(len(names), func(i int) { sniffed[i] = sniffLogo(fsys, StaticDir+"/"+names[i], cache, s.fronts, s.trustLogos) })
	for i, name := range names {
		infos[name] = sniffed[i]
	}
	for _, p := range s.Projects {
		if p.Logo == "" {
			continue
		}
		info := infos[p.Logo]
		ext := strings.ToLower(path.Ext(p.Logo))
		switch {
		case info.kind == "":
			ps.add(p.fields().at("logo"), KindLogoType, "logo: %s/%s is not an image (%s); give a PNG, JPEG, GIF, WebP or SVG file", StaticDir, p.Logo, info.detail)
		case info.kind == "svg" && ext != ".svg":
			ps.add(p.fields().at("logo"), KindLogoType, "logo: %s/%s holds an SVG image; name it .svg, or browsers will not show it", StaticDir, p.Logo)
		case info.broken:
			ps.add(p.fields().at("logo"), KindLogoType, "logo: %s/%s %v; save it again from a drawing program as plain SVG", StaticDir, p.Logo, errNotSVG)
		case info.kind == "raster" && ext == ".svg":
			ps.add(p.fields().at("logo"), KindLogoType, "logo: %s/%s is named .svg but holds a %s image; rename it", StaticDir, p.Logo, info.detail)
		case info.size > maxLogoSize:
			ps.warn(p.fields().at("logo"), KindLargeLogo, "logo: %s/%s is %d KB; keep logos under %d KB, every reader downloads them", StaticDir, p.Logo, info.size>>10, maxLogoSize>>10)
		}
	}
}

func sniffLogo(fsys fs.FS, name string, cache *Cache, store FrontStore, trusted bool) logoInfo {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return logoInfo{detail: "it cannot be read"}
	}
	if !st.Mode().IsRegular() {
		return logoInfo{detail: "it is not a regular file"}
	}
	if cache != nil {
		cache.logos.mu.Lock()
		old, ok := cache.logos.m[name]
		cache.logos.mu.Unlock()
		if ok && old.size == st.Size() && old.modTime.Equal(st.ModTime()) {
			return old
		}
	}
	info := logoInfo{size: st.Size(), modTime: st.ModTime()}
	if store != nil && !trusted {
		if c, ok := store.Logo(name, st.Size(), st.ModTime()); ok {
			info.kind, info.broken, info.detail = c.Kind, c.Broken, c.Detail
			return info
		}
	}
	if !sniffKind(fsys, name, &info) {
		return info
	}
	if info.kind == "svg" && !trusted {
		// Published SVG is rewritten without active content (svgsafe.go),
		// which needs the whole file to be well-formed: say so here, at
		// the logo's line, rather than when the build writes it.
		data, msg, err := ReadRegular(fsys, name, 64<<20)
		if err != nil {
			info.broken = true
			return info // not kept: it may read next time
		}
		if msg == "" {
			_, err = SanitizeSVG(data)
		}
		info.broken = err != nil || msg != ""
	}
	if store != nil && !trusted {
		store.KeepLogo(name, st.Size(), st.ModTime(), LogoCheck{Kind: info.kind, Broken: info.broken, Detail: info.detail})
	}
	if cache != nil {
		cache.logos.mu.Lock()
		if cache.logos.m == nil {
			cache.logos.m = map[string]logoInfo{}
		}
		cache.logos.m[name] = info
		cache.logos.mu.Unlock()
	}
	return info
}

// sniffKind sets the kind of image a logo file is by its first bytes
// (an SVG without an XML declaration by its root element), or says what
// it is instead; false when it cannot be read.
func sniffKind(fsys fs.FS, name string, info *logoInfo) bool {
	f, err := fsys.Open(name)
	if err != nil {
		info.detail = "it cannot be read"
		return false
	}
	defer f.Close()
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	ct := http.DetectContentType(head)
	switch {
	case strings.HasPrefix(ct, "image/svg"):
		info.kind = "svg"
	case strings.HasPrefix(ct, "image/"):
		info.kind, info.detail = "raster", strings.ToUpper(strings.TrimPrefix(ct, "image/"))
	case (strings.HasPrefix(ct, "text/") || ct == "application/octet-stream") && svgRoot(io.MultiReader(bytes.NewReader(head), io.LimitReader(f, 64<<10))):
		info.kind = "svg"
	default:
		info.detail = "its content is " + strings.SplitN(ct, ";", 2)[0]
	}
	return true
}

// svgRoot tells whether an XML document's root element is svg, in any
// of the encodings SVGText reads.
func svgRoot(r io.Reader) bool {
	head, err := io.ReadAll(r)
	if err != nil {
		return false
	}
	if head, err = SVGText(head); err != nil {
		return false
	}
	d := xml.NewDecoder(bytes.NewReader(head))
	d.Strict = false
	for {
		tok, err := d.Token()
		if err != nil {
			return false
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local == "svg"
		}
	}
}
