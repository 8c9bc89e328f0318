package statscli

import (
	"context"
	"flag"
	"fmt"
	"math"
	"strings"

	"het/stats"
)

func init() {
	register(&method{
		name:    "compare",
		summary: "compare each area with a benchmark (Fingertips significance)",
		about: "Fingertips' benchmark comparison. ci95 / ci99.8: the area differs significantly when the benchmark lies " +
			"outside its 95% (99.8%) interval. ci95-99.8: significant at 99.8% if the 99.8% interval excludes the " +
			"benchmark, else at 95% if the 95% interval does, else similar. quintiles: each value's quintile among the " +
			"group's values (no benchmark). Outcomes are Better/Similar/Worse with a polarity, Higher/Similar/Lower " +
			"without; \"Not compared\" when an input is missing. Reference: Fingertips technical guidance " +
			"(benchmarking), PHEindicatormethods.",
		rows: "one per input row, keeping every input column (with --method quintiles, quintiles are formed within each --group-by group).",
		inputs: []colDoc{
			{"value", "the area's value (used by quintiles)"},
			{"lower95_0cl, upper95_0cl", "95% limits (ci95, ci95-99.8); lowercl/uppercl are used when these are absent"},
			{"lower99_8cl, upper99_8cl", "99.8% limits (ci99.8, ci95-99.8); lowercl/uppercl are used for ci99.8 when absent"},
			{"benchmark", "the comparator's value, e.g. England (not needed for quintiles or with --benchmark)"},
		},
		outputs: []colDoc{
			{"outcome", "Better, Similar, Worse (or Higher, Similar, Lower; or quintile labels Lowest…Highest, Worst…Best); Not compared"},
			{"significance_level", `level at which the difference is significant, e.g. "99.8%"; empty when similar`},
			{"quintile", "with --method quintiles: 1 (lowest values) … 5"},
		},
		setup: func(fs *flag.FlagSet) runFunc {
			pol := fs.String("polarity", "no-judgement", "`polarity`: high-is-good, low-is-good or no-judgement")
			meth := fs.String("method", "ci95-99.8", "comparison `method`: ci95, ci99.8, ci95-99.8 or quintiles")
			bench := fs.Float64("benchmark", math.NaN(), "benchmark `value` for every row (e.g. England's), instead of a benchmark column")
			return func(ctx context.Context, j *job) (*Output, error) {
				p, err := parsePolarity(*pol)
				if err != nil {
					return nil, err
				}
				switch *meth {
				case "ci95", "ci99.8", "ci95-99.8", "quintiles":
				default:
					return nil, usageErr("--method must be ci95, ci99.8, ci95-99.8 or quintiles, got %q", *meth)
				}
				if math.IsInf(*bench, 0) {
					return nil, usageErr("--benchmark must be finite")
				}
				return runCompare(ctx, j, *meth, p, *bench)
			}
		},
	})
}

// parsePolarity reads --polarity in either the flag's spelling
// (high-is-good) or Fingertips' ("High is good").
func parsePolarity(s string) (stats.Polarity, error) {
	p, err := stats.ParsePolarity(strings.ReplaceAll(s, "-", " "))
	if err != nil {
		return 0, usageErr("--polarity must be high-is-good, low-is-good or no-judgement, got %q", s)
	}
	return p, nil
}

// limitCols finds a level's limit columns, falling back to lowercl/uppercl.
func limitCols(t *Table, tag string, fallback bool) ([2]int, error) {
	lo, up := "lower"+tag+"cl", "upper"+tag+"cl"
	if fallback && !t.Has(lo) && !t.Has(up) && t.Has("lowercl") && t.Has("uppercl") {
		lo, up = "lowercl", "uppercl"
	}
	c, err := t.Cols(lo, up)
	if err != nil {
		return [2]int{}, err
	}
	return [2]int{c[0], c[1]}, nil
}

// runCompare compares every row with its benchmark (or quintiles).
func runCompare(ctx context.Context, j *job, meth string, p stats.Polarity, bench float64) (*Output, error) {
	t, err := j.input()
	if err != nil {
		return nil, err
	}
	if meth == "quintiles" {
		return compareQuintiles(ctx, j, t, p)
	}
	var c95, c998 [2]int
	needs95, needs998 := meth != "ci99.8", meth != "ci95"
	if needs95 {
		if c95, err = limitCols(t, "95_0", meth == "ci95"); err != nil {
			return nil, err
		}
	}
	if needs998 {
		if c998, err = limitCols(t, "99_8", meth == "ci99.8"); err != nil {
			return nil, err
		}
	}
	bc := -1
	if math.IsNaN(bench) {
		if bc, err = t.Col("benchmark"); err != nil {
			return nil, fmt.Errorf("%w (or give --benchmark VALUE)", err)
		}
	}
	interval := func(r int, c [2]int, level float64) (stats.Interval, error) {
		iv := stats.Interval{Level: level}
		if iv.Lower, err = t.Float(r, c[0]); err != nil {
			return iv, err
		}
		if iv.Upper, err = t.Float(r, c[1]); err != nil {
			return iv, err
		}
		if iv.Lower > iv.Upper {
			return iv, t.Errorf(r, c[0], "lower limit is above the upper limit")
		}
		return iv, nil
	}
	out := NewOutput(t.Header, []string{"outcome", "significance_level"})
	for r := range t.Rows {
		b := bench
		if bc >= 0 {
			if b, err = t.Float(r, bc); err != nil {
				return nil, err
			}
		}
		var iv95, iv998 stats.Interval
		if needs95 {
			if iv95, err = interval(r, c95, stats.Level95); err != nil {
				return nil, err
			}
		}
		if needs998 {
			if iv998, err = interval(r, c998, stats.Level998); err != nil {
				return nil, err
			}
		}
		var cmp stats.Comparison
		switch meth {
		case "ci95":
			cmp = stats.CompareCI(iv95, b, p)
		case "ci99.8":
			cmp = stats.CompareCI(iv998, b, p)
		default:
			cmp = stats.CompareTwoLevel(iv95, iv998, b, p)
		}
		row := out.Add(t.Rows[r]).Str("outcome", cmp.Label)
		if cmp.Level > 0 {
			row.Str("significance_level", levelPercent(cmp.Level))
		}
	}
	return out, nil
}

// compareQuintiles assigns quintile outcomes within each group.
func compareQuintiles(ctx context.Context, j *job, t *Table, p stats.Polarity) (*Output, error) {
	vals, err := t.Column("value")
	if err != nil {
		return nil, err
	}
	groups, err := t.Groups(j.groupBy)
	if err != nil {
		return nil, err
	}
	res := make([]stats.Comparison, len(t.Rows))
	for _, g := range groups {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		v := make([]float64, len(g.Rows))
		for k, r := range g.Rows {
			v[k] = vals[r]
		}
		for k, c := range stats.CompareQuintiles(v, p) {
			res[g.Rows[k]] = c
		}
	}
	out := NewOutput(t.Header, []string{"outcome", "quintile"})
	for r := range t.Rows {
		row := out.Add(t.Rows[r]).Str("outcome", res[r].Label)
		if res[r].Quintile > 0 {
			row.Int("quintile", res[r].Quintile)
		}
	}
	return out, nil
}
