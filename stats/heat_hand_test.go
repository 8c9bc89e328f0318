package stats

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// heatHand is a three-subgroup dimension small enough to work by hand:
// populations 100, 100, 200 → weights ¼, ¼, ½; ordered ranks r = 0.125,
// 0.375, 0.75; estimates 10, 20, 40 → μ = 2.5 + 5 + 20 = 27.5; SEs 3, 4, 4.
func heatHand(ordered bool) []HEATSubgroup {
	g := []HEATSubgroup{
		{Name: "a", Order: 1, Estimate: 10, SE: 3, Population: 100},
		{Name: "b", Order: 2, Estimate: 20, SE: 4, Population: 100},
		{Name: "c", Order: 3, Estimate: 40, SE: 4, Population: 200},
	}
	if !ordered {
		for i := range g {
			g[i].Order = 0
		}
	}
	return g
}

func TestHEATHand(t *testing.T) {
	z := Z(0.95)
	nan := math.NaN()
	withRef := func(i int) []HEATSubgroup {
		g := heatHand(false)
		g[i].Reference = true
		return g
	}
	tests := []struct {
		name       string
		measure    string
		g          []HEATSubgroup
		opt        HEATOptions
		est, se    float64
		lower, upp float64 // NaN: not checked
	}{
		// Ordered, favourable: y₁ = most advantaged (40), y₂ = order 1 (10).
		// D = 30, SE = √(4² + 3²) = 5.
		{"D ordered favourable", "D", heatHand(true), HEATOptions{Ordered: true, Favourable: true}, 30, 5, 30 - 5*z, 30 + 5*z},
		// Adverse: y₁ = most disadvantaged (10), y₂ = most advantaged (40).
		{"D ordered adverse", "D", heatHand(true), HEATOptions{Ordered: true}, -30, 5, -30 - 5*z, -30 + 5*z},
		// Non-ordered without reference: highest − lowest = 40 − 10.
		{"D non-ordered", "D", heatHand(false), HEATOptions{}, 30, 5, nan, nan},
		// Reference b (20), favourable: y₁ = ref, y₂ = lowest other (10 ± 3):
		// D = 10, SE = √(16 + 9) = 5.
		{"D reference favourable", "D", withRef(1), HEATOptions{Favourable: true}, 10, 5, nan, nan},
		// Adverse: y₁ = highest other (40 ± 4), y₂ = ref: D = 20, SE = √32.
		{"D reference adverse", "D", withRef(1), HEATOptions{}, 20, math.Sqrt(32), nan, nan},
		// R = 40/10 = 4; SE(ln R) = √((4² + 4²·3²)/10²)/4 = √1.6/4.
		{"R ordered favourable", "R", heatHand(true), HEATOptions{Ordered: true, Favourable: true}, 4, math.Sqrt(1.6) / 4,
			math.Exp(math.Log(4) - z*math.Sqrt(1.6)/4), math.Exp(math.Log(4) + z*math.Sqrt(1.6)/4)},
		// PAR = y_ref − μ = 40 − 27.5 = 12.5; PAF = 100·12.5/27.5. 2×2 table
		// (s = 100): c = 0.4·200 = 80, d = 120, a = 0.275·400 − 80 = 30,
		// b = 400 − 30 − 200 = 170, N = 400: SE = √(80·400·(30·120·320 +
		// 170·80²)/(110³·200³)) = 0.0820474290644; SE(PAR) = 27.5·SE(PAF).
		{"PAF ordered", "PAF", heatHand(true), HEATOptions{Ordered: true, Favourable: true, Scale: 100}, 1250 / 27.5, 0.08204742906440236, nan, nan},
		{"PAR ordered", "PAR", heatHand(true), HEATOptions{Ordered: true, Favourable: true, Scale: 100}, 12.5, 27.5 * 0.08204742906440236, nan, nan},
		// Adverse indicator: PAR = 12.5 > 0 shows no improvement → 0.
		{"PAR adverse zeroed", "PAR", heatHand(true), HEATOptions{Ordered: true, Scale: 100}, 0, 27.5 * 0.08204742906440236, nan, nan},
		// Non-ordered adverse: best = min = 10: PAR = −17.5, PAF = −63.63…%.
		{"PAF non-ordered adverse", "PAF", heatHand(false), HEATOptions{Scale: 100}, -1750 / 27.5, nan, nan, nan},
		// ACI = 2Σw(y − μ)(r − ½) = 2(¼·(−17.5)(−0.375) + ¼·(−7.5)(−0.125)
		// + ½·12.5·0.25) = 2·3.4375 = 6.875; RCI = ACI/μ = 0.25.
		{"ACI", "ACI", heatHand(true), HEATOptions{Ordered: true}, 6.875, nan, nan, nan},
		{"RCI", "RCI", heatHand(true), HEATOptions{Ordered: true}, 0.25, nan, nan, nan},
		// Linear SII: slope = 3.4375/Σw(r − ½)² = 3.4375/0.0703125 = 440/9;
		// intercept = 27.5 − 220/9 = 27.5/9; RII = (27.5 + 440)/27.5 = 17.
		{"SII linear", "SII", heatHand(true), HEATOptions{Ordered: true, LinearSII: true}, 440.0 / 9, nan, nan, nan},
		{"RII linear", "RII", heatHand(true), HEATOptions{Ordered: true, LinearSII: true}, 17, nan, nan, nan},
		// BGV = ¼·17.5² + ¼·7.5² + ½·12.5² = 168.75. SE: 4Σw²se²(y−μ)² =
		// 4(¼²·9·306.25 + ¼²·16·56.25 + ½²·16·156.25) = 4·(172.265625 + 56.25
		// + 625) = 3414.0625; Σw²se² = 0.5625 + 1 + 4 = 5.5625; Σw⁴se⁴ =
		// 0.31640625 + 1 + 16 = 17.31640625; Σw²(1−w)²se⁴ = 2.84765625 + 9 +
		// 16 = 27.84765625 → SE = √(3414.0625 + 2(30.94140625 − 17.31640625 +
		// 27.84765625)) = √(3414.0625 + 82.9453125) = √3497.0078125.
		{"BGV", "BGV", heatHand(false), HEATOptions{}, 168.75, math.Sqrt(3497.0078125), nan, nan},
		{"BGSD", "BGSD", heatHand(false), HEATOptions{}, math.Sqrt(168.75), nan, nan, nan},
		{"COV", "COV", heatHand(false), HEATOptions{}, 100 * math.Sqrt(168.75) / 27.5, nan, nan, nan},
		// IDISU = 100/3·(17.5 + 7.5 + 12.5)/27.5; IDISW = 100·12.5/27.5.
		{"IDISU", "IDISU", heatHand(false), HEATOptions{}, 100.0 / 3 * 37.5 / 27.5, nan, nan, nan},
		{"IDISW", "IDISW", heatHand(false), HEATOptions{}, 100 * 12.5 / 27.5, nan, nan, nan},
		// Setting average 25 replaces μ for IDISU (healthequal):
		// 100/3·(15 + 5 + 15)/25.
		{"IDISU setting average", "IDISU", heatHand(false), HEATOptions{SettingAverage: 25}, 100.0 / 3 * 35 / 25, nan, nan, nan},
		// Best = 40 (favourable): MDBU = (30 + 20 + 0)/3, MDBW = ¼·30 + ¼·20.
		{"MDBU favourable", "MDBU", heatHand(false), HEATOptions{Favourable: true}, 50.0 / 3, nan, nan, nan},
		{"MDBW favourable", "MDBW", heatHand(false), HEATOptions{Favourable: true}, 12.5, nan, nan, nan},
		// Best = 10 (adverse): MDBU = (0 + 10 + 30)/3, MDBW = ¼·10 + ½·30.
		{"MDBU adverse", "MDBU", heatHand(false), HEATOptions{}, 40.0 / 3, nan, nan, nan},
		{"MDBW adverse", "MDBW", heatHand(false), HEATOptions{}, 17.5, nan, nan, nan},
		// MDMU = 37.5/3; MDMW = ¼·17.5 + ¼·7.5 + ½·12.5 = 12.5.
		{"MDMU", "MDMU", heatHand(false), HEATOptions{}, 12.5, nan, nan, nan},
		{"MDMW", "MDMW", heatHand(false), HEATOptions{}, 12.5, nan, nan, nan},
		// Reference b = 20: MDRU = (10 + 0 + 20)/3 = 10; MDRW = ¼·10 + ½·20.
		{"MDRU", "MDRU", withRef(1), HEATOptions{}, 10, nan, nan, nan},
		{"MDRW", "MDRW", withRef(1), HEATOptions{}, 12.5, nan, nan, nan},
		// ρ = 10/27.5, 20/27.5, 40/27.5. MLD = 1000·Σw(−ln ρ) =
		// 1000·(¼·1.0116009 + ¼·0.3184537 − ½·0.3746934) = 145.16693597854825.
		// SE = √(9·¼²/27.5²·(1 − 2.75)² + 16·¼²/27.5²·(1 − 1.375)² +
		// 16·½²/27.5²·(1 − 0.6875)²) = √0.0029804 = 0.054592782497565065
		// (not ×1000).
		{"MLD", "MLD", heatHand(false), HEATOptions{}, 145.16693597854825, 0.054592782497565065, nan, nan},
		// TI = 1000·Σwρ ln ρ = 1000·(−0.0919640 − 0.0579013 + 0.2725043)
		// = 122.63992923779423; SE from the §3.4 formula (unscaled)
		// = 0.039372685263864844.
		{"TI", "TI", heatHand(false), HEATOptions{}, 122.63992923779423, 0.039372685263864844, nan, nan},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := HEAT(tc.measure, tc.g, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				what      string
				got, want float64
			}{{"estimate", res.Estimate, tc.est}, {"se", res.SE, tc.se}, {"lower", res.Lower, tc.lower}, {"upper", res.Upper, tc.upp}} {
				if math.IsNaN(c.want) {
					continue
				}
				if d := math.Abs(c.got - c.want); d > 1e-9*math.Max(1, math.Abs(c.want)) {
					t.Errorf("%s = %.15g, want %.15g", c.what, c.got, c.want)
				}
			}
			if res.CIMethod == "simulation" && !(res.Lower <= res.Estimate+1e-9 && res.Estimate-1e-9 <= res.Upper) {
				// Simulation CIs may not bracket a biased measure exactly, but
				// they must be ordered.
				if res.Lower > res.Upper {
					t.Errorf("simulation CI reversed: %v > %v", res.Lower, res.Upper)
				}
			}
		})
	}
}

