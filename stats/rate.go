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
	e.Value = x / n * multiplier
	f := multiplier / n
	for i := range e.CIs {
		c := e.CIs[i].Level
		e.CIs[i].Lower, e.CIs[i].Upper = rateLimits(x, f, c, Z(c))
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
