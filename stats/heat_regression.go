package stats

import (
	"math"
	"sort"
)

// heatSym2 is a symmetric 2×2 matrix [[a, b], [b, d]].
type heatSym2 struct{ a, b, d float64 }

func (m heatSym2) inv() (heatSym2, bool) {
	det := m.a*m.d - m.b*m.b
	if det == 0 || math.IsNaN(det) {
		return heatSym2{}, false
	}
	return heatSym2{m.d / det, -m.b / det, m.a / det}, true
}

// mul returns m·n·m for symmetric m and n (the sandwich product).
func (m heatSym2) sandwich(n heatSym2) heatSym2 {
	// p = m·n
	p11, p12 := m.a*n.a+m.b*n.b, m.a*n.b+m.b*n.d
	p21, p22 := m.b*n.a+m.d*n.b, m.b*n.b+m.d*n.d
	return heatSym2{p11*m.a + p12*m.b, p11*m.b + p12*m.d, p21*m.b + p22*m.d}
}

// quad returns gᵀ·m·g.
func (m heatSym2) quad(g0, g1 float64) float64 {
	return g0*g0*m.a + 2*g0*g1*m.b + g1*g1*m.d
}

// heatRanks sorts the subgroups by order and returns them with their
// cumulative mid-point ranks rⱼ = (ΣP before j + Pⱼ/2)/ΣP and weights.
func heatRanks(g []HEATSubgroup) (sorted []HEATSubgroup, r, w []float64) {
	sorted = append([]HEATSubgroup(nil), g...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Order < sorted[j].Order })
	w = heatWeights(sorted)
	r = make([]float64, len(sorted))
	cum := 0.0
	for i := range sorted {
		r[i] = cum + w[i]/2
		cum += w[i]
	}
	return sorted, r, w
}

// siiRII computes SII = (p(1) − p(0))·s and RII = p(1)/p(0) from a logistic
// regression of successes round(yⱼ/s·⌈Pⱼ⌉) out of ⌈Pⱼ⌉ on the rank, with
// additional prior weights ⌈Pⱼ⌉ (so each subgroup's likelihood is weighted
// ⌈Pⱼ⌉², as healthequal does), and delta-method SEs from the HC1 sandwich
// covariance. SII's SE is on the 0–1 scale; RII's is that of ln RII.
// With LinearSII the fit is population-weighted least squares of yⱼ on rⱼ:
// SII = β₁, RII = (β₀ + β₁)/β₀, with the same HC1 covariance.
func (c *heatCtx) siiRII(res *HEATResult) error {
	g, r, _ := heatRanks(c.g)
	n := len(g)
	s := c.scale
	y := make([]float64, n)  // response (proportion for logistic)
	pw := make([]float64, n) // total prior weight
	for i, sg := range g {
		if c.opt.LinearSII {
			y[i], pw[i] = sg.Estimate, sg.Population
			continue
		}
		np := math.Ceil(sg.Population)
		k := math.RoundToEven(sg.Estimate / s * np)
		if k < 0 || np-k < 0 {
			return heatNA(c.measure, "estimate of subgroup %q is outside 0–%v", sg.Name, s)
		}
		y[i] = k / np
		pw[i] = np * np
	}
	var b0, b1 float64
	var bread heatSym2
	var u []float64 // score contributions per subgroup
	var ok bool
	if c.opt.LinearSII {
		b0, b1, bread, u, ok = heatWLS(r, y, pw)
	} else {
		b0, b1, bread, u, ok = heatLogistic(r, y, pw)
	}
	if !ok {
		return heatNA(c.measure, "the regression could not be fitted")
	}
	var meat heatSym2
	for i := range g {
		meat.a += u[i] * u[i]
		meat.b += u[i] * u[i] * r[i]
		meat.d += u[i] * u[i] * r[i] * r[i]
	}
	v := bread.sandwich(meat)
	hc1 := float64(n) / float64(n-2)
	v = heatSym2{v.a * hc1, v.b * hc1, v.d * hc1}
	if c.opt.LinearSII {
		if c.measure == "SII" {
			res.Estimate = b1
			c.normalCI(res, math.Sqrt(v.d))
			return nil
		}
		rii := (b0 + b1) / b0
		se := math.Sqrt(v.quad(1/(b0+b1)-1/b0, 1/(b0+b1)))
		res.Estimate, res.SE = rii, se
		res.Lower, res.Upper = math.Exp(math.Log(rii)-c.z*se), math.Exp(math.Log(rii)+c.z*se)
		return nil
	}
	p0, p1 := siiExpit(b0), siiExpit(b0+b1)
	if c.measure == "SII" {
		se := math.Sqrt(v.quad(p1*(1-p1)-p0*(1-p0), p1*(1-p1)))
		d := p1 - p0
		res.Estimate, res.SE = d*s, se
		res.Lower, res.Upper = (d-c.z*se)*s, (d+c.z*se)*s
		return nil
	}
	rii := p1 / p0
	se := math.Sqrt(v.quad((1-p1)-(1-p0), 1-p1))
	res.Estimate, res.SE = rii, se
	res.Lower, res.Upper = math.Exp(math.Log(rii)-c.z*se), math.Exp(math.Log(rii)+c.z*se)
	return nil
}

