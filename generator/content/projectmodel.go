package content

import (
	"slices"

	"github.com/panorama-ssg/panorama/internal/binrec"
	"go.yaml.in/yaml/v3"
)

// A project as loading made it of its file (loadProject, before Validate)
// is kept in the build cache beside the file's parse: a warm build takes
// ten thousand projects as they were instead of decoding their front
// matter again. The front matter's nodes, with the places problems point
// at, are decoded only when validation asks for one (Project.fields).

// ModelStore is a FrontStore that also keeps loaded projects. Model
// returns file's project as an earlier build encoded it, and the parse
// of the file it came from, if the file is the same; KeepModel is given
// each project this build loaded from its parse.
type ModelStore interface {
	Model(file string) (model, front []byte, ok bool)
	KeepModel(file string, model []byte)
}

// encodeProject encodes p, as loadProject left it, with its file's own
// problems.
func encodeProject(p *Project, local Problems) ([]byte, error) {
	return binrec.Encode(func(w *binrec.Writer) {
		writeProblems(w, local)
		for _, s := range []string{p.Slug, p.Name, p.Summary, p.Website, p.X, p.GitHub, p.Token, p.Logo, p.Added, p.Checked,
			p.layerID, p.sectionID, p.nameKey, p.siteKey, p.logoFile} {
			w.Str(s)
		}
		writeStrs(w, p.Tags)
		writeStrs(w, p.alsoIDs)
		w.Bool(p.InReport)
		w.Bool(p.Draft)
		w.Bool(p.slugOK)
		w.Bool(p.keys != nil && hasOtherKeys(p.keys.node))
		w.Num(p.BodyLine)
	})
}

// decodeProject decodes what encodeProject encoded, for file, whose
// parse is front: the body is the parse's.
func decodeProject(file string, model, front []byte) (*Project, Problems, bool) {
	body, ok := FrontBody(front)
	if !ok {
		return nil, nil, false
	}
	r := binrec.NewReader(model)
	local := readProblems(r)
	p := &Project{File: file, Body: body}
	for _, s := range []*string{&p.Slug, &p.Name, &p.Summary, &p.Website, &p.X, &p.GitHub, &p.Token, &p.Logo, &p.Added, &p.Checked,
		&p.layerID, &p.sectionID, &p.nameKey, &p.siteKey, &p.logoFile} {
		*s = r.Str()
	}
	p.Tags = readStrs(r)
	p.alsoIDs = readStrs(r)
	p.InReport, p.Draft, p.slugOK, p.other = r.Bool(), r.Bool(), r.Bool(), r.Bool()
	p.BodyLine = r.Num()
	if r.Err() != nil || r.Len() != 0 {
		return nil, nil, false
	}
	p.front = func() *Front {
		fr, err := ReadFront(binrec.NewReader(front))
		if err != nil {
			return nil
		}
		return fr
	}
	return p, local, true
}

// writeStrs writes a list of strings, telling none (nil) from empty.
func writeStrs(w *binrec.Writer, list []string) {
	if list == nil {
		w.Num(0)
		return
	}
	w.Num(len(list) + 1)
	for _, s := range list {
		w.Str(s)
	}
}

// readStrs reads what writeStrs wrote.
func readStrs(r *binrec.Reader) []string {
	n := r.Num()
	if n == 0 || n-1 > r.Len() {
		return nil
	}
	list := make([]string, n-1)
	for i := range list {
		list[i] = r.Str()
	}
	return list
}

// hasOtherKeys tells whether a front matter mapping has keys besides
// ProjectKeys.
func hasOtherKeys(node *yaml.Node) bool {
	for i := 0; i+1 < len(node.Content); i += 2 {
		if !slices.Contains(ProjectKeys, node.Content[i].Value) {
			return true
		}
	}
	return false
}

// fields is p's front matter as decoded: for a project taken from the
// build cache, decoded now from its parse.
func (p *Project) fields() *fields {
	if p.keys == nil {
		var fr *Front
		if p.front != nil {
			fr = p.front()
		}
		p.front = nil
		if fr != nil {
			var ps Problems // the file's problems came with the project
			p.keys, _, _ = fr.fields(p.File, &ps)
		}
		if p.keys == nil { // an unreadable parse: places are the file's
			p.keys = &fields{file: p.File, node: &yaml.Node{Kind: yaml.MappingNode}, keys: map[string]Pos{}, vals: map[string]*yaml.Node{}}
		}
	}
	return p.keys
}

// otherKeys tells whether p's front matter has keys besides ProjectKeys.
func (p *Project) otherKeys() bool {
	if p.keys == nil && p.front != nil {
		return p.other
	}
	return hasOtherKeys(p.fields().node)
}
