package parallel

import (
	"sync/atomic"
	"testing"
)

func TestForNCallsEachIndexOnce(t *testing.T) {
	for _, workers := range []int{1, 3, 64} {
		seen := make([]atomic.Int32, 1000)
		ForN(len(seen), workers, func(i int) { seen[i].Add(1) })
		for i := range seen {
			if n := seen[i].Load(); n != 1 {
				t.Fatalf("workers=%d: index %d called %d times", workers, i, n)
			}
		}
	}
	ForN(0, 4, func(int) { t.Fatal("called for n=0") })
}