// TestHEATLogisticSII: when the subgroup proportions lie exactly on a
// logistic curve p(r) = expit(−1 + 2r) (huge populations make the rounding
// of successes negligible), any weighting recovers β = (−1, 2), so
// SII = 100·(expit(1) − expit(−1)) = 46.21171572600098 and
// RII = expit(1)/expit(−1) = e.
func TestHEATLogisticSII(t *testing.T) {
	var g []HEATSubgroup
	for i := range 5 {
		r := 0.1 + 0.2*float64(i)
		g = append(g, HEATSubgroup{Order: i + 1, Population: 1e9, Estimate: 100 / (1 + math.Exp(1-2*r)), SE: 1})
	}
	opt := HEATOptions{Ordered: true, Scale: 100}
	sii, err := HEAT("SII", g, opt)
	if err != nil {
		t.Fatal(err)
	}
	rii, err := HEAT("RII", g, opt)
	if err != nil {
		t.Fatal(err)
	}
	if siiRel(sii.Estimate, 46.21171572600098) > 1e-7 || siiRel(rii.Estimate, math.E) > 1e-7 {
		t.Errorf("SII %v RII %v, want 46.2117157 and e", sii.Estimate, rii.Estimate)
	}
	if !(sii.Lower < sii.Estimate && sii.Estimate < sii.Upper) || !(rii.Lower < rii.Estimate && rii.Estimate < rii.Upper) {
		t.Errorf("CIs do not bracket: %+v %+v", sii, rii)
	}
	// Scale chosen automatically from the largest estimate (≤ 100 → 100).
	auto, err := HEAT("SII", g, HEATOptions{Ordered: true})
	if err != nil || auto.Estimate != sii.Estimate {
		t.Errorf("auto scale: %v, %v", auto.Estimate, err)
	}
}

