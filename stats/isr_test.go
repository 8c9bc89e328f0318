package stats

import (
	"testing"
)

type isrBand struct {
	Count pimJNum
	Pop   pimJNum
}

// TestISRReference reproduces every case of isr.json: ISRate at 100,000 and
// 1,000, ISRatio ×1 and ×100, per-band and observed-total inputs, and the
// zero-population areas (95 % limits only, as the file states).
func TestISRReference(t *testing.T) {
	var ref struct {
		RefData []struct {
			Refcount, Refpop pimJNum
		} `json:"reference_data"`
		Inputs   map[string][]isrBand `json:"inputs_by_area"`
		ZeroPop  map[string][]isrBand `json:"zero_population_inputs"`
		Totals   map[string]float64   `json:"observed_totals_lookup"`
		Expected []struct {
			Area, Statistic, Method, Kind string
			CaseID                        string `json:"case_id"`
			InputSet                      string `json:"input_set"`
			Observed, Expected            pimJNum
			RefRate                       pimJNum `json:"ref_rate"`
			Value                         pimJNum
			L95                           pimJNum `json:"lower95_0cl"`
			U95                           pimJNum `json:"upper95_0cl"`
			L998                          pimJNum `json:"lower99_8cl"`
			U998                          pimJNum `json:"upper99_8cl"`
			Multiplier, Refvalue          float64
		}
	}
	pimReadJSON(t, "isr.json", &ref)
	if len(ref.Expected) == 0 || len(ref.RefData) == 0 {
		t.Fatal("isr.json has no cases")
	}
	var rc, rp []float64
	for _, b := range ref.RefData {
		rc, rp = append(rc, float64(b.Refcount)), append(rp, float64(b.Refpop))
	}
	for _, x := range ref.Expected {
		set := ref.Inputs
		levels := []float64{95, 99.8}
		if x.InputSet == "zero_population_inputs" {
			set, levels = ref.ZeroPop, []float64{95}
		}
		rows, ok := set[x.Area]
		if !ok {
			t.Fatalf("%s: no inputs for %s", x.CaseID, x.Area)
		}
		var c, p []float64
		for _, b := range rows {
			c, p = append(c, float64(b.Count)), append(p, float64(b.Pop))
		}
		isRate := x.Kind == "ISRate"
		var results []ISRResult
		var r ISRResult
		var err error
		if isRate {
			r, err = ISRateBands(c, p, rc, rp, x.Multiplier, levels)
		} else {
			r, err = ISRatioBands(c, p, rc, rp, x.Refvalue, levels)
		}
		if err != nil {
			t.Fatalf("%s: %v", x.CaseID, err)
		}
		results = append(results, r)
		// Same result when the observed total is supplied separately.
		if o, ok := ref.Totals[x.Area]; ok && x.InputSet != "zero_population_inputs" {
			e, err := ExpectedCount(p, rc, rp)
			if err != nil {
				t.Fatal(err)
			}
			if isRate {
				r, err = ISRate(o, e, ReferenceRate(rc, rp, x.Multiplier), x.Multiplier, levels)
			} else {
				r, err = ISRatio(o, e, x.Refvalue, levels)
			}
			if err != nil {
				t.Fatal(err)
			}
			results = append(results, r)
		}
		for _, r := range results {
			id := x.CaseID + " " + x.Area
			pimCheck(t, id+" observed", r.Observed, float64(x.Observed), 1e-12)
			pimCheck(t, id+" expected", r.Expected, float64(x.Expected), 1e-9)
			pimCheck(t, id+" ref rate", r.RefRate, float64(x.RefRate), 1e-9)
			pimCheck(t, id+" value", r.Value, float64(x.Value), 1e-9)
			pimCheck(t, id+" lower95", r.CIs[0].Lower, float64(x.L95), 1e-9)
			pimCheck(t, id+" upper95", r.CIs[0].Upper, float64(x.U95), 1e-9)
			if len(levels) > 1 {
				pimCheck(t, id+" lower99.8", r.CIs[1].Lower, float64(x.L998), 1e-9)
				pimCheck(t, id+" upper99.8", r.CIs[1].Upper, float64(x.U998), 1e-9)
			}
			if r.Statistic != x.Statistic || r.Method != x.Method {
				t.Errorf("%s: labels %q / %q, want %q / %q", id, r.Statistic, r.Method, x.Statistic, x.Method)
			}
		}
	}
	t.Logf("isr.json: %d cases checked", len(ref.Expected))
}

func TestISRErrors(t *testing.T) {
	rc, rp := []float64{10, 20}, []float64{1000, 1000}
	cases := []struct {
		name string
		fn   func() error
	}{
		{"negative count", func() error { _, err := ISRatioBands([]float64{-1, 2}, []float64{10, 10}, rc, rp, 1, nil); return err }},
		{"negative pop", func() error { _, err := ISRatioBands([]float64{1, 2}, []float64{-10, 10}, rc, rp, 1, nil); return err }},
		{"short reference", func() error {
			_, err := ISRatioBands([]float64{1, 2}, []float64{10, 10}, rc[:1], rp, 1, nil)
			return err
		}},
		{"short counts", func() error { _, err := ISRateBands([]float64{1}, []float64{10, 10}, rc, rp, 1e5, nil); return err }},
		{"zero ref pop", func() error { _, err := ExpectedCount([]float64{1, 2}, rc, []float64{0, 10}); return err }},
		{"negative observed", func() error { _, err := ISRatio(-1, 5, 1, nil); return err }},
		{"bad refvalue", func() error { _, err := ISRatio(1, 5, 0, nil); return err }},
		{"bad level", func() error { _, err := ISRatio(1, 5, 100, []float64{50}); return err }},
	}
	for _, c := range cases {
		if c.fn() == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
	// Hand case: O = 0, E = 2 → SMR 0, exact limits 0 and −ln(0.025)/2.
	r, err := ISRatio(0, 2, 1, []float64{95})
	if err != nil {
		t.Fatal(err)
	}
	pimCheck(t, "zero SMR", r.Value, 0, 1e-12)
	pimCheck(t, "zero SMR upper", r.CIs[0].Upper, 3.6888794541139363/2, 1e-12)
}
