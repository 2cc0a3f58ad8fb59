package output

import (
	"encoding/binary"
	"errors"
)

// prevEntry is what Copy needs of an earlier zip's entry, read from its
// central directory.
type prevEntry struct {
	method, date, time uint16
	crc                uint32
	csize, usize       uint64
	extra              []byte
	header             uint64 // where its local header starts
}

// Zip records' signatures and fixed sizes (APPNOTE.TXT 4.3.7, 4.3.12,
// 4.3.16).
const (
	localSig     = 0x04034b50
	centralSig   = 0x02014b50
	endSig       = 0x06054b50
	localLen     = 30
	centralLen   = 46
	endLen       = 22
	sizeInZip64  = 0xffffffff
	countInZip64 = 0xffff
)

var errNotOurs = errors.New("not a zip as Panorama writes them")

// readDirectory reads the central directory of a zip Panorama wrote: no
// comment, no Zip64 records (a zip of more than 65,535 files or 4 GB is
// refused, and its entries compressed again). It is archive/zip's reader
// cut to what Copy needs: that reader's twelve thousand File values and
// their DataOffset calls were a tenth of a warm build's zip.
func readDirectory(data []byte) (map[string]prevEntry, error) {
	if len(data) < endLen {
		return nil, errNotOurs
	}
	end := data[len(data)-endLen:]
	le := binary.LittleEndian
	if le.Uint32(end) != endSig || le.Uint16(end[20:]) != 0 {
		return nil, errNotOurs
	}
	n, size, at := int(le.Uint16(end[10:])), uint64(le.Uint32(end[12:])), uint64(le.Uint32(end[16:]))
	if n == countInZip64 || size == sizeInZip64 || at == sizeInZip64 || at+size > uint64(len(data)-endLen) {
		return nil, errNotOurs
	}
	dir := data[at : at+size]
	entries := make(map[string]prevEntry, n)
	for range n {
		if len(dir) < centralLen || le.Uint32(dir) != centralSig {
			return nil, errNotOurs
		}
		nameLen, extraLen, commentLen := int(le.Uint16(dir[28:])), int(le.Uint16(dir[30:])), int(le.Uint16(dir[32:]))
		if len(dir) < centralLen+nameLen+extraLen+commentLen {
			return nil, errNotOurs
		}
		e := prevEntry{method: le.Uint16(dir[10:]), time: le.Uint16(dir[12:]), date: le.Uint16(dir[14:]),
			crc: le.Uint32(dir[16:]), csize: uint64(le.Uint32(dir[20:])), usize: uint64(le.Uint32(dir[24:])),
			header: uint64(le.Uint32(dir[42:]))}
		if e.csize == sizeInZip64 || e.usize == sizeInZip64 || e.header == sizeInZip64 {
			return nil, errNotOurs
		}
		name := string(dir[centralLen : centralLen+nameLen])
		e.extra = dir[centralLen+nameLen : centralLen+nameLen+extraLen : centralLen+nameLen+extraLen]
		entries[name] = e
		dir = dir[centralLen+nameLen+extraLen+commentLen:]
	}
	return entries, nil
}

// dataOf is the compressed data of entry e of the zip data, found from
// its local header, and where it starts; ok is false when the header is
// not where the central directory says or the data runs past the end.
func dataOf(data []byte, e prevEntry) (packed []byte, at int64, ok bool) {
	le := binary.LittleEndian
	if e.header+localLen > uint64(len(data)) || le.Uint32(data[e.header:]) != localSig {
		return nil, 0, false
	}
	from := e.header + localLen + uint64(le.Uint16(data[e.header+26:])) + uint64(le.Uint16(data[e.header+28:]))
	if from+e.csize > uint64(len(data)) {
		return nil, 0, false
	}
	return data[from : from+e.csize : from+e.csize], int64(from), true
}
