package stats

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

const heatRefPath = "../../shared/reference/heat_measures.json"

type heatRefDoc struct {
	Datasets struct {
		Ordered struct {
			Order      []int     `json:"subgroup_order"`
			Pop        []float64 `json:"pop"`
			Est        []float64 `json:"est"`
			SE         []float64 `json:"se"`
			Favourable int       `json:"favourable_indicator"`
			Scale      float64   `json:"scaleval"`
		} `json:"ordered"`
		NonOrdered []struct {
			Subgroup  int     `json:"subgroup"`
			Pop       float64 `json:"pop"`
			Est       float64 `json:"est"`
			SE        float64 `json:"se"`
			Reference int     `json:"reference_subgroup"`
		} `json:"nonordered"`
		NonOrderedNote string `json:"nonordered_note"`
	} `json:"datasets"`
	Cases []struct {
		Measure  string         `json:"measure"`
		Dataset  string         `json:"dataset"`
		Call     string         `json:"call"`
		Expected map[string]any `json:"expected"`
		Tol      float64        `json:"tolerance_rel"`
		Note     string         `json:"note"`
	} `json:"cases"`
}

func loadHEATRef(t *testing.T) heatRefDoc {
	t.Helper()
	b, err := os.ReadFile(heatRefPath)
	if err != nil {
		t.Fatalf("reference file missing: %v", err)
	}
	var d heatRefDoc
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("parse %s: %v", heatRefPath, err)
	}
	if len(d.Cases) == 0 || len(d.Datasets.Ordered.Est) == 0 || len(d.Datasets.NonOrdered) == 0 {
		t.Fatalf("%s: no cases or datasets", heatRefPath)
	}
	return d
}

// heatRefInputs builds the subgroups and options of a reference dataset. The
// non-ordered dataset is favourable with scale 100 (its note says so).
func heatRefInputs(t *testing.T, d heatRefDoc, name string) ([]HEATSubgroup, HEATOptions) {
	switch name {
	case "ordered":
		o := d.Datasets.Ordered
		g := make([]HEATSubgroup, len(o.Est))
		for i := range g {
			g[i] = HEATSubgroup{Order: o.Order[i], Estimate: o.Est[i], SE: o.SE[i], Population: o.Pop[i]}
		}
		return g, HEATOptions{Ordered: true, Favourable: o.Favourable == 1, Scale: o.Scale}
	case "nonordered":
		if !strings.Contains(d.Datasets.NonOrderedNote, "favourable_indicator = 1, scaleval = 100") {
			t.Fatalf("non-ordered dataset note no longer states favourable_indicator = 1, scaleval = 100")
		}
		var g []HEATSubgroup
		for _, s := range d.Datasets.NonOrdered {
			g = append(g, HEATSubgroup{Estimate: s.Est, SE: s.SE, Population: s.Pop, Reference: s.Reference == 1})
		}
		return g, HEATOptions{Favourable: true, Scale: 100}
	}
	t.Fatalf("unknown dataset %q", name)
	return nil, HEATOptions{}
}

// TestHEATReference reproduces every case of heat_measures.json within its
// stated relative tolerance (the values are ~7 significant figures). Limits
// given as "estimate ∓ se*qnorm(0.975)" are built from the expected values.
// Simulation CIs are checked loosely: finite and bracketing the estimate.
func TestHEATReference(t *testing.T) {
	d := loadHEATRef(t)
	for _, cs := range d.Cases {
		g, opt := heatRefInputs(t, d, cs.Dataset)
		opt.Sims = 1000
		opt.Seed = 123456
		name := cs.Measure + "/" + cs.Dataset
		res, err := HEAT(cs.Measure, g, opt)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		est, _ := cs.Expected["estimate"].(float64)
		se, hasSE := cs.Expected["se"].(float64)
		worst := 0.0
		check := func(key string, got float64) {
			raw, ok := cs.Expected[key]
			if !ok {
				return
			}
			var want float64
			switch v := raw.(type) {
			case float64:
				want = v
			case string:
				switch v {
				case "estimate - se*qnorm(0.975)":
					want = est - se*Z(0.95)
				case "estimate + se*qnorm(0.975)":
					want = est + se*Z(0.95)
				default:
					t.Fatalf("%s: unknown expression %q", name, v)
				}
			}
			r := siiRel(got, want)
			worst = max(worst, r)
			if r > cs.Tol {
				t.Errorf("%s %s = %.10g, want %.10g (rel %.3g > %g)", name, key, got, want, r, cs.Tol)
			}
		}
		if strings.Contains(cs.Note, "z = 1.96 exactly") {
			// The stated limits were generated with z = 1.96; with that
			// override they reproduce more tightly.
			o196 := opt
			o196.Z = 1.96
			r196, err := HEAT(cs.Measure, g, o196)
			if err != nil {
				t.Fatal(err)
			}
			check("lowerci", r196.Lower)
			check("upperci", r196.Upper)
		}
		check("estimate", res.Estimate)
		check("se", res.SE)
		check("lowerci", res.Lower)
		check("upperci", res.Upper)
		if !hasSE && res.CIMethod == "simulation" {
			if !(res.Lower <= res.Estimate && res.Estimate <= res.Upper) || res.Lower < 0 {
				t.Errorf("%s simulation CI [%v, %v] does not bracket %v", name, res.Lower, res.Upper, res.Estimate)
			}
		}
		t.Logf("%-18s max rel diff %.3g (tolerance %g)", name, worst, cs.Tol)
	}
}
