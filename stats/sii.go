package stats

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// SIIValueType says on which scale an SII input value is simulated (METHODS.md §2.11).
type SIIValueType int

// Value types of phe_sii.
const (
	// SIIAsIs (value_type 0) uses the value unchanged, e.g. life expectancy.
	SIIAsIs SIIValueType = 0
	// SIIRate (value_type 1) works on ln(value).
	SIIRate SIIValueType = 1
	// SIIProportion (value_type 2) works on logit(value); value must lie in (0, 1).
	SIIProportion SIIValueType = 2
)

// SII input limits and defaults.
const (
	SIIMinQuantiles         = 5      // fewest quantiles per area
	SIIMaxQuantiles         = 100    // most quantiles per area
	SIIDefaultRepetitions   = 100000 // PIM default number of simulations
	siiReliabilitySets      = 10
	siiZ95                  = 1.959964 // z PIM uses to turn 95 % limits into a standard error
	siiWarnQuantilesAbove   = 10
	siiDefaultMultiplierSII = 1
)

// SIIQuantile is one quantile (e.g. decile) row of one area for SII.
type SIIQuantile struct {
	// Quantile is the position 1…Q (1 = first in rank order).
	Quantile int
	// Population is the quantile's population (> 0).
	Population float64
	// Value is the indicator value. For SIIProportion it may be NaN when
	// Count is given; it is then Count/Population.
	Value float64
	// Count is the numerator for proportions (NaN when not used).
	Count float64
	// SE is the standard error on the transformed scale (as is, ln or
	// logit); NaN to derive it from Lower and Upper.
	SE float64
	// Lower and Upper are the 95 % confidence limits of Value (untransformed);
	// used when SE is NaN, and required when Transform is set.
	Lower, Upper float64
}

// SIIOptions controls SII. The zero value means value type 0, multiplier 1,
// no transform, 95 % limits, 100,000 repetitions, seed 0.
type SIIOptions struct {
	ValueType SIIValueType
	// Multiplier scales the SII (0 means 1). A negative multiplier inverts
	// the RII (and swaps the transformed limits).
	Multiplier float64
	// Transform fits the regression on the ln/logit scale and back-transforms
	// (value types 1 and 2 only; needs 95 % limits rather than SE).
	Transform bool
	// Levels are the confidence levels (fractions or percentages; any
	// number). Nil means 0.95.
	Levels []float64
	// Repetitions is the number of Monte Carlo draws (0 means 100,000;
	// negative means no confidence limits).
	Repetitions int
	// Seed seeds the PCG generator used for the simulation.
	Seed uint64
	// Reliability runs 9 extra simulation sets and reports the mean absolute
	// difference of their limits from the first set's.
	Reliability bool
}

// SIIReliability is the reliability statistic at one level: the mean
// absolute difference of simulation sets 2–10 from set 1 for each limit.
type SIIReliability struct {
	Level                                  float64
	SIILower, SIIUpper, RIILower, RIIUpper float64
}

// SIIResult is the SII and RII of one area.
type SIIResult struct {
	SII, RII float64
	// Intercept is β₀ (transform = false) or f(β₀)·|m| (transform = true).
	Intercept float64
	// SIILimits and RIILimits hold one interval per requested level.
	SIILimits, RIILimits []Interval
	// Reliability is filled when SIIOptions.Reliability is set.
	Reliability []SIIReliability
	// Warnings lists non-fatal issues (e.g. more than 10 quantiles).
	Warnings []string
}

// ErrSIIQuantiles reports an area whose quantiles are not exactly 1…Q with
// 5 ≤ Q ≤ 100 (PIM drops such areas with a warning).
var ErrSIIQuantiles = errors.New("stats: SII needs quantiles 1…Q with 5 ≤ Q ≤ 100, each once")

// siiPrepared holds the validated inputs of one area on the modelling scale.
type siiPrepared struct {
	a, b   []float64 // population shares and mid-point ranks
	value  []float64 // untransformed values
	tvalue []float64 // transformed values (ln / logit / as is)
	se     []float64 // standard errors on the transformed scale
	xbar   float64   // Σ a b
	sxx    float64   // Σ a (b − xbar)²
}

