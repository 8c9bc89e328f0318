package statscli

import (
	"context"
	"errors"
	"flag"
	"math"

	"het/stats"
)

func init() {
	register(&method{
		name:    "sii",
		summary: "slope and relative index of inequality (PHE method) per area",
		about: "Population-weighted least squares of the quantiles' values on their cumulative mid-point " +
			"population rank: SII = multiplier × slope, RII = (intercept + slope)/intercept (inverted for a negative " +
			"multiplier). With --transform (value types 1 and 2, needs limits) the fit is on the ln or logit scale and " +
			"back-transformed. Confidence limits by Monte Carlo simulation: each quantile's value is drawn from a " +
			"normal distribution with its standard error (on the ln/logit scale for value types 1/2; derived from the " +
			"95% limits as (U − L)/(2 × 1.959964) when se is absent) and the fit repeated. " +
			"Areas that do not have every quantile 1…Q (5 ≤ Q ≤ 100) are dropped with a warning. " +
			"Reference: PHEindicatormethods phe_sii; PHE SII tool (Low & Low 2004).",
		rows: "one per group (an area, e.g. --group-by area,sex): the --group-by columns, then the outputs.",
		inputs: []colDoc{
			{"quantile", "quantile number 1…Q (1 = most deprived, in rank order); each once per group"},
			{"population", "quantile population (> 0)"},
			{"value", "indicator value (a proportion between 0 and 1 for --value-type 2)"},
			{"count", "optional, --value-type 2 only: numerator; value = count/population when value is empty"},
			{"se", "standard error on the simulation scale (as is, ln or logit); or give lowercl and uppercl"},
			{"lowercl, uppercl", "95% limits of value (untransformed); used when se is absent or empty, required with --transform"},
		},
		outputs: []colDoc{
			{"sii", "slope index of inequality × multiplier"},
			{"sii_lower95_0cl, sii_upper95_0cl", "simulated limits, one pair per --confidence level"},
			{"rii", "relative index of inequality (with --rii)"},
			{"rii_lower95_0cl, rii_upper95_0cl", "simulated limits (with --rii)"},
			{"intercept", "fitted value at rank 0 (with --intercept)"},
			{"sii_lower95_0cl_reliability …", "with --reliability: mean absolute difference of 9 further simulation sets' limits from the first set's, one per limit column"},
		},
		setup: func(fs *flag.FlagSet) runFunc {
			vt := fs.Int("value-type", 0, "value type: 0 as is (e.g. life expectancy), 1 rate (ln scale), 2 proportion (logit scale)")
			transform := fs.Bool("transform", false, "fit on the ln/logit scale and back-transform (value types 1 and 2; needs lowercl/uppercl)")
			reps := fs.Int("repetitions", stats.SIIDefaultRepetitions, "number of Monte Carlo `draws` for the limits (0 = no limits)")
			seed := fs.Uint64("seed", 1, "random seed of the simulation (same seed, same limits)")
			mult := fs.Float64("multiplier", 1, "multiplier of the SII (negative inverts the RII)")
			rii := fs.Bool("rii", false, "also output the RII and its limits")
			icpt := fs.Bool("intercept", false, "also output the intercept")
			rel := fs.Bool("reliability", false, "also output the reliability of the simulated limits (10 × the work)")
			conf := fs.String("confidence", "95", "confidence `levels`, comma-separated percentages or fractions (any number)")
			return func(ctx context.Context, j *job) (*Output, error) {
				levels, err := stats.ParseLevels(*conf)
				if err != nil {
					return nil, usageErr("--confidence %q: %s", *conf, trimStats(err))
				}
				if *vt < 0 || *vt > 2 {
					return nil, usageErr("--value-type must be 0, 1 or 2, got %d", *vt)
				}
				if *transform && *vt == 0 {
					return nil, usageErr("--transform needs --value-type 1 or 2")
				}
				if *reps < 0 {
					return nil, usageErr("--repetitions must be ≥ 0")
				}
				if *mult == 0 || math.IsNaN(*mult) || math.IsInf(*mult, 0) {
					return nil, usageErr("--multiplier must be a non-zero finite number")
				}
				opt := stats.SIIOptions{ValueType: stats.SIIValueType(*vt), Multiplier: *mult, Transform: *transform,
					Levels: levels, Repetitions: *reps, Seed: *seed, Reliability: *rel && *reps > 0}
				if *reps == 0 {
					opt.Repetitions = -1
				}
				return runSII(ctx, j, opt, *rii, *icpt)
			}
		},
	})
}

