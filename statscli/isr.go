package statscli

import (
	"context"
	"flag"
	"math"

	"het/stats"
)

var isrInputs = []colDoc{
	{"count", "observed events in the age band (≥ 0; empty = 0)"},
	{"pop", "local population of the band (≥ 0; 0 and empty contribute nothing to the expected count)"},
	{"refcount", "reference (e.g. England) events in the band (≥ 0; empty = 0)"},
	{"refpop", "reference population of the band (> 0)"},
}

func isrOutputs(value, stat string, rate bool) []colDoc {
	d := []colDoc{
		{"observed", "O = Σcount"},
		{"expected", "E = Σ pop·refcount/refpop"},
	}
	if rate {
		d = append(d, colDoc{"ref_rate", "reference rate Σrefcount/Σrefpop × multiplier"})
	}
	return append(d,
		colDoc{"value", value},
		colDoc{"lowercl, uppercl", "limits when one --confidence level is given"},
		colDoc{"lower95_0cl … upper99_8cl", "95% and 99.8% limits (default): exact Poisson limits of O when O < 10, else Byars, ÷ E × the same factor"},
		colDoc{"confidence", `levels, e.g. "95%, 99.8%"`},
		colDoc{"statistic", stat},
		colDoc{"method", `"Exact" (O < 10) or "Byars"`},
	)
}

const isrRows = "one per group (the --group-by columns, then the outputs). Each group's rows are its age bands; every group must have the same number of bands."

func init() {
	register(&method{
		name:    "isr",
		summary: "indirectly standardised rate",
		about: "ISR = O/E × R where O = Σcount, E = Σ popᵢ·refcountᵢ/refpopᵢ and R = Σrefcount/Σrefpop × multiplier. " +
			"Reference: PHEindicatormethods calculate_ISRate; Fingertips technical guidance (indirect standardisation).",
		rows:    isrRows,
		inputs:  isrInputs,
		outputs: isrOutputs("O/E × ref_rate", `"indirectly standardised rate per 100000"`, true),
		setup: func(fs *flag.FlagSet) runFunc {
			mult := fs.Float64("multiplier", 100000, "rate per this many of the population")
			conf := confidenceFlag(fs, "95,99.8")
			return func(ctx context.Context, j *job) (*Output, error) {
				if !(*mult > 0) || math.IsInf(*mult, 0) {
					return nil, usageErr("--multiplier must be a positive number")
				}
				return runISR(ctx, j, *conf, true, *mult)
			}
		},
	})
	register(&method{
		name:    "smr",
		summary: "indirectly standardised ratio (standardised mortality ratio)",
		about: "SMR = O/E × refvalue where O = Σcount and E = Σ popᵢ·refcountᵢ/refpopᵢ (refvalue 1 for a ratio, 100 " +
			"for a percentage). Reference: PHEindicatormethods calculate_ISRatio; Fingertips technical guidance.",
		rows:    isrRows,
		inputs:  isrInputs,
		outputs: isrOutputs("O/E × refvalue", `e.g. "indirectly standardised ratio x 1"`, false),
		setup: func(fs *flag.FlagSet) runFunc {
			ref := fs.Float64("refvalue", 1, "value of the reference: 1 (ratio) or 100 (percentage)")
			conf := confidenceFlag(fs, "95,99.8")
			return func(ctx context.Context, j *job) (*Output, error) {
				if !(*ref > 0) || math.IsInf(*ref, 0) {
					return nil, usageErr("--refvalue must be a positive number")
				}
				return runISR(ctx, j, *conf, false, *ref)
			}
		},
	})
}

// runISR computes ISRate (rate) or ISRatio per group; f is the multiplier
// or the refvalue.
func runISR(ctx context.Context, j *job, conf string, rate bool, f float64) (*Output, error) {
	levels, err := pimLevels(conf)
	if err != nil {
		return nil, err
	}
	t, err := j.input()
	if err != nil {
		return nil, err
	}
	cols, err := t.Cols("count", "pop", "refcount", "refpop")
	if err != nil {
		return nil, err
	}
	groups, err := t.Groups(j.groupBy)
	if err != nil {
		return nil, err
	}
	ocols := []string{"observed", "expected"}
	if rate {
		ocols = append(ocols, "ref_rate")
	}
	out := NewOutput(j.groupBy, append(ocols, estimateCols(levels)...))
	for _, g := range groups {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if len(g.Rows) != len(groups[0].Rows) {
			return nil, t.Errorf(g.Rows[0], -1, "%s has %d age bands but %s has %d; every group needs the same bands",
				groupLabel(j.groupBy, g), len(g.Rows), groupLabel(j.groupBy, groups[0]), len(groups[0].Rows))
		}
		n := len(g.Rows)
		v := [4][]float64{make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)}
		for k, r := range g.Rows {
			for i, c := range cols {
				if v[i][k], err = t.Float(r, c); err != nil {
					return nil, err
				}
				switch {
				case v[i][k] < 0:
					return nil, t.Errorf(r, c, "must be ≥ 0")
				case i == 3 && !(v[i][k] > 0):
					return nil, t.Errorf(r, c, "reference population must be > 0")
				}
			}
		}
		var res stats.ISRResult
		if rate {
			res, err = stats.ISRateBands(v[0], v[1], v[2], v[3], f, levels)
		} else {
			res, err = stats.ISRatioBands(v[0], v[1], v[2], v[3], f, levels)
		}
		if err != nil {
			return nil, groupErr(t, j.groupBy, g, err)
		}
		row := out.Add(g.Key).Num("observed", res.Observed).Num("expected", res.Expected)
		if rate {
			row.Num("ref_rate", res.RefRate)
		}
		setEstimate(row, res.Estimate, levels)
	}
	return out, nil
}
