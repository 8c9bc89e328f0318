package stats

import (
	"math"
)

// heatExtremes returns the subgroups with the lowest and highest order.
func heatExtremes(g []HEATSubgroup) (lo, hi HEATSubgroup) {
	lo, hi = g[0], g[0]
	for _, s := range g[1:] {
		if s.Order < lo.Order {
			lo = s
		}
		if s.Order > hi.Order {
			hi = s
		}
	}
	return lo, hi
}

// heatMinMax returns the subgroups with the lowest and highest estimate among
// those not excluded (first one wins ties).
func heatMinMax(g []HEATSubgroup, exclude func(HEATSubgroup) bool) (lo, hi HEATSubgroup, ok bool) {
	for _, s := range g {
		if math.IsNaN(s.Estimate) || (exclude != nil && exclude(s)) {
			continue
		}
		if !ok {
			lo, hi, ok = s, s, true
			continue
		}
		if s.Estimate < lo.Estimate {
			lo = s
		}
		if s.Estimate > hi.Estimate {
			hi = s
		}
	}
	return lo, hi, ok
}

// reference returns the single reference subgroup, or an error saying why
// there is not exactly one with an estimate.
func (c *heatCtx) reference() (HEATSubgroup, error) {
	var ref HEATSubgroup
	n := 0
	for _, s := range c.opt.refCandidates(c.g) {
		ref = s
		n++
	}
	if n != 1 {
		return ref, heatNA(c.measure, "needs exactly one reference subgroup with an estimate (found %d)", n)
	}
	return ref, nil
}

func (o HEATOptions) refCandidates(g []HEATSubgroup) []HEATSubgroup {
	var out []HEATSubgroup
	for _, s := range g {
		if s.Reference && !math.IsNaN(s.Estimate) {
			out = append(out, s)
		}
	}
	return out
}

// twoGroups chooses y₁ and y₂ for D and R (METHODS.md §3.2).
func (c *heatCtx) twoGroups() (y1, y2 HEATSubgroup, err error) {
	if c.opt.Ordered {
		lo, hi := heatExtremes(c.g) // lo = most disadvantaged, hi = most advantaged
		if math.IsNaN(lo.Estimate) || math.IsNaN(hi.Estimate) {
			return y1, y2, heatNA(c.measure, "an extreme subgroup of the ordered dimension has no estimate")
		}
		if c.opt.Favourable {
			return hi, lo, nil
		}
		return lo, hi, nil
	}
	hasRef := false
	for _, s := range c.g {
		hasRef = hasRef || s.Reference
	}
	if !hasRef {
		lo, hi, _ := heatMinMax(c.g, nil)
		return hi, lo, nil
	}
	ref, err := c.reference()
	if err != nil {
		return y1, y2, err
	}
	lo, hi, ok := heatMinMax(c.g, func(s HEATSubgroup) bool { return s.Reference })
	if !ok {
		return y1, y2, heatNA(c.measure, "no subgroup other than the reference has an estimate")
	}
	if c.opt.Favourable {
		return ref, lo, nil
	}
	return hi, ref, nil
}

// diffRatio computes D = y₁ − y₂ (SE √(se₁² + se₂²)) or R = y₁/y₂ (SE of
// ln R = √((se₁² + R²se₂²)/y₂²)/R; CI exp(ln R ∓ z·SE)).
func (c *heatCtx) diffRatio(res *HEATResult) error {
	y1, y2, err := c.twoGroups()
	if err != nil {
		return err
	}
	if c.measure == "D" {
		res.Estimate = y1.Estimate - y2.Estimate
		c.normalCI(res, math.Hypot(y1.SE, y2.SE))
		return nil
	}
	r := y1.Estimate / y2.Estimate
	if math.IsInf(r, 0) || math.IsNaN(r) {
		return heatNA(c.measure, "ratio is not finite (denominator subgroup estimate is 0)")
	}
	res.Estimate = r
	se := math.Sqrt((y1.SE*y1.SE+r*r*y2.SE*y2.SE)/(y2.Estimate*y2.Estimate)) / r
	res.SE = se
	res.Lower = math.Exp(math.Log(r) - c.z*se)
	res.Upper = math.Exp(math.Log(r) + c.z*se)
	return nil
}

