package output

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/klauspost/compress/flate"
)

// Zip packs files into a zip as workers hand them over in any order,
// writing them in index order so the archive is the same on every build.
// Workers compress their own files (fast deflate), so packing uses every
// core and holds only the files waiting for their turn.
type Zip struct {
	f  *os.File
	sw *spliceWriter
	w  *zip.Writer
	// the earlier zip the last entry written was copied from, if any, and
	// where that entry ends in it
	src *Previous
	end int64
	dir string
	mod time.Time
	// the entries' date as zip headers hold it (see dosTime)
	dosDate, dosTime uint16
	extra            []byte
	mu               sync.Mutex
	cond             *sync.Cond
	next             int
	done             []bool
	ents             []zipEntry
	err              error
	wg               sync.WaitGroup
}

type zipEntry struct {
	hdr  *zip.FileHeader
	data []byte
	from *Previous // the zip the entry is copied from, if any
	// where the entry's local header starts and its data ends in from
	at, end int64
}

var zipBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

var flaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed)
	return w
}}

// NewZip starts a zip in file of n entries to come, each under the folder
// name (without .zip) and dated date (2000-01-01 when it is not a date).
func NewZip(file, name, date string, n int) (*Zip, error) {
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	mod := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	if t, err := time.Parse(time.DateOnly, date); err == nil {
		mod = t
	}
	sw := newSpliceWriter(f)
	z := &Zip{f: f, sw: sw, w: zip.NewWriter(sw), dir: strings.TrimSuffix(name, ".zip") + "/", mod: mod,
		done: make([]bool, n), ents: make([]zipEntry, n)}
	z.dosDate, z.dosTime, z.extra = dosTime(mod)
	z.cond = sync.NewCond(&z.mu)
	z.wg.Add(1)
	go z.writeInOrder()
	return z, nil
}

// Add compresses one file, the concatenation of parts, and queues it as
// entry i; a failed file (err not nil) only marks its turn as taken. The
// parts are a page's offline copy as slices of the page (OfflineParts):
// copied into one, they were a tenth of the zip's time.
func (z *Zip) Add(i int, path string, parts [][]byte, err error) {
	var e zipEntry
	if err == nil && (strings.ContainsAny(path, "\\:") || strings.HasPrefix(path, "/") || strings.Contains("/"+path+"/", "/../")) {
		// Never reached through the checks on static names: a name that
		// unzip tools could place outside the folder stays out.
		err = fmt.Errorf("%s: not a safe name inside a zip", path)
	}
	if err == nil {
		// Compressed into a reused buffer, then copied out at its size:
		// growing a fresh buffer for each of thousands of files made a
		// large share of a build's garbage.
		fw := flaters.Get().(*flate.Writer)
		c := zipBuffers.Get().(*bytes.Buffer)
		c.Reset()
		fw.Reset(c)
		var crc uint32
		size := 0
		for _, part := range parts {
			fw.Write(part)
			crc = crc32.Update(crc, crc32.IEEETable, part)
			size += len(part)
		}
		fw.Close()
		flaters.Put(fw)
		packed := bytes.Clone(c.Bytes())
		zipBuffers.Put(c)
		hdr := &zip.FileHeader{Name: z.dir + path, Method: zip.Deflate, Modified: z.mod, Extra: z.extra,
			CRC32: crc, CompressedSize64: uint64(len(packed)), UncompressedSize64: uint64(size)}
		z.stamp(hdr)
		e = zipEntry{hdr: hdr, data: packed}
	}
	z.put(i, e)
}

// stamp dates an entry's header in the MS-DOS fields, which CreateRaw
// writes as given and unzip tools read.
func (z *Zip) stamp(hdr *zip.FileHeader) {
	//lint:ignore SA1019 CreateRaw writes the header as given: the MS-DOS fields are what unzip tools read.
	hdr.ModifiedDate, hdr.ModifiedTime = z.dosDate, z.dosTime
}

func (z *Zip) put(i int, e zipEntry) {
	z.mu.Lock()
	z.ents[i], z.done[i] = e, true
	z.cond.Broadcast()
	z.mu.Unlock()
}

