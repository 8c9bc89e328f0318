package stats

import (
	"fmt"
	"math"
)

// RateStatistic returns PIM's statistic label for a rate, "rate per <m>".
func RateStatistic(multiplier float64) string {
	if multiplier == 1e5 {
		return "rate per 100000"
	}
	return "rate per " + fmtNum(multiplier)
}

// Rate computes the crude rate x/n × multiplier (PIM phe_rate, METHODS.md
// §2.5; Fingertips uses multiplier 100,000). Limits are exact Poisson limits
// of x (method "Exact") when x < 10, Byars limits otherwise ("Byars"),
// divided by n and multiplied by the multiplier. x > n is allowed. levels as
// for Proportion. A missing x gives NaN value, limits and an empty method; a
// missing n gives NaN value and limits. Errors: x < 0, n ≤ 0, bad levels.
func Rate(x, n, multiplier float64, levels []float64) (Estimate, error) {
	lv, err := levelsOrNone(levels)
	if err != nil {
		return Estimate{}, err
	}
	e := Estimate{Value: math.NaN(), CIs: naIntervals(lv), Statistic: RateStatistic(multiplier)}
	st, err := rateCheck(x, n, multiplier)
	if st == rateInvalid || st == rateNoCount {
		return e, err
	}
	e.Method = rateMethod(x)
	if st == rateNoPop {
		return e, nil
	}
	var x1, n1, v1 [1]float64
	var m1 [1]string
	var lo, up [2][1]float64
	var zs [2]float64
	lower, upper := [2][]float64{lo[0][:], lo[1][:]}, [2][]float64{up[0][:], up[1][:]}
	for j, c := range lv {
		zs[j] = Z(c)
	}
	var buf [rowArrays]float64
	x1[0], n1[0] = x, n
	rateRows(x1[:], n1[:], multiplier, lv, zs[:len(lv)], v1[:], lower[:len(lv)], upper[:len(lv)], m1[:], carveRows(buf[:], 1))
	e.Value = v1[0]
	for j := range e.CIs {
		e.CIs[j].Lower, e.CIs[j].Upper = lo[j][0], up[j][0]
	}
	return e, nil
}

// Crude-rate method labels: exact Poisson limits below 10 events, Byars'
// approximation otherwise.
const (
	MethodExact = "Exact"
	MethodByars = "Byars"
)

// rateMethod is the method label for a rate with numerator x (not NaN).
func rateMethod(x float64) string {
	if x < 10 {
		return MethodExact
	}
	return MethodByars
}

// rateState says what rateCheck found.
type rateState uint8

const (
	rateOK      rateState = iota
	rateInvalid           // an error
	rateNoCount           // x missing: no value, limits or method
	rateNoPop             // n missing: method, but no value or limits
)

// rateCheck validates the inputs of one crude rate, in PIM's order.
func rateCheck(x, n, multiplier float64) (rateState, error) {
	switch {
	case math.IsNaN(multiplier):
		return rateInvalid, fmt.Errorf("stats: rate multiplier is missing")
	case x < 0:
		return rateInvalid, fmt.Errorf("stats: rate numerator must be ≥ 0, got %v", x)
	case n <= 0:
		return rateInvalid, fmt.Errorf("stats: rate denominator must be > 0, got %v", n)
	case math.IsNaN(x):
		return rateNoCount, nil
	case math.IsNaN(n):
		return rateNoPop, nil
	}
	return rateOK, nil
}

// rateLimits returns the limits of a crude rate with numerator x ≥ 0 at
// level c (z = Z(c)), f = multiplier/n: exact Poisson limits of x below 10,
// Byars otherwise, times f. Shared by Rate and RateColumns.
func rateLimits(x, f, c, z float64) (lower, upper float64) {
	if x < 10 {
		lo, up := exactLimits(x, c)
		return lo * f, up * f
	}
	return byarsLowerZ(x, z) * f, byarsUpperZ(x, z) * f
}

// rowBlock is the most rows rateRows and wilsonRows take in one call; their
// scratch space holds rowArrays columns of that many values.
const (
	rowBlock  = 256
	rowArrays = 8
)

// rowSpace is the scratch space of rateRows and wilsonRows: rowArrays
// columns of equal length.
type rowSpace [rowArrays][]float64

