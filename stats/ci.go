package stats

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"gonum.org/v1/gonum/stat/distuv"
)

// Level95 and Level998 are the two confidence levels Fingertips publishes.
const (
	Level95  = 0.95
	Level998 = 0.998
)

// DefaultLevels returns the default confidence levels, 0.95 and 0.998, as a
// fresh slice the caller may modify.
func DefaultLevels() []float64 { return []float64{Level95, Level998} }

// Interval is a confidence interval at one level (a fraction, e.g. 0.95).
// Missing limits are NaN.
type Interval struct {
	Level, Lower, Upper float64
}

// Estimate is a point estimate with its confidence intervals (in the order of
// the levels requested), the confidence-interval method label (e.g. "Wilson",
// "Byars", "Exact") and the statistic label (e.g. "percentage",
// "rate per 100000"). A missing value is NaN.
type Estimate struct {
	Value     float64
	CIs       []Interval
	Method    string
	Statistic string
}

// CI returns the interval at the given level (a fraction or a percentage) and
// whether it is present.
func (e Estimate) CI(level float64) (Interval, bool) {
	l, err := ParseLevel(level)
	if err != nil {
		return Interval{}, false
	}
	for _, iv := range e.CIs {
		if math.Abs(iv.Level-l) < 1e-12 {
			return iv, true
		}
	}
	return Interval{}, false
}

// ParseLevel normalises a confidence level given as a fraction (0.9–1) or a
// percentage (90–100) to a fraction. Values ≥ 90 are divided by 100; anything
// else outside [0.9, 1] (including NaN) is an error.
func ParseLevel(c float64) (float64, error) {
	if math.IsNaN(c) {
		return math.NaN(), fmt.Errorf("stats: confidence level is missing (NaN)")
	}
	if c >= 90 {
		c /= 100
	}
	if c < 0.9 || c > 1 {
		return math.NaN(), fmt.Errorf("stats: confidence level %v out of range: give 0.9–1 or 90–100", c)
	}
	return c, nil
}

// ParseLevels parses a comma-separated list of confidence levels such as
// "95,99.8" or "0.95, 0.998" with ParseLevel. An empty string gives
// DefaultLevels. It does not apply the PIM two-level rule; see CheckPIMLevels.
func ParseLevels(s string) ([]float64, error) {
	if strings.TrimSpace(s) == "" {
		return DefaultLevels(), nil
	}
	parts := strings.Split(s, ",")
	out := make([]float64, 0, len(parts))
	for _, p := range parts {
		p = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(p), "%"))
		v, err := strconv.ParseFloat(p, 64)
		if err != nil {
			return nil, fmt.Errorf("stats: confidence level %q is not a number", p)
		}
		l, err := ParseLevel(v)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, nil
}

// CheckPIMLevels normalises levels with ParseLevel and applies the
// PHEindicatormethods rule for proportions, rates, DSRs and ISRs: one level,
// or exactly two levels which must be 95 % and 99.8 % (in that order). An
// empty slice gives DefaultLevels.
func CheckPIMLevels(levels []float64) ([]float64, error) {
	if len(levels) == 0 {
		return DefaultLevels(), nil
	}
	if len(levels) > 2 {
		return nil, fmt.Errorf("stats: at most two confidence levels are allowed, got %d", len(levels))
	}
	out := make([]float64, len(levels))
	for i, c := range levels {
		l, err := ParseLevel(c)
		if err != nil {
			return nil, err
		}
		out[i] = l
	}
	if len(out) == 2 && (math.Abs(out[0]-Level95) > 1e-12 || math.Abs(out[1]-Level998) > 1e-12) {
		return nil, fmt.Errorf("stats: two confidence levels must be 95 and 99.8, got %v and %v", out[0], out[1])
	}
	return out, nil
}

// parseLevels normalises every level with ParseLevel (any number allowed);
// nil or empty gives DefaultLevels.
func parseLevels(levels []float64) ([]float64, error) {
	if len(levels) == 0 {
		return DefaultLevels(), nil
	}
	out := make([]float64, len(levels))
	for i, c := range levels {
		l, err := ParseLevel(c)
		if err != nil {
			return nil, err
		}
		out[i] = l
	}
	return out, nil
}

// Z returns the two-sided standard normal quantile for confidence level c
// (a fraction): Φ⁻¹(c + (1−c)/2). Z(0.95) = 1.959963984540054. Z(1) is +Inf.
func Z(c float64) float64 {
	switch c {
	case Level95:
		return z95
	case Level998:
		return z998
	}
	return distuv.UnitNormal.Quantile(c + (1-c)/2)
}

