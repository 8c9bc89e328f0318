package stats

// Frozen copies of Proportion, Rate and LifeExpectancy (with their formula
// helpers) as they were before the batch API and shared kernels were added
// (commit d92f5ce). The tests in columns_test.go check that the current
// per-group functions and the batch functions give bit-identical results to
// these, so the refactoring changed no published number.

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

func frozenByarsLower(o, c float64) float64 {
	if !(o > 0) {
		return math.NaN()
	}
	z := Z(c)
	t := 1 - 1/(9*o) - z/(3*math.Sqrt(o))
	l := o * t * t * t
	if l < 0 {
		return math.NaN()
	}
	return l
}
func frozenByarsUpper(o, c float64) float64 {
	if !(o >= 0) {
		return math.NaN()
	}
	z := Z(c)
	p := o + 1
	t := 1 - 1/(9*p) + z/(3*math.Sqrt(p))
	return p * t * t * t
}
func frozenWilson(x, n, c float64) (lower, upper float64) {
	if c == 1 {
		return 0, 1
	}
	z := Z(c)
	z2 := z * z
	root := z * math.Sqrt(z2+4*x*(1-x/n))
	den := 2 * (n + z2)
	return (2*x + z2 - root) / den, (2*x + z2 + root) / den
}

func frozenProportion(x, n, multiplier float64, levels []float64) (Estimate, error) {
	lv, err := levelsOrNone(levels)
	if err != nil {
		return Estimate{}, err
	}
	e := Estimate{Value: math.NaN(), CIs: naIntervals(lv), Method: "Wilson", Statistic: ProportionStatistic(multiplier)}
	switch {
	case math.IsNaN(multiplier):
		return e, fmt.Errorf("stats: proportion multiplier is missing")
	case x < 0:
		return e, fmt.Errorf("stats: proportion numerator must be ≥ 0, got %v", x)
	case n <= 0:
		return e, fmt.Errorf("stats: proportion denominator must be > 0, got %v", n)
	case x > n:
		return e, fmt.Errorf("stats: proportion numerator %v exceeds denominator %v", x, n)
	case math.IsNaN(x) || math.IsNaN(n):
		return e, nil
	}
	e.Value = x / n * multiplier
	for i := range e.CIs {
		lo, up := frozenWilson(x, n, e.CIs[i].Level)
		e.CIs[i].Lower, e.CIs[i].Upper = lo*multiplier, up*multiplier
	}
	return e, nil
}

func frozenRate(x, n, multiplier float64, levels []float64) (Estimate, error) {
	lv, err := levelsOrNone(levels)
	if err != nil {
		return Estimate{}, err
	}
	e := Estimate{Value: math.NaN(), CIs: naIntervals(lv), Statistic: RateStatistic(multiplier)}
	switch {
	case math.IsNaN(multiplier):
		return e, fmt.Errorf("stats: rate multiplier is missing")
	case x < 0:
		return e, fmt.Errorf("stats: rate numerator must be ≥ 0, got %v", x)
	case n <= 0:
		return e, fmt.Errorf("stats: rate denominator must be > 0, got %v", n)
	}
	if math.IsNaN(x) {
		return e, nil
	}
	if x < 10 {
		e.Method = "Exact"
	} else {
		e.Method = "Byars"
	}
	if math.IsNaN(n) {
		return e, nil
	}
	e.Value = x / n * multiplier
	f := multiplier / n
	for i := range e.CIs {
		c := e.CIs[i].Level
		if x < 10 {
			e.CIs[i].Lower, e.CIs[i].Upper = ExactLower(x, c)*f, ExactUpper(x, c)*f
		} else {
			e.CIs[i].Lower, e.CIs[i].Upper = frozenByarsLower(x, c)*f, frozenByarsUpper(x, c)*f
		}
	}
	return e, nil
}

