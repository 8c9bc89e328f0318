package stats

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// HEATSubgroup is one population subgroup of a WHO HEAT inequality dimension
// (METHODS.md §3). Missing values are NaN.
type HEATSubgroup struct {
	// Name labels the subgroup (used only in messages).
	Name string
	// Order is the subgroup_order of an ordered dimension: 1 = most
	// disadvantaged, highest = most advantaged. Ignored for non-ordered
	// dimensions.
	Order int
	// Estimate is the indicator value on its scale (e.g. a percentage).
	Estimate float64
	// SE is the standard error of Estimate (on the same scale).
	SE float64
	// Population is the subgroup's population (weights are Pⱼ/ΣP).
	Population float64
	// Reference marks the reference subgroup (MDRU, MDRW, and D/R for
	// non-ordered dimensions; PAF/PAR under the HEAT convention).
	Reference bool
}

// HEATConvention chooses between the healthequal (HEQ, default) and
// HEAT-Measures (HM) conventions where they differ (METHODS.md §3.5).
type HEATConvention int

const (
	// HEATHealthequal follows healthequal 1.0.1 (the default).
	HEATHealthequal HEATConvention = iota
	// HEATMeasures follows heatmeasures (HEAT / HEAT Plus 6): the mean is the
	// weighted mean when every population is present, otherwise the setting
	// average, for every measure; simulations keep the observed mean fixed;
	// PAF/PAR honour an explicit reference subgroup.
	HEATMeasures
)

// HEATOptions are the inputs shared by all HEAT measures. The zero value
// means: non-ordered, adverse indicator, scale chosen from the largest
// estimate, no setting average, 95 %, 100 simulations with seed 0,
// logistic SII/RII, healthequal conventions.
type HEATOptions struct {
	// Ordered says the dimension is ordered (wealth, education, ...).
	Ordered bool
	// Favourable is true for indicators where higher is better (coverage);
	// false for adverse ones (mortality).
	Favourable bool
	// Scale is the indicator scale (1, 100, 1000, ...); 0 chooses it from
	// the largest estimate as healthequal does (≤1 → 1, ≤100 → 100, ...).
	Scale float64
	// SettingAverage is the published national/setting average; NaN or 0
	// means none.
	SettingAverage float64
	// Level is the confidence level (fraction or percentage); 0 means 0.95.
	Level float64
	// Z overrides the normal quantile for analytic CIs (e.g. 1.96 exactly,
	// which the healthequal PAF/PAR test values used); 0 means Z(Level).
	Z float64
	// Sims is the number of simulations for simulation CIs; 0 means 100,
	// negative means none (CIs NaN).
	Sims int
	// Seed seeds the PCG generator of the simulation CIs.
	Seed uint64
	// LinearSII fits SII/RII by population-weighted least squares instead
	// of the default double-weighted logistic regression.
	LinearSII bool
	// Convention selects healthequal (default) or heatmeasures rules.
	Convention HEATConvention
}

// HEATResult is one summary measure with its confidence interval.
type HEATResult struct {
	// Measure is the measure's code, e.g. "SII".
	Measure string
	// Estimate is the point estimate; SE its standard error on the scale
	// stated in the measure's documentation (for R and RII, of the log;
	// for SII, on the 0–1 scale; for MLD and TI, unscaled). SE is NaN for
	// simulation-CI measures.
	Estimate, SE float64
	// Lower and Upper are the confidence limits at Level; NaN when they
	// cannot be computed (e.g. missing standard errors).
	Lower, Upper, Level float64
	// CIMethod is "analytic" or "simulation".
	CIMethod string
}

// ErrNotApplicable is matched (errors.Is) by every NotApplicableError.
var ErrNotApplicable = errors.New("stats: HEAT measure not applicable")

// NotApplicableError says why a HEAT measure cannot be computed for the
// given subgroups (the applicability rules of METHODS.md §3.1).
type NotApplicableError struct {
	Measure, Reason string
}

func (e *NotApplicableError) Error() string {
	return fmt.Sprintf("stats: HEAT %s not applicable: %s", e.Measure, e.Reason)
}

// Is reports whether target is ErrNotApplicable.
func (e *NotApplicableError) Is(target error) bool { return target == ErrNotApplicable }

func heatNA(measure, format string, a ...any) error {
	return &NotApplicableError{Measure: measure, Reason: fmt.Sprintf(format, a...)}
}

// heatMeasureInfo records the §3.1 applicability table.
type heatMeasureInfo struct {
	ordered, nonOrdered bool // dimensions it applies to
	weighted            bool // needs populations
	needsMean           bool
	simulation          bool // CI by simulation
}

