//go:build !purego

package stats

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestVecKernelsBitIdentical checks the SSE2 and AVX versions of divTo and
// sqrtDivTo against scalar division and math.Sqrt, bit for bit, on random
// and special values, in place and not.
func TestVecKernelsBitIdentical(t *testing.T) {
	special := []float64{0, math.Copysign(0, -1), 1, -1, math.NaN(), math.Inf(1), math.Inf(-1),
		math.SmallestNonzeroFloat64, math.MaxFloat64, 1e-310, 3, 7, 0.1}
	r := rand.New(rand.NewPCG(5, 5))
	val := func() float64 {
		switch r.IntN(3) {
		case 0:
			return special[r.IntN(len(special))]
		case 1:
			return r.Float64() * 1e5
		}
		return math.Float64frombits(r.Uint64())
	}
	type kern struct {
		name string
		f    func(dst, a, b *le2)
		sqrt bool
	}
	kernels := []kern{{"divToSSE2", divToSSE2, false}, {"sqrtDivToSSE2", sqrtDivToSSE2, true}}
	if cpuHasAVX() {
		kernels = append(kernels, kern{"divToAVX", divToAVX, false}, kern{"sqrtDivToAVX", sqrtDivToAVX, true})
	} else {
		t.Log("no AVX: AVX kernels not tested")
	}
	for range 2000 {
		var a, b le2
		for i := range a {
			a[i], b[i] = val(), val()
		}
		for _, k := range kernels {
			var want, got le2
			for i := range want {
				want[i] = a[i] / b[i]
				if k.sqrt {
					want[i] = math.Sqrt(want[i])
				}
			}
			k.f(&got, &a, &b)
			inPlace := a
			k.f(&inPlace, &inPlace, &b)
			for i := range want {
				if !same(got[i], want[i]) || !same(inPlace[i], want[i]) {
					t.Fatalf("%s lane %d: %v / %v = %v (in place %v), want %v", k.name, i, a[i], b[i], got[i], inPlace[i], want[i])
				}
			}
		}
	}
}

// TestColumnsWithoutAVX repeats the batch-versus-per-group-versus-frozen
// comparisons with the AVX kernels switched off (SSE2 life tables, scalar
// rows) when the CPU has AVX, so that both paths are checked.
func TestColumnsWithoutAVX(t *testing.T) {
	if !useAVX {
		t.Skip("AVX kernels not in use on this CPU")
	}
	useAVX = false
	defer func() { useAVX = true }()
	TestLifeExpectancyColumnsSameAsLifeExpectancy(t)
	TestLifeExpectancyReference(t)
	TestProportionColumnsSameAsProportion(t)
	TestRateColumnsSameAsRate(t)
	TestProportionReference(t)
	TestRateReference(t)
}
