package stats

import (
	"math"
	"math/rand/v2"
	"slices"
)

// HEATDefaultSims is healthequal's default number of simulations.
const HEATDefaultSims = 100

// heatMaxRedraws bounds the redraw loop of a truncated draw.
const heatMaxRedraws = 100000

// simulated computes BGSD, COV, IDISU, IDISW, MDBU, MDBW, MDMU, MDMW, MDRU
// and MDRW (METHODS.md §3.4) with simulation CIs.
func (c *heatCtx) simulated(res *HEATResult) error {
	refIdx := -1
	if c.measure == "MDRU" || c.measure == "MDRW" {
		if _, err := c.reference(); err != nil {
			return err
		}
		for i, s := range c.g {
			if s.Reference && !math.IsNaN(s.Estimate) {
				refIdx = i
			}
		}
	}
	y := make([]float64, len(c.g))
	for i, s := range c.g {
		y[i] = s.Estimate
	}
	res.Estimate = c.simMeasure(y, c.mu, refIdx)
	sims := c.opt.Sims
	if sims == 0 {
		sims = HEATDefaultSims
	}
	if sims < 0 {
		return nil
	}
	for _, s := range c.g {
		if math.IsNaN(s.SE) {
			return nil // no SEs: no simulation CI
		}
	}
	rng := rand.New(rand.NewPCG(c.opt.Seed, c.opt.Seed^0x6a09e667f3bcc909))
	vals := make([]float64, 0, sims)
	d := make([]float64, len(c.g))
	for range sims {
		for i, s := range c.g {
			d[i] = c.truncatedDraw(rng, s.Estimate, s.SE)
		}
		mu := c.mu
		if !c.muFixed && c.measure != "IDISW" && c.w != nil {
			mu = heatWeightedMean(c.w, c.g, d)
		}
		vals = append(vals, c.simMeasure(d, mu, refIdx))
	}
	slices.Sort(vals)
	a := (1 - c.level) / 2
	res.Lower = heatQuantile7(vals, a)
	res.Upper = heatQuantile7(vals, 1-a)
	return nil
}

// truncatedDraw draws from Normal(mean, se), redrawing until the value is
// ≥ 0 and, when the scale is 100, ≤ 100.
func (c *heatCtx) truncatedDraw(rng *rand.Rand, mean, se float64) float64 {
	var d float64
	for range heatMaxRedraws {
		d = mean + se*rng.NormFloat64()
		if d >= 0 && (c.scale != 100 || d <= 100) {
			return d
		}
	}
	return math.Max(0, d)
}

// simMeasure evaluates the measure for estimates y with mean mu.
func (c *heatCtx) simMeasure(y []float64, mu float64, refIdx int) float64 {
	n := float64(len(y))
	w := c.w
	best := func() float64 {
		b := y[0]
		for _, v := range y[1:] {
			if (c.opt.Favourable && v > b) || (!c.opt.Favourable && v < b) {
				b = v
			}
		}
		return b
	}
	sumAbs := func(centre float64, weighted bool) float64 {
		t := 0.0
		for i, v := range y {
			a := math.Abs(v - centre)
			if weighted {
				a *= w[i]
			}
			t += a
		}
		return t
	}
	switch c.measure {
	case "BGSD", "COV":
		t := 0.0
		for i, v := range y {
			t += w[i] * (v - mu) * (v - mu)
		}
		if c.measure == "BGSD" {
			return math.Sqrt(t)
		}
		return 100 * math.Sqrt(t) / mu
	case "IDISU":
		return 100 / n * sumAbs(mu, false) / mu
	case "IDISW":
		return 100 * sumAbs(mu, true) / mu
	case "MDBU":
		return sumAbs(best(), false) / n
	case "MDBW":
		return sumAbs(best(), true)
	case "MDMU":
		return sumAbs(mu, false) / n
	case "MDMW":
		return sumAbs(mu, true)
	case "MDRU":
		return sumAbs(y[refIdx], false) / n
	case "MDRW":
		return sumAbs(y[refIdx], true)
	}
	return math.NaN()
}

// heatQuantile7 returns the p-quantile of sorted values by linear
// interpolation between order statistics (R's quantile type 7):
// h = (n − 1)p, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]). NaN for no values.
func heatQuantile7(sorted []float64, p float64) float64 {
	n := len(sorted)
	if n == 0 || math.IsNaN(p) || p < 0 || p > 1 {
		return math.NaN()
	}
	h := float64(n-1) * p
	lo := int(math.Floor(h))
	if lo >= n-1 {
		return sorted[n-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}