// carveRows returns a rowSpace of columns of length k carved from buf, which
// must hold rowArrays·k values.
func carveRows(buf []float64, k int) *rowSpace {
	var s rowSpace
	for i := range s {
		s[i] = buf[i*k : (i+1)*k : (i+1)*k]
	}
	return &s
}

// rateRows computes crude rates for rows that passed rateCheck with rateOK
// (x ≥ 0, n > 0, neither missing): value x/n × m and, at levels lv with
// z-values zs, limits into lower[j] and upper[j] and the method label. It
// is the kernel of Rate (one row) and RateColumns (up to rowBlock rows at
// a time). s must have columns of len(x) values.
//
// The formulas are those of rateLimits, byarsTerms and exactLimits, taken
// column by column so that the divisions and square roots run four rows at
// a time (divSlice, sqrtSlice; the same IEEE operations in the same order,
// so the same bits): value = x/n·m; f = m/n; Byars lower
// x(1 − 1/(9x) − z/(3√x))³·f (NaN when negative) and upper
// x'(1 − 1/(9x') + z/(3√x'))³·f with x' = x + 1; rows with x < 10 are then
// given exact Poisson limits × f.
func rateRows(x, n []float64, m float64, lv, zs []float64, value []float64, lower, upper [][]float64, method []string, s *rowSpace) {
	k := len(x)
	if useAVX && len(zs) == 2 && k >= 4 {
		// Two levels: the whole Byars computation four rows at a time
		// (byarsRows2AVX, the same operations in the same order), then
		// the labels and exact limits below 10 as in the loop at the end.
		k4 := k &^ 3
		f := s[0][:k4]
		lo0, up0, lo1, up1 := lower[0][:k4], upper[0][:k4], lower[1][:k4], upper[1][:k4]
		byarsRows2AVX(&x[0], &n[0], &value[0], &f[0], &lo0[0], &up0[0], &lo1[0], &up1[0], k4, m, zs[0], zs[1])
		for i, xi := range x[:k4] {
			method[i] = rateMethod(xi)
			if xi < 10 {
				lo0[i], up0[i] = rateLimits(xi, f[i], lv[0], zs[0])
				lo1[i], up1[i] = rateLimits(xi, f[i], lv[1], zs[1])
			}
		}
		if k4 == k {
			return
		}
		tl := [2][]float64{lower[0][k4:], lower[1][k4:]}
		tu := [2][]float64{upper[0][k4:], upper[1][k4:]}
		x, n, value, method, lower, upper = x[k4:], n[k4:k], value[k4:k], method[k4:k], tl[:], tu[:]
		k -= k4
	}
	n, value, method = n[:k], value[:k], method[:k]
	f, a, ix, rx, p, ip, rp, t := s[0][:k], s[1][:k], s[2][:k], s[3][:k], s[4][:k], s[5][:k], s[6][:k], s[7][:k]
	divSlice(value, x, n)
	for i := range value {
		value[i] *= m
		a[i] = m
	}
	divSlice(f, a, n) // m/n
	for i, xi := range x {
		a[i], ix[i] = 1, 9*xi
		p[i] = xi + 1
		ip[i] = 9 * p[i]
	}
	divSlice(ix, a, ix) // 1/(9x)
	divSlice(ip, a, ip) // 1/(9x')
	sqrtSlice(rx, x)
	sqrtSlice(rp, p)
	for i := range rx {
		rx[i], rp[i] = 3*rx[i], 3*rp[i]
	}
	nan := math.NaN()
	for j, z := range zs {
		lo, up := lower[j][:k], upper[j][:k]
		for i := range a {
			a[i] = z
		}
		divSlice(t, a, rx) // z/(3√x)
		for i, xi := range x {
			u := 1 - ix[i] - t[i]
			l := xi * u * u * u
			if l < 0 {
				l = nan
			}
			lo[i] = l * f[i]
		}
		divSlice(t, a, rp) // z/(3√x')
		for i := range up {
			u := 1 - ip[i] + t[i]
			up[i] = p[i] * u * u * u * f[i]
		}
	}
	for i, xi := range x {
		method[i] = rateMethod(xi)
		if xi < 10 {
			for j, c := range lv {
				lower[j][i], upper[j][i] = rateLimits(xi, f[i], c, zs[j])
			}
		}
	}
}
