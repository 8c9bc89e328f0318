package stats

import (
	"math"
	"testing"
)

// TestMeanReference reproduces mean.json: each area, and "No grouping" (all
// values pooled), at 95 % and 99.8 %.
func TestMeanReference(t *testing.T) {
	var ref struct {
		Inputs   map[string][]float64 `json:"inputs_by_area"`
		Expected []struct {
			Area              string
			Sum               float64 `json:"value_sum"`
			Count             int     `json:"value_count"`
			Stdev, Value      float64
			L95               float64 `json:"lower95_0cl"`
			U95               float64 `json:"upper95_0cl"`
			L998              float64 `json:"lower99_8cl"`
			U998              float64 `json:"upper99_8cl"`
			Statistic, Method string
		}
	}
	pimReadJSON(t, "mean.json", &ref)
	if len(ref.Expected) == 0 {
		t.Fatal("mean.json has no expected rows")
	}
	for _, x := range ref.Expected {
		vals, ok := ref.Inputs[x.Area]
		if x.Area == "No grouping" {
			vals = append(append([]float64{}, ref.Inputs["Area1"]...), ref.Inputs["Area2"]...)
			ok = true
		}
		if !ok {
			t.Fatalf("no inputs for %s", x.Area)
		}
		r, err := Mean(vals, nil)
		if err != nil {
			t.Fatal(err)
		}
		pimCheck(t, x.Area+" sum", r.Sum, x.Sum, 1e-9)
		if r.Count != x.Count {
			t.Errorf("%s count %d, want %d", x.Area, r.Count, x.Count)
		}
		pimCheck(t, x.Area+" sd", r.SD, x.Stdev, 1e-9)
		pimCheck(t, x.Area+" value", r.Value, x.Value, 1e-9)
		pimCheck(t, x.Area+" l95", r.CIs[0].Lower, x.L95, 1e-9)
		pimCheck(t, x.Area+" u95", r.CIs[0].Upper, x.U95, 1e-9)
		pimCheck(t, x.Area+" l99.8", r.CIs[1].Lower, x.L998, 1e-9)
		pimCheck(t, x.Area+" u99.8", r.CIs[1].Upper, x.U998, 1e-9)
		if r.Statistic != x.Statistic || r.Method != x.Method {
			t.Errorf("%s labels %q %q", x.Area, r.Statistic, r.Method)
		}
	}
}

func TestMeanEdges(t *testing.T) {
	// Two values 1 and 3: mean 2, s = √2, t(0.975; 1) = 12.706204736174707,
	// half-width = 12.7062…·√2/√2 = 12.7062….
	r, err := Mean([]float64{1, 3, math.NaN()}, []float64{95})
	if err != nil {
		t.Fatal(err)
	}
	pimCheck(t, "mean", r.Value, 2, 1e-15)
	pimCheck(t, "lower", r.CIs[0].Lower, 2-12.706204736174707, 1e-9)
	if r.Count != 2 {
		t.Errorf("count %d", r.Count)
	}
	r, _ = Mean([]float64{5}, nil)
	if r.Value != 5 || !math.IsNaN(r.CIs[0].Lower) {
		t.Errorf("single value: %+v", r)
	}
	r, _ = Mean(nil, nil)
	if !math.IsNaN(r.Value) {
		t.Errorf("empty: %+v", r)
	}
	if _, err := Mean([]float64{1, 2}, []float64{50}); err == nil {
		t.Error("bad level accepted")
	}
	if _, err := Mean([]float64{1, math.Inf(1)}, nil); err == nil {
		t.Error("Inf accepted")
	}
}
