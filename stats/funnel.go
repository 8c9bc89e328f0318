package stats

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// FunnelStatistic is the kind of indicator a funnel plot shows.
type FunnelStatistic int

// Funnel statistics (PIM calculate_funnel_limits, METHODS.md §2.12).
const (
	// FunnelProportion: numerator x out of denominator n.
	FunnelProportion FunnelStatistic = iota
	// FunnelRatio: observed O over expected E (e.g. an SMR).
	FunnelRatio
	// FunnelRate: a crude or directly standardised rate.
	FunnelRate
)

// Funnel ratio and rate types.
const (
	FunnelRatioCount = "count" // ratio limits O/λ − 1
	FunnelRatioISR   = "isr"   // ratio limits 100·O/λ
	FunnelRateCrude  = "crude"
	FunnelRateDSR    = "dsr"
)

// Funnel significance labels (PIM assign_funnel_significance).
const (
	FunnelHigh001        = "High (0.001)"
	FunnelHigh025        = "High (0.025)"
	FunnelLow001         = "Low (0.001)"
	FunnelLow025         = "Low (0.025)"
	FunnelNotSignificant = "Not significant"
	FunnelDSRTooFew      = "Not applicable for events less than 10 for dsrs"
)

// funnelPoints is the number of points on the funnel axis.
const funnelPoints = 100

// funnel tail probabilities: 2σ ≈ 95 % (0.025 per tail), 3σ ≈ 99.8 % (0.001).
const (
	funnelP95  = 0.025
	funnelP998 = 0.001
)

// FunnelArea is one area of a funnel plot. Missing values are NaN.
type FunnelArea struct {
	// Numerator: x (proportions) or observed events O (ratios and rates).
	Numerator float64
	// Denominator: n (proportions), expected events E (ratios), or the
	// population (rates; only needed for crude rates with O = 0).
	Denominator float64
	// Rate is the area's rate per Multiplier (rates only).
	Rate float64
}

// FunnelOptions chooses the funnel statistic and its parameters.
type FunnelOptions struct {
	Statistic FunnelStatistic
	// Multiplier: proportions 1 (default) or 100; rates per 100,000 etc.
	// (required for rates); unused for ratios.
	Multiplier float64
	// RatioType is FunnelRatioCount (default) or FunnelRatioISR.
	RatioType string
	// RateType is FunnelRateCrude or FunnelRateDSR (required for rates).
	RateType string
	// YearsOfData divides the rate-funnel populations to per-year values
	// (0 means 1).
	YearsOfData float64
}

// FunnelBound is one control limit at one axis point: X is its position
// on the horizontal axis (population for proportions; expected events for
// ratios; population per year for rates) and Value the limit.
type FunnelBound struct {
	X, Value float64
}

// FunnelLimitPoint is one of the 100 points of the funnel.
type FunnelLimitPoint struct {
	// Axis is the population (proportions) or event count (ratios, rates).
	Axis float64
	// Baseline is the overall average (av·m; 0 for ratio type "count";
	// 100 for "isr").
	Baseline                             float64
	Lower95, Upper95, Lower998, Upper998 FunnelBound
}

// funnelPrep is validated input: derived denominators and the average.
type funnelPrep struct {
	opt   FunnelOptions
	m     float64
	years float64
	o, d  []float64 // numerators and derived denominators of usable areas
	av    float64   // ΣO/ΣD
}

