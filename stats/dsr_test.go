package stats

import (
	"math"
	"path/filepath"
	"strings"
	"testing"
)

type dsrRow struct {
	Ageband string
	Count   pimJNum
	Pop     pimJNum
	ESP2013 pimJNum `json:"esp2013"`
	ESP1976 pimJNum `json:"stdpop_esp1976"`
	I1      pimJNum `json:"individuals_with_1_events"`
	I2      pimJNum `json:"individuals_with_2_events"`
	I3      pimJNum `json:"individuals_with_3_events"`
	I4      pimJNum `json:"individuals_with_4_events"`
}

type dsrExpected struct {
	Area, Statistic, Method string
	CaseIDJSON              string  `json:"case_id"`
	TotalCount              pimJNum `json:"total_count"`
	TotalPop                pimJNum `json:"total_pop"`
	Value                   pimJNum
	L95                     pimJNum `json:"lower95_0cl"`
	U95                     pimJNum `json:"upper95_0cl"`
	L998                    pimJNum `json:"lower99_8cl"`
	U998                    pimJNum `json:"upper99_8cl"`
	Multiplier              float64
	Note                    string
}

// TestDSRReference reproduces every case of dsr.json: ESP2013 areas at two
// multipliers, the suppressed tiny area (count < 10, NA count treated as 0),
// the custom 1976 standard and the non-independent-events areas.
//
// The 1976-standard cases: only the value and 95 % limits are asserted; the
// file marks their 99.8 % limits (lower99_8cl_UNRELIABLE / upper…) as
// mis-scaled ×10 in the source workbook, so they are deliberately not read.
// The non-independent cases were stated to 8 decimal places: 1e-9 relative
// still holds for values ≥ ~10 (checked at 1e-9 below, half a unit in the
// 8th decimal would be ≤ 5e-12 relative).
func TestDSRReference(t *testing.T) {
	var ref struct {
		Inputs   map[string][]dsrRow `json:"inputs_by_area"`
		In1976   []dsrRow            `json:"input_1976_custom_stdpop"`
		NonInd   map[string][]dsrRow `json:"nonindependent_events_inputs_by_area"`
		Expected []dsrExpected
	}
	pimReadJSON(t, "dsr.json", &ref)
	if len(ref.Expected) == 0 {
		t.Fatal("dsr.json has no expected cases")
	}
	for _, x := range ref.Expected {
		var r DSRResult
		var err error
		levels := []float64{95, 99.8}
		switch {
		case x.Area == "testdata_1976":
			var c, p, w []float64
			for _, b := range ref.In1976 {
				c, p, w = append(c, float64(b.Count)), append(p, float64(b.Pop)), append(w, float64(b.ESP1976))
			}
			r, err = DSR(c, p, w, x.Multiplier, []float64{95})
		case strings.HasPrefix(x.Area, "testdata_nonind"):
			rows, ok := ref.NonInd[x.Area]
			if !ok {
				t.Fatalf("no inputs for %s", x.Area)
			}
			// The source test drops the frequency-4 column except for _big.
			freq := []float64{1, 2, 3, 4}
			if x.Area != "testdata_nonind_big" {
				freq = freq[:3]
			}
			var ind [][]float64
			var p, w []float64
			for _, b := range rows {
				all := []float64{float64(b.I1), float64(b.I2), float64(b.I3), float64(b.I4)}
				ind = append(ind, all[:len(freq)])
				p, w = append(p, float64(b.Pop)), append(w, float64(b.ESP2013))
			}
			r, err = DSRNonIndependent(freq, ind, p, w, x.Multiplier, levels)
		default:
			rows, ok := ref.Inputs[x.Area]
			if !ok {
				t.Fatalf("no inputs for %s", x.Area)
			}
			var c, p, w []float64
			for _, b := range rows {
				c, p, w = append(c, float64(b.Count)), append(p, float64(b.Pop)), append(w, float64(b.ESP2013))
			}
			r, err = DSR(c, p, w, x.Multiplier, levels)
		}
		id := x.CaseIDJSON + " " + x.Area
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		pimCheck(t, id+" total count", r.TotalCount, float64(x.TotalCount), 1e-12)
		pimCheck(t, id+" total pop", r.TotalPop, float64(x.TotalPop), 1e-12)
		pimCheck(t, id+" value", r.Value, float64(x.Value), 1e-9)
		pimCheck(t, id+" lower95", r.CIs[0].Lower, float64(x.L95), 1e-9)
		pimCheck(t, id+" upper95", r.CIs[0].Upper, float64(x.U95), 1e-9)
		if len(r.CIs) > 1 {
			pimCheck(t, id+" lower99.8", r.CIs[1].Lower, float64(x.L998), 1e-9)
			pimCheck(t, id+" upper99.8", r.CIs[1].Upper, float64(x.U998), 1e-9)
		}
		if r.Statistic != x.Statistic || r.Method != x.Method {
			t.Errorf("%s: labels %q / %q, want %q / %q", id, r.Statistic, r.Method, x.Statistic, x.Method)
		}
	}
	t.Logf("dsr.json: %d cases checked", len(ref.Expected))
}

