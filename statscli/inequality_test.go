package statscli

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"het/stats"
)

// siiBlock is one block of sii_phe.json.
type siiBlock struct {
	ID         string           `json:"block_id"`
	ValueType  int              `json:"value_type"`
	Multiplier float64          `json:"multiplier"`
	Transform  bool             `json:"transform"`
	Intercept  bool             `json:"intercept_requested"`
	Confidence []float64        `json:"confidence_pct"`
	RII        bool             `json:"rii_requested"`
	Variants   []string         `json:"input_variants_asserted"`
	Inputs     []map[string]any `json:"inputs"`
	Expected   []map[string]any `json:"expected"`
}

func TestSIIReference(t *testing.T) {
	var ref struct {
		Blocks []siiBlock `json:"blocks"`
	}
	readRefJSON(t, "sii_phe.json", &ref)
	if len(ref.Blocks) == 0 {
		t.Fatal("no SII blocks")
	}
	for _, b := range ref.Blocks {
		for _, variant := range b.Variants {
			t.Run(b.ID+"/"+variant, func(t *testing.T) {
				hdr := []string{"area", "grouping1", "grouping2", "quantile", "population", "value", "count"}
				keys := []string{"se"}
				if variant != "se" {
					keys = []string{"lower_cl", "upper_cl"}
					hdr = append(hdr, "lowercl", "uppercl")
				} else {
					hdr = append(hdr, "se")
				}
				var rows [][]string
				for _, in := range b.Inputs {
					r := []string{cell(in["area"]), cell(in["grouping1"]), cell(in["grouping2"]), cell(in["quantile"]), cell(in["population"]), cell(in["value"]), cell(in["count"])}
					for _, k := range keys {
						r = append(r, cell(in[k]))
					}
					rows = append(rows, r)
				}
				conf := make([]string, len(b.Confidence))
				for i, c := range b.Confidence {
					conf[i] = cell(c)
				}
				args := []string{"sii", "--group-by", "area,grouping1,grouping2", "--value-type", fmt.Sprint(b.ValueType),
					"--multiplier", cell(b.Multiplier), "--confidence", strings.Join(conf, ","), "--repetitions", "10000", "--seed", "7"}
				if b.Transform {
					args = append(args, "--transform")
				}
				if b.RII {
					args = append(args, "--rii")
				}
				if b.Intercept {
					args = append(args, "--intercept")
				}
				out := mustRun(t, csvText(hdr, rows), args...)
				if len(out) != len(b.Expected) {
					t.Fatalf("%d output rows, want %d", len(out), len(b.Expected))
				}
				for i, e := range b.Expected {
					o := out[i]
					for _, k := range []string{"area", "grouping1", "grouping2"} {
						if o[k] != cell(e[k]) {
							t.Errorf("row %d %s = %q, want %q", i, k, o[k], cell(e[k]))
						}
					}
					for _, k := range []string{"sii", "rii", "intercept"} {
						if v, ok := e[k]; ok {
							checkNum(t, k, o[k], numOf(t, v), 1e-9)
						}
					}
					if !b.RII {
						if _, ok := o["rii"]; ok {
							t.Errorf("rii written without --rii")
						}
					}
					// Simulated limits: the reference accepts 5 % relative difference.
					for _, pre := range []string{"sii", "rii"} {
						for _, c := range b.Confidence {
							for _, side := range []string{"lower", "upper"} {
								v, ok := e[fmt.Sprintf("%s_%s_%s", pre, side, cell(c))]
								if !ok {
									continue
								}
								col := fmt.Sprintf("%s_%s%scl", pre, side, levelTag(c/100))
								checkNum(t, col, o[col], numOf(t, v), 0.05)
							}
						}
					}
				}
			})
		}
	}
}

func TestSIIDropsIncompleteAreas(t *testing.T) {
	var b strings.Builder
	b.WriteString("area,quantile,population,value,se\n")
	for q := 1; q <= 5; q++ {
		fmt.Fprintf(&b, "A,%d,100,%d,1\n", q, 10+q)
	}
	for q := 1; q <= 4; q++ { // B lacks quantile 5 of 5: fewer than 5 quantiles
		fmt.Fprintf(&b, "B,%d,100,%d,1\n", q, 10+q)
	}
	out, stderr, err := runCLI([]string{"sii", "--group-by", "area", "--repetitions", "100"}, b.String())
	if err != nil {
		t.Fatal(err)
	}
	rows := parseCSV(t, out)
	if len(rows) != 1 || rows[0]["area"] != "A" || !strings.Contains(stderr, `group area="B" dropped`) {
		t.Fatalf("rows %v, stderr %q", rows, stderr)
	}
	checkNum(t, "sii", rows[0]["sii"], 5, 1e-9) // value = 10 + 5·rank exactly: slope 5
}

