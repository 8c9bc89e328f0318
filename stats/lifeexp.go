package stats

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// LEStartAges are the 20 band start ages the life-expectancy method needs:
// 0, 1, 5, 10, …, 85, 90 (90 is the open-ended 90+ band).
var LEStartAges = []float64{0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90}

// LEMinPopulation is the smallest total population for which life
// expectancy is calculated.
const LEMinPopulation = 5000

// LEBand is one observed age band: start age, mid-year population and
// deaths.
type LEBand struct {
	StartAge, Pop, Deaths float64
}

// LERow is life expectancy at one start age. Value is NaN when the group is
// suppressed or when the 95 % interval is wider than 20 years (the limits
// are then still given). PopsUsed and DeathsUsed sum this and all older
// bands.
type LERow struct {
	StartAge             float64
	Value                float64
	CIs                  []Interval
	PopsUsed, DeathsUsed float64
}

// LEResult is the life table result for one group: one row per band in
// start-age order. When Suppressed is true every value and limit is NaN and
// Warning says why.
type LEResult struct {
	Rows       []LERow
	Suppressed bool
	Warning    string
}

// ParseAgeBandStart returns the leading number of an age-band label such as
// "0", "1-4", "90+" or "85-89 years".
func ParseAgeBandStart(label string) (float64, error) {
	s := strings.TrimSpace(label)
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
		i++
	}
	if i == 0 {
		return math.NaN(), fmt.Errorf("stats: age band %q does not start with a number", label)
	}
	v, err := strconv.ParseFloat(s[:i], 64)
	if err != nil {
		return math.NaN(), fmt.Errorf("stats: age band %q: %v", label, err)
	}
	return v, nil
}

// LifeExpectancy computes period life expectancy at each band start age by
// the Chiang II abridged life table with Silcocks et al. (2001) confidence
// limits (PIM phe_life_expectancy, METHODS.md §2.9). bands may be in any
// order; they are sorted by start age. levels may hold any number of levels
// (nil means 95 % and 99.8 %).
//
// The whole group is suppressed (Suppressed, all values and limits NaN, a
// Warning, no error) when: there are not exactly 20 bands, any deaths < 0 or
// missing, any population ≤ 0 or missing, any deaths > population, or the
// total population is below LEMinPopulation. Errors: bad levels, or 20
// bands whose start ages are not LEStartAges.
func LifeExpectancy(bands []LEBand, levels []float64) (LEResult, error) {
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
	lifeTable(b, lv, res.Rows)
	return res, nil
}

// lifeTable fills rows for 20 validated bands sorted by start age.
func lifeTable(b []LEBand, lv []float64, rows []LERow) {
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
