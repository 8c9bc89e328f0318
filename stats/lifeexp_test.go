package stats

import (
	"math"
	"testing"
)

type leRefRow struct {
	StartAge   float64 `json:"startage"`
	Pop        float64
	Deaths     float64
	LE         float64 `json:"expected_le"`
	L95        float64 `json:"expected_lower95"`
	U95        float64 `json:"expected_upper95"`
	PopsUsed   float64 `json:"expected_pops_used"`
	DeathsUsed float64 `json:"expected_deaths_used"`
}

func leReference(t *testing.T) []leRefRow {
	var ref struct {
		Tolerance string
		Main      struct {
			Rows []leRefRow `json:"inputs_and_expected"`
		} `json:"main_area"`
	}
	pimReadJSON(t, "life_expectancy.json", &ref)
	if len(ref.Main.Rows) != 20 {
		t.Fatalf("life_expectancy.json main area has %d rows", len(ref.Main.Rows))
	}
	return ref.Main.Rows
}

func leBands(rows []leRefRow) []LEBand {
	var b []LEBand
	for _, r := range rows {
		b = append(b, LEBand{StartAge: r.StartAge, Pop: r.Pop, Deaths: r.Deaths})
	}
	return b
}

// TestLifeExpectancyReference reproduces life_expectancy.json. The file's
// tolerance is "compare after rounding to 4 decimal places", so values and
// 95 % limits must agree within 5e-5 absolute; the largest difference is
// logged. The bands are passed in reverse order to exercise sorting.
func TestLifeExpectancyReference(t *testing.T) {
	rows := leReference(t)
	b := leBands(rows)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	res, err := LifeExpectancy(b, []float64{95, 99.8})
	if err != nil || res.Suppressed {
		t.Fatalf("LifeExpectancy: %v %v", err, res.Warning)
	}
	maxd := 0.0
	cmp := func(label string, got, want float64) {
		d := math.Abs(got - want)
		maxd = math.Max(maxd, d)
		if !(d <= 5e-5) {
			t.Errorf("%s: got %.10g want %.10g", label, got, want)
		}
	}
	for i, r := range rows {
		g := res.Rows[i]
		if g.StartAge != r.StartAge {
			t.Fatalf("row %d start age %v want %v", i, g.StartAge, r.StartAge)
		}
		cmp("le", g.Value, r.LE)
		cmp("lower95", g.CIs[0].Lower, r.L95)
		cmp("upper95", g.CIs[0].Upper, r.U95)
		if g.PopsUsed != r.PopsUsed || g.DeathsUsed != r.DeathsUsed {
			t.Errorf("age %v used %v/%v want %v/%v", r.StartAge, g.PopsUsed, g.DeathsUsed, r.PopsUsed, r.DeathsUsed)
		}
	}
	t.Logf("life_expectancy.json: 20 bands, max abs difference %.3g", maxd)
	// The limits differ from the file by up to ~5e-6 (inside the stated 4 dp
	// tolerance) because the source sheet used z = 1.96 rather than
	// Φ⁻¹(0.975) = 1.959964…; rebuilding the limits with 1.96 from our SE
	// matches the file to ~1e-8, which confirms our SE.
	maxd196 := 0.0
	for i, r := range rows {
		g := res.Rows[i]
		se := (g.CIs[0].Upper - g.CIs[0].Lower) / (2 * Z(0.95))
		maxd196 = math.Max(maxd196, math.Max(math.Abs(g.Value-1.96*se-r.L95), math.Abs(g.Value+1.96*se-r.U95)))
	}
	if maxd196 > 1e-7 {
		t.Errorf("limits rebuilt with z = 1.96 differ by %.3g", maxd196)
	}
	t.Logf("life_expectancy.json: with z = 1.96 the limits agree to %.3g", maxd196)
	// 99.8 % limits are only asserted as equal between single- and
	// two-level requests (no stated values).
	one, _ := LifeExpectancy(leBands(rows), []float64{99.8})
	for i := range rows {
		if one.Rows[i].CIs[0] != res.Rows[i].CIs[1] {
			t.Errorf("age %v: 99.8 %% limits differ between requests", rows[i].StartAge)
		}
	}
}

