package parallel

import (
	"sync/atomic"
	"testing"
	"time"
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

func TestForWorkersStartsEachWorkerOnce(t *testing.T) {
	var started atomic.Int32
	seen := make([]atomic.Int32, 500)
	ForWorkers(len(seen), 4, func() func(int) {
		started.Add(1)
		mine := 0 // state of this worker alone
		return func(i int) {
			mine++
			seen[i].Add(1)
		}
	})
	if n := started.Load(); n != 4 {
		t.Errorf("started %d workers, want 4", n)
	}
	for i := range seen {
		if n := seen[i].Load(); n != 1 {
			t.Fatalf("index %d called %d times", i, n)
		}
	}
}

// Later runs its work at once, before anyone waits, once however often
// its result is asked for.
func TestLaterStartsAtOnceAndRunsOnce(t *testing.T) {
	var calls atomic.Int32
	started := make(chan struct{})
	wait := Later2(func() (int, error) {
		calls.Add(1)
		close(started)
		return 42, nil
	})
	select {
	case <-started:
	case <-time.After(10 * time.Second):
		t.Fatal("the work had not started before its result was asked for")
	}
	for range 3 {
		if v, err := wait(); v != 42 || err != nil {
			t.Fatalf("got %d, %v; want 42, nil", v, err)
		}
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("the work ran %d times, want once", n)
	}
}