func siiLogit(p float64) float64 { return math.Log(p / (1 - p)) }
func siiExpit(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

func (t SIIValueType) forward(v float64) float64 {
	switch t {
	case SIIRate:
		return math.Log(v)
	case SIIProportion:
		return siiLogit(v)
	}
	return v
}

func (t SIIValueType) inverse(v float64) float64 {
	switch t {
	case SIIRate:
		return math.Exp(v)
	case SIIProportion:
		return siiExpit(v)
	}
	return v
}

// prepareSII validates one area and computes ranks and scales.
func prepareSII(rows []SIIQuantile, opt SIIOptions) (*siiPrepared, error) {
	q := len(rows)
	if q < SIIMinQuantiles || q > SIIMaxQuantiles {
		return nil, fmt.Errorf("%w: got %d quantiles", ErrSIIQuantiles, q)
	}
	if opt.ValueType < SIIAsIs || opt.ValueType > SIIProportion {
		return nil, fmt.Errorf("stats: SII value type must be 0, 1 or 2, got %d", opt.ValueType)
	}
	if opt.Transform && opt.ValueType == SIIAsIs {
		return nil, errors.New("stats: SII transform needs value type 1 (rate) or 2 (proportion)")
	}
	ord := make([]int, q) // ord[k] = index of the row with quantile k+1
	for i := range ord {
		ord[i] = -1
	}
	for i, r := range rows {
		if r.Quantile < 1 || r.Quantile > q || ord[r.Quantile-1] >= 0 {
			return nil, fmt.Errorf("%w: quantile %d is out of range or repeated", ErrSIIQuantiles, r.Quantile)
		}
		ord[r.Quantile-1] = i
	}
	p := &siiPrepared{
		a: make([]float64, q), b: make([]float64, q), value: make([]float64, q),
		tvalue: make([]float64, q), se: make([]float64, q),
	}
	total := 0.0
	for k, i := range ord {
		r := rows[i]
		if math.IsNaN(r.Population) || r.Population <= 0 {
			return nil, fmt.Errorf("stats: SII population must be > 0, got %v in quantile %d", r.Population, r.Quantile)
		}
		total += r.Population
		v := r.Value
		if opt.ValueType == SIIProportion && !math.IsNaN(r.Count) {
			if r.Count <= 0 {
				return nil, fmt.Errorf("stats: SII proportion count must be > 0, got %v in quantile %d", r.Count, r.Quantile)
			}
			v = r.Count / r.Population
		}
		if math.IsNaN(v) {
			return nil, fmt.Errorf("stats: SII value missing in quantile %d", r.Quantile)
		}
		switch {
		case opt.ValueType == SIIRate && v <= 0:
			return nil, fmt.Errorf("stats: SII rate must be > 0 for the log scale, got %v in quantile %d", v, r.Quantile)
		case opt.ValueType == SIIProportion && (v <= 0 || v >= 1):
			return nil, fmt.Errorf("stats: SII proportion must lie strictly between 0 and 1, got %v in quantile %d", v, r.Quantile)
		}
		p.value[k] = v
		p.tvalue[k] = opt.ValueType.forward(v)
		se := r.SE
		haveCL := !math.IsNaN(r.Lower) && !math.IsNaN(r.Upper)
		if opt.Transform && !haveCL {
			return nil, fmt.Errorf("stats: SII transform needs 95%% limits, missing in quantile %d", r.Quantile)
		}
		if math.IsNaN(se) || opt.Transform {
			if !haveCL {
				return nil, fmt.Errorf("stats: SII needs a standard error or 95%% limits, missing in quantile %d", r.Quantile)
			}
			if r.Lower > r.Upper {
				return nil, fmt.Errorf("stats: SII lower limit %v above upper limit %v in quantile %d", r.Lower, r.Upper, r.Quantile)
			}
			lo, hi := opt.ValueType.forward(r.Lower), opt.ValueType.forward(r.Upper)
			if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
				return nil, fmt.Errorf("stats: SII limits %v–%v cannot be transformed in quantile %d", r.Lower, r.Upper, r.Quantile)
			}
			se = (hi - lo) / (2 * siiZ95)
		}
		if math.IsNaN(se) || se < 0 {
			return nil, fmt.Errorf("stats: SII standard error must be ≥ 0, got %v in quantile %d", se, r.Quantile)
		}
		p.se[k] = se
	}
	cum := 0.0
	for k, i := range ord {
		a := rows[i].Population / total
		p.a[k] = a
		p.b[k] = cum + a/2
		cum += a
	}
	for k := range p.a {
		p.xbar += p.a[k] * p.b[k]
	}
	for k := range p.a {
		d := p.b[k] - p.xbar
		p.sxx += p.a[k] * d * d
	}
	return p, nil
}

