package statscli

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"testing"
)

// These tests feed the shared reference cases (read in place from
// shared/reference) through the whole command — CSV in, CSV out — and
// compare the output columns with the expected values.

// limitPairs maps reference column suffixes to output column names.
var limitPairs = [][2]string{
	{"expected_lower95", "lower95_0cl"}, {"expected_upper95", "upper95_0cl"},
	{"expected_lower99_8", "lower99_8cl"}, {"expected_upper99_8", "upper99_8cl"},
}

// checkCountCases runs proportion.csv or rate.csv cases through the method,
// ungrouped (one row per case) and grouped (each case split into two
// half rows and summed back by --group-by case_id).
func checkCountCases(t *testing.T, method, file string) {
	ref := readRefCSV(t, file)
	byMult := map[string][][]string{}
	var mults []string
	grouped := map[string][][]string{}
	var gmults []string
	half := func(s string) string {
		if s == "NA" {
			return s
		}
		return strconv.FormatFloat(numOf(t, s)/2, 'g', -1, 64)
	}
	for _, r := range ref {
		m := r["multiplier"]
		if r["kind"] == "ungrouped" {
			if _, ok := byMult[m]; !ok {
				mults = append(mults, m)
			}
			byMult[m] = append(byMult[m], []string{r["case_id"], r["area"], r["numerator"], r["denominator"]})
			continue
		}
		if _, ok := grouped[m]; !ok {
			gmults = append(gmults, m)
		}
		row := []string{r["case_id"], r["area"], half(r["numerator"]), half(r["denominator"])}
		grouped[m] = append(grouped[m], row, row)
	}
	want := map[string]map[string]string{}
	for _, r := range ref {
		want[r["case_id"]] = r
	}
	hdr := []string{"case_id", "area", "numerator", "denominator"}
	check := func(out []map[string]string) {
		for _, o := range out {
			w := want[o["case_id"]]
			id := o["case_id"]
			checkNum(t, id+" value", o["value"], numOf(t, w["expected_value"]), 1e-9)
			for _, p := range limitPairs {
				ev := numOf(t, w[p[0]])
				if math.IsNaN(ev) && !math.IsNaN(numOf(t, w["expected_value"])) {
					continue // the reference states no value for this limit
				}
				checkNum(t, id+" "+p[1], o[p[1]], ev, 1e-9)
			}
			if o["statistic"] != w["statistic"] {
				t.Errorf("%s statistic = %q, want %q", id, o["statistic"], w["statistic"])
			}
			if wm := w["method"]; wm != "NA" && o["method"] != wm {
				t.Errorf("%s method = %q, want %q", id, o["method"], wm)
			}
		}
	}
	n := 0
	for _, m := range mults {
		out := mustRun(t, csvText(hdr, byMult[m]), method, "--multiplier", m)
		if len(out) != len(byMult[m]) {
			t.Fatalf("multiplier %s: %d output rows for %d input rows", m, len(out), len(byMult[m]))
		}
		for i, o := range out {
			if o["area"] != byMult[m][i][1] || o["numerator"] != byMult[m][i][2] {
				t.Errorf("row %d does not keep its input columns: %v", i, o)
			}
		}
		check(out)
		n += len(out)
	}
	for _, m := range gmults {
		out := mustRun(t, csvText(hdr, grouped[m]), method, "--multiplier", m, "--group-by", "case_id")
		if len(out) != len(grouped[m])/2 {
			t.Fatalf("grouped: %d output rows for %d groups", len(out), len(grouped[m])/2)
		}
		check(out)
		n += len(out)
	}
	if n != len(ref) {
		t.Fatalf("checked %d of %d reference cases", n, len(ref))
	}
}

func TestProportionReference(t *testing.T) { checkCountCases(t, "proportion", "proportion.csv") }

func TestRateReference(t *testing.T) { checkCountCases(t, "rate", "rate.csv") }

func TestMeanReference(t *testing.T) {
	var ref struct {
		Inputs   map[string][]float64 `json:"inputs_by_area"`
		Expected []map[string]any     `json:"expected"`
	}
	readRefJSON(t, "mean.json", &ref)
	var rows [][]string
	for _, area := range []string{"Area1", "Area2"} {
		for _, v := range ref.Inputs[area] {
			rows = append(rows, []string{area, cell(v)})
		}
	}
	in := csvText([]string{"area", "value"}, rows)
	grouped := mustRun(t, in, "mean", "--group-by", "area")
	pooled := mustRun(t, in, "mean")
	if len(grouped) != 2 || len(pooled) != 1 {
		t.Fatalf("got %d grouped and %d pooled rows", len(grouped), len(pooled))
	}
	got := map[string]map[string]string{"Area1": grouped[0], "Area2": grouped[1], "No grouping": pooled[0]}
	for _, e := range ref.Expected {
		o := got[e["area"].(string)]
		for _, c := range []string{"value_sum", "value_count", "stdev", "value", "lower95_0cl", "upper95_0cl", "lower99_8cl", "upper99_8cl"} {
			checkNum(t, fmt.Sprint(e["area"], " ", c), o[c], numOf(t, e[c]), 1e-9)
		}
		for _, c := range []string{"statistic", "method"} {
			if o[c] != e[c] {
				t.Errorf("%v %s = %q, want %q", e["area"], c, o[c], e[c])
			}
		}
	}
}

func TestLifeExpectancyReference(t *testing.T) {
	var ref struct {
		Main struct {
			Rows []map[string]float64 `json:"inputs_and_expected"`
		} `json:"main_area"`
	}
	readRefJSON(t, "life_expectancy.json", &ref)
	var rows [][]string
	// Reverse the band order: the command must match results back by start age.
	for _, r := range slices.Backward(ref.Main.Rows) {
		rows = append(rows, []string{"X", cell(r["startage"]), cell(r["pop"]), cell(r["deaths"])})
	}
	out := mustRun(t, csvText([]string{"area", "startage", "pop", "deaths"}, rows), "life-expectancy", "--group-by", "area", "--confidence", "95")
	if len(out) != 20 {
		t.Fatalf("got %d rows, want 20", len(out))
	}
	want := map[string]map[string]float64{}
	for _, r := range ref.Main.Rows {
		want[cell(r["startage"])] = r
	}
	for _, o := range out {
		w := want[o["startage"]]
		// The reference is stated to 4 decimal places.
		for _, p := range [][2]string{{"value", "expected_le"}, {"lowercl", "expected_lower95"}, {"uppercl", "expected_upper95"}} {
			if g := numOf(t, o[p[0]]); math.Abs(g-w[p[1]]) > 1e-4 {
				t.Errorf("age %s %s = %v, want %v", o["startage"], p[0], g, w[p[1]])
			}
		}
		checkNum(t, "pops_used", o["pops_used"], w["expected_pops_used"], 1e-12)
		checkNum(t, "dths_used", o["dths_used"], w["expected_deaths_used"], 1e-12)
	}
}