// z95 and z998 cache Z for the two Fingertips levels (same computation).
var (
	z95  = distuv.UnitNormal.Quantile(Level95 + (1-Level95)/2)
	z998 = distuv.UnitNormal.Quantile(Level998 + (1-Level998)/2)
)

// ByarsLower returns Byars' approximate lower confidence limit for a Poisson
// count o ≥ 0 at level c (a fraction): o·(1 − 1/(9o) − z/(3√o))³. It returns
// NaN when the limit is negative or o = 0 (callers use ExactLimits when
// o < 10), and NaN for o < 0 or NaN inputs; use ByarsLimits for validation.
func ByarsLower(o, c float64) float64 {
	if !(o > 0) {
		return math.NaN()
	}
	return byarsLowerZ(o, Z(c))
}

// byarsLowerZ is ByarsLower for o > 0 given z = Z(c): the formula shared by
// the per-group and batch functions.
func byarsLowerZ(o, z float64) float64 {
	return byarsTermsOf(o).lower(z)
}

// byarsTerms holds the parts of Byars' formula for a count o that do not
// depend on the level: o, 1/(9o) and 3√o, so that limits at several levels
// compute them once.
type byarsTerms struct{ o, inv9, root3 float64 }

func byarsTermsOf(o float64) byarsTerms {
	return byarsTerms{o: o, inv9: 1 / (9 * o), root3: 3 * math.Sqrt(o)}
}

// lower is o·(1 − 1/(9o) − z/(3√o))³, or NaN when negative.
func (b byarsTerms) lower(z float64) float64 {
	t := 1 - b.inv9 - z/b.root3
	l := b.o * t * t * t
	if l < 0 {
		return math.NaN()
	}
	return l
}

// upper is o·(1 − 1/(9o) + z/(3√o))³; for Byars' upper limit of a count c,
// b holds the terms of o = c + 1.
func (b byarsTerms) upper(z float64) float64 {
	t := 1 - b.inv9 + z/b.root3
	return b.o * t * t * t
}

// ByarsUpper returns Byars' approximate upper confidence limit for a Poisson
// count o ≥ 0 at level c (a fraction): o'·(1 − 1/(9o') + z/(3√o'))³ with
// o' = o + 1. It returns NaN for o < 0 or NaN inputs.
func ByarsUpper(o, c float64) float64 {
	if !(o >= 0) {
		return math.NaN()
	}
	return byarsUpperZ(o, Z(c))
}

// byarsUpperZ is ByarsUpper for o ≥ 0 given z = Z(c).
func byarsUpperZ(o, z float64) float64 {
	return byarsTermsOf(o + 1).upper(z)
}

// ByarsLimits returns Byars' lower and upper limits for count o at level c
// (fraction or percentage). A negative or NaN o, or a bad level, is an error.
// The lower limit is NaN when it would be negative or o = 0.
func ByarsLimits(o, c float64) (lower, upper float64, err error) {
	if c, err = ParseLevel(c); err != nil {
		return math.NaN(), math.NaN(), err
	}
	if math.IsNaN(o) || o < 0 {
		return math.NaN(), math.NaN(), fmt.Errorf("stats: Byars limits need a count ≥ 0, got %v", o)
	}
	return ByarsLower(o, c), ByarsUpper(o, c), nil
}

// ExactLower returns the exact (χ²) Poisson lower limit for count o at level
// c (a fraction): ½·χ²⁻¹(α/2; 2o), 0 when o = 0, NaN for o < 0 or NaN.
func ExactLower(o, c float64) float64 {
	if math.IsNaN(o) || o < 0 {
		return math.NaN()
	}
	if o == 0 {
		return 0
	}
	return distuv.ChiSquared{K: 2 * o}.Quantile((1-c)/2) / 2
}

// ExactUpper returns the exact (χ²) Poisson upper limit for count o at level
// c (a fraction): ½·χ²⁻¹(1−α/2; 2o+2), NaN for o < 0 or NaN.
func ExactUpper(o, c float64) float64 {
	if math.IsNaN(o) || o < 0 {
		return math.NaN()
	}
	return distuv.ChiSquared{K: 2*o + 2}.Quantile(1-(1-c)/2) / 2
}

// exactTable caches ExactLower and ExactUpper of the whole counts 0–9 at the
// two Fingertips levels, the small counts crude rates meet most often.
var exactTable struct {
	once   sync.Once
	lo, up [2][10]float64
}