func prepareFunnel(areas []FunnelArea, opt FunnelOptions) (*funnelPrep, error) {
	p := &funnelPrep{opt: opt, m: opt.Multiplier, years: opt.YearsOfData}
	if p.years == 0 {
		p.years = 1
	}
	if !(p.years > 0) {
		return nil, fmt.Errorf("stats: funnel years of data must be > 0, got %v", opt.YearsOfData)
	}
	switch opt.Statistic {
	case FunnelProportion:
		if p.m == 0 {
			p.m = 1
		}
	case FunnelRatio:
		if opt.RatioType == "" {
			p.opt.RatioType = FunnelRatioCount
		} else if opt.RatioType != FunnelRatioCount && opt.RatioType != FunnelRatioISR {
			return nil, fmt.Errorf("stats: funnel ratio type must be %q or %q, got %q", FunnelRatioCount, FunnelRatioISR, opt.RatioType)
		}
	case FunnelRate:
		if opt.RateType != FunnelRateCrude && opt.RateType != FunnelRateDSR {
			return nil, fmt.Errorf("stats: funnel rate type must be %q or %q, got %q", FunnelRateCrude, FunnelRateDSR, opt.RateType)
		}
		if !(p.m > 0) {
			return nil, fmt.Errorf("stats: funnel rates need a multiplier > 0, got %v", opt.Multiplier)
		}
	default:
		return nil, fmt.Errorf("stats: unknown funnel statistic %d", opt.Statistic)
	}
	for i, a := range areas {
		o, d := a.Numerator, a.Denominator
		if math.IsNaN(o) {
			continue
		}
		if o < 0 {
			return nil, fmt.Errorf("stats: funnel numerator must be ≥ 0, got %v in area %d", o, i+1)
		}
		switch opt.Statistic {
		case FunnelProportion:
			if math.IsNaN(d) {
				continue
			}
			if d <= 0 {
				return nil, fmt.Errorf("stats: funnel denominator must be > 0, got %v in area %d", d, i+1)
			}
			if o > d {
				return nil, fmt.Errorf("stats: funnel numerator %v exceeds denominator %v in area %d", o, d, i+1)
			}
		case FunnelRatio:
			if math.IsNaN(d) {
				continue
			}
			if d <= 0 {
				return nil, fmt.Errorf("stats: funnel expected count must be > 0, got %v in area %d", d, i+1)
			}
		case FunnelRate:
			r := a.Rate
			if r < 0 {
				return nil, fmt.Errorf("stats: funnel rate must be ≥ 0, got %v in area %d", r, i+1)
			}
			switch {
			case o == 0 && opt.RateType == FunnelRateDSR:
				continue // derived denominator is NA
			case o == 0:
				if math.IsNaN(d) || d <= 0 {
					return nil, fmt.Errorf("stats: funnel crude rate with 0 events needs a population > 0 in area %d", i+1)
				}
			case math.IsNaN(r) || r == 0:
				return nil, fmt.Errorf("stats: funnel rate must be > 0 when events > 0, got %v in area %d", r, i+1)
			default:
				d = p.m * o / r
			}
		}
		p.o = append(p.o, o)
		p.d = append(p.d, d)
	}
	if len(p.o) == 0 {
		return nil, errors.New("stats: funnel needs at least one area with numerator and denominator")
	}
	so, sd := 0.0, 0.0
	for i := range p.o {
		so += p.o[i]
		sd += p.d[i]
	}
	p.av = so / sd
	if opt.Statistic == FunnelProportion && (p.av <= 0 || p.av >= 1) {
		return nil, fmt.Errorf("stats: funnel average proportion must lie strictly between 0 and 1, got %v", p.av)
	}
	if opt.Statistic == FunnelRate && !(p.av > 0) {
		return nil, errors.New("stats: funnel average rate is 0")
	}
	return p, nil
}

// floorLeadingDigit rounds x > 0 down to its leading digit (1172 → 1000).
func floorLeadingDigit(x float64) float64 {
	if !(x > 0) {
		return 0
	}
	e := math.Pow(10, math.Floor(math.Log10(x)))
	return math.Floor(x/e) * e
}

// ceilTwoSig rounds x > 0 up to two significant digits (5703.6 → 5800).
func ceilTwoSig(x float64) float64 {
	if !(x > 0) {
		return 0
	}
	e := math.Pow(10, math.Floor(math.Log10(x))-1)
	return math.Ceil(x/e) * e
}

// axis returns the 100 axis points (§2.12).
func (p *funnelPrep) axis() []float64 {
	mn, mx := math.Inf(1), math.Inf(-1)
	for _, d := range p.d {
		d /= p.yearsIfRate()
		mn, mx = math.Min(mn, d), math.Max(mx, d)
	}
	lo := 0.0
	if mx <= 2*mn {
		lo = floorLeadingDigit(mn * 0.95)
	}
	hi := ceilTwoSig(mx * 1.05)
	if p.opt.Statistic == FunnelRate {
		lo = math.Floor(lo * p.years * p.av)
		hi = math.Ceil(hi * p.years * p.av)
	}
	pts := make([]float64, funnelPoints)
	pts[0] = math.Max(1, lo)
	for j := 2; j <= funnelPoints; j++ {
		k := j
		if p.opt.Statistic == FunnelRatio {
			k = j - 1
		}
		prev := pts[j-2]
		next := math.RoundToEven(math.Pow(hi/prev, 1/float64(101-k)) * prev)
		pts[j-1] = math.Max(next, prev+1)
	}
	return pts
}

