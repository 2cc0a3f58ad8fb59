package output

import (
	"bytes"
	"io"
	"os"
)

// spliceWriter writes a file front to back, buffered, and copies the
// bytes that equal an earlier file's with the system's file-to-file copy
// instead: a warm build's zip is mostly the last zip's entries, tens of
// megabytes that then never pass through the program.
//
// It changes nothing in what is written: the writer is told where in the
// earlier file (read whole) the bytes written next are expected to be
// (expect), and copies them from there only when they are equal, so the
// file is byte for byte what writing everything would make.
type spliceWriter struct {
	f   *os.File
	err error
	// src's bytes from at are what the next bytes written are expected
	// to be, if src is not nil.
	src *Previous
	at  int64
	// What is written and not yet in the file: first the run of run's
	// bytes [from, to), then lit.
	run      *Previous
	from, to int64
	lit      []byte
	copied   int64 // bytes copied file to file, or from the bytes read
}

// spliceBuffer is how many bytes spliceWriter gathers before writing.
const spliceBuffer = 1 << 20

func newSpliceWriter(f *os.File) *spliceWriter {
	return &spliceWriter{f: f, lit: make([]byte, 0, spliceBuffer)}
}

// expect says the bytes written next are likely src's from at on; nil
// says they are not from an earlier file.
func (w *spliceWriter) expect(src *Previous, at int64) { w.src, w.at = src, at }

func (w *spliceWriter) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	if w.src != nil {
		if end := w.at + int64(len(p)); end <= int64(len(w.src.data)) && bytes.Equal(p, w.src.data[w.at:end]) {
			w.splice(w.at, end)
			w.at = end
			return len(p), w.err
		}
		w.src = nil
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

// splice adds src's bytes [from, to) to the run, or starts a new one.
func (w *spliceWriter) splice(from, to int64) {
	if len(w.lit) > 0 || w.run != w.src || w.to != from || w.to == w.from {
		w.flush()
		w.run, w.from = w.src, from
	}
	w.to = to
}

// flush writes the run, then the bytes after it.
func (w *spliceWriter) flush() {
	if w.to > w.from && w.err == nil {
		w.err = w.copyRun()
		w.copied += w.to - w.from
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
