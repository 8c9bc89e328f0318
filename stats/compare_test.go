package stats

import (
	"math"
	"testing"
)

func TestCompareCI(t *testing.T) {
	iv := Interval{Level: 0.95, Lower: 10, Upper: 20}
	nan := math.NaN()
	cases := []struct {
		name      string
		iv        Interval
		benchmark float64
		p         Polarity
		label     string
		dir       int
	}{
		{"above, high good", iv, 5, HighIsGood, LabelBetter, 1},
		{"above, low good", iv, 5, LowIsGood, LabelWorse, 1},
		{"above, no judgement", iv, 5, NoJudgement, LabelHigher, 1},
		{"below, high good", iv, 25, HighIsGood, LabelWorse, -1},
		{"below, low good", iv, 25, LowIsGood, LabelBetter, -1},
		{"below, no judgement", iv, 25, NoJudgement, LabelLower, -1},
		{"inside", iv, 15, HighIsGood, LabelSimilar, 0},
		{"on lower boundary is similar", iv, 10, NoJudgement, LabelSimilar, 0},
		{"on upper boundary is similar", iv, 20, NoJudgement, LabelSimilar, 0},
		{"missing benchmark", iv, nan, HighIsGood, LabelNotCompared, 0},
		{"missing limit", Interval{Level: 0.95, Lower: nan, Upper: 20}, 15, HighIsGood, LabelNotCompared, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := CompareCI(c.iv, c.benchmark, c.p)
			if got.Label != c.label || got.Direction != c.dir {
				t.Errorf("got %+v, want %s %d", got, c.label, c.dir)
			}
		})
	}
}

func TestCompareTwoLevel(t *testing.T) {
	iv95 := Interval{Level: 0.95, Lower: 10, Upper: 20}
	iv998 := Interval{Level: 0.998, Lower: 8, Upper: 22}
	cases := []struct {
		name      string
		benchmark float64
		p         Polarity
		want      string
	}{
		{"outside 95 only", 9, HighIsGood, "Better (95%)"},
		{"outside 99.8", 7, HighIsGood, "Better (99.8%)"},
		{"below at 99.8, low good", 23, LowIsGood, "Better (99.8%)"},
		{"below at 95, no judgement", 21, NoJudgement, "Lower (95%)"},
		{"similar", 15, LowIsGood, "Similar"},
	}
	for _, c := range cases {
		if got := CompareTwoLevel(iv95, iv998, c.benchmark, c.p).String(); got != c.want {
			t.Errorf("%s: got %q want %q", c.name, got, c.want)
		}
	}
	nan := math.NaN()
	if got := CompareTwoLevel(Interval{Lower: nan, Upper: nan}, iv998, 7, HighIsGood); got.Label != LabelNotCompared {
		t.Errorf("missing 95: %+v", got)
	}
	if got := CompareTwoLevel(iv95, Interval{Lower: nan, Upper: nan}, 7, HighIsGood); got.String() != "Better (95%)" {
		t.Errorf("missing 99.8: %v", got)
	}
}

func TestCompareEstimate(t *testing.T) {
	e, _ := Proportion(30, 100, 100, nil) // 30 %, 95 % CI ≈ 21.9–39.6, 99.8 % ≈ 17.6–45.2
	cases := []struct {
		m         CompareMethod
		benchmark float64
		want      string
	}{
		{CompareCI95, 20, "Higher (95%)"},
		{CompareCI998, 20, "Similar"},
		{CompareTwoLevels, 15, "Higher (99.8%)"},
		{CompareTwoLevels, 20, "Higher (95%)"},
		{CompareNone, 1, "Not compared"},
	}
	for _, c := range cases {
		if got := Compare(c.m, e, c.benchmark, NoJudgement).String(); got != c.want {
			t.Errorf("method %d bench %v: %q want %q", c.m, c.benchmark, got, c.want)
		}
	}
	if got := Compare(CompareCI95, Estimate{Value: math.NaN()}, 1, NoJudgement); got.Label != LabelNotCompared {
		t.Errorf("missing value: %+v", got)
	}
	if got := Compare(CompareCI998, Estimate{Value: 1, CIs: []Interval{{Level: 0.95, Lower: 0, Upper: 2}}}, 5, NoJudgement); got.Label != LabelNotCompared {
		t.Errorf("missing 99.8 interval: %+v", got)
	}
}

func TestCompareQuintiles(t *testing.T) {
	v := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, math.NaN()}
	nj := CompareQuintiles(v, NoJudgement)
	hg := CompareQuintiles(v, HighIsGood)
	lg := CompareQuintiles(v, LowIsGood)
	// Quintiles 1,1,2,2,…,5,5 (see TestQuantiles).
	if nj[0].Label != "Lowest" || nj[9].Label != "Highest" || nj[4].Label != "Middle" || nj[2].Label != "Low" {
		t.Errorf("no judgement: %+v", nj)
	}
	if hg[9].Label != "Best" || hg[0].Label != "Worst" || hg[7].Label != "Better" {
		t.Errorf("high is good: %+v", hg)
	}
	if lg[0].Label != "Best" || lg[9].Label != "Worst" || lg[2].Label != "Better" || lg[0].Quintile != 1 {
		t.Errorf("low is good: %+v", lg)
	}
	if nj[10].Label != LabelNotCompared {
		t.Errorf("missing value: %+v", nj[10])
	}
	if few := CompareQuintiles([]float64{1, 2, 3}, NoJudgement); few[0].Label != LabelNotCompared {
		t.Errorf("too few: %+v", few)
	}
}

func TestParsePolarityAndMethod(t *testing.T) {
	for in, want := range map[string]Polarity{
		"RAG - High is good": HighIsGood, "Low is good": LowIsGood, "RAG - Low is good   ": LowIsGood,
		"BOB - Blue orange blue": NoJudgement, "No judgement": NoJudgement, "": NoJudgement, "Not applicable": NoJudgement,
	} {
		if got, err := ParsePolarity(in); err != nil || got != want {
			t.Errorf("ParsePolarity(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParsePolarity("sideways"); err == nil {
		t.Error("unknown polarity accepted")
	}
	for in, want := range map[string]CompareMethod{
		"Confidence intervals overlapping reference value (95.0)":          CompareCI95,
		"Confidence intervals overlapping reference value (99.8)":          CompareCI998,
		"Confidence intervals overlapping reference value (95.0 and 99.8)": CompareTwoLevels,
		"Do not compare": CompareNone, "": CompareNone,
	} {
		if got, err := ParseCompareMethod(in); err != nil || got != want {
			t.Errorf("ParseCompareMethod(%q) = %v, %v", in, got, err)
		}
	}
	if m, err := ParseCompareMethod("Quintiles"); err != nil || m != CompareByQuintiles {
		t.Errorf("ParseCompareMethod(Quintiles) = %v, %v", m, err)
	}
	if _, err := ParseCompareMethod("eyeball it"); err == nil {
		t.Error("unknown method accepted")
	}
}
