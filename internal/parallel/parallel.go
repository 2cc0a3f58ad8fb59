// Package parallel runs loops over indices on several goroutines.
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
