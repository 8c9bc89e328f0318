package stats

import (
	"math"
	"path/filepath"
	"strings"
	"testing"
)

// TestRateReference reproduces every row of rate.csv (as for proportions,
// grouped rows are rebuilt with Sum over two identical halves).
func TestRateReference(t *testing.T) {
	rows := pimReadCSV(t, filepath.Join(pimRefDir, "rate.csv"))
	for _, r := range rows {
		x, n := pimNum(t, r["numerator"]), pimNum(t, r["denominator"])
		if strings.HasPrefix(r["kind"], "grouped") {
			x = Sum([]float64{x / 2, x / 2})
			n = Sum([]float64{n / 2, n / 2})
		}
		e, err := Rate(x, n, pimNum(t, r["multiplier"]), pimLevelsFor(r))
		if err != nil {
			t.Errorf("%s: %v", r["case_id"], err)
			continue
		}
		pimCheckRefRow(t, r, e)
	}
	t.Logf("rate.csv: %d rows checked", len(rows))
}

func TestRateEdges(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		name    string
		x, n, m float64
		err     bool
		value   float64
		method  string
	}{
		{"zero count exact", 0, 1000, 1e5, false, 0, "Exact"},
		{"x > n allowed", 250, 220, 1e5, false, 250.0 / 220 * 1e5, "Byars"},
		{"nine is exact", 9, 1000, 1e5, false, 900, "Exact"},
		{"ten is Byars", 10, 1000, 1e5, false, 1000, "Byars"},
		{"negative x", -1, 10, 1e5, true, 0, ""},
		{"zero n", 1, 0, 1e5, true, 0, ""},
		{"NaN x", nan, 10, 1e5, false, nan, ""},
		{"NaN n", 3, nan, 1e5, false, nan, "Exact"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, err := Rate(c.x, c.n, c.m, nil)
			if (err != nil) != c.err {
				t.Fatalf("err = %v, want error %v", err, c.err)
			}
			if c.err {
				return
			}
			pimCheck(t, c.name, e.Value, c.value, 1e-12)
			if e.Method != c.method {
				t.Errorf("method %q, want %q", e.Method, c.method)
			}
		})
	}
	// Zero count: exact lower 0, upper −ln(0.025)/n·m.
	e, _ := Rate(0, 1000, 1e5, []float64{95})
	pimCheck(t, "zero lower", e.CIs[0].Lower, 0, 1e-12)
	pimCheck(t, "zero upper", e.CIs[0].Upper, -math.Log(0.025)/1000*1e5, 1e-12)
	if _, err := Rate(1, 10, 1e5, []float64{99.8, 95}); err == nil {
		t.Error("levels in wrong order accepted")
	}
}
