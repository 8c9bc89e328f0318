//go:build !amd64 || purego

package stats

import "math"

// divTo sets dst[i] = a[i] / b[i] for the 40 bands of two life tables.
func divTo(dst, a, b *le2) {
	for i := range dst {
		dst[i] = a[i] / b[i]
	}
}

// sqrtDivTo sets dst[i] = √(a[i] / b[i]) for the 40 bands.
func sqrtDivTo(dst, a, b *le2) {
	for i := range dst {
		dst[i] = math.Sqrt(a[i] / b[i])
	}
}

// divSlice sets dst[i] = a[i] / b[i] for every i < len(dst); a and b must
// be at least as long as dst; dst may be a or b.
func divSlice(dst, a, b []float64) {
	a, b = a[:len(dst)], b[:len(dst)]
	for i := range dst {
		dst[i] = a[i] / b[i]
	}
}

// sqrtSlice sets dst[i] = √a[i] for every i < len(dst).
func sqrtSlice(dst, a []float64) {
	a = a[:len(dst)]
	for i := range dst {
		dst[i] = math.Sqrt(a[i])
	}
}

// useAVX is false: the AVX kernels exist only on amd64.
const useAVX = false

func byarsRows2AVX(x, n, value, f, lo0, up0, lo1, up1 *float64, k int, m, z0, z1 float64) {
	panic("stats: no AVX kernels on this architecture")
}

func wilsonRows2AVX(x, n, value, lo0, up0, lo1, up1 *float64, k int, m, z0, z20, z1, z21 float64) {
	panic("stats: no AVX kernels on this architecture")
}

func lifeTable4AVX(p, d, e, se, pops, deaths, scratch *float64) {
	panic("stats: no AVX kernels on this architecture")
}
