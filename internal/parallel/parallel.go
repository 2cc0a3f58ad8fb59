// Package parallel runs loops over indices on several goroutines.
package parallel

import (
	"runtime"
	"sync"
)

// For runs f(0..n-1) on one goroutine per core.
func For(n int, f func(i int)) { ForN(n, runtime.GOMAXPROCS(0), f) }

// ForN runs f(0..n-1) on the given number of goroutines, handing out
// indices in increasing order; it returns when all calls have.
func ForN(n, workers int, f func(i int)) {
	workers = max(1, min(workers, n))
	if workers == 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
