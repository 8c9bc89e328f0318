package statscli

import (
	"context"
	"flag"
	"math"

	"het/stats"
)

func init() {
	register(&method{
		name:    "funnel",
		summary: "funnel-plot significance of each area, or the 100-point control limits (--limits)",
		about: "Control limits at 95% (2s) and 99.8% (3s) around the overall average av = Σnumerator/Σdenominator of " +
			"the group. proportion: the limits are the proportions whose Wilson interval at population n has av as " +
			"its bound; an area is compared with the limits at its own denominator. ratio (observed/expected, e.g. " +
			"an SMR): exact (O < 10) or Byars limits of O/E compared with 1. rate (crude or DSR): the same limits of " +
			"O/D compared with av, D = multiplier·O/rate; DSR areas with fewer than 10 events are not assessed. " +
			"Labels: High (0.001), High (0.025), Not significant, Low (0.025), Low (0.001). With --limits the output " +
			"is instead the funnel's 100 axis points with their limits (Poisson limits found by bisection for ratios " +
			"and rates). Reference: PHEindicatormethods calculate_funnel_limits, assign_funnel_significance; " +
			"Fingertips technical guidance (funnel plots; Spiegelhalter 2005).",
		rows: "one per input row, keeping every input column; with --limits, 100 rows per group (the --group-by " +
			"columns, then the outputs).",
		inputs: []colDoc{
			{"numerator", "events x (proportion) or observed events O (ratio, rate)"},
			{"denominator", "population n (proportion), expected events E (ratio), or population (crude rate; used when O = 0)"},
			{"rate", "rate per multiplier (rate only; for crude rates computed from numerator/denominator when the column is absent)"},
		},
		outputs: []colDoc{
			{"significance", "High (0.001) … Low (0.001), Not significant; empty when an input is missing"},
			{"baseline", "proportion only: the average av × multiplier"},
			{"lower95_0limit, upper95_0limit", "proportion only: funnel limits at the area's denominator"},
			{"lower99_8limit, upper99_8limit", "proportion only: funnel limits at the area's denominator"},
			{"point, axis", "--limits: point 1…100 and the axis value (population for proportions, events for ratios and rates)"},
			{"baseline (--limits)", "the average (× multiplier; 0 for ratio type count, 100 for isr)"},
			{"lower_2s_x, lower_2s_limit …", "--limits: for each of lower_2s, upper_2s, lower_3s, upper_3s the x position (population; expected events for ratios; population per year for rates) and the limit"},
		},
		setup: func(fs *flag.FlagSet) runFunc {
			stat := fs.String("statistic", "proportion", "`statistic`: proportion, ratio or rate")
			mult := fs.Float64("multiplier", 0, "multiplier: proportions 1 (default) or 100; rates per this many (required for rates)")
			ratioType := fs.String("ratio-type", stats.FunnelRatioCount, "ratio `type`: count (limits O/λ − 1) or isr (100·O/λ)")
			rateType := fs.String("rate-type", stats.FunnelRateCrude, "rate `type`: crude or dsr")
			years := fs.Float64("years-of-data", 1, "years of data pooled (rate limits' populations are per year)")
			limits := fs.Bool("limits", false, "print the 100-point control-limit table instead of per-area significance")
			return func(ctx context.Context, j *job) (*Output, error) {
				opt := stats.FunnelOptions{Multiplier: *mult, RatioType: *ratioType, RateType: *rateType, YearsOfData: *years}
				switch *stat {
				case "proportion":
					opt.Statistic = stats.FunnelProportion
				case "ratio":
					opt.Statistic = stats.FunnelRatio
				case "rate":
					opt.Statistic = stats.FunnelRate
					if !(*mult > 0) {
						return nil, usageErr("--statistic rate needs --multiplier, e.g. 100000")
					}
				default:
					return nil, usageErr("--statistic must be proportion, ratio or rate, got %q", *stat)
				}
				if *ratioType != stats.FunnelRatioCount && *ratioType != stats.FunnelRatioISR {
					return nil, usageErr("--ratio-type must be count or isr")
				}
				if *rateType != stats.FunnelRateCrude && *rateType != stats.FunnelRateDSR {
					return nil, usageErr("--rate-type must be crude or dsr")
				}
				if !(*years > 0) || math.IsInf(*years, 0) {
					return nil, usageErr("--years-of-data must be > 0")
				}
				return runFunnel(ctx, j, opt, *limits)
			}
		},
	})
}

