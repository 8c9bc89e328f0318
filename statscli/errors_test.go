package statscli

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("area,numerator,denominator\nA,1,100\nB,2,abc\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		args  []string
		stdin string
		want  string // exact error text, or a prefix when it ends in ": "
		usage bool   // errors.Is(err, ErrUsage)
	}{
		{"non-numeric cell", []string{"proportion"}, "area,numerator,denominator\nA,1,100\nB,2,abc\n",
			`<stdin>:3:3: column "denominator": "abc" is not a number`, false},
		{"non-numeric cell in a file", []string{"proportion", bad}, "",
			bad + `:3:3: column "denominator": "abc" is not a number`, false},
		{"missing column", []string{"rate"}, "numerator,pop\n1,2\n",
			`<stdin>:1: missing column "denominator" (the header has: numerator, pop)`, false},
		{"missing group-by column", []string{"mean", "--group-by", "area"}, "value\n1\n",
			`<stdin>:1: missing column "area" (the header has: value)`, false},
		{"numerator above denominator", []string{"proportion"}, "numerator,denominator\n1,2\n3,2\n",
			`<stdin>:3:1: column "numerator": proportion numerator 3 exceeds denominator 2`, false},
		{"zero denominator", []string{"rate"}, "numerator,denominator\n1,0\n",
			`<stdin>:2:2: column "denominator": rate denominator must be > 0, got 0`, false},
		{"infinite", []string{"mean"}, "value\n1\nInf\n",
			`<stdin>:3:1: column "value": "Inf" is not a finite number`, false},
		{"ragged row", []string{"mean"}, "value,x\n1,2\n3\n",
			`<stdin>:3: row has 1 cells, header has 2`, false},
		{"bad quoting", []string{"mean"}, "value\n\"1\n",
			`<stdin>:2:4: malformed CSV: extraneous or missing " in quoted-field`, false},
		{"empty input", []string{"mean"}, "",
			`<stdin>:1: empty input: a header line is required`, false},
		{"duplicate header", []string{"mean"}, "value,value\n1,2\n",
			`<stdin>:1:2: column "value": duplicate column name (also column 1)`, false},
		{"sii quantile not whole", []string{"sii"}, "quantile,population,value,se\n1.5,10,1,1\n",
			`<stdin>:2:1: column "quantile": "1.5" is not a whole number`, false},
		{"sii proportion out of range", []string{"sii", "--value-type", "2"}, "quantile,population,value,se\n1,10,0.5,1\n2,10,1.2,1\n",
			`<stdin>:3:3: column "value": a proportion (--value-type 2) must lie strictly between 0 and 1`, false},
		{"life expectancy bad start age", []string{"life-expectancy"}, "startage,deaths,pop\nold,1,10\n",
			`<stdin>:2:1: column "startage": age band "old" does not start with a number`, false},
		{"unknown method", []string{"median"}, "",
			`usage error: het stats: unknown method "median"; methods are ` + methodNames() + ` (see het stats --help)`, true},
		{"unknown flag", []string{"proportion", "--bogus"}, "numerator,denominator\n1,2\n",
			`usage error: het stats proportion: flag provided but not defined: -bogus (see het stats proportion --help)`, true},
		{"bad flag value", []string{"rate", "--multiplier", "lots"}, "numerator,denominator\n1,2\n",
			`usage error: het stats rate: invalid value "lots" for flag -multiplier: parse error (see het stats rate --help)`, true},
		{"bad confidence", []string{"proportion", "--confidence", "80"}, "numerator,denominator\n1,2\n",
			`usage error: --confidence "80": `, true}, // the rest is package stats' wording
		{"two confidence levels not 95 and 99.8", []string{"rate", "--confidence", "95,99"}, "numerator,denominator\n1,2\n",
			"", true},
		{"too many files", []string{"mean", "a.csv", "b.csv"}, "",
			`usage error: het stats mean: too many arguments ["a.csv" "b.csv"] (one input FILE at most)`, true},
		{"heat without measure", []string{"heat"}, "",
			`usage error: het stats heat: missing argument MEASURE (see het stats heat --help)`, true},
		{"heat unknown measure", []string{"heat", "XYZ"}, "", "", true},
		{"compare bad polarity", []string{"compare", "--polarity", "up"}, "", "", true},
		{"missing file", []string{"mean", filepath.Join(dir, "nope.csv")}, "", "", false},
		{"no method", nil, "", "usage error: het stats: no method given", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, _, err := runCLI(c.args, c.stdin)
			if err == nil {
				t.Fatalf("no error; stdout %q", out)
			}
			if out != "" {
				t.Errorf("stdout not empty on error: %q", out)
			}
			if strings.HasSuffix(c.want, ": ") {
				if !strings.HasPrefix(err.Error(), c.want) {
					t.Errorf("error\n got: %s\nwant prefix: %s", err, c.want)
				}
			} else if c.want != "" && err.Error() != c.want {
				t.Errorf("error\n got: %s\nwant: %s", err, c.want)
			}
			if errors.Is(err, ErrUsage) != c.usage {
				t.Errorf("errors.Is(err, ErrUsage) = %v, want %v (%v)", !c.usage, c.usage, err)
			}
		})
	}
}

// TestNoPartialOutput checks that an error on the last row leaves stdout
// empty even though earlier rows were computed.
func TestNoPartialOutput(t *testing.T) {
	var b strings.Builder
	b.WriteString("numerator,denominator\n")
	for range 1000 {
		b.WriteString("1,10\n")
	}
	b.WriteString("-1,10\n")
	out, _, err := runCLI([]string{"rate"}, b.String())
	if err == nil || out != "" {
		t.Fatalf("out %d bytes, err %v", len(out), err)
	}
	if want := `<stdin>:1002:1: column "numerator": `; !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("error %q does not start with %q", err, want)
	}
}

func TestCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out strings.Builder
	err := Run(ctx, []string{"mean"}, strings.NewReader("value\n1\n"), &out, &out)
	if !errors.Is(err, context.Canceled) || out.Len() != 0 {
		t.Fatalf("err %v, out %q", err, out.String())
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		out, _, err := runCLI(args, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range methods {
			if !strings.Contains(out, "\n  "+m.name+" ") {
				t.Errorf("%v: general help does not list %s", args, m.name)
			}
		}
	}
	for _, m := range methods {
		t.Run(m.name, func(t *testing.T) {
			args := append([]string{m.name}, m.args...)
			out, _, err := runCLI(append(args, "--help"), "")
			if err != nil {
				t.Fatal(err)
			}
			viaHelp, _, err := runCLI([]string{"help", m.name}, "")
			if err != nil || viaHelp != out {
				t.Errorf("het stats help %s differs from --help (%v)", m.name, err)
			}
			for _, want := range []string{"Usage: het stats " + m.name, "Rows written:", "Input columns", "Output columns:", "Flags:"} {
				if !strings.Contains(out, want) {
					t.Errorf("help lacks %q", want)
				}
			}
			for _, c := range append(append([]colDoc{}, m.inputs...), m.outputs...) {
				if c.doc == "" || !strings.Contains(out, c.name) {
					t.Errorf("column %q undocumented", c.name)
				}
			}
			fs := flag.NewFlagSet("", flag.ContinueOnError)
			m.setup(fs)
			fs.VisitAll(func(f *flag.Flag) {
				if !strings.Contains(out, "-"+f.Name) {
					t.Errorf("flag -%s missing from help", f.Name)
				}
			})
			if !strings.Contains(out, "-group-by") {
				t.Error("help lacks -group-by")
			}
		})
	}
}