// paf computes PAR = y_ref − μ and PAF = 100·PAR/μ, zeroed when they show
// no potential improvement, with the 2×2-table SE (METHODS.md §3.2):
// SE(PAR) = μ·SE(PAF).
func (c *heatCtx) paf(res *HEATResult) error {
	var ref HEATSubgroup
	hasRef := len(c.opt.refCandidates(c.g)) > 0
	switch {
	case c.opt.Convention == HEATMeasures && hasRef:
		r, err := c.reference()
		if err != nil {
			return err
		}
		ref = r
	case c.opt.Ordered:
		_, ref = heatExtremes(c.g)
	default:
		lo, hi, _ := heatMinMax(c.g, nil)
		ref = lo
		if c.opt.Favourable {
			ref = hi
		}
	}
	if math.IsNaN(ref.Estimate) {
		return heatNA(c.measure, "the reference subgroup %q has no estimate", ref.Name)
	}
	mu := c.mu
	par := ref.Estimate - mu
	if (c.opt.Favourable && par < 0) || (!c.opt.Favourable && par > 0) {
		par = 0
	}
	paf := 100 * par / mu
	total := 0.0
	for _, s := range c.g {
		total += s.Population
	}
	s := c.scale
	cc := ref.Estimate / s * ref.Population
	d := ref.Population - cc
	a := mu/s*total - cc
	b := total - a - ref.Population
	n := a + b + cc + d
	sePAF := math.Sqrt(cc * n * (a*d*(n-cc) + b*cc*cc) / (math.Pow(a+cc, 3) * math.Pow(cc+d, 3)))
	if c.measure == "PAF" {
		res.Estimate = paf
		c.normalCI(res, sePAF)
		return nil
	}
	res.Estimate = par
	c.normalCI(res, mu*sePAF)
	return nil
}

// bgv computes the between-group variance Σwⱼ(yⱼ − μ)² and its analytic SE.
func (c *heatCtx) bgv(res *HEATResult) {
	mu := c.mu
	var est, t1, s2, s4, s22 float64
	for i, s := range c.g {
		w := c.w[i]
		d := s.Estimate - mu
		v := s.SE * s.SE
		est += w * d * d
		t1 += w * w * v * d * d
		s2 += w * w * v
		s4 += w * w * w * w * v * v
		s22 += w * w * (1 - w) * (1 - w) * v * v
	}
	res.Estimate = est
	c.normalCI(res, math.Sqrt(4*t1+2*(s2*s2-s4+s22)))
}

// theil computes MLD = 1000·Σwⱼ(−ln ρⱼ) or TI = 1000·Σwⱼρⱼ ln ρⱼ with
// ρⱼ = yⱼ/μ (zero estimates replaced by 1e-6 first). As in healthequal the
// SE is not multiplied by 1000 and the CI is estimate ∓ z·SE.
func (c *heatCtx) theil(res *HEATResult) {
	mu := c.mu
	n := len(c.g)
	rho := make([]float64, n)
	for i, s := range c.g {
		y := s.Estimate
		if y == 0 {
			y = 1e-6
		}
		rho[i] = y / mu
	}
	var est, v float64
	if c.measure == "MLD" {
		for i, s := range c.g {
			est += c.w[i] * -math.Log(rho[i])
			t := 1 - 1/rho[i]
			v += s.SE * s.SE * c.w[i] * c.w[i] / (mu * mu) * t * t
		}
	} else {
		mean := 0.0
		for i := range c.g {
			est += c.w[i] * rho[i] * math.Log(rho[i])
			mean += c.w[i] * rho[i] * (1 + math.Log(rho[i]))
		}
		for i, s := range c.g {
			t := 1 + math.Log(rho[i]) - mean
			v += t * t * c.w[i] * c.w[i] * s.SE * s.SE / (mu * mu)
		}
	}
	res.Estimate = 1000 * est
	c.normalCI(res, math.Sqrt(v))
}