func TestHEATReference(t *testing.T) {
	var ref struct {
		Datasets struct {
			Ordered struct {
				Order []float64 `json:"subgroup_order"`
				Pop   []float64 `json:"pop"`
				Est   []float64 `json:"est"`
				SE    []float64 `json:"se"`
			} `json:"ordered"`
			Nonordered []map[string]any `json:"nonordered"`
		} `json:"datasets"`
		Cases []struct {
			Measure, Dataset, Call string
			Expected               map[string]any
			Tol                    float64 `json:"tolerance_rel"`
		} `json:"cases"`
	}
	readRefJSON(t, "heat_measures.json", &ref)
	hdr := []string{"subgroup", "estimate", "se", "population", "order"}
	var ordered, nonordered [][]string
	d := ref.Datasets.Ordered
	for i := range d.Est {
		ordered = append(ordered, []string{fmt.Sprintf("q%d", i+1), cell(d.Est[i]), cell(d.SE[i]), cell(d.Pop[i]), cell(d.Order[i])})
	}
	refName := ""
	for _, s := range ref.Datasets.Nonordered {
		nonordered = append(nonordered, []string{cell(s["subgroup"]), cell(s["est"]), cell(s["se"]), cell(s["pop"]), ""})
		if numOf(t, s["reference_subgroup"]) == 1 {
			refName = cell(s["subgroup"])
		}
	}
	if len(ordered) == 0 || len(nonordered) == 0 || len(ref.Cases) == 0 {
		t.Fatal("reference datasets missing")
	}
	inputs := map[string]string{"ordered": csvText(hdr, ordered), "nonordered": csvText(hdr, nonordered)}
	z := stats.Z(0.95)
	for _, c := range ref.Cases {
		t.Run(c.Measure+"/"+c.Dataset, func(t *testing.T) {
			args := []string{"heat", c.Measure}
			if strings.Contains(c.Call, "favourable_indicator=1") {
				args = append(args, "--favourable", "1")
			}
			if strings.Contains(c.Call, "scaleval=100") {
				args = append(args, "--scale", "100")
			}
			if strings.Contains(c.Call, "reference_subgroup") {
				args = append(args, "--reference", refName)
			}
			if c.Measure == "PAF" {
				args = append(args, "--z", "1.96") // the stated CIs used z = 1.96 exactly
			}
			out := mustRun(t, inputs[c.Dataset], args...)
			if len(out) != 1 || out[0]["measure"] != c.Measure {
				t.Fatalf("got %v", out)
			}
			o := out[0]
			est := numOf(t, c.Expected["estimate"])
			checkNum(t, "estimate", o["estimate"], est, c.Tol)
			se, hasSE := c.Expected["se"]
			if hasSE {
				checkNum(t, "se", o["se"], numOf(t, se), c.Tol)
			}
			for _, k := range [][2]string{{"lowerci", "lowercl"}, {"upperci", "uppercl"}} {
				switch v := c.Expected[k[0]].(type) {
				case float64:
					checkNum(t, k[1], o[k[1]], v, c.Tol)
				case string: // "estimate ∓ se*qnorm(0.975)"
					sign := -1.0
					if k[0] == "upperci" {
						sign = 1
					}
					checkNum(t, k[1], o[k[1]], est+sign*numOf(t, se)*z, c.Tol)
				}
			}
		})
	}
}

func TestHEATAllAndApplicability(t *testing.T) {
	in := "dim,subgroup,estimate,se,population,order\n" +
		"wealth,Q1,20,2,100,1\nwealth,Q2,30,2,100,2\nwealth,Q3,40,2,100,3\n" +
		"region,North,50,3,200,\nregion,South,60,3,300,\nregion,East,55,3,250,\n"
	out := mustRun(t, in, "heat", "all", "--group-by", "dim", "--favourable", "1", "--sims", "50", "--seed", "3")
	codes := stats.HEATMeasureCodes()
	if len(out) != 2*len(codes) {
		t.Fatalf("%d rows, want %d", len(out), 2*len(codes))
	}
	for i, o := range out {
		dim, m := o["dim"], o["measure"]
		if want := codes[i%len(codes)]; m != want {
			t.Fatalf("row %d measure %q, want %q", i, m, want)
		}
		orderedOnly := slices.Contains([]string{"SII", "RII", "ACI", "RCI"}, m)
		na := o["note"] != ""
		if dim == "region" && orderedOnly && !na {
			t.Errorf("%s applied to a non-ordered dimension", m)
		}
		if na && o["estimate"] != "" {
			t.Errorf("%s %s: not applicable but estimate %q", dim, m, o["estimate"])
		}
	}
	// D for the ordered favourable dimension: most advantaged − most disadvantaged.
	checkNum(t, "D", out[0]["estimate"], 20, 1e-12)
	checkNum(t, "D se", out[0]["se"], math.Sqrt(8), 1e-12)
	// The same seed gives the same simulated limits.
	again := mustRun(t, in, "heat", "all", "--group-by", "dim", "--favourable", "1", "--sims", "50", "--seed", "3")
	if fmt.Sprint(out) != fmt.Sprint(again) {
		t.Error("same seed gave different output")
	}
}