// heatWLS fits y = β₀ + β₁x by weighted least squares with weights w and
// returns the bread (XᵀWX)⁻¹ and scores wⱼ·residualⱼ.
func heatWLS(x, y, w []float64) (b0, b1 float64, bread heatSym2, u []float64, ok bool) {
	var xtwx heatSym2
	var t0, t1 float64
	for i := range x {
		xtwx.a += w[i]
		xtwx.b += w[i] * x[i]
		xtwx.d += w[i] * x[i] * x[i]
		t0 += w[i] * y[i]
		t1 += w[i] * x[i] * y[i]
	}
	if bread, ok = xtwx.inv(); !ok {
		return
	}
	b0 = bread.a*t0 + bread.b*t1
	b1 = bread.b*t0 + bread.d*t1
	u = make([]float64, len(x))
	for i := range x {
		u[i] = w[i] * (y[i] - b0 - b1*x[i])
	}
	return b0, b1, bread, u, true
}

// heatLogistic fits logit p = β₀ + β₁x to proportions y with prior weights
// w by iteratively reweighted least squares. It returns the bread
// (XᵀWX)⁻¹ with the working weights Wⱼ = wⱼpⱼ(1 − pⱼ) at the fitted values
// and the scores uⱼ = wⱼ(yⱼ − pⱼ) (working residual × working weight).
func heatLogistic(x, y, w []float64) (b0, b1 float64, bread heatSym2, u []float64, ok bool) {
	n := len(x)
	eta := make([]float64, n)
	for i := range x { // start where glm does: μ = (w·y + 0.5)/(w + 1)
		eta[i] = siiLogit((w[i]*y[i] + 0.5) / (w[i] + 1))
	}
	z := make([]float64, n)
	ww := make([]float64, n)
	devOld := math.Inf(1)
	for iter := 0; iter < 100; iter++ {
		for i := range x {
			p := siiExpit(eta[i])
			v := p * (1 - p)
			ww[i] = w[i] * v
			z[i] = eta[i] + (y[i]-p)/v
		}
		var okFit bool
		b0, b1, _, _, okFit = heatWLS(x, z, ww)
		if !okFit {
			return
		}
		dev := 0.0
		for i := range x {
			eta[i] = b0 + b1*x[i]
			p := siiExpit(eta[i])
			dev -= w[i] * (y[i]*math.Log(p) + (1-y[i])*math.Log(1-p))
		}
		if math.Abs(dev-devOld) <= 1e-15*(math.Abs(dev)+0.1) {
			break
		}
		devOld = dev
	}
	var xtwx heatSym2
	u = make([]float64, n)
	for i := range x {
		p := siiExpit(eta[i])
		wi := w[i] * p * (1 - p)
		xtwx.a += wi
		xtwx.b += wi * x[i]
		xtwx.d += wi * x[i] * x[i]
		u[i] = w[i] * (y[i] - p)
	}
	if bread, ok = xtwx.inv(); !ok {
		return
	}
	return b0, b1, bread, u, true
}

// concentration computes ACI (HEQ aci) or RCI (rci): with σ² = Σwⱼ(rⱼ − ½)²,
// the OLS regression without intercept of 2σ²·yⱼ·√Pⱼ (ACI) or
// 2σ²·(yⱼ/μ)·√Pⱼ (RCI) on (rⱼ√Pⱼ, √Pⱼ); the estimate is the rank
// coefficient and the SE its ordinary OLS standard error (n − 2 df).
func (c *heatCtx) concentration(res *HEATResult) error {
	g, r, w := heatRanks(c.g)
	n := len(g)
	sigma2 := 0.0
	for i := range g {
		sigma2 += w[i] * (r[i] - 0.5) * (r[i] - 0.5)
	}
	lhs := make([]float64, n)
	x1 := make([]float64, n) // r√P
	x2 := make([]float64, n) // √P
	for i, s := range g {
		sq := math.Sqrt(s.Population)
		y := s.Estimate
		if c.measure == "RCI" {
			y /= c.mu
		}
		lhs[i] = 2 * sigma2 * y * sq
		x1[i], x2[i] = r[i]*sq, sq
	}
	var xtx heatSym2
	var t1, t2 float64
	for i := range lhs {
		xtx.a += x1[i] * x1[i]
		xtx.b += x1[i] * x2[i]
		xtx.d += x2[i] * x2[i]
		t1 += x1[i] * lhs[i]
		t2 += x2[i] * lhs[i]
	}
	inv, ok := xtx.inv()
	if !ok {
		return heatNA(c.measure, "the regression could not be fitted")
	}
	bRank := inv.a*t1 + inv.b*t2
	bConst := inv.b*t1 + inv.d*t2
	rss := 0.0
	for i := range lhs {
		e := lhs[i] - bRank*x1[i] - bConst*x2[i]
		rss += e * e
	}
	res.Estimate = bRank
	c.normalCI(res, math.Sqrt(rss/float64(n-2)*inv.a))
	return nil
}
