package stats

import (
	"fmt"
	"math"
)

// ESP2013 holds the 19 European Standard Population 2013 weights used by
// Fingertips, for age bands 0-4, 5-9, …, 85-89, 90+ in that order (sum
// 100,000; shared/data/esp2013.csv). Treat it as read-only; pass a copy if a
// function might modify it (none in this package does).
var ESP2013 = []float64{5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000}

// ESP2013Bands are the labels of the ESP2013 age bands, in weight order.
var ESP2013Bands = []string{"0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+"}

// DSR method labels.
const (
	MethodDobson               = "Dobson"
	MethodDobsonNonIndependent = "Dobson, with confidence adjusted for non-independent events"
	// StatisticDSRSuppressed is the statistic label when the total count is
	// below 10 and the DSR is suppressed.
	StatisticDSRSuppressed = "dsr NA for total count < 10"
)

// DSRResult is a directly standardised rate with the total count and
// population of the group.
type DSRResult struct {
	Estimate
	TotalCount, TotalPop float64
}

// DSRStatistic returns PIM's statistic label, "dsr per <m>".
func DSRStatistic(multiplier float64) string {
	if multiplier == 1e5 {
		return "dsr per 100000"
	}
	return "dsr per " + fmtNum(multiplier)
}

// checkBands validates populations and standard weights and returns Σw.
func checkBands(pop, weight []float64) (float64, error) {
	if len(pop) == 0 {
		return 0, fmt.Errorf("stats: DSR needs at least one age band")
	}
	if len(weight) != len(pop) {
		return 0, fmt.Errorf("stats: DSR has %d populations but %d standard weights", len(pop), len(weight))
	}
	sw := 0.0
	for i := range pop {
		if math.IsNaN(pop[i]) || pop[i] <= 0 {
			return 0, fmt.Errorf("stats: DSR population in band %d must be > 0, got %v", i+1, pop[i])
		}
		if math.IsNaN(weight[i]) || weight[i] < 0 {
			return 0, fmt.Errorf("stats: DSR standard weight in band %d must be ≥ 0, got %v", i+1, weight[i])
		}
		sw += weight[i]
	}
	if sw <= 0 {
		return 0, fmt.Errorf("stats: DSR standard weights sum to %v", sw)
	}
	return sw, nil
}

// dobson fills e with the DSR value and Dobson limits given Σxw/n, the
// variance numerator Σx(w/n)², Σw and the total count O.
func dobson(e *Estimate, sxw, sv, sw, o, m float64) {
	if o < 10 {
		e.Statistic = StatisticDSRSuppressed
		return
	}
	d := sxw / sw
	e.Value = d * m
	s := math.Sqrt(sv / (sw * sw) / o)
	for i := range e.CIs {
		c := e.CIs[i].Level
		e.CIs[i].Lower = (d + s*(ByarsLower(o, c)-o)) * m
		e.CIs[i].Upper = (d + s*(ByarsUpper(o, c)-o)) * m
	}
}

// DSR computes a directly standardised rate with Dobson confidence limits
// (PIM calculate_dsr, METHODS.md §2.7): DSR = m·Σ(xᵢwᵢ/nᵢ)/Σwᵢ,
// Var = Σxᵢ(wᵢ/nᵢ)²/(Σwᵢ)², limits DSR + √(Var/O)·(Byars(O) − O)·m with
// O = Σxᵢ. count, pop and weight are per age band in the same order (use
// ESP2013 for Fingertips, or any custom standard). Missing counts are 0.
// When O < 10 the value and limits are NaN and the statistic is
// StatisticDSRSuppressed. levels as for Proportion. Errors: unequal
// lengths, no bands, a count < 0, a population missing or ≤ 0, a weight
// missing or < 0, bad levels.
func DSR(count, pop, weight []float64, multiplier float64, levels []float64) (DSRResult, error) {
	lv, err := levelsOrNone(levels)
	if err != nil {
		return DSRResult{}, err
	}
	r := DSRResult{Estimate: Estimate{Value: math.NaN(), CIs: naIntervals(lv), Method: MethodDobson, Statistic: DSRStatistic(multiplier)}}
	sw, err := checkBands(pop, weight)
	if err != nil {
		return r, err
	}
	if len(count) != len(pop) {
		return r, fmt.Errorf("stats: DSR has %d counts but %d populations", len(count), len(pop))
	}
	var sxw, sv, o, np float64
	for i, x := range count {
		if math.IsNaN(x) {
			x = 0
		}
		if x < 0 {
			return r, fmt.Errorf("stats: DSR count in band %d must be ≥ 0, got %v", i+1, x)
		}
		f := weight[i] / pop[i]
		sxw += x * f
		sv += x * f * f
		o += x
		np += pop[i]
	}
	r.TotalCount, r.TotalPop = o, np
	dobson(&r.Estimate, sxw, sv, sw, o, multiplier)
	return r, nil
}

// DSRNonIndependent computes a DSR whose events are not independent (people
// can have several events), METHODS.md §2.7. freq lists the event
// frequencies f (e.g. 1, 2, 3); individuals[i][j] is the number of people in
// age band i with exactly freq[j] events (NaN counts as 0). Events per band
// are Σⱼ freq[j]·individuals[i][j]; the DSR and O come from those events;
// the variance is Σⱼ freq[j]²·Varⱼ with Varⱼ the DSR variance of the
// individuals with frequency freq[j]. Method MethodDobsonNonIndependent.
// Errors as for DSR, plus a frequency ≤ 0 or rows of the wrong length.
func DSRNonIndependent(freq []float64, individuals [][]float64, pop, weight []float64, multiplier float64, levels []float64) (DSRResult, error) {
	lv, err := levelsOrNone(levels)
	if err != nil {
		return DSRResult{}, err
	}
	r := DSRResult{Estimate: Estimate{Value: math.NaN(), CIs: naIntervals(lv), Method: MethodDobsonNonIndependent, Statistic: DSRStatistic(multiplier)}}
	sw, err := checkBands(pop, weight)
	if err != nil {
		return r, err
	}
	if len(individuals) != len(pop) {
		return r, fmt.Errorf("stats: DSR has %d bands of individuals but %d populations", len(individuals), len(pop))
	}
	if len(freq) == 0 {
		return r, fmt.Errorf("stats: DSR for non-independent events needs at least one frequency")
	}
	for j, f := range freq {
		if math.IsNaN(f) || f <= 0 {
			return r, fmt.Errorf("stats: event frequency %d must be > 0, got %v", j+1, f)
		}
	}
	var sxw, sv, o, np float64
	for i, row := range individuals {
		if len(row) != len(freq) {
			return r, fmt.Errorf("stats: band %d has %d frequency counts, want %d", i+1, len(row), len(freq))
		}
		w := weight[i] / pop[i]
		for j, k := range row {
			if math.IsNaN(k) {
				continue
			}
			if k < 0 {
				return r, fmt.Errorf("stats: individuals in band %d with %v events must be ≥ 0, got %v", i+1, freq[j], k)
			}
			x := freq[j] * k
			sxw += x * w
			sv += freq[j] * freq[j] * k * w * w
			o += x
		}
		np += pop[i]
	}
	r.TotalCount, r.TotalPop = o, np
	dobson(&r.Estimate, sxw, sv, sw, o, multiplier)
	return r, nil
}