var heatMeasures = map[string]heatMeasureInfo{
	"D":     {ordered: true, nonOrdered: true},
	"R":     {ordered: true, nonOrdered: true},
	"PAF":   {ordered: true, nonOrdered: true, weighted: true, needsMean: true},
	"PAR":   {ordered: true, nonOrdered: true, weighted: true, needsMean: true},
	"SII":   {ordered: true, weighted: true},
	"RII":   {ordered: true, weighted: true},
	"ACI":   {ordered: true, weighted: true, needsMean: true},
	"RCI":   {ordered: true, weighted: true, needsMean: true},
	"BGV":   {nonOrdered: true, weighted: true, needsMean: true},
	"BGSD":  {nonOrdered: true, weighted: true, needsMean: true, simulation: true},
	"COV":   {nonOrdered: true, weighted: true, needsMean: true, simulation: true},
	"IDISU": {nonOrdered: true, needsMean: true, simulation: true},
	"IDISW": {nonOrdered: true, weighted: true, needsMean: true, simulation: true},
	"MDBU":  {nonOrdered: true, simulation: true},
	"MDBW":  {nonOrdered: true, weighted: true, simulation: true},
	"MDMU":  {nonOrdered: true, needsMean: true, simulation: true},
	"MDMW":  {nonOrdered: true, weighted: true, needsMean: true, simulation: true},
	"MDRU":  {nonOrdered: true, simulation: true},
	"MDRW":  {nonOrdered: true, weighted: true, simulation: true},
	"MLD":   {nonOrdered: true, weighted: true, needsMean: true},
	"TI":    {nonOrdered: true, weighted: true, needsMean: true},
}

// HEATMeasureCodes lists the 21 HEAT summary measures in METHODS.md order.
func HEATMeasureCodes() []string {
	return []string{"D", "R", "PAF", "PAR", "SII", "RII", "ACI", "RCI", "BGV", "BGSD", "COV",
		"IDISU", "IDISW", "MDBU", "MDBW", "MDMU", "MDMW", "MDRU", "MDRW", "MLD", "TI"}
}

// heatCtx is the validated input of one measure.
type heatCtx struct {
	measure string
	g       []HEATSubgroup // subgroups used (missing estimates dropped)
	opt     HEATOptions
	scale   float64
	level   float64
	z       float64
	w       []float64 // population weights of g (nil when populations missing)
	mu      float64   // mean used by the measure (NaN when none)
	muFixed bool      // mean is external (setting average) or held fixed in simulations
}

func (c *heatCtx) hasSetting() bool {
	s := c.opt.SettingAverage
	return !math.IsNaN(s) && s != 0
}

// heatAutoScale is healthequal's choice of scale from the largest estimate.
func heatAutoScale(g []HEATSubgroup) float64 {
	mx := math.Inf(-1)
	for _, s := range g {
		if !math.IsNaN(s.Estimate) {
			mx = math.Max(mx, s.Estimate)
		}
	}
	s := 1.0
	for mx > s {
		s *= 10
		if s < 100 {
			s = 100
		}
	}
	return s
}

// HEAT computes one WHO HEAT summary measure (code as in HEATMeasureCodes,
// case-insensitive) for the subgroups of one dimension. A measure that does
// not apply returns a *NotApplicableError (errors.Is(err, ErrNotApplicable));
// malformed options return other errors.
func HEAT(measure string, groups []HEATSubgroup, opt HEATOptions) (HEATResult, error) {
	code := strings.ToUpper(strings.TrimSpace(measure))
	info, ok := heatMeasures[code]
	if !ok {
		return HEATResult{}, fmt.Errorf("stats: unknown HEAT measure %q", measure)
	}
	c, err := newHEATCtx(code, info, groups, opt)
	if err != nil {
		return HEATResult{}, err
	}
	res := HEATResult{Measure: code, SE: math.NaN(), Lower: math.NaN(), Upper: math.NaN(), Level: c.level, CIMethod: "analytic"}
	if info.simulation {
		res.CIMethod = "simulation"
	}
	switch code {
	case "D", "R":
		err = c.diffRatio(&res)
	case "PAF", "PAR":
		err = c.paf(&res)
	case "SII", "RII":
		err = c.siiRII(&res)
	case "ACI", "RCI":
		err = c.concentration(&res)
	case "BGV":
		c.bgv(&res)
	case "MLD", "TI":
		c.theil(&res)
	default:
		err = c.simulated(&res)
	}
	if err != nil {
		return HEATResult{}, err
	}
	return res, nil
}

// HEATOutcome is one entry of HEATAll: a result or the reason it is missing.
type HEATOutcome struct {
	Result HEATResult
	Err    error
}

// HEATAll computes every HEAT measure in HEATMeasureCodes order; measures
// that do not apply carry their NotApplicableError.
func HEATAll(groups []HEATSubgroup, opt HEATOptions) []HEATOutcome {
	codes := HEATMeasureCodes()
	out := make([]HEATOutcome, len(codes))
	for i, code := range codes {
		r, err := HEAT(code, groups, opt)
		out[i] = HEATOutcome{Result: r, Err: err}
		if err != nil {
			out[i].Result.Measure = code
		}
	}
	return out
}