// fit returns the weighted least-squares intercept and slope of y on the
// ranks (weights a, which sum to 1).
func (p *siiPrepared) fit(y []float64) (b0, b1 float64) {
	ybar, sxy := 0.0, 0.0
	for k, a := range p.a {
		ybar += a * y[k]
	}
	for k, a := range p.a {
		sxy += a * (p.b[k] - p.xbar) * (y[k] - ybar)
	}
	b1 = sxy / p.sxx
	return ybar - b1*p.xbar, b1
}

// SII computes the slope and relative index of inequality of one area by
// the PHE method (PIM phe_sii, METHODS.md §2.11): population-weighted least
// squares of the value on the cumulative mid-point rank, with Monte Carlo
// confidence limits.
func SII(rows []SIIQuantile, opt SIIOptions) (SIIResult, error) {
	p, err := prepareSII(rows, opt)
	if err != nil {
		return SIIResult{}, err
	}
	levels := []float64{0.95}
	if len(opt.Levels) > 0 {
		if levels, err = parseLevels(opt.Levels); err != nil {
			return SIIResult{}, err
		}
	}
	m := opt.Multiplier
	if m == 0 {
		m = siiDefaultMultiplierSII
	}
	if math.IsNaN(m) || math.IsInf(m, 0) {
		return SIIResult{}, fmt.Errorf("stats: SII multiplier must be finite, got %v", m)
	}
	reps := opt.Repetitions
	if reps == 0 {
		reps = SIIDefaultRepetitions
	}
	var res SIIResult
	if len(rows) > siiWarnQuantilesAbove {
		res.Warnings = append(res.Warnings, fmt.Sprintf("SII with %d quantiles: more than 10 is not recommended", len(rows)))
	}
	f := opt.ValueType.inverse
	var b0, b1 float64
	if opt.Transform {
		b0, b1 = p.fit(p.tvalue)
		res.SII = (f(b0+b1) - f(b0)) * m
		res.RII = f(b0+b1) / f(b0)
		res.Intercept = f(b0) * math.Abs(m)
	} else {
		b0, b1 = p.fit(p.value)
		res.SII = m * b1
		res.RII = (b0 + b1) / b0
		res.Intercept = b0
	}
	if m < 0 {
		res.RII = 1 / res.RII
	}
	if reps < 0 {
		return res, nil
	}
	sets := 1
	if opt.Reliability {
		sets = siiReliabilitySets
	}
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	sim := newSIISim(p, reps, levels)
	var first [][4]float64
	sumDiff := make([][4]float64, len(levels))
	for set := 0; set < sets; set++ {
		sim.run(rng, opt.ValueType, opt.Transform, m)
		lim := make([][4]float64, len(levels))
		for li, c := range levels {
			lim[li] = sim.limits(c, b0, b1, m, opt.Transform, f)
		}
		if set == 0 {
			first = lim
			for li, c := range levels {
				res.SIILimits = append(res.SIILimits, Interval{Level: c, Lower: lim[li][0], Upper: lim[li][1]})
				res.RIILimits = append(res.RIILimits, Interval{Level: c, Lower: lim[li][2], Upper: lim[li][3]})
			}
			continue
		}
		for li := range levels {
			for j := 0; j < 4; j++ {
				sumDiff[li][j] += math.Abs(lim[li][j] - first[li][j])
			}
		}
	}
	if opt.Reliability {
		n := float64(sets - 1)
		for li, c := range levels {
			d := sumDiff[li]
			res.Reliability = append(res.Reliability, SIIReliability{
				Level: c, SIILower: d[0] / n, SIIUpper: d[1] / n, RIILower: d[2] / n, RIIUpper: d[3] / n,
			})
		}
	}
	return res, nil
}

// siiSim holds the simulated slopes and RIIs of one simulation set.
type siiSim struct {
	p      *siiPrepared
	slopes []float64 // m·slope (transform = false) or raw slope (transform = true)
	riis   []float64
	y      []float64
	pos    []int // order-statistic positions needed (1-based)
	// slopeAt and riiAt hold the order statistics at pos after run.
	slopeAt, riiAt map[int]float64
}