func (p *funnelPrep) yearsIfRate() float64 {
	if p.opt.Statistic == FunnelRate {
		return p.years
	}
	return 1
}

// FunnelProportionLimit returns the proportion (× m, clamped to [0, 100])
// whose Wilson interval at population n has av as its bound: the lower
// funnel limit when lower is true, else the upper. tail is 0.025 (95 %) or
// 0.001 (99.8 %).
func FunnelProportionLimit(av, n, tail, m float64, lower bool) float64 {
	z := distuv.UnitNormal.Quantile(1 - tail)
	z2 := z * z
	a := av * (n/z2 + 1)
	b := math.Sqrt(math.Pow(8*av*(n/z2+1), 2) - 64*(1/z2+1/n)*av*(n*(av*(n/z2+2)-1)+z2*(av-1)))
	c := 1/z2 + 1/n
	v := a + b/8
	if lower {
		v = a - b/8
	}
	return math.Min(100, math.Max(0, v/c/n*m))
}

// FunnelPoissonExpected returns the expected count λ at which observed
// count o is on the funnel boundary: P(X ≤ o | λ) = tail when lower is
// true (λ above o, the lower ratio limit), P(X ≥ o | λ) = tail otherwise.
// It bisects on v ∈ (0, 1) with λ = (1 + o)·v/(1 − v), starting at v = ½
// with a step that halves until it is ≤ 1e-7.
func FunnelPoissonExpected(o, tail float64, lower bool) float64 {
	v, dv := 0.5, 0.5
	for dv > 1e-7 {
		dv /= 2
		lam := (1 + o) * v / (1 - v)
		pois := distuv.Poisson{Lambda: lam}
		if lower {
			// P(X ≤ o) falls as λ grows: too high → raise λ.
			if pois.CDF(o) > tail {
				v += dv
			} else {
				v -= dv
			}
		} else {
			// P(X ≥ o) rises with λ: too high → lower λ.
			if 1-pois.CDF(o-1) > tail {
				v -= dv
			} else {
				v += dv
			}
		}
	}
	return (1 + o) * v / (1 - v)
}

// FunnelLimits computes the 100-point funnel control limits (95 % and
// 99.8 %) around the overall average of the areas (PIM
// calculate_funnel_limits, METHODS.md §2.12).
func FunnelLimits(areas []FunnelArea, opt FunnelOptions) ([]FunnelLimitPoint, error) {
	p, err := prepareFunnel(areas, opt)
	if err != nil {
		return nil, err
	}
	pts := p.axis()
	out := make([]FunnelLimitPoint, len(pts))
	for i, x := range pts {
		fp := FunnelLimitPoint{Axis: x}
		switch opt.Statistic {
		case FunnelProportion:
			fp.Baseline = p.av * p.m
			b := func(tail float64, lower bool) FunnelBound {
				return FunnelBound{X: x, Value: FunnelProportionLimit(p.av, x, tail, p.m, lower)}
			}
			fp.Lower95, fp.Upper95 = b(funnelP95, true), b(funnelP95, false)
			fp.Lower998, fp.Upper998 = b(funnelP998, true), b(funnelP998, false)
		case FunnelRatio:
			isr := p.opt.RatioType == FunnelRatioISR
			if isr {
				fp.Baseline = 100
			}
			b := func(tail float64, lower bool) FunnelBound {
				lam := FunnelPoissonExpected(x, tail, lower)
				if isr {
					return FunnelBound{X: lam, Value: 100 * x / lam}
				}
				return FunnelBound{X: lam, Value: x/lam - 1}
			}
			fp.Lower95, fp.Upper95 = b(funnelP95, true), b(funnelP95, false)
			fp.Lower998, fp.Upper998 = b(funnelP998, true), b(funnelP998, false)
		case FunnelRate:
			fp.Baseline = p.av * p.m
			b := func(tail float64, lower bool) FunnelBound {
				pop := FunnelPoissonExpected(x, tail, lower) / p.av
				return FunnelBound{X: pop / p.years, Value: x / pop * p.m}
			}
			fp.Lower95, fp.Upper95 = b(funnelP95, true), b(funnelP95, false)
			fp.Lower998, fp.Upper998 = b(funnelP998, true), b(funnelP998, false)
		}
		out[i] = fp
	}
	return out, nil
}

