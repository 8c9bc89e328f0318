package stats

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
