package statscli

import (
	"bytes"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Fuzz targets for every CSV reader of the command. Seed corpora live in
// testdata/fuzz/<Target>/ as well as the f.Add calls.

func FuzzReadTable(f *testing.F) {
	f.Add("a,b\n1,2\n")
	f.Add("\ufeffx\n\"q\"\"uoted\",\n")
	f.Add("a,b\n\"multi\nline\",2\n3,4\n")
	f.Add("a\n\n\n1\n")
	f.Fuzz(func(t *testing.T, in string) {
		tab, err := ReadTable(strings.NewReader(in), "fuzz.csv")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.csv") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if len(tab.Rows) != len(tab.Lines) {
			t.Fatal("rows and lines differ")
		}
		for i, r := range tab.Rows {
			if len(r) != len(tab.Header) {
				t.Fatalf("row %d has %d cells, header %d", i, len(r), len(tab.Header))
			}
			if i > 0 && tab.Lines[i] <= tab.Lines[i-1] {
				t.Fatalf("lines not increasing: %v", tab.Lines)
			}
		}
		// Writing the table back and reading it again gives the same cells.
		out := NewOutput(tab.Header, nil)
		for _, r := range tab.Rows {
			out.Add(r)
		}
		b, err := out.Encode()
		if err != nil {
			t.Fatal(err)
		}
		again, err := ReadTable(bytes.NewReader(b), "again")
		if err != nil {
			t.Fatalf("re-reading written table: %v\n%q", err, b)
		}
		if !slices.Equal(again.Header, tab.Header) || len(again.Rows) != len(tab.Rows) {
			t.Fatalf("round trip changed the table: %q", b)
		}
		for i := range tab.Rows {
			if !slices.Equal(again.Rows[i], tab.Rows[i]) && !blankRow(tab.Rows[i]) {
				t.Fatalf("row %d: %q → %q", i, tab.Rows[i], again.Rows[i])
			}
		}
	})
}

// blankRow reports a one-cell empty row (written as an empty line, which
// CSV readers skip).
func blankRow(r []string) bool { return len(r) == 1 && r[0] == "" }

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"1", " 2.5 ", "", "NA", "1e308", "1e309", "-0", "0x1p-2", "abc", "Inf", "NaN"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseNumber(s)
		if err != nil {
			return
		}
		if math.IsInf(v, 0) {
			t.Fatalf("%q parsed as infinite", s)
		}
		if math.IsNaN(v) != IsMissing(s) {
			t.Fatalf("%q: NaN %v but missing %v", s, math.IsNaN(v), IsMissing(s))
		}
		if back, err := ParseNumber(FormatNumber(v)); err != nil || !(back == v || math.IsNaN(v) && math.IsNaN(back)) {
			t.Fatalf("%q → %v → %q → %v", s, v, FormatNumber(v), back)
		}
	})
}

// fuzzMethods are the argument lists FuzzRun chooses from.
var fuzzMethods = [][]string{
	{"proportion"}, {"proportion", "--group-by", "g"}, {"rate", "--confidence", "95"}, {"mean", "--group-by", "g"},
	{"dsr", "--group-by", "g"}, {"isr"}, {"smr", "--group-by", "g"}, {"life-expectancy"},
	{"quantile", "--n", "2"}, {"sii", "--repetitions", "20"}, {"heat", "all", "--sims", "5"},
	{"compare"}, {"compare", "--method", "quintiles"}, {"trend", "--group-by", "g"},
	{"funnel"}, {"funnel", "--limits"}, {"funnel", "--statistic", "rate", "--multiplier", "1000"},
	{"dsr", "--events-per-person", "count", "--age-band", "g"},
}

// FuzzRun feeds arbitrary CSV to every method: it must not panic, must
// write nothing on error, and must write well-formed CSV on success.
func FuzzRun(f *testing.F) {
	f.Add(uint8(0), "numerator,denominator\n1,10\n")
	f.Add(uint8(3), "g,value\na,1\na,2\nb,3\n")
	f.Add(uint8(4), "g,count,pop,stdpop\na,5,100,10\na,6,100,20\n")
	f.Add(uint8(9), "quantile,population,value,se\n1,10,1,1\n2,10,2,1\n3,10,3,1\n4,10,4,1\n5,10,5,1\n")
	f.Add(uint8(10), "subgroup,estimate,se,population,order\na,10,1,100,1\nb,20,1,100,2\nc,30,1,100,3\n")
	f.Add(uint8(13), "g,period,count,denominator\na,1,1,10\na,2,2,10\na,3,3,10\na,4,4,10\na,5,5,10\n")
	f.Fuzz(func(t *testing.T, m uint8, in string) {
		args := fuzzMethods[int(m)%len(fuzzMethods)]
		out, _, err := runCLI(args, in)
		if err != nil {
			if out != "" {
				t.Fatalf("%v: error %v but stdout %q", args, err, out)
			}
			return
		}
		r := csv.NewReader(strings.NewReader(out))
		if _, err := r.ReadAll(); err != nil {
			t.Fatalf("%v: output is not CSV: %v\n%s", args, err, out)
		}
	})
}

// FuzzStandardFile fuzzes the --standard FILE reader of dsr.
func FuzzStandardFile(f *testing.F) {
	f.Add("weight\n5000\n5500\n")
	f.Add("band,stdpop\na,1\nb,-1\n")
	f.Add("x\n1\n")
	f.Fuzz(func(t *testing.T, in string) {
		p := filepath.Join(t.TempDir(), "std.csv")
		if err := os.WriteFile(p, []byte(in), 0o644); err != nil {
			t.Fatal(err)
		}
		w, err := loadStandard(p)
		if err != nil {
			return
		}
		if len(w) == 0 {
			t.Fatal("no weights and no error")
		}
		for _, v := range w {
			if math.IsNaN(v) || v < 0 {
				t.Fatalf("bad weight %v accepted", v)
			}
		}
	})
}