// TestESP2013MatchesData checks the exported ESP2013 weights and labels
// against shared/data/esp2013.csv.
func TestESP2013MatchesData(t *testing.T) {
	rows := pimReadCSV(t, filepath.Join("..", "..", "shared", "data", "esp2013.csv"))
	if len(rows) != len(ESP2013) || len(ESP2013Bands) != len(ESP2013) {
		t.Fatalf("esp2013.csv has %d bands, ESP2013 %d, labels %d", len(rows), len(ESP2013), len(ESP2013Bands))
	}
	sum := 0.0
	for i, r := range rows {
		if w := pimNum(t, r["weight"]); w != ESP2013[i] {
			t.Errorf("band %d weight %v, want %v", i+1, ESP2013[i], w)
		}
		if r["age_band"] != ESP2013Bands[i] {
			t.Errorf("band %d label %q, want %q", i+1, ESP2013Bands[i], r["age_band"])
		}
		sum += ESP2013[i]
	}
	if sum != 100000 {
		t.Errorf("ESP2013 sums to %v", sum)
	}
}

func TestDSRErrors(t *testing.T) {
	nan := math.NaN()
	ok := func() ([]float64, []float64, []float64) {
		return []float64{10, 20}, []float64{100, 200}, []float64{1, 1}
	}
	cases := []struct {
		name string
		mod  func(c, p, w []float64) ([]float64, []float64, []float64)
	}{
		{"negative count", func(c, p, w []float64) ([]float64, []float64, []float64) { c[0] = -1; return c, p, w }},
		{"zero pop", func(c, p, w []float64) ([]float64, []float64, []float64) { p[1] = 0; return c, p, w }},
		{"missing pop", func(c, p, w []float64) ([]float64, []float64, []float64) { p[1] = nan; return c, p, w }},
		{"negative weight", func(c, p, w []float64) ([]float64, []float64, []float64) { w[0] = -1; return c, p, w }},
		{"missing weight", func(c, p, w []float64) ([]float64, []float64, []float64) { w[0] = nan; return c, p, w }},
		{"short counts", func(c, p, w []float64) ([]float64, []float64, []float64) { return c[:1], p, w }},
		{"short weights", func(c, p, w []float64) ([]float64, []float64, []float64) { return c, p, w[:1] }},
		{"no bands", func(c, p, w []float64) ([]float64, []float64, []float64) { return nil, nil, nil }},
	}
	for _, tc := range cases {
		c, p, w := tc.mod(ok())
		if _, err := DSR(c, p, w, 1e5, nil); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
	c, p, w := ok()
	if _, err := DSR(c, p, w, 1e5, []float64{75}); err == nil {
		t.Error("bad level: no error")
	}
	// Hand case: one band, x = 100, n = 1000, w = 1 → DSR = 0.1·m; Var/O =
	// (1/1000)²; limits = (0.1 + (B − 100)/1000)·m = B/1000·m, i.e. the
	// Dobson limits reduce to Byars limits of the crude rate.
	r, err := DSR([]float64{100}, []float64{1000}, []float64{1}, 1e5, []float64{95})
	if err != nil {
		t.Fatal(err)
	}
	pimCheck(t, "one band value", r.Value, 10000, 1e-12)
	pimCheck(t, "one band lower", r.CIs[0].Lower, ByarsLower(100, 0.95)/1000*1e5, 1e-12)
	// Non-independent errors.
	if _, err := DSRNonIndependent([]float64{1, 0}, [][]float64{{1, 1}}, []float64{10}, []float64{1}, 1e5, nil); err == nil {
		t.Error("zero frequency: no error")
	}
	if _, err := DSRNonIndependent([]float64{1, 2}, [][]float64{{1}}, []float64{10}, []float64{1}, 1e5, nil); err == nil {
		t.Error("ragged individuals: no error")
	}
	if _, err := DSRNonIndependent([]float64{1}, [][]float64{{-1}}, []float64{10}, []float64{1}, 1e5, nil); err == nil {
		t.Error("negative individuals: no error")
	}
	// With only frequency 1 the non-independent method equals the plain one.
	a, _ := DSR([]float64{30, 40}, []float64{100, 200}, []float64{2, 3}, 1e5, nil)
	b, _ := DSRNonIndependent([]float64{1}, [][]float64{{30}, {40}}, []float64{100, 200}, []float64{2, 3}, 1e5, nil)
	for i := range a.CIs {
		pimCheck(t, "f=1 lower", b.CIs[i].Lower, a.CIs[i].Lower, 1e-12)
		pimCheck(t, "f=1 upper", b.CIs[i].Upper, a.CIs[i].Upper, 1e-12)
	}
}