func newSIISim(p *siiPrepared, reps int, levels []float64) *siiSim {
	return &siiSim{p: p, slopes: make([]float64, reps), riis: make([]float64, reps), y: make([]float64, len(p.a)),
		pos: siiPositions(reps, levels)}
}

// run draws every quantile's value from Normal(transformed value, se) and
// refits, then picks the order statistics of the simulated values.
func (s *siiSim) run(rng *rand.Rand, vt SIIValueType, transform bool, m float64) {
	p := s.p
	for r := range s.slopes {
		for k := range s.y {
			d := p.tvalue[k] + p.se[k]*rng.NormFloat64()
			if !transform {
				d = vt.inverse(d)
			}
			s.y[k] = d
		}
		b0, b1 := p.fit(s.y)
		if transform {
			s.slopes[r] = b1
			continue
		}
		s.slopes[r] = m * b1
		rii := (b0 + b1) / b0
		if m < 0 {
			rii = 1 / rii
		}
		s.riis[r] = rii
	}
	s.slopeAt = siiOrderStats(s.slopes, s.pos)
	if !transform {
		s.riiAt = siiOrderStats(s.riis, s.pos)
	}
}

// siiPositions returns the sorted, distinct 1-based order-statistic
// positions round(R·(1 − c′)) and round(R·c′) needed for the levels.
func siiPositions(reps int, levels []float64) []int {
	var pos []int
	for _, c := range levels {
		cc := c + (1-c)/2
		pos = append(pos, siiPos(reps, 1-cc), siiPos(reps, cc))
	}
	slices.Sort(pos)
	return slices.Compact(pos)
}

// siiPos is the 1-based position round(R·q) (R rounds half to even),
// clamped to 1…R.
func siiPos(n int, q float64) int {
	return max(1, min(n, int(math.RoundToEven(float64(n)*q))))
}

// siiOrderStats returns the order statistics of s at the given ascending
// 1-based positions, reordering s. It selects rather than sorts (the
// result is the same as indexing the sorted slice); with NaNs present it
// falls back to sorting.
func siiOrderStats(s []float64, pos []int) map[int]float64 {
	out := make(map[int]float64, len(pos))
	if slices.ContainsFunc(s, math.IsNaN) {
		slices.Sort(s)
		for _, p := range pos {
			out[p] = s[p-1]
		}
		return out
	}
	lo := 0
	for _, p := range pos {
		k := p - 1
		siiSelect(s[lo:], k-lo)
		out[p] = s[k]
		lo = k + 1
	}
	return out
}

// siiSelect reorders s so that s[k] is its k-th smallest element (0-based)
// with s[:k] ≤ s[k] ≤ s[k+1:] (quickselect, median-of-three pivot).
func siiSelect(s []float64, k int) {
	lo, hi := 0, len(s)-1
	for hi > lo {
		mid := lo + (hi-lo)/2
		if s[mid] < s[lo] {
			s[mid], s[lo] = s[lo], s[mid]
		}
		if s[hi] < s[lo] {
			s[hi], s[lo] = s[lo], s[hi]
		}
		if s[hi] < s[mid] {
			s[hi], s[mid] = s[mid], s[hi]
		}
		pivot := s[mid]
		i, j := lo, hi
		for i <= j {
			for s[i] < pivot {
				i++
			}
			for s[j] > pivot {
				j--
			}
			if i <= j {
				s[i], s[j] = s[j], s[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return
		}
	}
}

// limits returns SII lower, SII upper, RII lower and RII upper at level c.
func (s *siiSim) limits(c, b0, b1, m float64, transform bool, f func(float64) float64) [4]float64 {
	cc := c + (1-c)/2
	n := len(s.slopes)
	pl, pu := siiPos(n, 1-cc), siiPos(n, cc)
	lo, hi := s.slopeAt[pl], s.slopeAt[pu]
	if !transform {
		return [4]float64{lo, hi, s.riiAt[pl], s.riiAt[pu]}
	}
	h := b0 + b1/2
	siiAt := func(sl float64) float64 { return (f(h+sl/2) - f(h-sl/2)) * m }
	riiAt := func(sl float64) float64 { return f(h+sl/2) / f(h-sl/2) }
	out := [4]float64{siiAt(lo), siiAt(hi), riiAt(lo), riiAt(hi)}
	if m < 0 {
		out = [4]float64{out[1], out[0], 1 / out[3], 1 / out[2]}
	}
	return out
}
