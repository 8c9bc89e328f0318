package stats

import (
	"math"
	"testing"
)

func TestTrendProportion(t *testing.T) {
	n := []float64{100, 100, 100, 100, 100}
	nan := math.NaN()
	cases := []struct {
		name   string
		x, n   []float64
		p      Polarity
		label  string
		chi    float64
		dir    int
		method string
	}{
		// x = 10…50 of 100: Σx = 150, p̄ = 0.3, Σxt = 550, Σnt = 1500,
		// Σnt² = 5500, Sxx = 5500 − 1500²/500 = 1000, U = 550 − 0.3·1500 =
		// 100, χ² = 100²/(0.21·1000) = 47.619… > 3.0902² = 9.5495.
		{"rising, no judgement", []float64{10, 20, 30, 40, 50}, n, NoJudgement, TrendIncreasing, 10000.0 / 210, 1, TrendMethodChiSquare},
		{"rising, high good", []float64{10, 20, 30, 40, 50}, n, HighIsGood, "Increasing and getting better", 10000.0 / 210, 1, ""},
		{"rising, low good", []float64{10, 20, 30, 40, 50}, n, LowIsGood, "Increasing and getting worse", 10000.0 / 210, 1, ""},
		{"falling, low good", []float64{50, 40, 30, 20, 10}, n, LowIsGood, "Decreasing and getting better", 10000.0 / 210, -1, ""},
		{"falling, high good", []float64{50, 40, 30, 20, 10}, n, HighIsGood, "Decreasing and getting worse", 10000.0 / 210, -1, ""},
		// Flat: U = 0 → χ² = 0.
		{"flat", []float64{30, 30, 30, 30, 30}, n, HighIsGood, TrendNoChange, 0, 0, ""},
		// x = 28…32: Σxt = 460, U = 10, χ² = 100/210 = 0.476 → not significant.
		{"small rise", []float64{28, 29, 30, 31, 32}, n, HighIsGood, TrendNoChange, 100.0 / 210, 0, ""},
		// Only the last five points count: an early outlier is ignored.
		{"last five only", []float64{99, 10, 20, 30, 40, 50}, []float64{100, 100, 100, 100, 100, 100}, NoJudgement, TrendIncreasing, 10000.0 / 210, 1, ""},
		{"four points", []float64{10, 20, 30, 40}, n[:4], NoJudgement, TrendCannotCalc, nan, 0, ""},
		{"missing count", []float64{10, nan, 30, 40, 50}, n, NoJudgement, TrendCannotCalc, nan, 0, ""},
		{"count > denominator", []float64{10, 200, 30, 40, 50}, n, NoJudgement, TrendCannotCalc, nan, 0, ""},
		{"all zero", []float64{0, 0, 0, 0, 0}, n, NoJudgement, TrendCannotCalc, nan, 0, ""},
		{"zero denominator", []float64{0, 20, 30, 40, 50}, []float64{0, 100, 100, 100, 100}, NoJudgement, TrendCannotCalc, nan, 0, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := TrendProportion(c.x, c.n, c.p)
			if r.Label != c.label || r.Direction != c.dir {
				t.Errorf("got %+v, want %q %d", r, c.label, c.dir)
			}
			pimCheck(t, "chi", r.Statistic, c.chi, 1e-12)
			if c.method != "" && r.Method != c.method {
				t.Errorf("method %q", r.Method)
			}
		})
	}
	// Slope of the rising case: U/Sxx = 0.1 per period.
	pimCheck(t, "slope", TrendProportion([]float64{10, 20, 30, 40, 50}, n, NoJudgement).Slope, 0.1, 1e-12)
}

func TestTrendWeighted(t *testing.T) {
	z := Z(0.95)
	y := []float64{1, 2, 3, 4, 5}
	lim := func(se float64, y []float64) (lo, up []float64) {
		for _, v := range y {
			lo, up = append(lo, v-z*se), append(up, v+z*se)
		}
		return
	}
	lo1, up1 := lim(1, y)
	lo2, up2 := lim(2, y)
	rev := []float64{5, 4, 3, 2, 1}
	lor, upr := lim(1, rev)
	nan := math.NaN()
	cases := []struct {
		name     string
		y, l, u  []float64
		p        Polarity
		label    string
		z, slope float64
	}{
		// SE = 1 → w = 1; t̄ = ȳ = 3; Sxx = 10, Sxy = 10 → b = 1,
		// z = b·√Sxx = √10 = 3.162 > 3.090 → significant.
		{"rising se 1", y, lo1, up1, NoJudgement, TrendIncreasing, math.Sqrt(10), 1},
		{"falling se 1 low good", rev, lor, upr, LowIsGood, "Decreasing and getting better", -math.Sqrt(10), -1},
		// SE = 2 → w = 1/4, Sxx = 2.5, b = 1, z = √2.5 = 1.58 → not significant.
		{"rising se 2", y, lo2, up2, HighIsGood, TrendNoChange, math.Sqrt(2.5), 1},
		{"missing value", []float64{1, nan, 3, 4, 5}, lo1, up1, NoJudgement, TrendCannotCalc, nan, nan},
		{"zero width", y, y, y, NoJudgement, TrendCannotCalc, nan, nan},
		{"three points", y[:3], lo1[:3], up1[:3], NoJudgement, TrendCannotCalc, nan, nan},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := TrendWeighted(c.y, c.l, c.u, c.p)
			if r.Label != c.label {
				t.Errorf("got %+v, want %q", r, c.label)
			}
			pimCheck(t, "z", r.Statistic, c.z, 1e-12)
			pimCheck(t, "slope", r.Slope, c.slope, 1e-12)
		})
	}
}

func TestRecentTrend(t *testing.T) {
	var pts []TrendPoint
	z := Z(0.95)
	for i := 1; i <= 5; i++ {
		v := float64(i)
		pts = append(pts, TrendPoint{Count: 10 * v, Denominator: 100, Value: v, Lower95: v - z, Upper95: v + z})
	}
	// Same data as the hand cases above: χ² = 47.6 and z = √10.
	if r := RecentTrend(pts, true, HighIsGood); r.Method != TrendMethodChiSquare || r.Label != "Increasing and getting better" {
		t.Errorf("proportion: %+v", r)
	}
	if r := RecentTrend(pts, false, LowIsGood); r.Method != TrendMethodWeighted || r.Label != "Increasing and getting worse" {
		t.Errorf("weighted: %+v", r)
	}
	if r := RecentTrend(pts[:2], false, LowIsGood); r.Label != TrendCannotCalc {
		t.Errorf("two points: %+v", r)
	}
}
