package stats

import (
	"math/rand/v2"
	"sync"
	"testing"
)

// pimBenchGroups is the number of groups every benchmark processes per
// iteration. Each Benchmark* has a BenchmarkBaseline* twin that only reads
// (sums) the same inputs, so cost ratios can be computed; both report
// ns/group.
const pimBenchGroups = 1_000_000

var pimBenchSink float64

type pimBenchData struct {
	x, n         []float64 // one count/denominator per group
	dsrX, dsrN   []float64 // 19 bands per group (ESP2013 weights)
	le           []LEBand  // 20 bands per group
	once, dsrOne sync.Once
	leOnce       sync.Once
}

var pimBD pimBenchData

// simple returns per-group counts and denominators (seeded, deterministic).
func pimBenchSimple() ([]float64, []float64) {
	pimBD.once.Do(func() {
		r := rand.New(rand.NewPCG(2026, 11))
		pimBD.x, pimBD.n = make([]float64, pimBenchGroups), make([]float64, pimBenchGroups)
		for i := range pimBD.x {
			pimBD.n[i] = float64(100 + r.IntN(100_000))
			pimBD.x[i] = float64(r.IntN(int(pimBD.n[i]) + 1))
		}
	})
	return pimBD.x, pimBD.n
}

func pimBenchDSRData() ([]float64, []float64) {
	pimBD.dsrOne.Do(func() {
		r := rand.New(rand.NewPCG(2026, 12))
		k := len(ESP2013)
		pimBD.dsrX, pimBD.dsrN = make([]float64, pimBenchGroups*k), make([]float64, pimBenchGroups*k)
		for i := range pimBD.dsrX {
			pimBD.dsrN[i] = float64(500 + r.IntN(20_000))
			pimBD.dsrX[i] = float64(r.IntN(50))
		}
	})
	return pimBD.dsrX, pimBD.dsrN
}

func pimBenchLEData() []LEBand {
	pimBD.leOnce.Do(func() {
		r := rand.New(rand.NewPCG(2026, 13))
		k := len(LEStartAges)
		pimBD.le = make([]LEBand, pimBenchGroups*k)
		for g := 0; g < pimBenchGroups; g++ {
			for j, a := range LEStartAges {
				pop := float64(500 + r.IntN(10_000))
				// Death rates rising with age, always ≥ 1 death.
				rate := 0.0005 + 0.002*float64(j*j)/20
				pimBD.le[g*k+j] = LEBand{StartAge: a, Pop: pop, Deaths: 1 + float64(r.IntN(int(pop*rate)+1))}
			}
		}
	})
	return pimBD.le
}

// pimBenchChunk is how many groups the batch benchmarks pass per call, as a
// streaming caller would: the outputs of one chunk stay in cache.
const pimBenchChunk = 4096

func pimReportPerGroup(b *testing.B) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/pimBenchGroups, "ns/group")
}

func BenchmarkPerGroupProportion(b *testing.B) {
	x, n := pimBenchSimple()
	b.ResetTimer()
	for it := 0; it < b.N; it++ {
		for i := range x {
			e, err := Proportion(x[i], n[i], 100, nil)
			if err != nil {
				b.Fatal(err)
			}
			pimBenchSink += e.Value
		}
	}
	pimReportPerGroup(b)
}

func BenchmarkBaselineProportion(b *testing.B) {
	x, n := pimBenchSimple()
	b.ResetTimer()
	for it := 0; it < b.N; it++ {
		for i := range x {
			pimBenchSink += x[i] + n[i]
		}
	}
	pimReportPerGroup(b)
}

func BenchmarkPerGroupRate(b *testing.B) {
	x, n := pimBenchSimple()
	b.ResetTimer()
	for it := 0; it < b.N; it++ {
		for i := range x {
			e, err := Rate(x[i], n[i], 1e5, nil)
			if err != nil {
				b.Fatal(err)
			}
			pimBenchSink += e.Value
		}
	}
	pimReportPerGroup(b)
}

func BenchmarkBaselineRate(b *testing.B) {
	x, n := pimBenchSimple()
	b.ResetTimer()
	for it := 0; it < b.N; it++ {
		for i := range x {
			pimBenchSink += x[i] + n[i]
		}
	}
	pimReportPerGroup(b)
}

