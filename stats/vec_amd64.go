//go:build !purego

package stats

import "math"

// useAVX selects the 4-lane AVX versions of divTo and sqrtDivTo; it is a
// variable so that the tests can check both versions give the same bits.
var useAVX = cpuHasAVX()

// divTo sets dst[i] = a[i] / b[i] for the 40 bands of two life tables, two
// (SSE2) or four (AVX) at a time (vec_amd64.s). Packed division is the same
// correctly rounded IEEE operation as scalar division, so the results are
// identical to the loop in vec_other.go. dst may be a or b.
func divTo(dst, a, b *le2) {
	if useAVX {
		divToAVX(dst, a, b)
	} else {
		divToSSE2(dst, a, b)
	}
}

// sqrtDivTo sets dst[i] = √(a[i] / b[i]) for the 40 bands (identical to
// math.Sqrt(a[i] / b[i])).
func sqrtDivTo(dst, a, b *le2) {
	if useAVX {
		sqrtDivToAVX(dst, a, b)
	} else {
		sqrtDivToSSE2(dst, a, b)
	}
}

func cpuHasAVX() bool

//go:noescape
func divToSSE2(dst, a, b *le2)

//go:noescape
func sqrtDivToSSE2(dst, a, b *le2)

//go:noescape
func divToAVX(dst, a, b *le2)

//go:noescape
func sqrtDivToAVX(dst, a, b *le2)

// divSlice sets dst[i] = a[i] / b[i] for every i < len(dst), four at a
// time with AVX when available (the same IEEE division), the rest one by
// one. a and b must be at least as long as dst; dst may be a or b.
func divSlice(dst, a, b []float64) {
	n := len(dst)
	a, b = a[:n], b[:n]
	i := 0
	if useAVX && n >= 4 {
		i = n &^ 3
		divSliceAVX(&dst[0], &a[0], &b[0], i)
	}
	for ; i < n; i++ {
		dst[i] = a[i] / b[i]
	}
}

// sqrtSlice sets dst[i] = √a[i] (math.Sqrt) for every i < len(dst).
func sqrtSlice(dst, a []float64) {
	n := len(dst)
	a = a[:n]
	i := 0
	if useAVX && n >= 4 {
		i = n &^ 3
		sqrtSliceAVX(&dst[0], &a[0], i)
	}
	for ; i < n; i++ {
		dst[i] = math.Sqrt(a[i])
	}
}

//go:noescape
func divSliceAVX(dst, a, b *float64, n int)

//go:noescape
func sqrtSliceAVX(dst, a *float64, n int)

//go:noescape
func byarsRows2AVX(x, n, value, f, lo0, up0, lo1, up1 *float64, k int, m, z0, z1 float64)

//go:noescape
func wilsonRows2AVX(x, n, value, lo0, up0, lo1, up1 *float64, k int, m, z0, z20, z1, z21 float64)

// lifeTable4AVX computes the life tables of four groups, one per AVX lane
// (vec_amd64.s): p, d, e, se, pops and deaths point to [20][4] arrays
// (band-major), scratch to 160 values. Only when useAVX.
//
//go:noescape
func lifeTable4AVX(p, d, e, se, pops, deaths, scratch *float64)
