package content

import (
	"regexp"
	"strings"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"
)

// The SVG allow list. What a published SVG may hold is named here, not
// what it may not: elements of the SVG namespace that draw, attributes
// that style or place them, and references that stay inside the file or
// are embedded images. Everything else, every foreign namespace (XHTML
// frames and meta refreshes, drawing programs' own data) included, is
// dropped with its content.

const (
	nsSVG   = "http://www.w3.org/2000/svg"
	nsXLink = "http://www.w3.org/1999/xlink"
	nsXML   = "http://www.w3.org/XML/1998/namespace"
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// svgElements draw or define what is drawn. Not here: script,
// foreignObject, font-face-uri (it loads a font), cursor (it loads an
// image). The animation elements stay (logos animate their strokes), but
// may not animate a link, an event handler or a style (see keptAttr), and
// the values they set are filtered like any presentation value.
var svgElements = wordSet(`a altGlyph altGlyphDef altGlyphItem animate animateMotion animateTransform set
circle clipPath defs desc ellipse feBlend feColorMatrix feComponentTransfer feComposite
feConvolveMatrix feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood feFuncA
feFuncB feFuncG feFuncR feGaussianBlur feImage feMerge feMergeNode feMorphology feOffset
fePointLight feSpecularLighting feSpotLight feTile feTurbulence filter font font-face
font-face-name font-face-src glyph glyphRef g hkern image line linearGradient marker mask
metadata missing-glyph mpath path pattern polygon polyline radialGradient rect solidcolor stop
style svg switch symbol text textPath title tref tspan use view vkern`)

// svgAttributes are the attributes without a prefix that are kept.
// Names are compared as written: SVG in XML is case-sensitive.
var svgAttributes = wordSet(`accent-height accumulate additive alignment-baseline alphabetic
amplitude arabic-form ascent attributeName attributeType azimuth baseFrequency baseline-shift
baseProfile bbox begin bias by calcMode cap-height class clip clip-path clip-rule clipPathUnits
color color-interpolation color-interpolation-filters color-profile color-rendering cx cy d
data-name descent diffuseConstant direction display divisor dominant-baseline dur dx dy edgeMode
elevation enable-background end exponent fill fill-opacity fill-rule filter filterRes filterUnits
flood-color flood-opacity font-family font-size font-size-adjust font-stretch font-style
font-variant font-weight format fr from fx fy g1 g2 glyph-name glyph-orientation-horizontal
glyph-orientation-vertical glyphRef gradientTransform gradientUnits hanging height horiz-adv-x
horiz-origin-x horiz-origin-y href id ideographic image-rendering in in2 intercept isolation k k1
k2 k3 k4 kernelMatrix kernelUnitLength kerning keyPoints keySplines keyTimes lang lengthAdjust
letter-spacing lighting-color limitingConeAngle local marker-end marker-mid marker-start
markerHeight markerUnits markerWidth mask mask-type maskContentUnits maskUnits mathematical max
media method min mix-blend-mode mode name numOctaves offset opacity operator order orient
orientation origin overflow overline-position overline-thickness paint-order panose-1 path
pathLength patternContentUnits patternTransform patternUnits pointer-events points pointsAtX
pointsAtY pointsAtZ preserveAlpha preserveAspectRatio primitiveUnits r radius refX refY
rendering-intent repeatCount repeatDur requiredExtensions requiredFeatures restart result role
rotate rx ry scale seed shape-rendering side slope spacing specularConstant specularExponent
spreadMethod startOffset stdDeviation stemh stemv stitchTiles stop-color stop-opacity
strikethrough-position strikethrough-thickness string stroke stroke-dasharray stroke-dashoffset
stroke-linecap stroke-linejoin stroke-miterlimit stroke-opacity stroke-width style surfaceScale
systemLanguage tabindex tableValues targetX targetY text-anchor text-decoration text-rendering
textLength to transform transform-box transform-origin type u1 u2 underline-position
underline-thickness unicode unicode-bidi unicode-range units-per-em v-alphabetic v-hanging
v-ideographic v-mathematical values vector-effect version vert-adv-y vert-origin-x vert-origin-y
viewBox viewTarget visibility width widths word-spacing writing-mode x x-height x1 x2
xChannelSelector y y1 y2 yChannelSelector z zoomAndPan aria-label aria-hidden aria-labelledby
aria-describedby aria-roledescription`)

// safeRef tells whether a reference (href, or url() in CSS) stays inside
// the file or is an embedded raster image. Spaces and control characters,
// which browsers skip inside a scheme ("java\tscript:"), are removed first.
// svgImage allows embedded SVG too, for <image> and <feImage>: an image
// element loads it as an image, where nothing in it runs or loads.
func safeRef(v string, svgImage bool) bool {
	v = strings.ToLower(strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, v))
	if strings.HasPrefix(v, "#") {
		return true
	}
	if svgImage && strings.HasPrefix(v, "data:image/svg+xml") {
		return true
	}
	return rasterData.MatchString(v)
}

var rasterData = regexp.MustCompile(`^data:image/(png|jpeg|jpg|gif|webp)[;,]`)

// urlFunctions take a string that is a URL.
var urlFunctions = wordSet(`url( src( image( image-set( -webkit-image-set( cross-fade( element( -moz-element(`)

// SafeCSS returns CSS (a style element's text, a style attribute or a
// presentation attribute's value) with only fragment and embedded raster
// image references left: url() to anything else becomes none, an @import
// goes with its rule. CSS that names anything through an escape
// ("u\72l(", "@\69mport") is dropped whole: the browser would read the
// escape, a comparison of names would not.
func SafeCSS(src string) string {
	if !strings.ContainsAny(src, `(@\`) {
		return src // nothing that can refer to anything
	}
	l := css.NewLexer(parse.NewInputString(src))
	var b strings.Builder
	var fns []string
	importing := false
	for {
		tt, data := l.Next()
		if tt == css.ErrorToken {
			break
		}
		text := string(data)
		if tt != css.StringToken && tt != css.CommentToken && strings.Contains(text, `\`) {
			return ""
		}
		switch {
		case importing:
			importing = tt != css.SemicolonToken
			continue
		case tt == css.AtKeywordToken && (strings.EqualFold(text, "@import") || strings.EqualFold(text, "@namespace")):
			importing = true
			continue
		case tt == css.URLToken:
			if !safeRef(urlTarget(text), false) || strings.Contains(text, `\`) {
				text = "none"
			}
		case tt == css.BadURLToken || tt == css.BadStringToken || tt == css.CommentToken:
			continue
		case tt == css.FunctionToken || tt == css.LeftParenthesisToken:
			fns = append(fns, strings.ToLower(text))
		case tt == css.RightParenthesisToken && len(fns) > 0:
			fns = fns[:len(fns)-1]
		case tt == css.StringToken && len(fns) > 0 && urlFunctions[fns[len(fns)-1]]:
			if strings.Contains(text, `\`) || !safeRef(unquote(text), false) {
				text = `"#"`
			}
		}
		b.WriteString(text)
	}
	return b.String()
}

// urlTarget is what url(…) refers to, without quotes and spaces.
func urlTarget(tok string) string {
	v := strings.TrimSuffix(tok[strings.IndexByte(tok, '(')+1:], ")")
	return unquote(strings.TrimSpace(v))
}

func unquote(v string) string {
	if v != "" && (v[0] == '"' || v[0] == '\'') {
		v = strings.TrimSuffix(v[1:], v[:1])
	}
	return v
}