// TestHEATSimulation: with zero SEs every draw equals the estimate, so the
// simulation CI collapses onto it; with SEs the same seed repeats and the
// draws respect the [0, 100] truncation.
func TestHEATSimulation(t *testing.T) {
	g := heatHand(false)
	for i := range g {
		g[i].SE = 0
	}
	for _, m := range []string{"BGSD", "COV", "IDISU", "IDISW", "MDBU", "MDBW", "MDMU", "MDMW"} {
		res, err := HEAT(m, g, HEATOptions{Sims: 50})
		if err != nil {
			t.Fatal(err)
		}
		if siiRel(res.Lower, res.Estimate) > 1e-12 || siiRel(res.Upper, res.Estimate) > 1e-12 {
			t.Errorf("%s: se = 0 CI [%v, %v] should equal %v", m, res.Lower, res.Upper, res.Estimate)
		}
	}
	g = heatHand(false)
	g[0].SE = 50 // draws of 10 ± 50 are redrawn until within [0, 100]
	opt := HEATOptions{Sims: 500, Seed: 42, Scale: 100}
	a, _ := HEAT("MDMW", g, opt)
	b, _ := HEAT("MDMW", g, opt)
	if a.Estimate != b.Estimate || a.Lower != b.Lower || a.Upper != b.Upper {
		t.Errorf("same seed, different results: %+v %+v", a, b)
	}
	if !(a.Lower >= 0 && a.Lower < a.Upper) {
		t.Errorf("CI %+v", a)
	}
	c := heatCtx{scale: 100}
	rng := newTestRand()
	for range 1000 {
		if d := c.truncatedDraw(rng, 95, 20); d < 0 || d > 100 {
			t.Fatalf("draw %v outside [0, 100]", d)
		}
	}
	if v := heatQuantile7([]float64{1, 2, 3, 4}, 0.25); v != 1.75 {
		t.Errorf("type-7 quantile = %v, want 1.75 (h = 0.75)", v)
	}
}

