package stats

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// MeanResult is the result of Mean: the estimate plus the sum, count and
// sample standard deviation of the values used.
type MeanResult struct {
	Estimate
	Sum   float64
	Count int
	SD    float64
}

// Mean computes the mean of values with Student t confidence limits
// x̄ ∓ t(1−α/2; k−1)·s/√k, s the sample SD (divisor k−1) (PIM phe_mean,
// METHODS.md §2.6). NaN values are excluded. With fewer than two values the
// limits (and, with none, the value) are NaN. levels as for Proportion.
func Mean(values []float64, levels []float64) (MeanResult, error) {
	lv, err := levelsOrNone(levels)
	if err != nil {
		return MeanResult{}, err
	}
	r := MeanResult{Estimate: Estimate{CIs: naIntervals(lv), Method: "Student's t-distribution", Statistic: "mean"}}
	for _, v := range values {
		if math.IsInf(v, 0) {
			return r, fmt.Errorf("stats: mean value is infinite")
		}
		if !math.IsNaN(v) {
			r.Sum += v
			r.Count++
		}
	}
	k := float64(r.Count)
	r.Value = math.NaN()
	r.SD = math.NaN()
	if r.Count == 0 {
		return r, nil
	}
	r.Value = r.Sum / k
	if r.Count < 2 {
		return r, nil
	}
	ss := 0.0
	for _, v := range values {
		if !math.IsNaN(v) {
			d := v - r.Value
			ss += d * d
		}
	}
	r.SD = math.Sqrt(ss / (k - 1))
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: k - 1}
	for i := range r.CIs {
		c := r.CIs[i].Level
		h := t.Quantile(1-(1-c)/2) * r.SD / math.Sqrt(k)
		r.CIs[i].Lower, r.CIs[i].Upper = r.Value-h, r.Value+h
	}
	return r, nil
}
