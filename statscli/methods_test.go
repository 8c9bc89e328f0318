package statscli

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"het/stats"
)

// Hand-derived end-to-end cases for the methods without shared reference
// files, and for the framework (grouping, column handling, arguments).

func TestQuantile(t *testing.T) {
	var b strings.Builder
	b.WriteString("g,value\n")
	for v := 1; v <= 10; v++ {
		fmt.Fprintf(&b, "a,%d\n", v)
	}
	b.WriteString("a,\nb,1\nb,2\n")
	cases := []struct {
		args []string
		want func(v float64) string // expected quantile for value v in group a
	}{
		// N = n = 10: each value its own decile; lowest value first without invert.
		{[]string{"--n", "10", "--invert=false"}, func(v float64) string { return fmt.Sprint(v) }},
		{[]string{"--n", "10"}, func(v float64) string { return fmt.Sprint(11 - v) }},
		// Quintiles: values 1–2 → 1, 3–4 → 2, …
		{[]string{"--n", "5", "--invert=false"}, func(v float64) string { return fmt.Sprint(math.Ceil(v / 2)) }},
	}
	for _, c := range cases {
		out := mustRun(t, b.String(), append([]string{"quantile", "--group-by", "g"}, c.args...)...)
		if len(out) != 13 {
			t.Fatalf("%v: %d rows", c.args, len(out))
		}
		for _, o := range out {
			switch {
			case o["g"] == "b": // fewer values than quantiles: all missing
				if o["quantile"] != "" {
					t.Errorf("%v: group b quantile %q, want empty", c.args, o["quantile"])
				}
			case o["value"] == "":
				if o["quantile"] != "" {
					t.Errorf("%v: missing value got quantile %q", c.args, o["quantile"])
				}
			default:
				if want := c.want(numOf(t, o["value"])); o["quantile"] != want {
					t.Errorf("%v: value %s quantile %q, want %q", c.args, o["value"], o["quantile"], want)
				}
			}
		}
		if out[0]["groupvars"] != "g" {
			t.Errorf("groupvars %q", out[0]["groupvars"])
		}
		if inv := out[0]["qinverted"]; inv != map[bool]string{true: "TRUE", false: "FALSE"}[!strings.Contains(strings.Join(c.args, " "), "false")] {
			t.Errorf("%v: qinverted %q", c.args, inv)
		}
	}
}

func TestCompare(t *testing.T) {
	in := "area,value,lower95_0cl,upper95_0cl,lower99_8cl,upper99_8cl,benchmark\n" +
		"above99,20,15,25,13,27,10\n" + // 99.8 % interval above the benchmark
		"above95,12,10.5,13.5,9.5,14.5,10\n" + // only the 95 % interval above
		"similar,10,8,12,7,13,10\n" +
		"below99,5,4,6,3,7,10\n" +
		"missing,5,,,,,10\n"
	cases := []struct {
		args []string
		want []string // outcome per row
		lvl  []string
	}{
		{[]string{"--polarity", "high-is-good"}, []string{"Better", "Better", "Similar", "Worse", "Not compared"}, []string{"99.8%", "95%", "", "99.8%", ""}},
		{[]string{"--polarity", "low-is-good"}, []string{"Worse", "Worse", "Similar", "Better", "Not compared"}, []string{"99.8%", "95%", "", "99.8%", ""}},
		{nil, []string{"Higher", "Higher", "Similar", "Lower", "Not compared"}, []string{"99.8%", "95%", "", "99.8%", ""}},
		{[]string{"--method", "ci99.8"}, []string{"Higher", "Similar", "Similar", "Lower", "Not compared"}, []string{"99.8%", "", "", "99.8%", ""}},
		{[]string{"--method", "ci95", "--polarity", "High is good"}, []string{"Better", "Better", "Similar", "Worse", "Not compared"}, []string{"95%", "95%", "", "95%", ""}},
	}
	for _, c := range cases {
		out := mustRun(t, in, append([]string{"compare"}, c.args...)...)
		for i, o := range out {
			if o["outcome"] != c.want[i] || o["significance_level"] != c.lvl[i] {
				t.Errorf("%v %s: %q %q, want %q %q", c.args, o["area"], o["outcome"], o["significance_level"], c.want[i], c.lvl[i])
			}
		}
	}
	// --benchmark replaces the column.
	flag := mustRun(t, "value,lower95_0cl,upper95_0cl,lower99_8cl,upper99_8cl\n20,15,25,13,27\n", "compare", "--benchmark", "10")
	if flag[0]["outcome"] != "Higher" {
		t.Errorf("--benchmark: %v", flag[0])
	}
	// CRLF line endings (Excel) read like LF.
	crlf := mustRun(t, "value,lowercl,uppercl,benchmark\r\n5,4,6,10\r\n", "compare", "--method", "ci95")
	if crlf[0]["benchmark"] != "10" || crlf[0]["outcome"] != "Lower" {
		t.Errorf("CRLF: %v", crlf[0])
	}
	// A single-level input (lowercl/uppercl) is accepted for ci95.
	one := mustRun(t, "value,lowercl,uppercl,benchmark\n5,4,6,10\n", "compare", "--method", "ci95")
	if one[0]["outcome"] != "Lower" {
		t.Errorf("lowercl/uppercl: %v", one[0])
	}
	q := mustRun(t, "value\n1\n2\n3\n4\n5\n", "compare", "--method", "quintiles", "--polarity", "low-is-good")
	for i, o := range q {
		if o["quintile"] != fmt.Sprint(i+1) {
			t.Errorf("quintile of %s = %q", o["value"], o["quintile"])
		}
	}
	if q[0]["outcome"] != "Best" || q[4]["outcome"] != "Worst" {
		t.Errorf("low is good quintiles: %v, %v", q[0]["outcome"], q[4]["outcome"])
	}
}

