// Package binrec writes and reads the records a build cache keeps: numbers
// as unsigned varints, strings and byte slices length first. A reader's
// strings and slices share the bytes it reads, which the caller read for
// it alone and never changes: copying them would double the memory a warm
// build holds for them.
package binrec

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"sync"
	"unsafe"
)

// Writer writes records; the first error sticks and Err returns it.
type Writer struct {
	w   *bufio.Writer
	err error
	buf [binary.MaxVarintLen64]byte
}

// NewWriter writes to w.
func NewWriter(w *bufio.Writer) *Writer { return &Writer{w: w} }

// Num writes a number that is not negative.
func (e *Writer) Num(n int) {
	if e.err == nil {
		_, e.err = e.w.Write(binary.AppendUvarint(e.buf[:0], uint64(n)))
	}
}

// Bool writes b as the number 1 or 0.
func (e *Writer) Bool(b bool) {
	if b {
		e.Num(1)
	} else {
		e.Num(0)
	}
}

// Int writes a number that may be negative.
func (e *Writer) Int(n int64) {
	if e.err == nil {
		_, e.err = e.w.Write(binary.AppendVarint(e.buf[:0], n))
	}
}

// Str writes s, its length first.
func (e *Writer) Str(s string) {
	e.Num(len(s))
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

// Bytes writes b, its length first.
func (e *Writer) Bytes(b []byte) {
	e.Num(len(b))
	e.Fixed(b)
}

// Fixed writes b as it is, for a reader that knows its length.
func (e *Writer) Fixed(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

// FixedStr writes s as it is, for a reader that knows its length: Fixed
// without the copy that making s a byte slice takes (the bodies of a
// 10,000-project site are 32 MB).
func (e *Writer) FixedStr(s string) {
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

// Err is the first error writing met.
func (e *Writer) Err() error { return e.err }

// ErrShort is a record cut short, or a length past its end.
var ErrShort = errors.New("cache record cut short")

// Reader reads what a Writer wrote; past the first error it reads zeros
// and Err returns it.
type Reader struct {
	data []byte
	err  error
}

// NewReader reads data.
func NewReader(data []byte) *Reader { return &Reader{data: data} }

// Num reads a number.
func (d *Reader) Num() int {
	n, k := binary.Uvarint(d.data)
	if k <= 0 || n > uint64(len(d.data))+1<<20 {
		d.fail()
		return 0
	}
	d.data = d.data[k:]
	return int(n)
}

// Bool reads what Writer.Bool wrote.
func (d *Reader) Bool() bool { return d.Num() == 1 }

// Int reads a number Writer.Int wrote.
func (d *Reader) Int() int64 {
	n, k := binary.Varint(d.data)
	if k <= 0 {
		d.fail()
		return 0
	}
	d.data = d.data[k:]
	return n
}

// Str reads a string, which shares the reader's bytes.
func (d *Reader) Str() string { return d.StrN(d.Num()) }

// StrN reads a string of n bytes, its length written elsewhere, which
// shares the reader's bytes.
func (d *Reader) StrN(n int) string {
	b := d.Fixed(n)
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// Bytes reads a byte slice, which shares the reader's bytes; appending to
// it copies them.
func (d *Reader) Bytes() []byte { return d.Fixed(d.Num()) }

// Fixed reads the next n bytes, shared with the reader.
func (d *Reader) Fixed(n int) []byte {
	if n > len(d.data) {
		d.fail()
		return nil
	}
	b := d.data[:n:n]
	d.data = d.data[n:]
	return b
}

// Err is the first error reading met.
func (d *Reader) Err() error { return d.err }

func (d *Reader) fail() {
	if d.err == nil {
		d.err = ErrShort
	}
	d.data = nil
}

// Fail makes err the writer's error, unless it has one.
func (e *Writer) Fail(err error) {
	if e.err == nil {
		e.err = err
	}
}

// Len is how many bytes are left to read.
func (d *Reader) Len() int { return len(d.data) }

// Encode is what write writes, as bytes in memory of their size. The
// buffers it writes through are reused: a first build encodes twenty
// thousand records, and a buffer and a bufio.Writer grown for each made
// 140 MB of garbage for 22 MB of records.
func Encode(write func(*Writer)) ([]byte, error) {
	e := encoders.Get().(*encoder)
	defer encoders.Put(e)
	e.buf.Reset()
	e.bw.Reset(&e.buf)
	e.w.err = nil
	write(&e.w)
	if err := e.w.Err(); err != nil {
		return nil, err
	}
	if err := e.bw.Flush(); err != nil {
		return nil, err
	}
	return bytes.Clone(e.buf.Bytes()), nil
}

// encoder is what Encode writes through.
type encoder struct {
	buf bytes.Buffer
	bw  *bufio.Writer
	w   Writer
}

var encoders = sync.Pool{New: func() any {
	e := &encoder{}
	e.bw = bufio.NewWriter(&e.buf)
	e.w.w = e.bw
	return e
}}
