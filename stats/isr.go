package stats

import (
	"fmt"
	"math"
)

// ISRResult is an indirectly standardised ratio or rate with its observed
// and expected counts and, for rates, the reference rate (including the
// multiplier; NaN for ratios).
type ISRResult struct {
	Estimate
	Observed, Expected, RefRate float64
}

// ExpectedCount returns E = Σ nᵢ·Xᵢ/Nᵢ for local populations pop (nᵢ) and
// reference counts refCount (Xᵢ) and populations refPop (Nᵢ) in the same
// band order (METHODS.md §2.8). Missing nᵢ or Xᵢ count as 0; nᵢ = 0 is
// allowed. Errors: unequal lengths, no bands, nᵢ < 0, Xᵢ < 0, Nᵢ missing or
// ≤ 0.
func ExpectedCount(pop, refCount, refPop []float64) (float64, error) {
	if len(pop) == 0 {
		return math.NaN(), fmt.Errorf("stats: ISR needs at least one age band")
	}
	if len(refCount) != len(pop) || len(refPop) != len(pop) {
		return math.NaN(), fmt.Errorf("stats: ISR reference data have %d counts and %d populations for %d bands", len(refCount), len(refPop), len(pop))
	}
	e := 0.0
	for i, n := range pop {
		X, N := refCount[i], refPop[i]
		switch {
		case n < 0:
			return math.NaN(), fmt.Errorf("stats: ISR population in band %d must be ≥ 0, got %v", i+1, n)
		case X < 0:
			return math.NaN(), fmt.Errorf("stats: ISR reference count in band %d must be ≥ 0, got %v", i+1, X)
		case math.IsNaN(N) || N <= 0:
			return math.NaN(), fmt.Errorf("stats: ISR reference population in band %d must be > 0, got %v", i+1, N)
		case math.IsNaN(n) || math.IsNaN(X):
			continue
		}
		e += n * X / N
	}
	return e, nil
}

// ReferenceRate returns ΣXᵢ/ΣNᵢ × multiplier, the reference rate used by
// ISRate (missing Xᵢ count as 0).
func ReferenceRate(refCount, refPop []float64, multiplier float64) float64 {
	var sx, sn float64
	for i := range refCount {
		if !math.IsNaN(refCount[i]) {
			sx += refCount[i]
		}
	}
	for _, n := range refPop {
		sn += n
	}
	return sx / sn * multiplier
}

// sumCounts sums observed band counts, NaN as 0; negative is an error.
func sumCounts(count []float64) (float64, error) {
	o := 0.0
	for i, x := range count {
		if x < 0 {
			return math.NaN(), fmt.Errorf("stats: ISR count in band %d must be ≥ 0, got %v", i+1, x)
		}
		if !math.IsNaN(x) {
			o += x
		}
	}
	return o, nil
}

// indirect fills an ISRResult for observed o, expected e and scale factor f.
func indirect(o, e, f float64, stat string, levels []float64) (ISRResult, error) {
	lv, err := levelsOrNone(levels)
	if err != nil {
		return ISRResult{}, err
	}
	r := ISRResult{Estimate: Estimate{Value: math.NaN(), CIs: naIntervals(lv), Statistic: stat}, Observed: o, Expected: e, RefRate: math.NaN()}
	switch {
	case o < 0:
		return r, fmt.Errorf("stats: ISR observed count must be ≥ 0, got %v", o)
	case e < 0:
		return r, fmt.Errorf("stats: ISR expected count must be ≥ 0, got %v", e)
	case math.IsNaN(o) || math.IsNaN(e) || math.IsNaN(f):
		return r, nil
	}
	if o < 10 {
		r.Method = "Exact"
	} else {
		r.Method = "Byars"
	}
	r.Value = o / e * f
	for i := range r.CIs {
		c := r.CIs[i].Level
		if o < 10 {
			r.CIs[i].Lower, r.CIs[i].Upper = ExactLower(o, c)/e*f, ExactUpper(o, c)/e*f
		} else {
			r.CIs[i].Lower, r.CIs[i].Upper = ByarsLower(o, c)/e*f, ByarsUpper(o, c)/e*f
		}
	}
	return r, nil
}

// ISRatio computes the indirectly standardised ratio (SMR) O/E × refValue
// from an observed total o and an expected count e (see ExpectedCount),
// with exact (o < 10, "Exact") or Byars ("Byars") limits of o divided by e ×
// refValue (PIM calculate_ISRatio; refValue 1 or 100). Missing o or e give
// NaN results. Errors: o < 0, e < 0, refValue ≤ 0, bad levels.
func ISRatio(o, e, refValue float64, levels []float64) (ISRResult, error) {
	if !(refValue > 0) {
		return ISRResult{}, fmt.Errorf("stats: ISR refvalue must be > 0, got %v", refValue)
	}
	return indirect(o, e, refValue, "indirectly standardised ratio x "+fmtNum(refValue), levels)
}

// ISRate computes the indirectly standardised rate O/E × refRate where
// refRate = ΣX/ΣN × multiplier (see ReferenceRate), with limits as ISRatio
// (PIM calculate_ISRate). Errors: o < 0, e < 0, refRate missing or < 0,
// multiplier ≤ 0, bad levels.
func ISRate(o, e, refRate, multiplier float64, levels []float64) (ISRResult, error) {
	if !(multiplier > 0) {
		return ISRResult{}, fmt.Errorf("stats: ISR multiplier must be > 0, got %v", multiplier)
	}
	if !(refRate >= 0) {
		return ISRResult{}, fmt.Errorf("stats: ISR reference rate must be ≥ 0, got %v", refRate)
	}
	r, err := indirect(o, e, refRate, "indirectly standardised rate per "+fmtNum(multiplier), levels)
	r.RefRate = refRate
	return r, err
}

// ISRatioBands computes ISRatio from per-band observed counts (NaN as 0),
// local populations and reference counts and populations.
func ISRatioBands(count, pop, refCount, refPop []float64, refValue float64, levels []float64) (ISRResult, error) {
	if len(count) != len(pop) {
		return ISRResult{}, fmt.Errorf("stats: ISR has %d counts but %d populations", len(count), len(pop))
	}
	o, err := sumCounts(count)
	if err != nil {
		return ISRResult{}, err
	}
	e, err := ExpectedCount(pop, refCount, refPop)
	if err != nil {
		return ISRResult{}, err
	}
	return ISRatio(o, e, refValue, levels)
}

// ISRateBands computes ISRate from per-band observed counts (NaN as 0),
// local populations and reference counts and populations.
func ISRateBands(count, pop, refCount, refPop []float64, multiplier float64, levels []float64) (ISRResult, error) {
	if len(count) != len(pop) {
		return ISRResult{}, fmt.Errorf("stats: ISR has %d counts but %d populations", len(count), len(pop))
	}
	o, err := sumCounts(count)
	if err != nil {
		return ISRResult{}, err
	}
	e, err := ExpectedCount(pop, refCount, refPop)
	if err != nil {
		return ISRResult{}, err
	}
	return ISRate(o, e, ReferenceRate(refCount, refPop, multiplier), multiplier, levels)
}
