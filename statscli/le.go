package statscli

import (
	"context"
	"flag"
	"strconv"

	"het/stats"
)

func init() {
	register(&method{
		name:    "life-expectancy",
		summary: "period life expectancy at every start age (Chiang II, Silcocks limits)",
		about: "Abridged life table over 20 age bands starting at 0, 1, 5, 10, …, 85, 90 (90+ open): Mᵢ = deaths/pop, " +
			"qᵢ = nᵢMᵢ/(1 + nᵢMᵢ(1 − aᵢ)) with aᵢ = 0.1 at age 0 else 0.5, the last band's width 2/M; lᵢ from l₀ = 100000; " +
			"eᵢ = Tᵢ/lᵢ. Variance by Silcocks et al. (2001) Chiang II; limits eᵢ ∓ z·SE. A group is suppressed (all " +
			"outputs empty, warning on standard error) when it does not have exactly 20 bands, deaths are negative or " +
			"exceed the population, a population is ≤ 0, or the total population is below 5000. The value alone is " +
			"empty where the 95% interval is wider than 20 years. Reference: PHEindicatormethods phe_life_expectancy.",
		rows: "one per input row (start age), keeping every input column; the group's 20 rows may be in any order.",
		inputs: []colDoc{
			{"startage", `band start age: 0, 1, 5, 10, …, 90, or a label starting with it ("85-89", "90+")`},
			{"deaths", "deaths in the band (≥ 0)"},
			{"pop", "mid-year population of the band (> 0)"},
		},
		outputs: []colDoc{
			{"value", "life expectancy at the band's start age (years)"},
			{"lowercl, uppercl", "limits when one --confidence level is given"},
			{"lower95_0cl … upper99_8cl", "limits per level (default 95 and 99.8; any levels allowed, named lowerNN_Ncl)"},
			{"pops_used", "population of this and all older bands"},
			{"dths_used", "deaths of this and all older bands"},
			{"confidence", `levels, e.g. "95%, 99.8%"`},
			{"statistic", `"life expectancy at 0" etc.`},
			{"method", `"Chiang, using Silcocks et al for confidence limits"`},
		},
		setup: func(fs *flag.FlagSet) runFunc {
			conf := fs.String("confidence", "95,99.8", "confidence `levels`, comma-separated percentages or fractions (any number)")
			return func(ctx context.Context, j *job) (*Output, error) {
				levels, err := stats.ParseLevels(*conf)
				if err != nil {
					return nil, usageErr("--confidence %q: %s", *conf, trimStats(err))
				}
				return runLE(ctx, j, levels)
			}
		},
	})
}

// runLE computes life expectancy per group and writes it against each input row.
func runLE(ctx context.Context, j *job, levels []float64) (*Output, error) {
	t, err := j.input()
	if err != nil {
		return nil, err
	}
	cols, err := t.Cols("startage", "deaths", "pop")
	if err != nil {
		return nil, err
	}
	groups, err := t.Groups(j.groupBy)
	if err != nil {
		return nil, err
	}
	single := len(levels) == 1
	ocols := append([]string{"value"}, ciColumns("", levels, single)...)
	ocols = append(ocols, "pops_used", "dths_used", "confidence", "statistic", "method")
	res := make([]stats.LERow, len(t.Rows))
	for _, g := range groups {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		bands := make([]stats.LEBand, len(g.Rows))
		for k, r := range g.Rows {
			a, err := stats.ParseAgeBandStart(t.Rows[r][cols[0]])
			if err != nil {
				return nil, t.Errorf(r, cols[0], "%s", trimStats(err))
			}
			bands[k].StartAge = a
			if bands[k].Deaths, err = t.Float(r, cols[1]); err != nil {
				return nil, err
			}
			if bands[k].Pop, err = t.Float(r, cols[2]); err != nil {
				return nil, err
			}
		}
		le, err := stats.LifeExpectancy(bands, levels)
		if err != nil {
			return nil, groupErr(t, j.groupBy, g, err)
		}
		if le.Suppressed {
			j.warnf("%s:%d: %s: life expectancy suppressed: %s", t.Name, groupLine(t, g), groupLabel(j.groupBy, g), le.Warning)
		}
		// Result rows are in start-age order; match them back by start age.
		byAge := map[float64]stats.LERow{}
		for _, lr := range le.Rows {
			if _, ok := byAge[lr.StartAge]; !ok {
				byAge[lr.StartAge] = lr
			}
		}
		for k, r := range g.Rows {
			res[r] = byAge[bands[k].StartAge]
			res[r].StartAge = bands[k].StartAge
		}
	}
	out := NewOutput(t.Header, ocols)
	for r := range t.Rows {
		lr := res[r]
		row := out.Add(t.Rows[r]).Num("value", lr.Value).Num("pops_used", lr.PopsUsed).Num("dths_used", lr.DeathsUsed)
		if len(lr.CIs) == len(levels) {
			row.CIs("", lr.CIs, single)
		}
		row.Str("confidence", confidenceLabel(levels)).
			Str("statistic", "life expectancy at "+strconv.FormatFloat(lr.StartAge, 'g', -1, 64)).
			Str("method", "Chiang, using Silcocks et al for confidence limits")
	}
	return out, nil
}