// runSII computes the SII of every group.
func runSII(ctx context.Context, j *job, opt stats.SIIOptions, rii, icpt bool) (*Output, error) {
	t, err := j.input()
	if err != nil {
		return nil, err
	}
	cols, err := t.Cols("quantile", "population", "value")
	if err != nil {
		return nil, err
	}
	opt.Levels = nilIfEmpty(opt.Levels)
	hasSE, hasCL := t.Has("se"), t.Has("lowercl") && t.Has("uppercl")
	if !hasSE && !hasCL {
		return nil, &CellError{File: t.Name, Line: 1, Reason: `sii needs a "se" column or "lowercl" and "uppercl" columns`}
	}
	if opt.Transform && !hasCL {
		return nil, &CellError{File: t.Name, Line: 1, Reason: `--transform needs "lowercl" and "uppercl" columns`}
	}
	optCol := func(name string) int {
		if c, err := t.Col(name); err == nil {
			return c
		}
		return -1
	}
	cc, sc, lc, uc := optCol("count"), optCol("se"), optCol("lowercl"), optCol("uppercl")
	num := func(r, c int) (float64, error) {
		if c < 0 {
			return math.NaN(), nil
		}
		return t.Float(r, c)
	}
	levels := opt.Levels
	if len(levels) == 0 {
		levels = []float64{0.95}
	}
	var ocols []string
	lim := opt.Repetitions > 0
	ocols = append(ocols, "sii")
	if lim {
		ocols = append(ocols, ciColumns("sii_", levels, false)...)
	}
	if rii {
		ocols = append(ocols, "rii")
		if lim {
			ocols = append(ocols, ciColumns("rii_", levels, false)...)
		}
	}
	if icpt {
		ocols = append(ocols, "intercept")
	}
	if opt.Reliability {
		for _, c := range append(ciColumns("sii_", levels, false), ciColumns("rii_", levels, false)...) {
			ocols = append(ocols, c+"_reliability")
		}
	}
	groups, err := t.Groups(j.groupBy)
	if err != nil {
		return nil, err
	}
	out := NewOutput(j.groupBy, ocols)
	for _, g := range groups {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rows := make([]stats.SIIQuantile, len(g.Rows))
		for i, r := range g.Rows {
			q := &rows[i]
			if q.Quantile, err = t.Int(r, cols[0]); err != nil {
				return nil, err
			}
			if q.Population, err = t.Required(r, cols[1]); err != nil {
				return nil, err
			}
			if q.Population <= 0 {
				return nil, t.Errorf(r, cols[1], "population must be > 0")
			}
			vals := []*float64{&q.Value, &q.Count, &q.SE, &q.Lower, &q.Upper}
			for k, c := range []int{cols[2], cc, sc, lc, uc} {
				if *vals[k], err = num(r, c); err != nil {
					return nil, err
				}
			}
			if q.SE < 0 {
				return nil, t.Errorf(r, sc, "standard error must be ≥ 0")
			}
			switch v := q.Value; {
			case opt.ValueType == stats.SIIRate && v <= 0:
				return nil, t.Errorf(r, cols[2], "a rate (--value-type 1) must be > 0 for the log scale")
			case opt.ValueType == stats.SIIProportion && (v <= 0 || v >= 1):
				return nil, t.Errorf(r, cols[2], "a proportion (--value-type 2) must lie strictly between 0 and 1")
			}
		}
		res, err := stats.SII(rows, opt)
		if errors.Is(err, stats.ErrSIIQuantiles) {
			j.warnf("%s:%d: %s dropped: %s", t.Name, groupLine(t, g), groupLabel(j.groupBy, g), trimStats(err))
			continue
		}
		if err != nil {
			return nil, groupErr(t, j.groupBy, g, err)
		}
		for _, w := range res.Warnings {
			j.warnf("%s: %s", groupLabel(j.groupBy, g), w)
		}
		row := out.Add(g.Key).Num("sii", res.SII)
		if lim {
			row.CIs("sii_", res.SIILimits, false)
		}
		if rii {
			row.Num("rii", res.RII)
			if lim {
				row.CIs("rii_", res.RIILimits, false)
			}
		}
		if icpt {
			row.Num("intercept", res.Intercept)
		}
		for _, rl := range res.Reliability {
			lo, up := ciNames("sii_", rl.Level, false)
			row.Num(lo+"_reliability", rl.SIILower).Num(up+"_reliability", rl.SIIUpper)
			lo, up = ciNames("rii_", rl.Level, false)
			row.Num(lo+"_reliability", rl.RIILower).Num(up+"_reliability", rl.RIIUpper)
		}
	}
	return out, nil
}

// nilIfEmpty returns nil for an empty slice.
func nilIfEmpty(s []float64) []float64 {
	if len(s) == 0 {
		return nil
	}
	return s
}