// funnelAreas reads a group's areas.
func funnelAreas(t *Table, rows []int, opt stats.FunnelOptions) ([]stats.FunnelArea, error) {
	cols, err := t.Cols("numerator", "denominator")
	if err != nil {
		return nil, err
	}
	rc := -1
	if opt.Statistic == stats.FunnelRate {
		if t.Has("rate") {
			rc, _ = t.Col("rate")
		} else if opt.RateType == stats.FunnelRateDSR {
			_, err := t.Col("rate")
			return nil, err
		}
	}
	areas := make([]stats.FunnelArea, len(rows))
	for k, r := range rows {
		a := &areas[k]
		if a.Numerator, err = t.Float(r, cols[0]); err != nil {
			return nil, err
		}
		if a.Denominator, err = t.Float(r, cols[1]); err != nil {
			return nil, err
		}
		if a.Numerator < 0 {
			return nil, t.Errorf(r, cols[0], "must be ≥ 0")
		}
		if a.Denominator < 0 || (a.Denominator == 0 && opt.Statistic != stats.FunnelRate) {
			return nil, t.Errorf(r, cols[1], "must be > 0")
		}
		if opt.Statistic == stats.FunnelProportion && a.Numerator > a.Denominator {
			return nil, t.Errorf(r, cols[0], "numerator exceeds the denominator")
		}
		a.Rate = math.NaN()
		if rc >= 0 {
			if a.Rate, err = t.Float(r, rc); err != nil {
				return nil, err
			}
			if a.Rate < 0 {
				return nil, t.Errorf(r, rc, "rate must be ≥ 0")
			}
		} else if opt.Statistic == stats.FunnelRate && a.Denominator > 0 {
			a.Rate = a.Numerator / a.Denominator * opt.Multiplier
		}
	}
	return areas, nil
}

// runFunnel labels every area, or writes the limit table per group.
func runFunnel(ctx context.Context, j *job, opt stats.FunnelOptions, limits bool) (*Output, error) {
	t, err := j.input()
	if err != nil {
		return nil, err
	}
	groups, err := t.Groups(j.groupBy)
	if err != nil {
		return nil, err
	}
	if limits {
		return funnelLimitTable(ctx, j, t, groups, opt)
	}
	isProp := opt.Statistic == stats.FunnelProportion
	m := opt.Multiplier
	if m == 0 {
		m = 1
	}
	ocols := []string{"significance"}
	if isProp {
		ocols = append(ocols, "baseline", "lower95_0limit", "upper95_0limit", "lower99_8limit", "upper99_8limit")
	}
	sig := make([]string, len(t.Rows))
	lim := make([][5]float64, len(t.Rows))
	for _, g := range groups {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		areas, err := funnelAreas(t, g.Rows, opt)
		if err != nil {
			return nil, err
		}
		s, err := stats.FunnelSignificance(areas, opt)
		if err != nil {
			return nil, groupErr(t, j.groupBy, g, err)
		}
		var so, sd float64
		for _, a := range areas {
			if !math.IsNaN(a.Numerator) && !math.IsNaN(a.Denominator) {
				so, sd = so+a.Numerator, sd+a.Denominator
			}
		}
		av := so / sd
		for k, r := range g.Rows {
			sig[r] = s[k]
			n := areas[k].Denominator
			if !isProp || math.IsNaN(n) {
				lim[r] = [5]float64{av * m, math.NaN(), math.NaN(), math.NaN(), math.NaN()}
				continue
			}
			lim[r] = [5]float64{av * m,
				stats.FunnelProportionLimit(av, n, 0.025, m, true), stats.FunnelProportionLimit(av, n, 0.025, m, false),
				stats.FunnelProportionLimit(av, n, 0.001, m, true), stats.FunnelProportionLimit(av, n, 0.001, m, false)}
		}
	}
	out := NewOutput(t.Header, ocols)
	for r := range t.Rows {
		row := out.Add(t.Rows[r]).Str("significance", sig[r])
		if isProp {
			for i, c := range ocols[1:] {
				row.Num(c, lim[r][i])
			}
		}
	}
	return out, nil
}

// funnelLimitTable writes the 100 control-limit points of every group.
func funnelLimitTable(ctx context.Context, j *job, t *Table, groups []Group, opt stats.FunnelOptions) (*Output, error) {
	out := NewOutput(j.groupBy, []string{"point", "axis", "baseline",
		"lower_2s_x", "lower_2s_limit", "upper_2s_x", "upper_2s_limit",
		"lower_3s_x", "lower_3s_limit", "upper_3s_x", "upper_3s_limit"})
	for _, g := range groups {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		areas, err := funnelAreas(t, g.Rows, opt)
		if err != nil {
			return nil, err
		}
		pts, err := stats.FunnelLimits(areas, opt)
		if err != nil {
			return nil, groupErr(t, j.groupBy, g, err)
		}
		for i, p := range pts {
			out.Add(g.Key).Int("point", i+1).Num("axis", p.Axis).Num("baseline", p.Baseline).
				Num("lower_2s_x", p.Lower95.X).Num("lower_2s_limit", p.Lower95.Value).
				Num("upper_2s_x", p.Upper95.X).Num("upper_2s_limit", p.Upper95.Value).
				Num("lower_3s_x", p.Lower998.X).Num("lower_3s_limit", p.Lower998.Value).
				Num("upper_3s_x", p.Upper998.X).Num("upper_3s_limit", p.Upper998.Value)
		}
	}
	return out, nil
}