func TestTrend(t *testing.T) {
	// Periods out of order; the command sorts them. Area up rises steeply,
	// flat does not change, short has four periods.
	in := "area,period,value,lower95_0cl,upper95_0cl,count,denominator\n" +
		"up,2019,30,29,31,300,1000\nup,2015,10,9,11,100,1000\nup,2016,15,14,16,150,1000\nup,2017,20,19,21,200,1000\nup,2018,25,24,26,250,1000\n" +
		"flat,2015,10,5,15,100,1000\nflat,2016,10,5,15,100,1000\nflat,2017,10,5,15,100,1000\nflat,2018,10,5,15,100,1000\nflat,2019,10,5,15,100,1000\n" +
		"short,2016,10,5,15,100,1000\nshort,2017,10,5,15,100,1000\nshort,2018,10,5,15,100,1000\nshort,2019,10,5,15,100,1000\n"
	for _, test := range []string{"chi-square", "regression", "auto"} {
		out := mustRun(t, in, "trend", "--group-by", "area", "--polarity", "low-is-good", "--test", test)
		want := map[string][2]string{
			"up":    {"Increasing", "Increasing and getting worse"},
			"flat":  {"No significant change", "No significant change"},
			"short": {"Cannot be calculated", "Cannot be calculated"},
		}
		if len(out) != 3 || out[0]["area"] != "up" || out[2]["area"] != "short" {
			t.Fatalf("%s: rows %v", test, out)
		}
		for _, o := range out {
			if w := want[o["area"]]; o["trend"] != w[0] || o["label"] != w[1] {
				t.Errorf("%s %s: %q / %q, want %q / %q", test, o["area"], o["trend"], o["label"], w[0], w[1])
			}
		}
		if out[0]["periods_used"] != "2015 - 2019" {
			t.Errorf("periods_used %q", out[0]["periods_used"])
		}
		wantMethod := stats.TrendMethodChiSquare
		if test == "regression" {
			wantMethod = stats.TrendMethodWeighted
		}
		if out[0]["method"] != wantMethod {
			t.Errorf("%s: method %q", test, out[0]["method"])
		}
	}
	// Hand value: regression slope of 10, 15, …, 30 with equal weights is 5 per period.
	out := mustRun(t, in, "trend", "--group-by", "area", "--test", "regression")
	checkNum(t, "slope", out[0]["slope"], 5, 1e-12)
}