func frozenLifeExpectancy(bands []LEBand, levels []float64) (LEResult, error) {
	lv, err := parseLevels(levels)
	if err != nil {
		return LEResult{}, err
	}
	b := append([]LEBand(nil), bands...)
	byAge := func(x, y LEBand) int { return cmp.Compare(x.StartAge, y.StartAge) }
	if !slices.IsSortedFunc(b, byAge) {
		slices.SortStableFunc(b, byAge)
	}
	k := len(b)
	res := LEResult{Rows: make([]LERow, k)}
	ivs := make([]Interval, k*len(lv))
	for i := range ivs {
		ivs[i] = Interval{Level: lv[i%len(lv)], Lower: math.NaN(), Upper: math.NaN()}
	}
	for i := range b {
		res.Rows[i] = LERow{StartAge: b[i].StartAge, Value: math.NaN(), CIs: ivs[i*len(lv) : (i+1)*len(lv) : (i+1)*len(lv)], PopsUsed: math.NaN(), DeathsUsed: math.NaN()}
	}
	suppress := func(format string, a ...any) (LEResult, error) {
		res.Suppressed = true
		res.Warning = fmt.Sprintf(format, a...)
		return res, nil
	}
	if k != len(LEStartAges) {
		return suppress("life expectancy needs %d age bands, got %d", len(LEStartAges), k)
	}
	for i := range b {
		if b[i].StartAge != LEStartAges[i] {
			return LEResult{}, fmt.Errorf("stats: life expectancy band %d starts at %v, want %v (bands 0, 1, 5, …, 90)", i+1, b[i].StartAge, LEStartAges[i])
		}
	}
	total := 0.0
	for _, x := range b {
		switch {
		case math.IsNaN(x.Deaths) || x.Deaths < 0:
			return suppress("deaths at age %v must be ≥ 0, got %v", x.StartAge, x.Deaths)
		case math.IsNaN(x.Pop) || x.Pop <= 0:
			return suppress("population at age %v must be > 0, got %v", x.StartAge, x.Pop)
		case x.Deaths > x.Pop:
			return suppress("deaths %v exceed population %v at age %v", x.Deaths, x.Pop, x.StartAge)
		}
		total += x.Pop
	}
	if total < LEMinPopulation {
		return suppress("total population %v is below %d", total, LEMinPopulation)
	}
	frozenLifeTable(b, lv, res.Rows)
	return res, nil
}

// lifeTable fills rows for 20 validated bands sorted by start age.
func frozenLifeTable(b []LEBand, lv []float64, rows []LERow) {
	const k = 20
	var n, a, M, q, l, L, T, e, W [k + 1]float64
	for i := 0; i < k; i++ {
		M[i] = b[i].Deaths / b[i].Pop
		a[i] = 0.5
		if i < k-1 {
			n[i] = b[i+1].StartAge - b[i].StartAge
		} else {
			n[i] = 2 / M[i]
		}
	}
	a[0] = 0.1
	for i := 0; i < k; i++ {
		if b[i].Deaths <= b[i].Pop/n[i]/a[i] {
			q[i] = n[i] * M[i] / (1 + n[i]*M[i]*(1-a[i]))
		} else {
			q[i] = 1
		}
	}
	l[0] = 100000
	for i := 1; i < k; i++ {
		l[i] = l[i-1] * (1 - q[i-1])
	}
	// l[k] = 0 closes the table.
	for i := 0; i < k-1; i++ {
		d := l[i] - l[i+1]
		L[i] = n[i] * (l[i+1] + a[i]*d)
	}
	L[k-1] = l[k-1] / M[k-1]
	for i := k - 1; i >= 0; i-- {
		T[i] = T[i+1] + L[i]
		if l[i] > 0 {
			e[i] = T[i] / l[i]
		}
	}
	for i := 0; i < k-1; i++ {
		var s float64
		if d := l[i] - l[i+1]; d != 0 && b[i].Deaths > 0 {
			s = q[i] * q[i] * (1 - q[i]) / b[i].Deaths
		}
		f := (1-a[i])*n[i] + e[i+1]
		W[i] = s * l[i] * l[i] * f * f
	}
	s20 := 4 / (b[k-1].Deaths * M[k-1] * M[k-1])
	W[k-1] = l[k-1] / 2 * l[k-1] / 2 * s20
	zs := make([]float64, len(lv))
	for j, c := range lv {
		zs[j] = Z(c)
	}
	var cumW, pops, deaths float64
	for i := k - 1; i >= 0; i-- {
		cumW += W[i]
		pops += b[i].Pop
		deaths += b[i].Deaths
		se := math.Sqrt(cumW / (l[i] * l[i]))
		r := &rows[i]
		r.PopsUsed, r.DeathsUsed = pops, deaths
		r.Value = e[i]
		for j, z := range zs {
			r.CIs[j].Lower, r.CIs[j].Upper = e[i]-z*se, e[i]+z*se
		}
		if 1.959964*se > 10 {
			r.Value = math.NaN()
		}
	}
}
