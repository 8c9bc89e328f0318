package statscli

import (
	"cmp"
	"context"
	"flag"
	"math"
	"slices"
	"strings"

	"het/stats"
)

func init() {
	register(&method{
		name:    "trend",
		summary: "Fingertips recent trend over the last five periods",
		about: "Uses the five most recent periods of each group. chi-square (proportions): the chi-square test for " +
			"linear trend (Cochran–Armitage) on count/denominator with period scores 1…5. regression (any other " +
			"value): inverse-variance weighted regression of value on period, SE = (upper − lower)/(2 × 1.96). " +
			"Significant at 99.8% (|z| > 3.09). \"Cannot be calculated\" with fewer than five periods or missing " +
			"inputs. Reference: Fingertips technical guidance (recent trends).",
		rows: "one per group (the --group-by columns, then the outputs). Periods are sorted numerically when every " +
			"period is a number, otherwise as text (2015/16 < 2016/17).",
		inputs: []colDoc{
			{"period", "time period (a year, or text such as 2019/20 that sorts chronologically)"},
			{"value", "indicator value (regression)"},
			{"lower95_0cl, upper95_0cl", "95% limits of value (regression)"},
			{"count", "numerator (chi-square)"},
			{"denominator", "denominator (chi-square)"},
		},
		outputs: []colDoc{
			{"trend", "Increasing, Decreasing, No significant change or Cannot be calculated"},
			{"label", `with a polarity, e.g. "Increasing and getting better"`},
			{"periods_used", "the first and last of the five periods, e.g. 2015 - 2019"},
			{"statistic", "chi-square (1 df) or the slope's z"},
			{"slope", "fitted change per period"},
			{"method", `"Chi-square test for linear trend" or "Inverse-variance weighted regression"`},
		},
		setup: func(fs *flag.FlagSet) runFunc {
			pol := fs.String("polarity", "no-judgement", "`polarity`: high-is-good, low-is-good or no-judgement")
			test := fs.String("test", "auto", "`test`: chi-square, regression, or auto (chi-square when count and denominator columns exist)")
			return func(ctx context.Context, j *job) (*Output, error) {
				p, err := parsePolarity(*pol)
				if err != nil {
					return nil, err
				}
				switch *test {
				case "auto", "chi-square", "regression":
				default:
					return nil, usageErr("--test must be auto, chi-square or regression, got %q", *test)
				}
				return runTrend(ctx, j, *test, p)
			}
		},
	})
}

// runTrend computes the recent trend of every group.
func runTrend(ctx context.Context, j *job, test string, p stats.Polarity) (*Output, error) {
	t, err := j.input()
	if err != nil {
		return nil, err
	}
	if test == "auto" {
		test = "regression"
		if t.Has("count") && t.Has("denominator") {
			test = "chi-square"
		}
	}
	names := []string{"period", "value", "lower95_0cl", "upper95_0cl"}
	if test == "chi-square" {
		names = []string{"period", "count", "denominator"}
	}
	cols, err := t.Cols(names...)
	if err != nil {
		return nil, err
	}
	groups, err := t.Groups(j.groupBy)
	if err != nil {
		return nil, err
	}
	out := NewOutput(j.groupBy, []string{"trend", "label", "periods_used", "statistic", "slope", "method"})
	for _, g := range groups {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rows := sortByPeriod(t, g.Rows, cols[0])
		for i := 1; i < len(rows); i++ {
			if strings.TrimSpace(t.Rows[rows[i]][cols[0]]) == strings.TrimSpace(t.Rows[rows[i-1]][cols[0]]) {
				return nil, t.Errorf(rows[i], cols[0], "period %q appears twice in %s", t.Rows[rows[i]][cols[0]], groupLabel(j.groupBy, g))
			}
		}
		series := make([][]float64, len(cols)-1)
		for k := range series {
			series[k] = make([]float64, len(rows))
			for i, r := range rows {
				if series[k][i], err = t.Float(r, cols[k+1]); err != nil {
					return nil, err
				}
			}
		}
		var res stats.TrendResult
		if test == "chi-square" {
			res = stats.TrendProportion(series[0], series[1], p)
		} else {
			res = stats.TrendWeighted(series[0], series[1], series[2], p)
		}
		row := out.Add(g.Key).Str("trend", trendWord(res)).Str("label", res.Label).
			Num("statistic", res.Statistic).Num("slope", res.Slope).Str("method", res.Method)
		if n := len(rows); n >= stats.TrendPoints {
			row.Str("periods_used", strings.TrimSpace(t.Rows[rows[n-stats.TrendPoints]][cols[0]])+" - "+strings.TrimSpace(t.Rows[rows[n-1]][cols[0]]))
		}
	}
	return out, nil
}

// trendWord is the trend without the polarity wording.
func trendWord(r stats.TrendResult) string {
	switch {
	case r.Label == stats.TrendCannotCalc:
		return r.Label
	case r.Direction > 0:
		return stats.TrendIncreasing
	case r.Direction < 0:
		return stats.TrendDecreasing
	}
	return stats.TrendNoChange
}

// sortByPeriod returns rows in chronological order: numerically when every
// period parses as a number, else by text.
func sortByPeriod(t *Table, rows []int, pc int) []int {
	out := slices.Clone(rows)
	num := make(map[int]float64, len(rows))
	numeric := true
	for _, r := range rows {
		v, err := ParseNumber(t.Rows[r][pc])
		if err != nil || math.IsNaN(v) {
			numeric = false
			break
		}
		num[r] = v
	}
	slices.SortStableFunc(out, func(a, b int) int {
		if numeric {
			return cmp.Compare(num[a], num[b])
		}
		return strings.Compare(strings.TrimSpace(t.Rows[a][pc]), strings.TrimSpace(t.Rows[b][pc]))
	})
	return out
}
