package statscli

import (
	"context"
	"flag"
	"fmt"
	"math"
	"strings"

	"het/stats"
)

// confidenceFlag registers --confidence with PIM's default of 95 and 99.8.
func confidenceFlag(fs *flag.FlagSet, def string) *string {
	return fs.String("confidence", def, "confidence `levels`, comma-separated, as percentages (90–100) or fractions (0.9–1); at most two, and two must be 95,99.8")
}

// pimLevels parses --confidence with the PIM rule (one level, or 95 and 99.8).
func pimLevels(s string) ([]float64, error) {
	lv, err := stats.ParseLevels(s)
	if err == nil {
		lv, err = stats.CheckPIMLevels(lv)
	}
	if err != nil {
		return nil, usageErr("--confidence %q: %v", s, trimStats(err))
	}
	return lv, nil
}

// trimStats drops the "stats: " prefix of a stats package error.
func trimStats(err error) string {
	return strings.TrimPrefix(err.Error(), "stats: ")
}

// estimateCols are the output columns of an Estimate at levels.
func estimateCols(levels []float64) []string {
	cols := []string{"value"}
	cols = append(cols, ciColumns("", levels, len(levels) == 1)...)
	return append(cols, "confidence", "statistic", "method")
}

// setEstimate fills the estimateCols of row from e.
func setEstimate(row Row, e stats.Estimate, levels []float64) {
	row.Num("value", e.Value).CIs("", e.CIs, len(levels) == 1).
		Str("confidence", confidenceLabel(levels)).Str("statistic", e.Statistic).Str("method", e.Method)
}

var countInputs = []colDoc{
	{"numerator", "count of events x (≥ 0; need not be whole); empty = missing"},
	{"denominator", "population or total n (> 0); empty = missing"},
}

func estimateDocs(what string) []colDoc {
	return []colDoc{
		{"numerator, denominator", "with --group-by only: the group's sums (any missing cell makes the sum missing)"},
		{"value", what + "; empty when the numerator or denominator is missing"},
		{"lowercl, uppercl", "limits when one --confidence level is given"},
		{"lower95_0cl, upper95_0cl", "95% limits (default)"},
		{"lower99_8cl, upper99_8cl", "99.8% limits (default)"},
		{"confidence", `levels, e.g. "95%, 99.8%"`},
		{"statistic", `e.g. "proportion of 1", "percentage", "rate per 100000"`},
		{"method", "confidence-limit method"},
	}
}

func init() {
	register(&method{
		name:    "proportion",
		summary: "proportion x/n × multiplier with Wilson score limits",
		about: "value = numerator/denominator × multiplier; limits are the Wilson score interval " +
			"(2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²)) × multiplier. " +
			"Errors: numerator < 0, denominator ≤ 0, numerator > denominator. " +
			"Reference: PHEindicatormethods phe_proportion; Fingertips technical guidance (Wilson score method).",
		rows:    "one per input row; with --group-by, numerators and denominators are summed per group and one row per group is written (group columns first).",
		inputs:  countInputs,
		outputs: estimateDocs("numerator/denominator × multiplier"),
		setup: func(fs *flag.FlagSet) runFunc {
			mult := fs.Float64("multiplier", 1, "multiplier: 1 for a proportion of 1, 100 for a percentage")
			conf := confidenceFlag(fs, "95,99.8")
			return func(ctx context.Context, j *job) (*Output, error) {
				return runCounts(ctx, j, *mult, *conf, stats.Proportion)
			}
		},
	})
	register(&method{
		name:    "rate",
		summary: "crude rate x/n × multiplier with exact (x < 10) or Byars limits",
		about: "value = numerator/denominator × multiplier. Limits: exact Poisson limits of the numerator when it is below 10 " +
			"(method \"Exact\"), otherwise Byars' approximation (\"Byars\"), divided by the denominator and multiplied. " +
			"The numerator may exceed the denominator. Errors: numerator < 0, denominator ≤ 0. " +
			"Reference: PHEindicatormethods phe_rate; Fingertips technical guidance (crude rates).",
		rows:    "one per input row; with --group-by, numerators and denominators are summed per group and one row per group is written (group columns first).",
		inputs:  countInputs,
		outputs: estimateDocs("numerator/denominator × multiplier"),
		setup: func(fs *flag.FlagSet) runFunc {
			mult := fs.Float64("multiplier", 100000, "rate per this many of the denominator")
			conf := confidenceFlag(fs, "95,99.8")
			return func(ctx context.Context, j *job) (*Output, error) {
				return runCounts(ctx, j, *mult, *conf, stats.Rate)
			}
		},
	})
}

// countFunc is stats.Proportion or stats.Rate.
type countFunc func(x, n, multiplier float64, levels []float64) (stats.Estimate, error)

// runCounts runs proportion or rate: per row, or per group after summing.
func runCounts(ctx context.Context, j *job, mult float64, conf string, f countFunc) (*Output, error) {
	levels, err := pimLevels(conf)
	if err != nil {
		return nil, err
	}
	if math.IsNaN(mult) || math.IsInf(mult, 0) {
		return nil, usageErr("--multiplier must be a finite number")
	}
	t, err := j.input()
	if err != nil {
		return nil, err
	}
	cols, err := t.Cols("numerator", "denominator")
	if err != nil {
		return nil, err
	}
	xc, nc := cols[0], cols[1]
	if len(j.groupBy) == 0 {
		out := NewOutput(t.Header, estimateCols(levels))
		for r := range t.Rows {
			x, err := t.Float(r, xc)
			if err != nil {
				return nil, err
			}
			n, err := t.Float(r, nc)
			if err != nil {
				return nil, err
			}
			e, err := f(x, n, mult, levels)
			if err != nil {
				return nil, t.Errorf(r, blameCount(x, n, xc, nc), "%s", trimStats(err))
			}
			setEstimate(out.Add(t.Rows[r]), e, levels)
		}
		return out, nil
	}
	groups, err := t.Groups(j.groupBy)
	if err != nil {
		return nil, err
	}
	out := NewOutput(j.groupBy, append([]string{"numerator", "denominator"}, estimateCols(levels)...))
	for _, g := range groups {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var x, n float64
		for _, r := range g.Rows {
			xr, err := t.Float(r, xc)
			if err != nil {
				return nil, err
			}
			nr, err := t.Float(r, nc)
			if err != nil {
				return nil, err
			}
			// Negative cells are reported at their own row, not the sum.
			if xr < 0 || nr < 0 {
				return nil, t.Errorf(r, blameCount(xr, nr, xc, nc), "must not be negative")
			}
			x, n = x+xr, n+nr
		}
		e, err := f(x, n, mult, levels)
		if err != nil {
			return nil, t.Errorf(g.Rows[0], -1, "%s: %s (after summing %d rows)", groupLabel(j.groupBy, g), trimStats(err), len(g.Rows))
		}
		row := out.Add(g.Key).Num("numerator", x).Num("denominator", n)
		setEstimate(row, e, levels)
	}
	return out, nil
}

// blameCount picks the column an invalid numerator/denominator pair is
// reported against: the denominator when it is not positive, else the
// numerator.
func blameCount(x, n float64, xc, nc int) int {
	if x < 0 {
		return xc
	}
	if n <= 0 {
		return nc
	}
	return xc
}

// errNoRows is reported when a group-level method gets an empty input.
func errNoRows(t *Table) error {
	return fmt.Errorf("%s: no data rows", t.Name)
}