func TestLifeExpectancySuppression(t *testing.T) {
	base := func() []LEBand { return leBands(leReference(t)) }
	cases := []struct {
		name string
		mod  func([]LEBand) []LEBand
	}{
		{"19 bands", func(b []LEBand) []LEBand { return b[:19] }},
		{"21 bands", func(b []LEBand) []LEBand { return append(b, LEBand{StartAge: 95, Pop: 10, Deaths: 1}) }},
		{"negative deaths", func(b []LEBand) []LEBand { b[3].Deaths = -1; return b }},
		{"missing deaths", func(b []LEBand) []LEBand { b[3].Deaths = math.NaN(); return b }},
		{"zero pop", func(b []LEBand) []LEBand { b[5].Pop = 0; return b }},
		{"deaths > pop", func(b []LEBand) []LEBand { b[7].Deaths = b[7].Pop + 1; return b }},
		{"group pop < 5000", func(b []LEBand) []LEBand {
			for i := range b {
				b[i].Pop, b[i].Deaths = 249, 1
			}
			return b
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := LifeExpectancy(c.mod(base()), nil)
			if err != nil {
				t.Fatal(err)
			}
			if !res.Suppressed || res.Warning == "" {
				t.Fatal("not suppressed")
			}
			for _, r := range res.Rows {
				if !math.IsNaN(r.Value) || !math.IsNaN(r.CIs[0].Lower) || !math.IsNaN(r.CIs[1].Upper) {
					t.Fatalf("row %v not NA: %+v", r.StartAge, r)
				}
			}
		})
	}
	// 5000 exactly is enough (rule is "below 5,000").
	b := base()
	for i := range b {
		b[i].Pop, b[i].Deaths = 250, 10
	}
	if res, _ := LifeExpectancy(b, nil); res.Suppressed {
		t.Errorf("pop 5000 suppressed: %s", res.Warning)
	}
	// Wrong start ages with 20 bands are an error; so is a bad level.
	b = base()
	b[2].StartAge = 4
	if _, err := LifeExpectancy(b, nil); err == nil {
		t.Error("bad start ages: no error")
	}
	if _, err := LifeExpectancy(base(), []float64{120}); err == nil {
		t.Error("bad level: no error")
	}
}

// TestLifeExpectancyWideCI: a small population with few deaths gives a 95 %
// CI wider than 20 years at the oldest ages; the value is NA there but the
// limits are kept.
func TestLifeExpectancyWideCI(t *testing.T) {
	b := make([]LEBand, 20)
	for i, a := range LEStartAges {
		b[i] = LEBand{StartAge: a, Pop: 300, Deaths: 1}
	}
	b[19].Deaths = 1
	res, err := LifeExpectancy(b, []float64{95})
	if err != nil || res.Suppressed {
		t.Fatal(err, res.Warning)
	}
	last := res.Rows[19]
	if !math.IsNaN(last.Value) {
		t.Fatalf("90+ value %v, want NA (CI %v)", last.Value, last.CIs)
	}
	if math.IsNaN(last.CIs[0].Lower) || last.CIs[0].Upper-last.CIs[0].Lower <= 20 {
		t.Errorf("90+ limits %v", last.CIs[0])
	}
	// Hand check of the open band: M = 1/300, L₂₀ = l₂₀/M so e₉₀ = 300;
	// s₂₀ = 4/(1·M²), W₂₀ = (l/2)²s₂₀, SE = √(W₂₀)/l = 300 → limits 300 ∓ 1.96·300.
	pimCheck(t, "90+ lower", last.CIs[0].Lower, 300-Z(0.95)*300, 1e-9)
}

func TestParseAgeBandStart(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
		err  bool
	}{{"0", 0, false}, {"1-4", 1, false}, {"90+", 90, false}, {" 85-89 years", 85, false}, {"<1", 0, true}, {"", 0, true}} {
		got, err := ParseAgeBandStart(c.in)
		if (err != nil) != c.err || (!c.err && got != c.want) {
			t.Errorf("ParseAgeBandStart(%q) = %v, %v", c.in, got, err)
		}
	}
}
