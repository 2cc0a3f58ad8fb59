package generator

// The interface's own words, by language: the built-in catalogue for
// English (the keys) and Simplified Chinese. A word without a
// translation shows in English.
var catalogue = map[string]map[string]string{
	"zh": {
		"Language":           "语言",
		"Not yet translated": "尚未翻译：以下为英文原文。",
	},
}

// T is the interface's word key in the page's language: {{.T "Projects"}}.
func (p *Page) T(key string) string {
	if p.Site.Lang != nil {
		if w := catalogue[p.Site.Lang.Code][key]; w != "" {
			return w
		}
	}
	return key
}
