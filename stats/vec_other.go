//go:build !amd64

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
