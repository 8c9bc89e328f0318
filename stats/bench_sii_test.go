package stats

import (
	"math"
	"sync"
	"testing"
)

// Benchmark workload: 100,000 areas × 10 deciles, SII with 1,000 Monte Carlo
// repetitions. Each b.N iteration processes one area (cycling through the
// set) and the benchmarks report ns/group (group = area).
const (
	benchAreas     = 100000
	benchDeciles   = 10
	benchSIIRepeat = 1000
)

var (
	benchOnce sync.Once
	benchData [][]SIIQuantile
)

// benchSIIAreas builds the synthetic areas once: a life-expectancy-like
// gradient with area-specific noise and standard errors.
func benchSIIAreas() [][]SIIQuantile {
	benchOnce.Do(func() {
		benchData = make([][]SIIQuantile, benchAreas)
		rows := make([]SIIQuantile, benchAreas*benchDeciles)
		for a := range benchAreas {
			area := rows[a*benchDeciles : (a+1)*benchDeciles : (a+1)*benchDeciles]
			for q := range benchDeciles {
				h := float64((a*31+q*17)%97) / 97
				area[q] = SIIQuantile{
					Quantile:   q + 1,
					Population: 5000 + 3000*h,
					Value:      70 + 1.1*float64(q) + 2*(h-0.5),
					Count:      math.NaN(),
					SE:         0.5 + h,
					Lower:      math.NaN(),
					Upper:      math.NaN(),
				}
			}
			benchData[a] = area
		}
	})
	return benchData
}

func BenchmarkSII(b *testing.B) {
	areas := benchSIIAreas()
	opt := SIIOptions{Repetitions: benchSIIRepeat, Levels: []float64{0.95, 0.998}}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		opt.Seed = uint64(i)
		if _, err := SII(areas[i%benchAreas], opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/group")
}

// BenchmarkBaselineSII only reads the same inputs, to show the cost of
// touching the data alone.
func BenchmarkBaselineSII(b *testing.B) {
	areas := benchSIIAreas()
	sink := 0.0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, r := range areas[i%benchAreas] {
			sink += r.Population + r.Value + r.SE
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/group")
	if sink == 0 {
		b.Fatal("no data read")
	}
}
