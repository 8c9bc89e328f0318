package stats

import (
	"fmt"
	"math"
	"sort"
)

// Quantiles assigns each value its quantile number 1…q (PIM phe_quantile,
// METHODS.md §2.10). N is the number of non-missing values; each value's
// rank has ties given the minimum rank, ascending, or — when invert is true
// — ranked on the negated value so the highest value has rank 1 (PIM's
// default, used for "Low is good" indicators). Then
// quantile = ⌊(q + 1) − ⌈((N + 1) − rank)/(N/q)⌉⌋, 0 replaced by 1.
// Missing values get NaN, and when N < q every result is NaN. Errors: q < 1.
func Quantiles(values []float64, q int, invert bool) ([]float64, error) {
	if q < 1 {
		return nil, fmt.Errorf("stats: number of quantiles must be ≥ 1, got %d", q)
	}
	out := make([]float64, len(values))
	var keys []float64
	for i, v := range values {
		out[i] = math.NaN()
		if !math.IsNaN(v) {
			if invert {
				v = -v
			}
			keys = append(keys, v)
		}
	}
	n := len(keys)
	if n < q {
		return out, nil
	}
	sort.Float64s(keys)
	N, Q := float64(n), float64(q)
	for i, v := range values {
		if math.IsNaN(v) {
			continue
		}
		if invert {
			v = -v
		}
		rank := float64(sort.SearchFloat64s(keys, v) + 1) // minimum rank of ties
		k := math.Floor((Q + 1) - math.Ceil(((N+1)-rank)/(N/Q)))
		if k == 0 {
			k = 1
		}
		out[i] = k
	}
	return out, nil
}

// QuantilesByGroup applies Quantiles within each group (rows with equal
// group keys). invert holds one flag for all rows or one per row; a per-row
// flag must be constant within a group. Errors: q < 1, lengths differ,
// invert not constant within a group.
func QuantilesByGroup(values []float64, group []string, q int, invert []bool) ([]float64, error) {
	if len(group) != len(values) {
		return nil, fmt.Errorf("stats: %d values but %d group keys", len(values), len(group))
	}
	if len(invert) != 1 && len(invert) != len(values) {
		return nil, fmt.Errorf("stats: invert must have 1 or %d entries, got %d", len(values), len(invert))
	}
	inv := func(i int) bool {
		if len(invert) == 1 {
			return invert[0]
		}
		return invert[i]
	}
	idx := map[string][]int{}
	var order []string
	for i, g := range group {
		if _, ok := idx[g]; !ok {
			order = append(order, g)
		}
		idx[g] = append(idx[g], i)
	}
	out := make([]float64, len(values))
	for _, g := range order {
		rows := idx[g]
		vals := make([]float64, len(rows))
		for j, i := range rows {
			vals[j] = values[i]
			if inv(i) != inv(rows[0]) {
				return nil, fmt.Errorf("stats: invert is not constant within group %q", g)
			}
		}
		qs, err := Quantiles(vals, q, inv(rows[0]))
		if err != nil {
			return nil, err
		}
		for j, i := range rows {
			out[i] = qs[j]
		}
	}
	return out, nil
}
