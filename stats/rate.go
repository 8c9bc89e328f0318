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
	switch {
	case math.IsNaN(multiplier):
		return e, fmt.Errorf("stats: rate multiplier is missing")
	case x < 0:
		return e, fmt.Errorf("stats: rate numerator must be ≥ 0, got %v", x)
	case n <= 0:
		return e, fmt.Errorf("stats: rate denominator must be > 0, got %v", n)
	}
	if math.IsNaN(x) {
		return e, nil
	}
	if x < 10 {
		e.Method = "Exact"
	} else {
		e.Method = "Byars"
	}
	if math.IsNaN(n) {
		return e, nil
	}
	e.Value = x / n * multiplier
	f := multiplier / n
	for i := range e.CIs {
		c := e.CIs[i].Level
		if x < 10 {
			e.CIs[i].Lower, e.CIs[i].Upper = ExactLower(x, c)*f, ExactUpper(x, c)*f
		} else {
			e.CIs[i].Lower, e.CIs[i].Upper = ByarsLower(x, c)*f, ByarsUpper(x, c)*f
		}
	}
	return e, nil
}
