package output

import (
	"bytes"
	"io"
	"os"
	"unsafe"
)

// spliceWriter writes a file front to back, buffered, and copies the
// bytes it is handed from an earlier file (read whole) with the system's
// file-to-file copy instead: a warm build's zip is mostly the last zip's
// entries, tens of megabytes that then never pass through the program.
//
// It changes nothing in what is written: bytes are copied from the
// earlier file only when they are the very bytes handed over (a slice of
// its bytes as Previous read them, at that place) or equal to the bytes
// just before them there (an entry's header, compared), so the file is
// byte for byte what writing everything would make.
type spliceWriter struct {
	f   *os.File
	src *Previous // where the slices copied come from, if any
	err error
	// What is written and not yet in the file: first the run of src's
	// bytes [from, to), then lit.
	run      *Previous
	from, to int64
	lit      []byte
}

// spliceBuffer is how many bytes spliceWriter gathers before writing,
// and maxAbsorb how many just-written bytes it compares with those
// before a slice of the earlier file, to copy them with it.
const (
	spliceBuffer = 1 << 20
	maxAbsorb    = 4 << 10
)

func newSpliceWriter(f *os.File) *spliceWriter {
	return &spliceWriter{f: f, lit: make([]byte, 0, spliceBuffer)}
}

// source sets the earlier file the slices that follow may come from, if
// any.
func (w *spliceWriter) source(p *Previous) { w.src = p }

// offsetIn returns where p lies in data, if it is a slice of it.
func offsetIn(data, p []byte) (int64, bool) {
	if len(p) == 0 || len(data) == 0 {
		return 0, false
	}
	base := uintptr(unsafe.Pointer(unsafe.SliceData(data)))
	at := uintptr(unsafe.Pointer(unsafe.SliceData(p)))
	if at < base || at-base > uintptr(len(data)) || uintptr(len(p)) > uintptr(len(data))-(at-base) {
		return 0, false
	}
	return int64(at - base), true
}

func (w *spliceWriter) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	if w.src != nil {
		if off, ok := offsetIn(w.src.data, p); ok {
			w.splice(off, int64(len(p)))
			return len(p), w.err
		}
	}
	if len(w.lit)+len(p) > cap(w.lit) {
		w.flush()
		if len(p) > cap(w.lit) {
			if w.err == nil {
				_, w.err = w.f.Write(p)
			}
			return len(p), w.err
		}
	}
	w.lit = append(w.lit, p...)
	return len(p), w.err
}

// splice adds src's bytes [off, off+n), with the bytes written just
// before them when those are src's bytes before off.
func (w *spliceWriter) splice(off, n int64) {
	start := off
	if k := int64(len(w.lit)); k > 0 && k <= maxAbsorb && k <= off && bytes.Equal(w.lit, w.src.data[off-k:off]) {
		start, w.lit = off-k, w.lit[:0]
	}
	if len(w.lit) > 0 || w.run != w.src || w.to != start || w.to == w.from {
		w.flush()
		w.run, w.from = w.src, start
	}
	w.to = off + n
}

// flush writes the run, then the bytes after it.
func (w *spliceWriter) flush() {
	if w.to > w.from && w.err == nil {
		w.err = w.copyRun()
	}
	w.run, w.from, w.to = nil, 0, 0
	if len(w.lit) > 0 && w.err == nil {
		_, w.err = w.f.Write(w.lit)
	}
	w.lit = w.lit[:0]
}

// copyRun copies the run file to file, or from the bytes read where the
// system cannot.
func (w *spliceWriter) copyRun() error {
	n := w.to - w.from
	if _, err := w.run.file.Seek(w.from, io.SeekStart); err != nil {
		_, err = w.f.Write(w.run.data[w.from:w.to])
		return err
	}
	copied, err := w.f.ReadFrom(&io.LimitedReader{R: w.run.file, N: n})
	if err == nil && copied < n {
		_, err = w.f.Write(w.run.data[w.from+copied : w.to])
	}
	return err
}

// Flush writes everything written so far.
func (w *spliceWriter) Flush() error {
	w.flush()
	return w.err
}