func TestFunnel(t *testing.T) {
	in := "area,numerator,denominator\nA,10,100\nB,30,100\nC,10,100\nD,10,100\nE,,100\n"
	out := mustRun(t, in, "funnel", "--statistic", "proportion", "--multiplier", "100")
	// av = 60/400; the API decides the significance and limits — the command must pass them through.
	areas := []stats.FunnelArea{{Numerator: 10, Denominator: 100}, {Numerator: 30, Denominator: 100}, {Numerator: 10, Denominator: 100}, {Numerator: 10, Denominator: 100}, {Numerator: math.NaN(), Denominator: 100}}
	sig, err := stats.FunnelSignificance(areas, stats.FunnelOptions{Statistic: stats.FunnelProportion, Multiplier: 100})
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range out {
		if o["significance"] != sig[i] {
			t.Errorf("%s significance %q, want %q", o["area"], o["significance"], sig[i])
		}
		checkNum(t, "baseline", o["baseline"], 15, 1e-12)
		checkNum(t, "upper95", o["upper95_0limit"], stats.FunnelProportionLimit(0.15, 100, 0.025, 100, false), 1e-12)
		checkNum(t, "lower99_8", o["lower99_8limit"], stats.FunnelProportionLimit(0.15, 100, 0.001, 100, true), 1e-12)
	}
	if out[1]["significance"] != "High (0.025)" && out[1]["significance"] != "High (0.001)" {
		t.Errorf("B (30%% against 15%%) should be high: %q", out[1]["significance"])
	}
	if out[4]["significance"] != "" {
		t.Errorf("missing numerator: %q", out[4]["significance"])
	}
	lim := mustRun(t, in, "funnel", "--limits")
	if len(lim) != 100 || lim[0]["point"] != "1" || lim[99]["point"] != "100" {
		t.Fatalf("limit table: %d rows", len(lim))
	}
	// Ratios: an SMR of O/E with E = 100 and O = 150 is high; O = 100 is not.
	r := mustRun(t, "area,numerator,denominator\nA,150,100\nB,100,100\n", "funnel", "--statistic", "ratio")
	if !strings.HasPrefix(r[0]["significance"], "High") || r[1]["significance"] != "Not significant" {
		t.Errorf("ratio funnel: %v", r)
	}
	// Rates need a multiplier.
	if _, _, err := runCLI([]string{"funnel", "--statistic", "rate"}, in); err == nil {
		t.Error("rate without multiplier accepted")
	}
	rt := mustRun(t, in, "funnel", "--statistic", "rate", "--multiplier", "100000")
	if len(rt) != 5 {
		t.Errorf("rate funnel rows %d", len(rt))
	}
}

func TestGroupingKeepsFirstAppearanceOrder(t *testing.T) {
	in := "sex,area,numerator,denominator\nF,Z,1,10\nM,A,2,10\nF,Z,3,10\nF,A,4,10\n"
	out := mustRun(t, in, "proportion", "--group-by", "area,sex")
	got := ""
	for _, o := range out {
		got += o["area"] + o["sex"] + "=" + o["numerator"] + "/" + o["denominator"] + " "
	}
	if want := "ZF=4/20 AM=2/10 AF=4/10 "; got != want {
		t.Errorf("groups %q, want %q", got, want)
	}
	text, _, err := runCLI([]string{"proportion", "--group-by", "area,sex"}, in)
	if err != nil {
		t.Fatal(err)
	}
	if h := header(text); !strings.HasPrefix(h, "area,sex,numerator,denominator,value,") {
		t.Errorf("header %q", h)
	}
}

func TestOutputReplacesSameNamedInputColumn(t *testing.T) {
	text, _, err := runCLI([]string{"rate", "--confidence", "95"}, "value,numerator,denominator\nold,5,1000\n")
	if err != nil {
		t.Fatal(err)
	}
	if h := header(text); h != "value,numerator,denominator,lowercl,uppercl,confidence,statistic,method" {
		t.Errorf("header %q", h)
	}
	if o := parseCSV(t, text)[0]; o["value"] != "500" {
		t.Errorf("value %q", o["value"])
	}
}

func TestArgumentsAndInputs(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "in.csv")
	in := "\ufeffnumerator , denominator\n1,100\n"
	if err := os.WriteFile(f, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	a := mustRun(t, "", "rate", f, "--multiplier", "1000") // flags after FILE
	b := mustRun(t, in, "rate", "--multiplier=1000", "-")  // "-" is standard input
	c := mustRun(t, in, "rate", "--multiplier", "1000", "--")
	if fmt.Sprint(a) != fmt.Sprint(b) || fmt.Sprint(b) != fmt.Sprint(c) || a[0]["value"] != "10" {
		t.Errorf("%v\n%v\n%v", a, b, c)
	}
	// Missing cells in R's spelling and empty cells are both missing.
	for _, na := range []string{"", "NA"} {
		o := mustRun(t, "numerator,denominator\n"+na+",100\n", "proportion")
		if o[0]["value"] != "" || o[0]["lower95_0cl"] != "" {
			t.Errorf("numerator %q: %v", na, o[0])
		}
	}
}