// funnelLabel classifies a value against its 95 % and 99.8 % limits (or,
// for ratios and rates, a target against the area's own limits).
func funnelLabel(lo95, hi95, lo998, hi998, target float64) string {
	switch {
	case lo998 > target:
		return FunnelHigh001
	case lo95 > target:
		return FunnelHigh025
	case hi998 < target:
		return FunnelLow001
	case hi95 < target:
		return FunnelLow025
	}
	return FunnelNotSignificant
}

// FunnelSignificance labels each area against the funnel (PIM
// assign_funnel_significance): proportions compare x/n with the funnel
// limits at the area's own n; ratios compare the exact (O < 10) or Byars
// limits of O/E with 1; rates compare the same limits of O/D with the
// overall average (DSRs with O < 10 are not assessed). Areas with missing
// inputs get "".
func FunnelSignificance(areas []FunnelArea, opt FunnelOptions) ([]string, error) {
	p, err := prepareFunnel(areas, opt)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(areas))
	for i, a := range areas {
		o := a.Numerator
		if math.IsNaN(o) {
			continue
		}
		switch opt.Statistic {
		case FunnelProportion:
			n := a.Denominator
			if math.IsNaN(n) {
				continue
			}
			v := o / n
			lo95, hi95 := FunnelProportionLimit(p.av, n, funnelP95, 1, true), FunnelProportionLimit(p.av, n, funnelP95, 1, false)
			lo998, hi998 := FunnelProportionLimit(p.av, n, funnelP998, 1, true), FunnelProportionLimit(p.av, n, funnelP998, 1, false)
			switch {
			case v < lo998:
				out[i] = FunnelLow001
			case v < lo95:
				out[i] = FunnelLow025
			case v > hi998:
				out[i] = FunnelHigh001
			case v > hi95:
				out[i] = FunnelHigh025
			default:
				out[i] = FunnelNotSignificant
			}
		case FunnelRatio, FunnelRate:
			d, target := a.Denominator, 1.0
			if opt.Statistic == FunnelRate {
				target = p.av
				switch {
				case opt.RateType == FunnelRateDSR && o < 10:
					out[i] = FunnelDSRTooFew
					continue
				case o > 0:
					d = p.m * o / a.Rate
				}
			}
			if math.IsNaN(d) {
				continue
			}
			lo95, hi95, _, err := PoissonLimits(o, Level95)
			if err != nil {
				return nil, err
			}
			lo998, hi998, _, err := PoissonLimits(o, Level998)
			if err != nil {
				return nil, err
			}
			out[i] = funnelLabel(lo95/d, hi95/d, lo998/d, hi998/d, target)
		}
	}
	return out, nil
}

// FunnelPlotPoints returns each area's plotting position (PIM
// calculate_funnel_points): X is the denominator n (proportions), the
// expected count E (ratios) or the derived population m·O/rate per year
// (rates; the supplied population for crude rates with O = 0, NaN for DSRs
// with O = 0); Value is x/n·m, O/E − 1 ("count") or 100·O/E ("isr"), or
// the rate. Missing inputs give NaN.
func FunnelPlotPoints(areas []FunnelArea, opt FunnelOptions) ([]FunnelBound, error) {
	p, err := prepareFunnel(areas, opt)
	if err != nil {
		return nil, err
	}
	out := make([]FunnelBound, len(areas))
	for i, a := range areas {
		o, d := a.Numerator, a.Denominator
		fb := FunnelBound{X: math.NaN(), Value: math.NaN()}
		switch opt.Statistic {
		case FunnelProportion:
			fb = FunnelBound{X: d, Value: o / d * p.m}
		case FunnelRatio:
			fb.X = d
			if p.opt.RatioType == FunnelRatioISR {
				fb.Value = 100 * o / d
			} else {
				fb.Value = o/d - 1
			}
		case FunnelRate:
			fb.Value = a.Rate
			switch {
			case math.IsNaN(o):
			case o > 0:
				fb.X = p.m * o / a.Rate / p.years
			case opt.RateType == FunnelRateCrude:
				fb.X = d / p.years
			}
		}
		out[i] = fb
	}
	return out, nil
}