// dosTime is t as a zip entry's MS-DOS date and time and its extended
// timestamp field (0x5455, the time in UTC). CreateRaw writes a header as
// given, without CreateHeader's conversion of Modified, so without these
// every entry would be dated 1980-00-00 and unpack as 1979-12-31.
func dosTime(t time.Time) (date, clock uint16, extra []byte) {
	t = t.UTC()
	if t.Year() < 1980 { // the first date a zip header can hold
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	extra = []byte{0x55, 0x54, 5, 0, 1, 0, 0, 0, 0}
	binary.LittleEndian.PutUint32(extra[5:], uint32(t.Unix()))
	return date, clock, extra
}

// Previous is the zip an earlier build wrote, whose compressed entries a
// build copies into its own for the files that did not change, instead of
// compressing them again.
type Previous struct {
	// data is the whole file, read: a warm build looks at every entry's
	// header, and in the heap's huge pages that was 20-50 ms of CPU less
	// than in the file's pages mapped (populated), 4 KB each.
	data   []byte
	file   *os.File    // the file, open: entries are copied file to file
	info   os.FileInfo // the file's, as it was read
	byName map[string]prevEntry
}

// OpenPrevious opens and reads an earlier build's zip, until Close, which
// is called once the new zip is finished.
func OpenPrevious(file string) (*Previous, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	data, info, err := readAll(f)
	if err == nil {
		var byName map[string]prevEntry
		if byName, err = readDirectory(data); err == nil {
			return &Previous{data: data, file: f, info: info, byName: byName}, nil
		}
	}
	f.Close()
	return nil, err
}

// readAll reads an open file whole, in one read where it can, and gives
// its size and time as they were before.
func readAll(f *os.File) ([]byte, os.FileInfo, error) {
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("%s: not a regular file", f.Name())
	}
	data := make([]byte, fi.Size())
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, nil, err
	}
	return data, fi, nil
}

// Is tells whether file is the very file p read, unchanged since: the
// same file, of the size and time it had when read.
func (p *Previous) Is(file string) bool {
	now, err := os.Lstat(file)
	return err == nil && os.SameFile(p.info, now) && now.Size() == p.info.Size() && now.ModTime().Equal(p.info.ModTime())
}

// Close lets the zip go.
func (p *Previous) Close() error {
	err := p.file.Close()
	p.data, p.byName, p.file = nil, nil, nil
	return err
}

// Copy queues the previous zip's entry for path as entry i of z, if the
// previous zip holds it compressed and dated as z would; it tells whether
// it did. The caller knows the file is unchanged.
func (p *Previous) Copy(z *Zip, i int, path string) bool {
	name := z.dir + path
	f, ok := p.byName[name]
	if !ok || f.method != zip.Deflate || f.date != z.dosDate || f.time != z.dosTime || !bytes.Equal(f.extra, z.extra) {
		return false
	}
	packed, at, ok := dataOf(p.data, f)
	if !ok {
		return false
	}
	hdr := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.mod, Extra: z.extra,
		CRC32: f.crc, CompressedSize64: f.csize, UncompressedSize64: f.usize}
	z.stamp(hdr)
	z.put(i, zipEntry{hdr: hdr, data: packed, from: p, at: int64(f.header), end: at + int64(len(packed))})
	return true
}

// Skip marks entry i's turn as taken by a file the zip does not hold.
func (z *Zip) Skip(i int) {
	z.mu.Lock()
	z.done[i] = true
	z.cond.Broadcast()
	z.mu.Unlock()
}

func (z *Zip) writeInOrder() {
	defer z.wg.Done()
	for {
		z.mu.Lock()
		for z.next < len(z.done) && !z.done[z.next] {
			z.cond.Wait()
		}
		if z.next == len(z.done) {
			z.mu.Unlock()
			return
		}
		e := z.ents[z.next]
		z.ents[z.next] = zipEntry{}
		z.next++
		z.mu.Unlock()
		if e.hdr == nil || z.err != nil {
			continue
		}
		if err := z.write(e); err != nil {
			z.err = err
		}
	}
}