// exactLimits returns ExactLower(o, c) and ExactUpper(o, c), looked up in
// exactTable for a whole o in 0–9 at 95 % or 99.8 % (the same values).
func exactLimits(o, c float64) (lower, upper float64) {
	li := -1
	switch c {
	case Level95:
		li = 0
	case Level998:
		li = 1
	}
	if li < 0 || !(o >= 0 && o < 10) || o != math.Trunc(o) {
		return ExactLower(o, c), ExactUpper(o, c)
	}
	exactTable.once.Do(func() {
		for i, l := range [2]float64{Level95, Level998} {
			for k := range exactTable.lo[i] {
				exactTable.lo[i][k] = ExactLower(float64(k), l)
				exactTable.up[i][k] = ExactUpper(float64(k), l)
			}
		}
	})
	k := int(o)
	return exactTable.lo[li][k], exactTable.up[li][k]
}

// ExactLimits returns the exact Poisson limits for count o at level c
// (fraction or percentage). A negative or NaN o, or a bad level, is an error.
func ExactLimits(o, c float64) (lower, upper float64, err error) {
	if c, err = ParseLevel(c); err != nil {
		return math.NaN(), math.NaN(), err
	}
	if math.IsNaN(o) || o < 0 {
		return math.NaN(), math.NaN(), fmt.Errorf("stats: exact Poisson limits need a count ≥ 0, got %v", o)
	}
	return ExactLower(o, c), ExactUpper(o, c), nil
}

// PoissonLimits returns the limits Fingertips uses for a count: exact when
// o < 10, Byars otherwise, and the method label ("Exact" or "Byars").
func PoissonLimits(o, c float64) (lower, upper float64, method string, err error) {
	if o < 10 {
		lower, upper, err = ExactLimits(o, c)
		return lower, upper, "Exact", err
	}
	lower, upper, err = ByarsLimits(o, c)
	return lower, upper, "Byars", err
}

// wilson computes the Wilson score limits without validation; c is a
// fraction.
func wilson(x, n, c float64) (lower, upper float64) {
	return wilsonAt(x, n, wilsonLevelOf(c))
}

// wilsonLevel holds what the Wilson formula needs of a level: z, z² and
// whether the level is 100 % (limits 0 and 1).
type wilsonLevel struct {
	z, z2 float64
	all   bool
}

func wilsonLevelOf(c float64) wilsonLevel {
	if c == 1 {
		return wilsonLevel{all: true}
	}
	z := Z(c)
	return wilsonLevel{z: z, z2: z * z}
}

// wilsonAt is the Wilson score formula, shared by Proportion,
// ProportionColumns and WilsonLimits.
func wilsonAt(x, n float64, w wilsonLevel) (lower, upper float64) {
	if w.all {
		return 0, 1
	}
	// The float64 conversions keep the compiler from fusing a product
	// into the following addition (FMA on arm64 or GOAMD64=v3), so the
	// result is the same on every platform and equals the AVX kernel's.
	z, z2 := w.z, w.z2
	root := float64(z * math.Sqrt(z2+float64(4*x*(1-x/n))))
	den := 2 * (n + z2)
	return (float64(2*x) + z2 - root) / den, (float64(2*x) + z2 + root) / den
}

// WilsonLimits returns the Wilson score limits for proportion x/n at level c
// (fraction or percentage): (2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²)).
// x need not be an integer. Errors: x < 0, n ≤ 0, x > n, NaN inputs, bad
// level. At level 100 % the limits are 0 and 1.
func WilsonLimits(x, n, c float64) (lower, upper float64, err error) {
	if c, err = ParseLevel(c); err != nil {
		return math.NaN(), math.NaN(), err
	}
	switch {
	case math.IsNaN(x) || math.IsNaN(n):
		return math.NaN(), math.NaN(), fmt.Errorf("stats: Wilson limits need x and n, got x=%v n=%v", x, n)
	case x < 0:
		return math.NaN(), math.NaN(), fmt.Errorf("stats: Wilson limits need x ≥ 0, got %v", x)
	case n <= 0:
		return math.NaN(), math.NaN(), fmt.Errorf("stats: Wilson limits need n > 0, got %v", n)
	case x > n:
		return math.NaN(), math.NaN(), fmt.Errorf("stats: Wilson limits need x ≤ n, got x=%v > n=%v", x, n)
	}
	lower, upper = wilson(x, n, c)
	return lower, upper, nil
}
