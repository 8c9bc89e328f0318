package statscli

import (
	"context"
	"errors"
	"flag"
	"math"
	"slices"
	"strings"

	"het/stats"
)

func init() {
	register(&method{
		name:    "heat",
		summary: "WHO HEAT summary measures of inequality (MEASURE: one of 21 codes, or all)",
		about: "Summary measures of health inequality across the subgroups of one dimension (e.g. wealth quintiles, " +
			"regions), as in WHO HEAT / HEAT Plus and the healthequal R package: simple differences and ratios (D, R), " +
			"population attributable risk and fraction (PAR, PAF), regression-based measures for ordered dimensions " +
			"(SII, RII by double-weighted logistic regression with HC1 delta-method limits; ACI, RCI), and measures for " +
			"non-ordered dimensions (BGV, BGSD, COV, index of disparity IDISU/IDISW, mean differences MDB*/MDM*/MDR*, " +
			"Theil TI, mean log deviation MLD). BGSD, COV, IDIS* and MD* have simulation limits (normal draws, seeded). " +
			"A dimension is ordered when the order column is filled. MEASURE is one of D, R, PAF, PAR, SII, RII, ACI, RCI, " +
			"BGV, BGSD, COV, IDISU, IDISW, MDBU, MDBW, MDMU, MDMW, MDRU, MDRW, MLD, TI (any case), or all. A measure that does not apply (e.g. SII for a " +
			"non-ordered dimension) gives empty values and the reason in note. " +
			"References: WHO Health Equity Assessment Toolkit technical notes; healthequal 1.0.1; heatmeasures.",
		rows: "one per group and measure (the --group-by columns, then the outputs); each group is one dimension's subgroups.",
		args: []string{"MEASURE"},
		inputs: []colDoc{
			{"subgroup", "subgroup name (matched by --reference)"},
			{"estimate", "indicator estimate on its scale (e.g. a percentage)"},
			{"se", "standard error of the estimate (empty: no confidence limits where it is needed)"},
			{"population", "subgroup population (weights); empty when unknown"},
			{"order", "optional: 1 = most disadvantaged … highest = most advantaged for ordered dimensions; empty or absent for non-ordered ones"},
		},
		outputs: []colDoc{
			{"measure", "measure code, e.g. SII"},
			{"estimate", "the summary measure"},
			{"se", "its standard error (R, RII: of the log; SII: on the 0–1 scale; MLD, TI: unscaled; empty for simulation limits)"},
			{"lowercl, uppercl", "confidence limits at --confidence"},
			{"confidence", `e.g. "95%"`},
			{"ci_method", `"analytic" or "simulation"`},
			{"note", "why the measure does not apply, when it does not"},
		},
		setup: func(fs *flag.FlagSet) runFunc {
			fav := fs.Int("favourable", 0, "1 if higher values are better (e.g. coverage), 0 if adverse (e.g. mortality)")
			ref := fs.String("reference", "", "`SUBGROUP` name of the reference subgroup (MDRU, MDRW; D, R for non-ordered dimensions)")
			scale := fs.Float64("scale", 0, "indicator scale (1, 100, 1000, …); 0 chooses it from the largest estimate")
			avg := fs.Float64("setting-average", math.NaN(), "published setting (e.g. national) average; default none")
			seed := fs.Uint64("seed", 123456, "random seed of the simulation limits")
			sims := fs.Int("sims", stats.HEATDefaultSims, "number of simulations for simulation limits (0 = no limits)")
			conf := fs.String("confidence", "95", "confidence `level` (one), percentage or fraction")
			z := fs.Float64("z", 0, "normal quantile for analytic limits instead of the one for --confidence (e.g. 1.96)")
			conv := fs.String("convention", "healthequal", "`rules` where the references differ: healthequal or heatmeasures")
			linear := fs.Bool("linear-sii", false, "fit SII/RII by population-weighted least squares instead of logistic regression")
			return func(ctx context.Context, j *job) (*Output, error) {
				opt := stats.HEATOptions{Favourable: *fav == 1, Scale: *scale, SettingAverage: *avg, Seed: *seed,
					Sims: *sims, Z: *z, LinearSII: *linear}
				if *fav != 0 && *fav != 1 {
					return nil, usageErr("--favourable must be 0 or 1")
				}
				if *sims == 0 {
					opt.Sims = -1
				} else if *sims < 0 {
					return nil, usageErr("--sims must be ≥ 0")
				}
				if *scale < 0 || math.IsNaN(*scale) || math.IsInf(*scale, 0) {
					return nil, usageErr("--scale must be a positive number (or 0 for automatic)")
				}
				levels, err := stats.ParseLevels(*conf)
				if err != nil || len(levels) != 1 {
					return nil, usageErr("--confidence %q: give one level, e.g. 95", *conf)
				}
				opt.Level = levels[0]
				switch strings.ToLower(*conv) {
				case "healthequal", "heq":
				case "heatmeasures", "hm", "heat":
					opt.Convention = stats.HEATMeasures
				default:
					return nil, usageErr("--convention must be healthequal or heatmeasures")
				}
				measures := stats.HEATMeasureCodes()
				if m := strings.ToUpper(j.args[0]); m != "ALL" {
					if !slices.Contains(measures, m) {
						return nil, usageErr("unknown HEAT measure %q; measures are %s or all", j.args[0], strings.Join(measures, ", "))
					}
					measures = []string{m}
				}
				return runHEAT(ctx, j, measures, opt, *ref)
			}
		},
	})
}

