package stats

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

func TestFunnelRounding(t *testing.T) {
	tests := []struct {
		x, floorLead, ceil2 float64
	}{
		// 1172.3: leading digit 1 at 10³ → 1000; two significant digits
		// with 10² steps: ⌈11.723⌉·100 = 1200.
		{1172.3, 1000, 1200},
		{5703.6, 5000, 5800},
		{33.25, 30, 34},
		{0.0456, 0.04, 0.046},
		{0, 0, 0},
	}
	for _, tc := range tests {
		if got := floorLeadingDigit(tc.x); math.Abs(got-tc.floorLead) > 1e-12 {
			t.Errorf("floorLeadingDigit(%v) = %v, want %v", tc.x, got, tc.floorLead)
		}
		if got := ceilTwoSig(tc.x); math.Abs(got-tc.ceil2) > 1e-12 {
			t.Errorf("ceilTwoSig(%v) = %v, want %v", tc.x, got, tc.ceil2)
		}
	}
}

// TestFunnelProportionLimitInvertsWilson: by construction the upper funnel
// limit p_U at population n is the proportion whose Wilson lower limit
// equals av, and the lower limit p_L the one whose Wilson upper limit
// equals av (same z: Φ⁻¹(0.975) ↔ level 95 %, Φ⁻¹(0.999) ↔ 99.8 %).
func TestFunnelProportionLimitInvertsWilson(t *testing.T) {
	tests := []struct {
		av, n, tail, level float64
	}{
		{0.3, 100, 0.025, 0.95},
		{0.3, 5000, 0.001, 0.998},
		{0.05, 400, 0.025, 0.95},
		{0.8, 250, 0.001, 0.998},
	}
	for _, tc := range tests {
		pu := FunnelProportionLimit(tc.av, tc.n, tc.tail, 1, false)
		pl := FunnelProportionLimit(tc.av, tc.n, tc.tail, 1, true)
		lo, _ := wilson(pu*tc.n, tc.n, tc.level)
		_, hi := wilson(pl*tc.n, tc.n, tc.level)
		if siiRel(lo, tc.av) > 1e-9 || siiRel(hi, tc.av) > 1e-9 {
			t.Errorf("%+v: Wilson(p_U) lower %v, Wilson(p_L) upper %v, want %v", tc, lo, hi, tc.av)
		}
		if pct := FunnelProportionLimit(tc.av, tc.n, tc.tail, 100, false); siiRel(pct, 100*pu) > 1e-12 {
			t.Errorf("multiplier 100: %v vs %v", pct, 100*pu)
		}
	}
}

// TestFunnelPoissonExpected: the bisection approximates the exact root.
// P(X ≤ o | λ) = α ⇔ λ = Γ⁻¹(1 − α; o + 1) and P(X ≥ o | λ) = α ⇔
// λ = Γ⁻¹(α; o) (unit-scale gamma quantiles); a 1e-7 step in v gives λ to
// about 2e-7·(1 + o) absolute, so at most ~1e-4 relative for the tiny
// upper-side λ of o = 1.
func TestFunnelPoissonExpected(t *testing.T) {
	for _, o := range []float64{1, 3, 9, 10, 57, 400} {
		for _, tail := range []float64{0.025, 0.001} {
			lo := FunnelPoissonExpected(o, tail, true)
			hi := FunnelPoissonExpected(o, tail, false)
			wantLo := distuv.Gamma{Alpha: o + 1, Beta: 1}.Quantile(1 - tail)
			wantHi := distuv.Gamma{Alpha: o, Beta: 1}.Quantile(tail)
			if siiRel(lo, wantLo) > 1e-4 || siiRel(hi, wantHi) > 1e-4 {
				t.Errorf("o=%v tail=%v: got %v, %v want %v, %v", o, tail, lo, hi, wantLo, wantHi)
			}
		}
	}
}

func funnelNested(t *testing.T, fp FunnelLimitPoint) {
	t.Helper()
	if !(fp.Lower998.Value <= fp.Lower95.Value && fp.Lower95.Value <= fp.Baseline &&
		fp.Baseline <= fp.Upper95.Value && fp.Upper95.Value <= fp.Upper998.Value) {
		t.Errorf("limits not nested around the baseline: %+v", fp)
	}
}