func TestHEATNotApplicable(t *testing.T) {
	nan := math.NaN()
	mod := func(ordered bool, f func([]HEATSubgroup)) []HEATSubgroup {
		g := heatHand(ordered)
		f(g)
		return g
	}
	seven := func(missing int) []HEATSubgroup {
		var g []HEATSubgroup
		for i := range 7 {
			e := float64(10 + i)
			if i < missing {
				e = nan
			}
			g = append(g, HEATSubgroup{Estimate: e, SE: 1, Population: 100})
		}
		return g
	}
	tests := []struct {
		name    string
		measure string
		g       []HEATSubgroup
		opt     HEATOptions
		reason  string
	}{
		{"too few subgroups", "D", heatHand(false)[:1], HEATOptions{}, "fewer than 2"},
		{"two subgroups for BGV", "BGV", heatHand(false)[:2], HEATOptions{}, "more than 2"},
		{"two subgroups for SII", "SII", heatHand(true)[:2], HEATOptions{Ordered: true}, "more than 2"},
		{"all-zero estimates", "MDMU", mod(false, func(g []HEATSubgroup) {
			for i := range g {
				g[i].Estimate = 0
			}
		}), HEATOptions{}, "all estimates are 0"},
		{"SII on non-ordered dimension", "SII", heatHand(false), HEATOptions{}, "only to ordered"},
		{"BGV on ordered dimension", "BGV", heatHand(true), HEATOptions{Ordered: true}, "only to non-ordered"},
		{"missing reference subgroup", "MDRU", heatHand(false), HEATOptions{}, "exactly one reference"},
		{"two reference subgroups", "MDRW", mod(false, func(g []HEATSubgroup) { g[0].Reference, g[1].Reference = true, true }), HEATOptions{}, "exactly one reference"},
		{"reference without estimate", "MDRU", seven(1), HEATOptions{}, "exactly one reference"},
		{"D with one of two missing", "D", mod(false, func(g []HEATSubgroup) { g[1].Estimate = nan })[:2], HEATOptions{}, "85%"},
		{"ordered D missing extreme", "D", mod(true, func(g []HEATSubgroup) { g[2].Estimate = nan }), HEATOptions{Ordered: true}, "extreme"},
		{"ordered SII missing estimate", "SII", mod(true, func(g []HEATSubgroup) { g[1].Estimate = nan }), HEATOptions{Ordered: true}, "missing estimate"},
		{"ordered ACI missing population", "ACI", mod(true, func(g []HEATSubgroup) { g[1].Population = nan }), HEATOptions{Ordered: true}, "missing population"},
		{"weighted measure missing population", "MDBW", mod(false, func(g []HEATSubgroup) { g[1].Population = nan }), HEATOptions{}, "populations"},
		{"mean without weights or setting average", "MDMU", mod(false, func(g []HEATSubgroup) { g[1].Population = nan }), HEATOptions{}, "needs a mean"},
		{"under 85% estimates", "MDBU", seven(2), HEATOptions{}, "85%"},
		{"duplicate order", "SII", mod(true, func(g []HEATSubgroup) { g[1].Order = 1 }), HEATOptions{Ordered: true}, "distinct"},
		{"estimate above scale for logistic SII", "SII", mod(true, func(g []HEATSubgroup) { g[2].Estimate = 140 }), HEATOptions{Ordered: true, Scale: 100}, "outside"},
		{"ratio with zero denominator group", "R", mod(true, func(g []HEATSubgroup) { g[0].Estimate = 0 }), HEATOptions{Ordered: true, Favourable: true}, "not finite"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := HEAT(tc.measure, tc.g, tc.opt)
			var na *NotApplicableError
			if !errors.As(err, &na) || !errors.Is(err, ErrNotApplicable) {
				t.Fatalf("error %v is not a NotApplicableError", err)
			}
			if !strings.Contains(na.Reason, tc.reason) || na.Measure != tc.measure {
				t.Errorf("reason %q (measure %s), want mention of %q", na.Reason, na.Measure, tc.reason)
			}
		})
	}
	// One missing estimate of seven (86 %) is still allowed: it is dropped.
	if res, err := HEAT("MDBU", seven(1), HEATOptions{Favourable: true}); err != nil || res.Estimate != (5+4+3+2+1+0)/6.0 {
		t.Errorf("MDBU with 6 of 7: %+v, %v", res, err)
	}
}

