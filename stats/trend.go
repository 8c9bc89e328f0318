package stats

import (
	"math"
)

// TrendPoints is the number of most recent points the recent-trend test
// uses (Fingertips: the last five).
const TrendPoints = 5

// Recent-trend labels (Fingertips wording).
const (
	TrendIncreasing   = "Increasing"
	TrendDecreasing   = "Decreasing"
	TrendNoChange     = "No significant change"
	TrendCannotCalc   = "Cannot be calculated"
	trendBetterSuffix = " and getting better"
	trendWorseSuffix  = " and getting worse"
)

// Trend methods.
const (
	TrendMethodChiSquare = "Chi-square test for linear trend"
	TrendMethodWeighted  = "Inverse-variance weighted regression"
)

// TrendResult is a recent-trend call. Direction is +1 (significant
// increase), −1 (significant decrease) or 0. Statistic is the chi-square
// (1 df) for proportions or the slope's z for the weighted regression; Slope
// is the fitted change per period (proportion per period for the
// chi-square test, value units per period for the regression).
type TrendResult struct {
	Label     string
	Direction int
	Statistic float64
	Slope     float64
	Method    string
}

// trendLabel builds the label for a direction under a polarity.
func trendLabel(dir int, p Polarity) string {
	var s string
	switch dir {
	case 0:
		return TrendNoChange
	case 1:
		s = TrendIncreasing
	default:
		s = TrendDecreasing
	}
	switch {
	case p == NoJudgement:
		return s
	case (dir > 0) == (p == HighIsGood):
		return s + trendBetterSuffix
	default:
		return s + trendWorseSuffix
	}
}

func cannot(method string) TrendResult {
	return TrendResult{Label: TrendCannotCalc, Statistic: math.NaN(), Slope: math.NaN(), Method: method}
}

// lastN returns the last n entries of s, or nil if s has fewer than n.
func lastN(s []float64, n int) []float64 {
	if len(s) < n {
		return nil
	}
	return s[len(s)-n:]
}

// TrendProportion is the recent trend of a proportion over the last
// TrendPoints points (chronological order, one per period): the
// chi-square test for linear trend in proportions (Cochran–Armitage) with
// period scores tᵢ = 1…5,
//
//	χ² = [Σxᵢtᵢ − p̄Σnᵢtᵢ]² / [p̄(1−p̄)(Σnᵢtᵢ² − (Σnᵢtᵢ)²/N)], p̄ = Σx/Σn, N = Σn,
//
// significant at 99.8 % when χ² > Z(0.998)² (1 df); the sign of the
// bracket gives the direction. "Cannot be calculated" with fewer than five
// points, any missing count or denominator, a denominator ≤ 0, a count < 0
// or > its denominator, or p̄ of 0 or 1.
func TrendProportion(counts, denominators []float64, p Polarity) TrendResult {
	x, n := lastN(counts, TrendPoints), lastN(denominators, TrendPoints)
	if x == nil || n == nil {
		return cannot(TrendMethodChiSquare)
	}
	var sx, sn, sxt, snt, sntt float64
	for i := range x {
		if math.IsNaN(x[i]) || math.IsNaN(n[i]) || n[i] <= 0 || x[i] < 0 || x[i] > n[i] {
			return cannot(TrendMethodChiSquare)
		}
		t := float64(i + 1)
		sx += x[i]
		sn += n[i]
		sxt += x[i] * t
		snt += n[i] * t
		sntt += n[i] * t * t
	}
	pb := sx / sn
	sxx := sntt - snt*snt/sn
	if pb <= 0 || pb >= 1 || sxx <= 0 {
		return cannot(TrendMethodChiSquare)
	}
	u := sxt - pb*snt
	chi := u * u / (pb * (1 - pb) * sxx)
	r := TrendResult{Statistic: chi, Slope: u / sxx, Method: TrendMethodChiSquare}
	zc := Z(Level998)
	if chi > zc*zc {
		r.Direction = 1
		if u < 0 {
			r.Direction = -1
		}
	}
	r.Label = trendLabel(r.Direction, p)
	return r
}

// TrendWeighted is the recent trend of any other value over the last
// TrendPoints points: an inverse-variance weighted least-squares regression
// of value on period (tᵢ = 1…5) with SEᵢ = (U95ᵢ − L95ᵢ)/(2·Z(0.95)) and
// weights 1/SEᵢ²; slope b = Σw(t−t̄)(y−ȳ)/Σw(t−t̄)², SE(b) = 1/√Σw(t−t̄)²
// (weighted means t̄, ȳ); significant at 99.8 % when |b/SE(b)| > Z(0.998).
// "Cannot be calculated" with fewer than five points, any missing value or
// limit, or a non-positive interval width.
func TrendWeighted(values, lower95, upper95 []float64, p Polarity) TrendResult {
	y, lo, up := lastN(values, TrendPoints), lastN(lower95, TrendPoints), lastN(upper95, TrendPoints)
	if y == nil || lo == nil || up == nil {
		return cannot(TrendMethodWeighted)
	}
	z95 := Z(Level95)
	var w [TrendPoints]float64
	var sw, swt, swy float64
	for i := range y {
		se := (up[i] - lo[i]) / (2 * z95)
		if math.IsNaN(y[i]) || !(se > 0) || math.IsInf(se, 0) {
			return cannot(TrendMethodWeighted)
		}
		w[i] = 1 / (se * se)
		t := float64(i + 1)
		sw += w[i]
		swt += w[i] * t
		swy += w[i] * y[i]
	}
	tb, yb := swt/sw, swy/sw
	var sxx, sxy float64
	for i := range y {
		dt := float64(i+1) - tb
		sxx += w[i] * dt * dt
		sxy += w[i] * dt * (y[i] - yb)
	}
	b := sxy / sxx
	zs := b * math.Sqrt(sxx)
	r := TrendResult{Statistic: zs, Slope: b, Method: TrendMethodWeighted}
	if math.Abs(zs) > Z(Level998) {
		r.Direction = 1
		if b < 0 {
			r.Direction = -1
		}
	}
	r.Label = trendLabel(r.Direction, p)
	return r
}

// TrendPoint is one period of an indicator for RecentTrend. Unused fields
// may be NaN.
type TrendPoint struct {
	Count, Denominator, Value, Lower95, Upper95 float64
}

// RecentTrend picks the Fingertips recent-trend test for the last
// TrendPoints points (chronological order): TrendProportion on counts and
// denominators when proportion is true, otherwise TrendWeighted on values
// and 95 % limits.
func RecentTrend(points []TrendPoint, proportion bool, p Polarity) TrendResult {
	n := len(points)
	x, d := make([]float64, n), make([]float64, n)
	v, lo, up := make([]float64, n), make([]float64, n), make([]float64, n)
	for i, pt := range points {
		x[i], d[i], v[i], lo[i], up[i] = pt.Count, pt.Denominator, pt.Value, pt.Lower95, pt.Upper95
	}
	if proportion {
		return TrendProportion(x, d, p)
	}
	return TrendWeighted(v, lo, up, p)
}