func TestFunnelLimitsAxis(t *testing.T) {
	t.Run("proportion wide range starts at 1", func(t *testing.T) {
		// n = 100, 150, 300: max 300 > 2·min → axis min 0 → first point 1;
		// max = ⌈300·1.05 = 315⌉ to 2 s.f. = 320, reached at point 100
		// (exponent 1/(101 − 100) = 1). av = (20+30+90)/550 = 0.254545…
		areas := []FunnelArea{{20, 100, math.NaN()}, {30, 150, math.NaN()}, {90, 300, math.NaN()}}
		pts, err := FunnelLimits(areas, FunnelOptions{Statistic: FunnelProportion, Multiplier: 100})
		if err != nil {
			t.Fatal(err)
		}
		if len(pts) != 100 || pts[0].Axis != 1 || pts[99].Axis != 320 {
			t.Fatalf("axis %v … %v (%d points)", pts[0].Axis, pts[len(pts)-1].Axis, len(pts))
		}
		for i, p := range pts {
			if i > 0 && p.Axis <= pts[i-1].Axis {
				t.Errorf("axis not increasing at %d", i)
			}
			if siiRel(p.Baseline, 100*140.0/550) > 1e-12 {
				t.Errorf("baseline %v", p.Baseline)
			}
			if p.Axis >= 20 {
				funnelNested(t, p)
			}
		}
	})
	t.Run("proportion narrow range", func(t *testing.T) {
		// n = 1000, 1200: max ≤ 2·min → min = 950 down to leading digit = 900;
		// max = 1260 up to 2 s.f. = 1300.
		areas := []FunnelArea{{100, 1000, math.NaN()}, {150, 1200, math.NaN()}}
		pts, err := FunnelLimits(areas, FunnelOptions{Statistic: FunnelProportion})
		if err != nil {
			t.Fatal(err)
		}
		if pts[0].Axis != 900 || pts[99].Axis != 1300 {
			t.Errorf("axis %v … %v, want 900 … 1300", pts[0].Axis, pts[99].Axis)
		}
	})
	t.Run("ratio isr", func(t *testing.T) {
		// Expected 50 and 80: min 47.5 → 40; max 84 → 84. Ratio limits
		// at observed O are 100·O/λ with λ the boundary expected count.
		areas := []FunnelArea{{60, 50, math.NaN()}, {70, 80, math.NaN()}}
		pts, err := FunnelLimits(areas, FunnelOptions{Statistic: FunnelRatio, RatioType: FunnelRatioISR})
		if err != nil {
			t.Fatal(err)
		}
		if pts[0].Axis != 40 {
			t.Errorf("first axis point %v, want 40", pts[0].Axis)
		}
		for _, p := range pts {
			funnelNested(t, p)
			if siiRel(p.Lower95.Value, 100*p.Axis/p.Lower95.X) > 1e-12 {
				t.Errorf("isr limit is not 100·O/λ: %+v", p)
			}
		}
	})
	t.Run("rate crude", func(t *testing.T) {
		// Rates per 1000 with 2 years of data: D = m·O/rate = 2000 and 4000
		// people; av = 30/6000 = 0.005 → baseline 5 per 1000. Per year the
		// populations are 1000 and 2000: 2000 ≤ 2·1000 → min 950 → 900 per
		// year; events ⌊900·2·0.005⌋ = 9; max ⌈2100 → 2100·2·0.005⌉ = 21.
		areas := []FunnelArea{{10, math.NaN(), 5}, {20, math.NaN(), 5}}
		pts, err := FunnelLimits(areas, FunnelOptions{Statistic: FunnelRate, RateType: FunnelRateCrude, Multiplier: 1000, YearsOfData: 2})
		if err != nil {
			t.Fatal(err)
		}
		if pts[0].Axis != 9 || pts[0].Baseline != 5 {
			t.Errorf("first point %+v, want axis 9 baseline 5", pts[0])
		}
		for _, p := range pts {
			funnelNested(t, p)
			// limit = E/pop·m with pop per year ×2 = λ/av.
			if siiRel(p.Upper95.Value, p.Axis/(p.Upper95.X*2)*1000) > 1e-12 {
				t.Errorf("rate limit inconsistent with its population: %+v", p)
			}
		}
	})
}