func TestFormatNumberRoundTrips(t *testing.T) {
	for _, v := range []float64{0.1, 1.0 / 3, 1e6, 7564336677, 2.5e-10, math.Copysign(0, -1)} {
		s := FormatNumber(v)
		back, err := ParseNumber(s)
		if err != nil || back != v {
			t.Errorf("%v → %q → %v (%v)", v, s, back, err)
		}
	}
	if FormatNumber(math.NaN()) != "" {
		t.Error("NaN should print as an empty cell")
	}
}

func TestColumnNames(t *testing.T) {
	lo, up := ciNames("", 0.998, false)
	if lo != "lower99_8cl" || up != "upper99_8cl" {
		t.Errorf("%s %s", lo, up)
	}
	lo, _ = ciNames("sii_", 0.95, false)
	if lo != "sii_lower95_0cl" {
		t.Error(lo)
	}
	if lo, _ = ciNames("", 0.95, true); lo != "lowercl" {
		t.Error(lo)
	}
	if got := confidenceLabel([]float64{0.95, 0.998}); got != "95%, 99.8%" {
		t.Error(got)
	}
}

func TestSIIOptionalColumns(t *testing.T) {
	var b strings.Builder
	b.WriteString("quantile,population,value,lowercl,uppercl\n")
	for q := 1; q <= 5; q++ {
		fmt.Fprintf(&b, "%d,100,%d,%d,%d\n", q, 10*q, 10*q-2, 10*q+2)
	}
	text, _, err := runCLI([]string{"sii", "--value-type", "1", "--rii", "--intercept", "--reliability",
		"--repetitions", "200", "--confidence", "95,99.8"}, b.String())
	if err != nil {
		t.Fatal(err)
	}
	want := "sii,sii_lower95_0cl,sii_upper95_0cl,sii_lower99_8cl,sii_upper99_8cl,rii,rii_lower95_0cl,rii_upper95_0cl,rii_lower99_8cl,rii_upper99_8cl,intercept," +
		"sii_lower95_0cl_reliability,sii_upper95_0cl_reliability,sii_lower99_8cl_reliability,sii_upper99_8cl_reliability," +
		"rii_lower95_0cl_reliability,rii_upper95_0cl_reliability,rii_lower99_8cl_reliability,rii_upper99_8cl_reliability"
	if h := header(text); h != want {
		t.Fatalf("header\n got %s\nwant %s", h, want)
	}
	o := parseCSV(t, text)[0]
	for _, c := range strings.Split(want, ",") {
		if o[c] == "" {
			t.Errorf("%s empty", c)
		}
	}
	// No limits with --repetitions 0.
	text, _, err = runCLI([]string{"sii", "--repetitions", "0"}, b.String())
	if err != nil || header(text) != "sii" {
		t.Fatalf("%q %v", header(text), err)
	}
	// The same seed reproduces the limits; another seed changes them.
	run := func(seed string) string {
		out, _, err := runCLI([]string{"sii", "--repetitions", "500", "--seed", seed}, b.String())
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	first, again, other := run("5"), run("5"), run("6")
	if first != again || first == other {
		t.Error("seed does not control the simulation")
	}
}

func TestLifeExpectancyLevelsAndSuppression(t *testing.T) {
	in := "startage,deaths,pop\n0,1,100\n1,1,100\n" // 2 bands: suppressed
	text, stderr, err := runCLI([]string{"life-expectancy", "--confidence", "95,98,99.8"}, in)
	if err != nil {
		t.Fatal(err)
	}
	if h := header(text); !strings.Contains(h, "lower95_0cl,upper95_0cl,lower98_0cl,upper98_0cl,lower99_8cl,upper99_8cl") {
		t.Errorf("header %q", h)
	}
	if !strings.Contains(stderr, "life expectancy suppressed") {
		t.Errorf("no warning: %q", stderr)
	}
	for _, o := range parseCSV(t, text) {
		if o["value"] != "" || o["lower98_0cl"] != "" {
			t.Errorf("suppressed group has values: %v", o)
		}
	}
}
