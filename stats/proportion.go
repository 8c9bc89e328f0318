package stats

import (
	"fmt"
	"math"
	"strconv"
)

// Sum adds values as PIM aggregates grouped data: any NaN makes the sum NaN
// (a missing numerator or denominator in a group makes the group missing).
// Callers with grouped rows sum numerators and denominators per group with
// Sum and then call Proportion, Rate, etc. on the totals.
func Sum(values []float64) float64 {
	s := 0.0
	for _, v := range values {
		s += v
	}
	return s
}

// levelsOrNone applies CheckPIMLevels, except that a single NaN level means
// "no confidence limits" (PIM: confidence NA gives no limits).
func levelsOrNone(levels []float64) ([]float64, error) {
	if levels == nil {
		return defaultLevels, nil // read-only here: callers copy into Intervals
	}
	if len(levels) == 1 && math.IsNaN(levels[0]) {
		return []float64{}, nil
	}
	return CheckPIMLevels(levels)
}

// defaultLevels is DefaultLevels shared read-only inside the package.
var defaultLevels = DefaultLevels()

// commonNums caches the formatting of the usual multipliers.
var commonNums = map[float64]string{1: "1", 100: "100", 1000: "1000", 1e4: "10000", 1e5: "100000", 1e6: "1000000"}

func fmtNum(v float64) string {
	if s, ok := commonNums[v]; ok {
		return s
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// ProportionStatistic returns PIM's statistic label for a proportion with
// the given multiplier: "percentage" for 100, else "proportion of <m>".
func ProportionStatistic(multiplier float64) string {
	if multiplier == 100 {
		return "percentage"
	}
	return "proportion of " + fmtNum(multiplier)
}

// naIntervals returns intervals with NaN limits at each level.
func naIntervals(levels []float64) []Interval {
	out := make([]Interval, len(levels))
	for i, l := range levels {
		out[i] = Interval{Level: l, Lower: math.NaN(), Upper: math.NaN()}
	}
	return out
}

// Proportion computes x/n × multiplier with Wilson score limits × multiplier
// (PIM phe_proportion, METHODS.md §2.4). levels nil means 95 % and 99.8 %;
// one level, or exactly 95 and 99.8, are allowed; a single NaN level gives no
// limits. A missing (NaN) x or n gives a NaN value and NaN limits without an
// error. Errors: x < 0, n ≤ 0, x > n, multiplier NaN, bad levels.
func Proportion(x, n, multiplier float64, levels []float64) (Estimate, error) {
	lv, err := levelsOrNone(levels)
	if err != nil {
		return Estimate{}, err
	}
	e := Estimate{Value: math.NaN(), CIs: naIntervals(lv), Method: MethodWilson, Statistic: ProportionStatistic(multiplier)}
	if ok, err := proportionCheck(x, n, multiplier); !ok {
		return e, err
	}
	e.Value = x / n * multiplier
	for i := range e.CIs {
		lo, up := wilsonAt(x, n, wilsonLevelOf(e.CIs[i].Level))
		e.CIs[i].Lower, e.CIs[i].Upper = lo*multiplier, up*multiplier
	}
	return e, nil
}

// MethodWilson is the method label of a proportion.
const MethodWilson = "Wilson"

// proportionCheck validates the inputs of one proportion, in PIM's order.
// ok is false when there is an error or when x or n is missing (NaN), in
// which case the value and limits are NaN and err is nil.
func proportionCheck(x, n, multiplier float64) (ok bool, err error) {
	switch {
	case math.IsNaN(multiplier):
		return false, fmt.Errorf("stats: proportion multiplier is missing")
	case x < 0:
		return false, fmt.Errorf("stats: proportion numerator must be ≥ 0, got %v", x)
	case n <= 0:
		return false, fmt.Errorf("stats: proportion denominator must be > 0, got %v", n)
	case x > n:
		return false, fmt.Errorf("stats: proportion numerator %v exceeds denominator %v", x, n)
	case math.IsNaN(x) || math.IsNaN(n):
		return false, nil
	}
	return true, nil
}
