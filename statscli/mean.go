package statscli

import (
	"context"
	"flag"

	"het/stats"
)

func init() {
	register(&method{
		name:    "mean",
		summary: "mean of values per group with Student's t limits",
		about: "value = x̄ of the non-missing values; limits x̄ ∓ t(1−α/2; k−1)·s/√k with s the sample " +
			"standard deviation (divisor k − 1). With one value there are no limits; with none, no value. " +
			"Reference: PHEindicatormethods phe_mean.",
		rows:   "one per group (the --group-by columns, then the outputs); without --group-by one row for the whole input.",
		inputs: []colDoc{{"value", "the values to average; empty = missing (excluded)"}},
		outputs: []colDoc{
			{"value_sum", "sum of the non-missing values"},
			{"value_count", "number of non-missing values k"},
			{"stdev", "sample standard deviation s"},
			{"value", "the mean"},
			{"lowercl, uppercl", "limits when one --confidence level is given"},
			{"lower95_0cl … upper99_8cl", "95% and 99.8% limits (default)"},
			{"confidence", `levels, e.g. "95%, 99.8%"`},
			{"statistic", `"mean"`},
			{"method", `"Student's t-distribution"`},
		},
		setup: func(fs *flag.FlagSet) runFunc {
			conf := confidenceFlag(fs, "95,99.8")
			return func(ctx context.Context, j *job) (*Output, error) {
				levels, err := pimLevels(*conf)
				if err != nil {
					return nil, err
				}
				t, err := j.input()
				if err != nil {
					return nil, err
				}
				vc, err := t.Col("value")
				if err != nil {
					return nil, err
				}
				groups, err := t.Groups(j.groupBy)
				if err != nil {
					return nil, err
				}
				cols := append([]string{"value_sum", "value_count", "stdev"}, estimateCols(levels)...)
				out := NewOutput(j.groupBy, cols)
				for _, g := range groups {
					if err := ctx.Err(); err != nil {
						return nil, err
					}
					vals := make([]float64, len(g.Rows))
					for i, r := range g.Rows {
						if vals[i], err = t.Float(r, vc); err != nil {
							return nil, err
						}
					}
					m, err := stats.Mean(vals, levels)
					if err != nil {
						return nil, groupErr(t, j.groupBy, g, err)
					}
					row := out.Add(g.Key).Num("value_sum", m.Sum).Int("value_count", m.Count).Num("stdev", m.SD)
					setEstimate(row, m.Estimate, levels)
				}
				return out, nil
			}
		},
	})
}

// groupErr reports a stats error for a whole group at the group's first line.
func groupErr(t *Table, by []string, g Group, err error) error {
	if len(g.Rows) == 0 {
		return errNoRows(t)
	}
	return t.Errorf(g.Rows[0], -1, "%s: %s", groupLabel(by, g), trimStats(err))
}