// newHEATCtx validates options and applies the §3.1 applicability rules.
func newHEATCtx(code string, info heatMeasureInfo, groups []HEATSubgroup, opt HEATOptions) (*heatCtx, error) {
	c := &heatCtx{measure: code, opt: opt, level: 0.95}
	if opt.Level != 0 {
		l, err := ParseLevel(opt.Level)
		if err != nil {
			return nil, err
		}
		c.level = l
	}
	c.z = opt.Z
	if c.z == 0 {
		c.z = Z(c.level)
	}
	if c.z < 0 || math.IsNaN(c.z) {
		return nil, fmt.Errorf("stats: HEAT z must be > 0, got %v", opt.Z)
	}
	if opt.Scale < 0 || math.IsNaN(opt.Scale) {
		return nil, fmt.Errorf("stats: HEAT scale must be > 0, got %v", opt.Scale)
	}
	for _, s := range groups {
		if s.SE < 0 {
			return nil, fmt.Errorf("stats: HEAT standard error must be ≥ 0, got %v for subgroup %q", s.SE, s.Name)
		}
		if s.Population <= 0 {
			return nil, fmt.Errorf("stats: HEAT population must be > 0, got %v for subgroup %q", s.Population, s.Name)
		}
	}
	n := len(groups)
	if n < 2 {
		return nil, heatNA(code, "fewer than 2 subgroups (%d)", n)
	}
	if opt.Ordered && !info.ordered {
		return nil, heatNA(code, "applies only to non-ordered dimensions")
	}
	if !opt.Ordered && !info.nonOrdered {
		return nil, heatNA(code, "applies only to ordered dimensions (e.g. wealth quintiles)")
	}
	present, allZero, popsMissing := 0, true, false
	for _, s := range groups {
		if !math.IsNaN(s.Estimate) {
			present++
			if s.Estimate != 0 {
				allZero = false
			}
		}
	}
	if allZero {
		return nil, heatNA(code, "all estimates are 0 or missing")
	}
	if code != "D" && code != "R" && n <= 2 {
		return nil, heatNA(code, "needs more than 2 subgroups (%d)", n)
	}
	if opt.Ordered {
		seen := map[int]bool{}
		for _, s := range groups {
			if seen[s.Order] || s.Order < 1 {
				return nil, heatNA(code, "ordered dimension needs distinct subgroup orders ≥ 1 (subgroup %q has %d)", s.Name, s.Order)
			}
			seen[s.Order] = true
		}
	}
	if opt.Ordered && code != "D" && code != "R" {
		for _, s := range groups {
			if math.IsNaN(s.Estimate) {
				return nil, heatNA(code, "ordered dimension with a missing estimate (subgroup %q)", s.Name)
			}
			if math.IsNaN(s.Population) {
				return nil, heatNA(code, "ordered dimension with a missing population (subgroup %q)", s.Name)
			}
		}
	}
	if !opt.Ordered && float64(present) < 0.85*float64(n) {
		return nil, heatNA(code, "fewer than 85%% of subgroups have estimates (%d of %d)", present, n)
	}
	for _, s := range groups {
		if !math.IsNaN(s.Estimate) || opt.Ordered {
			c.g = append(c.g, s)
			popsMissing = popsMissing || math.IsNaN(s.Population)
		}
	}
	if info.weighted && popsMissing && code != "PAF" && code != "PAR" {
		return nil, heatNA(code, "needs populations for every subgroup")
	}
	if !popsMissing {
		c.w = heatWeights(c.g)
	}
	c.scale = opt.Scale
	if c.scale == 0 {
		c.scale = heatAutoScale(c.g)
	}
	c.mu = math.NaN()
	if info.needsMean {
		c.mu, c.muFixed = c.mean()
		if math.IsNaN(c.mu) {
			return nil, heatNA(code, "needs a mean: no populations for weights and no setting average")
		}
		if c.mu == 0 {
			return nil, heatNA(code, "the mean is 0")
		}
	}
	if opt.Convention == HEATMeasures {
		c.muFixed = true
	}
	return c, nil
}

// weights returns Pⱼ/ΣP.
func heatWeights(g []HEATSubgroup) []float64 {
	tot := 0.0
	for _, s := range g {
		tot += s.Population
	}
	w := make([]float64, len(g))
	for i, s := range g {
		w[i] = s.Population / tot
	}
	return w
}

// mean chooses μ by the convention (§3, §3.5) and says whether it is the
// external setting average.
func (c *heatCtx) mean() (float64, bool) {
	settingFirst := c.opt.Convention == HEATHealthequal && (c.measure == "IDISU" || c.measure == "MDMU")
	if settingFirst && c.hasSetting() {
		return c.opt.SettingAverage, true
	}
	if c.w != nil {
		return heatWeightedMean(c.w, c.g, nil), false
	}
	if c.hasSetting() {
		return c.opt.SettingAverage, true
	}
	return math.NaN(), false
}

// heatWeightedMean is Σwⱼyⱼ, with y taken from draws when given.
func heatWeightedMean(w []float64, g []HEATSubgroup, draws []float64) float64 {
	m := 0.0
	for i := range g {
		y := g[i].Estimate
		if draws != nil {
			y = draws[i]
		}
		m += w[i] * y
	}
	return m
}

// normalCI fills SE and the estimate ∓ z·SE interval.
func (c *heatCtx) normalCI(res *HEATResult, se float64) {
	res.SE = se
	res.Lower = res.Estimate - c.z*se
	res.Upper = res.Estimate + c.z*se
}