// runHEAT computes the measures for every group (dimension).
func runHEAT(ctx context.Context, j *job, measures []string, opt stats.HEATOptions, ref string) (*Output, error) {
	t, err := j.input()
	if err != nil {
		return nil, err
	}
	cols, err := t.Cols("subgroup", "estimate", "se", "population")
	if err != nil {
		return nil, err
	}
	oc := -1
	if t.Has("order") {
		oc, _ = t.Col("order")
	}
	groups, err := t.Groups(j.groupBy)
	if err != nil {
		return nil, err
	}
	ocols := []string{"measure", "estimate", "se", "lowercl", "uppercl", "confidence", "ci_method", "note"}
	out := NewOutput(j.groupBy, ocols)
	for _, g := range groups {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		sub, ordered, err := heatSubgroups(t, g, cols, oc, ref)
		if err != nil {
			return nil, err
		}
		if ref != "" && !slices.ContainsFunc(sub, func(s stats.HEATSubgroup) bool { return s.Reference }) {
			j.warnf("%s: no subgroup named %q for --reference", groupLabel(j.groupBy, g), ref)
		}
		o := opt
		o.Ordered = ordered
		for _, m := range measures {
			res, err := stats.HEAT(m, sub, o)
			row := out.Add(g.Key).Str("measure", m).Str("confidence", levelPercent(o.Level))
			var na *stats.NotApplicableError
			switch {
			case errors.As(err, &na):
				row.Str("note", na.Reason)
				continue
			case err != nil:
				return nil, groupErr(t, j.groupBy, g, err)
			}
			row.Num("estimate", res.Estimate).Num("se", res.SE).Num("lowercl", res.Lower).Num("uppercl", res.Upper).
				Str("ci_method", res.CIMethod)
		}
	}
	return out, nil
}

// heatSubgroups reads one group's subgroups and whether the dimension is
// ordered (every order cell filled) or not (every order cell empty).
func heatSubgroups(t *Table, g Group, cols []int, oc int, ref string) ([]stats.HEATSubgroup, bool, error) {
	sub := make([]stats.HEATSubgroup, len(g.Rows))
	filled := 0
	for k, r := range g.Rows {
		s := &sub[k]
		s.Name = t.Rows[r][cols[0]]
		s.Reference = ref != "" && strings.TrimSpace(s.Name) == ref
		var err error
		if s.Estimate, err = t.Float(r, cols[1]); err != nil {
			return nil, false, err
		}
		if s.SE, err = t.Float(r, cols[2]); err != nil {
			return nil, false, err
		}
		if s.SE < 0 {
			return nil, false, t.Errorf(r, cols[2], "standard error must be ≥ 0")
		}
		if s.Population, err = t.Float(r, cols[3]); err != nil {
			return nil, false, err
		}
		if s.Population < 0 {
			return nil, false, t.Errorf(r, cols[3], "population must be ≥ 0")
		}
		if oc >= 0 && !IsMissing(t.Rows[r][oc]) {
			if s.Order, err = t.Int(r, oc); err != nil {
				return nil, false, err
			}
			if s.Order < 1 {
				return nil, false, t.Errorf(r, oc, "order must be ≥ 1")
			}
			filled++
		}
	}
	if filled > 0 && filled < len(sub) {
		for _, r := range g.Rows {
			if IsMissing(t.Rows[r][oc]) {
				return nil, false, t.Errorf(r, oc, "order is empty but other subgroups of the dimension have one; fill all or none")
			}
		}
	}
	return sub, filled > 0 && filled == len(sub), nil
}