func TestFunnelSignificance(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name  string
		areas []FunnelArea
		opt   FunnelOptions
		want  []string
	}{
		{
			// av = 250/500 = 0.5. At n = 100 the formula gives 95 % limits
			// 0.4020, 0.5980 and 99.8 % limits 0.3455, 0.6545 (symmetric
			// about 0.5 because av = ½), so 0.9 and 0.1 lie outside the
			// 99.8 % funnel, 0.63 and 0.37 between the two, 0.5 inside.
			"proportion", []FunnelArea{{90, 100, nan}, {10, 100, nan}, {50, 100, nan}, {63, 100, nan}, {37, 100, nan}, {nan, 100, nan}},
			FunnelOptions{Statistic: FunnelProportion},
			[]string{FunnelHigh001, FunnelLow001, FunnelNotSignificant, FunnelHigh025, FunnelLow025, ""},
		},
		{
			// O=30, E=10: Byars 99.8 % lower of 30 ≈ 17.5 → 1.75 > 1 → High.
			// O=10, E=10: ratio 1, not significant. O=2, E=20: exact
			// 99.8 % upper ½χ²(0.999; 6) ≈ 11.2 → 0.56 < 1 → Low.
			// O=20, E=30: Byars 95 % upper ≈ 30.9 → 1.03 > 1 → not significant.
			"ratio", []FunnelArea{{30, 10, nan}, {10, 10, nan}, {2, 20, nan}, {20, 30, nan}},
			FunnelOptions{Statistic: FunnelRatio},
			[]string{FunnelHigh001, FunnelNotSignificant, FunnelLow001, FunnelNotSignificant},
		},
		{
			// DSRs with fewer than 10 events are not assessed.
			"dsr", []FunnelArea{{5, nan, 50}, {100, nan, 100}, {300, nan, 100}},
			FunnelOptions{Statistic: FunnelRate, RateType: FunnelRateDSR, Multiplier: 100000},
			[]string{FunnelDSRTooFew, FunnelNotSignificant, FunnelNotSignificant},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := FunnelSignificance(tc.areas, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			for i := range tc.want {
				if got[i] != tc.want[i] {
					t.Errorf("area %d: %q, want %q", i+1, got[i], tc.want[i])
				}
			}
		})
	}
}

func TestFunnelErrors(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name  string
		areas []FunnelArea
		opt   FunnelOptions
		msg   string
	}{
		{"x above n", []FunnelArea{{5, 4, nan}}, FunnelOptions{}, "exceeds"},
		{"n zero", []FunnelArea{{0, 0, nan}}, FunnelOptions{}, "denominator"},
		{"negative numerator", []FunnelArea{{-1, 4, nan}}, FunnelOptions{}, "numerator"},
		{"bad ratio type", []FunnelArea{{1, 4, nan}}, FunnelOptions{Statistic: FunnelRatio, RatioType: "x"}, "ratio type"},
		{"rate without type", []FunnelArea{{1, nan, 4}}, FunnelOptions{Statistic: FunnelRate, Multiplier: 1}, "rate type"},
		{"rate without multiplier", []FunnelArea{{1, nan, 4}}, FunnelOptions{Statistic: FunnelRate, RateType: FunnelRateDSR}, "multiplier"},
		{"no usable areas", []FunnelArea{{nan, 4, nan}}, FunnelOptions{}, "at least one"},
		{"all-zero proportion", []FunnelArea{{0, 4, nan}}, FunnelOptions{}, "average"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := FunnelLimits(tc.areas, tc.opt)
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %v, want one mentioning %q", err, tc.msg)
			}
		})
	}
}

func TestFunnelPlotPoints(t *testing.T) {
	nan := math.NaN()
	// Crude rates per 1000 over 2 years: O = 10 at rate 5 → population
	// 1000·10/5 = 2000 → 1000 per year; O = 0 uses the supplied population
	// 3000 → 1500 per year. For a DSR the O = 0 area has no position.
	areas := []FunnelArea{{10, nan, 5}, {0, 3000, 0}}
	got, err := FunnelPlotPoints(areas, FunnelOptions{Statistic: FunnelRate, RateType: FunnelRateCrude, Multiplier: 1000, YearsOfData: 2})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].X != 1000 || got[0].Value != 5 || got[1].X != 1500 || got[1].Value != 0 {
		t.Errorf("crude points %+v", got)
	}
	got, err = FunnelPlotPoints(areas, FunnelOptions{Statistic: FunnelRate, RateType: FunnelRateDSR, Multiplier: 1000, YearsOfData: 2})
	if err != nil || !math.IsNaN(got[1].X) {
		t.Errorf("dsr O = 0 point %+v, %v", got, err)
	}
	// Ratio 30/20: "count" → 0.5, "isr" → 150; proportion 30/120 × 100 = 25.
	r, _ := FunnelPlotPoints([]FunnelArea{{30, 20, nan}}, FunnelOptions{Statistic: FunnelRatio})
	ri, _ := FunnelPlotPoints([]FunnelArea{{30, 20, nan}}, FunnelOptions{Statistic: FunnelRatio, RatioType: FunnelRatioISR})
	pp, _ := FunnelPlotPoints([]FunnelArea{{30, 120, nan}}, FunnelOptions{Multiplier: 100})
	if r[0].Value != 0.5 || ri[0].Value != 150 || pp[0].Value != 25 || pp[0].X != 120 {
		t.Errorf("ratio/proportion points %+v %+v %+v", r, ri, pp)
	}
}
