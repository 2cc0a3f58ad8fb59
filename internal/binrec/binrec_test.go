package binrec

import (
	"bufio"
	"bytes"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	w := NewWriter(bw)
	w.Num(0)
	w.Num(300)
	w.Str("héllo")
	w.Bytes([]byte{1, 2, 3})
	w.Fixed([]byte("ab"))
	w.FixedStr("cd")
	w.Str("")
	w.Int(-1 << 40)
	if err := w.Err(); err != nil {
		t.Fatal(err)
	}
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	r := NewReader(buf.Bytes())
	if a, b, s := r.Num(), r.Num(), r.Str(); a != 0 || b != 300 || s != "héllo" {
		t.Fatalf("read %d %d %q", a, b, s)
	}
	b := r.Bytes()
	if !bytes.Equal(b, []byte{1, 2, 3}) || cap(b) != 3 {
		t.Fatalf("bytes %v (cap %d): appending to them must not write over what follows", b, cap(b))
	}
	if f, s := r.StrN(2), r.StrN(2); f != "ab" || s != "cd" || r.Err() != nil {
		t.Fatalf("StrN read %q and %q, err %v", f, s, r.Err())
	}
	if s := r.Str(); s != "" || r.Err() != nil {
		t.Fatalf("then %q, err %v", s, r.Err())
	}
	if n := r.Int(); n != -1<<40 {
		t.Fatalf("Int read %d, want %d", n, -1<<40)
	}
	if r.Num(); r.Err() != ErrShort {
		t.Fatalf("reading past the end: err %v, want ErrShort", r.Err())
	}
}

func TestLengthPastTheEnd(t *testing.T) {
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	w := NewWriter(bw)
	w.Str("a string cut short")
	bw.Flush()
	r := NewReader(buf.Bytes()[:8])
	if s := r.Str(); s != "" || r.Err() != ErrShort {
		t.Fatalf("got %q, err %v; want nothing and ErrShort", s, r.Err())
	}
	if n := r.Num(); n != 0 {
		t.Fatalf("after an error Num read %d, want 0", n)
	}
}
