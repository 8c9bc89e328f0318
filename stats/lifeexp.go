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
	b := bands
	if !slices.IsSortedFunc(b, leByAge) {
		b = append([]LEBand(nil), bands...)
		slices.SortStableFunc(b, leByAge)
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
	if k != leK {
		res.Suppressed, res.Warning = true, leCountWarning(k)
		return res, nil
	}
	var p, d [leK]float64
	for i := range b {
		p[i], d[i] = b[i].Pop, b[i].Deaths
	}
	if err := leCheckAges(b, nil); err != nil {
		return LEResult{}, err
	}
	if w := leCheck(b, nil); w != "" {
		res.Suppressed, res.Warning = true, w
		return res, nil
	}
	var t leTable
	lifeTable(&p, &d, &t)
	zs := make([]float64, len(lv))
	for j, c := range lv {
		zs[j] = Z(c)
	}
	for i := range res.Rows {
		r := &res.Rows[i]
		r.Value, r.PopsUsed, r.DeathsUsed = leValue(t.e[i], t.se[i]), t.pops[i], t.deaths[i]
		for j, z := range zs {
			r.CIs[j].Lower, r.CIs[j].Upper = leLimits(t.e[i], t.se[i], z)
		}
	}
	return res, nil
}

// leK is the number of age bands of a life table.
const leK = 20

// leWidth holds the widths of the first 19 bands, from LEStartAges.
var leWidth = func() (w [leK - 1]float64) {
	for i := range w {
		w[i] = LEStartAges[i+1] - LEStartAges[i]
	}
	return w
}()

func leByAge(x, y LEBand) int { return cmp.Compare(x.StartAge, y.StartAge) }

func leCountWarning(k int) string {
	return fmt.Sprintf("life expectancy needs %d age bands, got %d", len(LEStartAges), k)
}

// leCheckAges returns the error for 20 bands (sorted by start age, in the
// order perm gives, or as they are when perm is nil) whose start ages are
// not LEStartAges.
func leCheckAges(b []LEBand, perm *[leK]int) error {
	for i := range leK {
		x := leAt(b, perm, i)
		if x.StartAge != LEStartAges[i] {
			return fmt.Errorf("stats: life expectancy band %d starts at %v, want %v (bands 0, 1, 5, …, 90)", i+1, x.StartAge, LEStartAges[i])
		}
	}
	return nil
}

func leAt(b []LEBand, perm *[leK]int, i int) LEBand {
	if perm != nil {
		return b[perm[i]]
	}
	return b[i]
}

// leCheck returns the suppression warning for 20 bands (ordered as for
// leCheckAges), or "" when the life table can be computed.
func leCheck(b []LEBand, perm *[leK]int) string {
	total := 0.0
	for i := range leK {
		x := leAt(b, perm, i)
		switch {
		case math.IsNaN(x.Deaths) || x.Deaths < 0:
			return fmt.Sprintf("deaths at age %v must be ≥ 0, got %v", x.StartAge, x.Deaths)
		case math.IsNaN(x.Pop) || x.Pop <= 0:
			return fmt.Sprintf("population at age %v must be > 0, got %v", x.StartAge, x.Pop)
		case x.Deaths > x.Pop:
			return fmt.Sprintf("deaths %v exceed population %v at age %v", x.Deaths, x.Pop, x.StartAge)
		}
		total += x.Pop
	}
	if total < LEMinPopulation {
		return fmt.Sprintf("total population %v is below %d", total, LEMinPopulation)
	}
	return ""
}

// leTable is the result of lifeTable: life expectancy e, its standard error
// se, and the populations and deaths of this and all older bands, per band.
type leTable struct {
	e, se, pops, deaths [leK]float64
}

// leValue is the published life expectancy: e, or NaN when the 95 %
// interval is wider than 20 years.
func leValue(e, se float64) float64 {
	if 1.959964*se > 10 {
		return math.NaN()
	}
	return e
}

// leLimits are the limits e ∓ z·se.
func leLimits(e, se, z float64) (lower, upper float64) {
	return e - z*se, e + z*se
}

// lifeTable computes the Chiang II life table with Silcocks variance for the
// populations p and deaths d of 20 validated bands in start-age order. It
// is the kernel shared by LifeExpectancy and LifeExpectancyColumns.
func lifeTable(p, dth *[leK]float64, t *leTable) {
	const k = leK
	var n, a, M, q, l, L, T, e, W [k + 1]float64
	for i := 0; i < k; i++ {
		M[i] = dth[i] / p[i]
		a[i] = 0.5
		if i < k-1 {
			n[i] = leWidth[i]
		} else {
			n[i] = 2 / M[i]
		}
	}
	a[0] = 0.1
	for i := 0; i < k; i++ {
		if dth[i] <= p[i]/n[i]/a[i] {
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
		if d := l[i] - l[i+1]; d != 0 && dth[i] > 0 {
			s = q[i] * q[i] * (1 - q[i]) / dth[i]
		}
		f := (1-a[i])*n[i] + e[i+1]
		W[i] = s * l[i] * l[i] * f * f
	}
	s20 := 4 / (dth[k-1] * M[k-1] * M[k-1])
	W[k-1] = l[k-1] / 2 * l[k-1] / 2 * s20
	var cumW, pops, deaths float64
	for i := k - 1; i >= 0; i-- {
		cumW += W[i]
		pops += p[i]
		deaths += dth[i]
		t.se[i] = math.Sqrt(cumW / (l[i] * l[i]))
		t.e[i], t.pops[i], t.deaths[i] = e[i], pops, deaths
	}
}
