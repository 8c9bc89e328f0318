package stats

import (
	"math"
	"path/filepath"
	"strings"
	"testing"
)

// pimLevelsFor returns the levels a reference row asserts: both 95 and 99.8 for
// ungrouped rows, 95 only where the 99.8 columns are NA (the grouped rows of
// the source test were computed at 95 % only).
func pimLevelsFor(r map[string]string) []float64 {
	if r["expected_lower99_8"] == "NA" && r["expected_value"] != "NA" {
		return []float64{95}
	}
	return nil
}

// pimCheckRefRow compares an Estimate with a proportion.csv / rate.csv row.
func pimCheckRefRow(t *testing.T, r map[string]string, e Estimate) {
	t.Helper()
	id := r["case_id"]
	pimCheck(t, id+" value", e.Value, pimNum(t, r["expected_value"]), 1e-9)
	if iv, ok := e.CI(95); ok {
		pimCheck(t, id+" lower95", iv.Lower, pimNum(t, r["expected_lower95"]), 1e-9)
		pimCheck(t, id+" upper95", iv.Upper, pimNum(t, r["expected_upper95"]), 1e-9)
	} else {
		t.Errorf("%s: no 95%% interval", id)
	}
	if iv, ok := e.CI(99.8); ok {
		pimCheck(t, id+" lower99.8", iv.Lower, pimNum(t, r["expected_lower99_8"]), 1e-9)
		pimCheck(t, id+" upper99.8", iv.Upper, pimNum(t, r["expected_upper99_8"]), 1e-9)
	}
	if e.Statistic != r["statistic"] {
		t.Errorf("%s: statistic %q, want %q", id, e.Statistic, r["statistic"])
	}
	want := r["method"]
	if want == "NA" {
		want = ""
	}
	if e.Method != want {
		t.Errorf("%s: method %q, want %q", id, e.Method, want)
	}
}

// TestProportionReference reproduces every row of proportion.csv. Grouped
// rows hold already-summed inputs (two identical rows) and are checked both
// directly and by summing two copies with Sum.
func TestProportionReference(t *testing.T) {
	rows := pimReadCSV(t, filepath.Join(pimRefDir, "proportion.csv"))
	for _, r := range rows {
		x, n := pimNum(t, r["numerator"]), pimNum(t, r["denominator"])
		if strings.HasPrefix(r["kind"], "grouped") {
			half := []float64{x / 2, x / 2}
			x = Sum(half)
			n = Sum([]float64{n / 2, n / 2})
		}
		e, err := Proportion(x, n, pimNum(t, r["multiplier"]), pimLevelsFor(r))
		if err != nil {
			t.Errorf("%s: %v", r["case_id"], err)
			continue
		}
		pimCheckRefRow(t, r, e)
	}
	t.Logf("proportion.csv: %d rows checked", len(rows))
}

func TestProportionEdges(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		name    string
		x, n, m float64
		levels  []float64
		err     bool
		value   float64
	}{
		{"zero count", 0, 10, 1, nil, false, 0},
		{"x equals n", 10, 10, 100, nil, false, 100},
		{"x > n", 11, 10, 1, nil, true, 0},
		{"negative x", -1, 10, 1, nil, true, 0},
		{"zero n", 0, 0, 1, nil, true, 0},
		{"negative n", 1, -5, 1, nil, true, 0},
		{"NaN x", nan, 10, 1, nil, false, nan},
		{"NaN n", 1, nan, 1, nil, false, nan},
		{"level out of range", 1, 10, 1, []float64{80}, true, 0},
		{"two wrong levels", 1, 10, 1, []float64{95, 99}, true, 0},
		{"non-integer x", 0.445, 1, 1, []float64{95}, false, 0.445},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, err := Proportion(c.x, c.n, c.m, c.levels)
			if (err != nil) != c.err {
				t.Fatalf("err = %v, want error %v", err, c.err)
			}
			if !c.err {
				pimCheck(t, c.name, e.Value, c.value, 1e-12)
			}
		})
	}
	// Confidence NA → no limits.
	e, err := Proportion(1, 10, 1, []float64{math.NaN()})
	if err != nil || len(e.CIs) != 0 || e.Value != 0.1 {
		t.Errorf("NaN level: %+v %v", e, err)
	}
	// Zero count: lower limit 0.
	e, _ = Proportion(0, 10, 1, nil)
	if e.CIs[0].Lower != 0 || e.CIs[1].Lower != 0 {
		t.Errorf("zero count lower limits %v", e.CIs)
	}
	if s := ProportionStatistic(1000); s != "proportion of 1000" {
		t.Errorf("statistic %q", s)
	}
}
