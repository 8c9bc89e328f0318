package statscli

import (
	"context"
	"flag"
	"strings"

	"het/stats"
)

func init() {
	register(&method{
		name:    "quantile",
		summary: "assign quantiles (e.g. deciles) to values within groups",
		about: "Within each group, N = the number of non-missing values and rank = the value's rank (ties share the " +
			"lowest rank; with --invert the highest value has rank 1). quantile = ⌊(n + 1) − ⌈((N + 1) − rank)/(N/n)⌉⌋, " +
			"0 replaced by 1. Missing values get an empty quantile; when N < n the whole group is empty. " +
			"Fingertips uses --invert=true for \"low is good\" indicators and false for \"high is good\". " +
			"Reference: PHEindicatormethods phe_quantile.",
		rows:    "one per input row, keeping every input column; quantiles are formed within each --group-by group.",
		inputs:  []colDoc{{"value", "the value to rank; empty = missing"}},
		outputs: []colDoc{{"quantile", "quantile number 1…n"}, {"nquantiles", "n"}, {"groupvars", `the --group-by columns, e.g. "region, sex" (empty without grouping)`}, {"qinverted", "TRUE or FALSE (--invert)"}},
		setup: func(fs *flag.FlagSet) runFunc {
			n := fs.Int("n", 10, "number of quantiles (10 = deciles, 5 = quintiles)")
			invert := fs.Bool("invert", true, "rank so the highest values are in quantile 1 (PIM default); --invert=false puts the lowest there")
			return func(ctx context.Context, j *job) (*Output, error) {
				if *n < 1 {
					return nil, usageErr("--n must be ≥ 1, got %d", *n)
				}
				t, err := j.input()
				if err != nil {
					return nil, err
				}
				vals, err := t.Column("value")
				if err != nil {
					return nil, err
				}
				groups, err := t.Groups(j.groupBy)
				if err != nil {
					return nil, err
				}
				q := make([]float64, len(t.Rows))
				for _, g := range groups {
					if err := ctx.Err(); err != nil {
						return nil, err
					}
					v := make([]float64, len(g.Rows))
					for k, r := range g.Rows {
						v[k] = vals[r]
					}
					res, err := stats.Quantiles(v, *n, *invert)
					if err != nil {
						return nil, groupErr(t, j.groupBy, g, err)
					}
					for k, r := range g.Rows {
						q[r] = res[k]
					}
				}
				out := NewOutput(t.Header, []string{"quantile", "nquantiles", "groupvars", "qinverted"})
				gv := strings.Join(j.groupBy, ", ")
				for r := range t.Rows {
					out.Add(t.Rows[r]).Num("quantile", q[r]).Int("nquantiles", *n).Str("groupvars", gv).Bool("qinverted", *invert)
				}
				return out, nil
			}
		},
	})
}