func BenchmarkDSR(b *testing.B) {
	x, n := pimBenchDSRData()
	k := len(ESP2013)
	b.ResetTimer()
	for it := 0; it < b.N; it++ {
		for g := 0; g < pimBenchGroups; g++ {
			r, err := DSR(x[g*k:(g+1)*k], n[g*k:(g+1)*k], ESP2013, 1e5, nil)
			if err != nil {
				b.Fatal(err)
			}
			pimBenchSink += r.Value
		}
	}
	pimReportPerGroup(b)
}

func BenchmarkBaselineDSR(b *testing.B) {
	x, n := pimBenchDSRData()
	k := len(ESP2013)
	b.ResetTimer()
	for it := 0; it < b.N; it++ {
		for g := 0; g < pimBenchGroups; g++ {
			for j := g * k; j < (g+1)*k; j++ {
				pimBenchSink += x[j] + n[j] + ESP2013[j-g*k]
			}
		}
	}
	pimReportPerGroup(b)
}

func BenchmarkPerGroupLifeExpectancy(b *testing.B) {
	le := pimBenchLEData()
	k := len(LEStartAges)
	b.ResetTimer()
	for it := 0; it < b.N; it++ {
		for g := 0; g < pimBenchGroups; g++ {
			r, err := LifeExpectancy(le[g*k:(g+1)*k], nil)
			if err != nil || r.Suppressed {
				b.Fatal(err, r.Warning)
			}
			pimBenchSink += r.Rows[0].Value
		}
	}
	pimReportPerGroup(b)
}

func BenchmarkBaselineLifeExpectancy(b *testing.B) {
	le := pimBenchLEData()
	k := len(LEStartAges)
	b.ResetTimer()
	for it := 0; it < b.N; it++ {
		for g := 0; g < pimBenchGroups; g++ {
			for _, x := range le[g*k : (g+1)*k] {
				pimBenchSink += x.StartAge + x.Pop + x.Deaths
			}
		}
	}
	pimReportPerGroup(b)
}

// The batch benchmarks below are the ones bench/stats.sh reports: the
// columnar API computes everything the per-group API does (value, 95 % and
// 99.8 % limits, method label) for every group, reading every input once,
// like its Baseline twin.

func BenchmarkProportion(b *testing.B) {
	x, n := pimBenchSimple()
	var out Columns
	b.ReportAllocs()
	b.ResetTimer()
	for it := 0; it < b.N; it++ {
		for i := 0; i < len(x); i += pimBenchChunk {
			j := min(i+pimBenchChunk, len(x))
			if err := ProportionColumns(x[i:j], n[i:j], 100, nil, &out); err != nil {
				b.Fatal(err)
			}
			pimBenchSink += out.Value[0] + out.Upper[1][j-i-1]
		}
	}
	pimReportPerGroup(b)
}

func BenchmarkRate(b *testing.B) {
	x, n := pimBenchSimple()
	var out Columns
	b.ReportAllocs()
	b.ResetTimer()
	for it := 0; it < b.N; it++ {
		for i := 0; i < len(x); i += pimBenchChunk {
			j := min(i+pimBenchChunk, len(x))
			if err := RateColumns(x[i:j], n[i:j], 1e5, nil, &out); err != nil {
				b.Fatal(err)
			}
			pimBenchSink += out.Value[0] + out.Upper[1][j-i-1]
		}
	}
	pimReportPerGroup(b)
}

func BenchmarkLifeExpectancy(b *testing.B) {
	le := pimBenchLEData()
	k := len(LEStartAges)
	var out LEColumns
	chunk := pimBenchChunk / 16 * k // whole groups
	b.ReportAllocs()
	b.ResetTimer()
	for it := 0; it < b.N; it++ {
		for i := 0; i < len(le); i += chunk {
			j := min(i+chunk, len(le))
			if err := LifeExpectancyColumns(le[i:j], nil, nil, &out); err != nil {
				b.Fatal(err)
			}
			if out.Suppressed[0] {
				b.Fatal(out.Warning[0])
			}
			pimBenchSink += out.Value[0] + out.Upper[1][j-i-1]
		}
	}
	pimReportPerGroup(b)
}