func TestHEATInputErrors(t *testing.T) {
	g := heatHand(false)
	g[0].SE = -1
	if _, err := HEAT("BGV", g, HEATOptions{}); err == nil || errors.Is(err, ErrNotApplicable) || !strings.Contains(err.Error(), "standard error") {
		t.Errorf("negative se: %v", err)
	}
	g = heatHand(false)
	g[0].Population = 0
	if _, err := HEAT("BGV", g, HEATOptions{}); err == nil || !strings.Contains(err.Error(), "population") {
		t.Errorf("zero population: %v", err)
	}
	if _, err := HEAT("XYZ", heatHand(false), HEATOptions{}); err == nil || !strings.Contains(err.Error(), "unknown") {
		t.Errorf("unknown measure: %v", err)
	}
	if _, err := HEAT("D", heatHand(false), HEATOptions{Level: 0.5}); err == nil {
		t.Error("bad level accepted")
	}
	all := HEATAll(heatHand(false), HEATOptions{Favourable: true})
	if len(all) != 21 {
		t.Fatalf("HEATAll gave %d outcomes", len(all))
	}
	for _, o := range all {
		ordOnly := map[string]bool{"SII": true, "RII": true, "ACI": true, "RCI": true, "MDRU": true, "MDRW": true}
		if ordOnly[o.Result.Measure] != (o.Err != nil) {
			t.Errorf("%s: err %v", o.Result.Measure, o.Err)
		}
	}
}

func newTestRand() *rand.Rand { return rand.New(rand.NewPCG(1, 2)) }