// write writes entry e. An entry copied from an earlier zip is, header
// and data, the bytes it had there (the header is written as it was), so
// the splicing writer is told where to expect them.
func (z *Zip) write(e zipEntry) error {
	if err := z.comesFrom(e.from, e.at); err != nil {
		return err
	}
	z.end = e.end
	w, err := z.w.CreateRaw(e.hdr)
	if err == nil {
		_, err = w.Write(e.data)
	}
	return err
}

// comesFrom says the bytes written next are src's from at on (nil: new
// bytes). Unless they follow the last entry's there, what archive/zip
// holds in its buffer is flushed first, so each run of copied entries
// reaches the splicing writer apart from the bytes around it.
func (z *Zip) comesFrom(src *Previous, at int64) error {
	if src == z.src && (src == nil || at == z.end) {
		return nil
	}
	if err := z.w.Flush(); err != nil {
		return err
	}
	z.src = src
	z.sw.expect(src, at)
	return nil
}

// Finish waits for every entry and closes the archive.
func (z *Zip) Finish() error {
	z.wg.Wait()
	if z.err != nil {
		return z.err
	}
	// The last run of copied entries reaches the writer apart from the
	// central directory.
	if err := z.comesFrom(nil, 0); err != nil {
		return err
	}
	if err := z.w.Close(); err != nil {
		return err
	}
	if err := z.sw.Flush(); err != nil {
		return err
	}
	return z.f.Close()
}

// Abort releases the file after a failure; after Finish it does nothing.
func (z *Zip) Abort() {
	z.mu.Lock()
	for i := range z.done {
		z.done[i] = true
	}
	z.cond.Broadcast()
	z.mu.Unlock()
	z.wg.Wait()
	z.f.Close()
}

// offlineAttr marks an element of a page that the zip's copy leaves out:
// the default templates put it on the links to the zip, which the copy
// cannot hold. Text from content never matches it: html/template escapes
// the quotes of any value.
var offlineAttr = []byte(` data-offline="omit"`)

// OfflineCopy returns page without the elements that carry offlineAttr,
// each with its content. A marked element whose end cannot be found is
// kept, so a page is never cut short.
func OfflineCopy(page []byte) []byte {
	return bytes.Join(OfflineParts(page), nil)
}

// OfflineParts is OfflineCopy as the slices of page that it joins.
func OfflineParts(page []byte) [][]byte {
	if !bytes.Contains(page, offlineAttr) {
		return [][]byte{page}
	}
	var out [][]byte
	rest, kept := page, 0 // rest[:kept] is kept text not yet in out
	for {
		i := bytes.Index(rest[kept:], offlineAttr)
		if i < 0 {
			break
		}
		i += kept
		start := bytes.LastIndexByte(rest[:i], '<')
		end := -1
		if start >= kept {
			end = elementEnd(rest, start)
		}
		if end < 0 {
			kept = i + len(offlineAttr)
			continue
		}
		if start > 0 {
			out = append(out, rest[:start])
		}
		rest, kept = rest[end:], 0
	}
	return append(out, rest)
}

// elementEnd returns the offset just past the end of the element whose
// start tag begins at page[start], counting nested elements of its name,
// or -1.
func elementEnd(page []byte, start int) int {
	name := page[start+1:]
	n := bytes.IndexAny(name, " \t\n>/")
	if n <= 0 {
		return -1
	}
	open, closing := append([]byte("<"), name[:n]...), []byte("</"+string(name[:n])+">")
	gt := bytes.IndexByte(page[start:], '>')
	if gt < 0 {
		return -1
	}
	if voidElements[string(name[:n])] {
		return start + gt + 1
	}
	depth, at := 1, start+gt+1
	for depth > 0 {
		c := bytes.Index(page[at:], closing)
		if c < 0 {
			return -1
		}
		// Same-named elements opened before this close tag nest.
		for o := bytes.Index(page[at:at+c], open); o >= 0; o = bytes.Index(page[at:at+c], open) {
			if next := page[at+o+len(open)]; next == ' ' || next == '>' || next == '\t' || next == '\n' {
				depth++
			}
			at += o + len(open)
			c -= o + len(open)
		}
		depth--
		at += c + len(closing)
	}
	return at
}

var voidElements = map[string]bool{"area": true, "br": true, "col": true, "embed": true, "hr": true, "img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}
