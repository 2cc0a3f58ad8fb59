package enrich

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// BenchmarkEnrich2500 fetches 2,500 repositories from the fake API with
// eight requests at once, then again with every answer unchanged (304).
// Budgets: 30 s and 5 s (figures in bench/README.md).
func BenchmarkEnrich2500(b *testing.B) {
	f := newFakeGitHub(b, "")
	var addresses []string
	for i := range 2500 {
		n := fmt.Sprintf("bench/r%04d", i)
		f.repos[n] = &fakeRepo{stars: i, contributors: 10, commits: 100, license: "Apache-2.0", languages: map[string]int{"Go": 10, "C": 5}, release: "v1"}
		addresses = append(addresses, "https://github.com/"+n)
	}
	dir := site(b, addresses...)
	var waits []time.Duration
	for b.Loop() {
		for _, pass := range []string{"first", "unchanged"} {
			start := time.Now()
			res, err := Run(context.Background(), Options{Source: dir, Concurrency: 8, client: testClient(f, "", &waits), Now: fixedNow})
			if err != nil || res.Fetched != 2500 || len(res.Failed) > 0 {
				b.Fatalf("%v %+v", err, res)
			}
			b.ReportMetric(time.Since(start).Seconds(), pass+"-s")
		}
	}
}
