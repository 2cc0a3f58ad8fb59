// Package parallel runs loops over indices on several goroutines, and
// work begun now on a goroutine of its own for its result later.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For runs f(0..n-1) on one goroutine per core.
func For(n int, f func(i int)) { ForN(n, runtime.GOMAXPROCS(0), f) }

// ForN runs f(0..n-1) on the given number of goroutines, handing out
// indices in increasing order; it returns when all calls have.
func ForN(n, workers int, f func(i int)) {
	ForWorkers(n, workers, func() func(int) { return f })
}

// ForWorkers is ForN for workers that keep state of their own, such as a
// buffer: start runs once on each worker and returns the function that
// worker calls for the indices it takes.
func ForWorkers(n, workers int, start func() func(i int)) {
	workers = max(1, min(workers, n))
	if n <= 0 {
		return
	}
	if workers == 1 {
		f := start()
		for i := range n {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	var next atomic.Int64 // the next index to hand out
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f := start()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}

// Later starts f on a goroutine of its own and returns what waits for its
// result, as often as asked: work begun while the caller does other.
func Later[T any](f func() T) func() T {
	done := make(chan T, 1)
	go func() { done <- f() }()
	return sync.OnceValue(func() T { return <-done })
}

// Later2 is Later for work with two results, such as a value and an error.
func Later2[T, U any](f func() (T, U)) func() (T, U) {
	type both struct {
		t T
		u U
	}
	wait := Later(func() both {
		t, u := f()
		return both{t, u}
	})
	return func() (T, U) {
		b := wait()
		return b.t, b.u
	}
}
