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
	var p, d le2 // the group twice: lifeTable computes two at once
	for i := range b {
		p[i], d[i] = b[i].Pop, b[i].Deaths
		p[leK+i], d[leK+i] = b[i].Pop, b[i].Deaths
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

// leAges is LEStartAges as an array.
var leAges = [leK]float64(LEStartAges)

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

// le2 holds one value per band for two groups: group 0 in [0, 20), group
// 1 in [20, 40).
type le2 = [2 * leK]float64

// leTable is the result of lifeTable for two groups (laid out as le2): life
// expectancy e, its standard error se, and the populations and deaths of
// this and all older bands.
type leTable struct {
	e, se, pops, deaths le2
	// Scratch space of lifeTable, kept here so that it is not zeroed on
	// every call.
	m, num, den, q, l, cum, ll le2
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
	return e - float64(z*se), e + float64(z*se)
}

// bandNA returns the width n and the fraction of the interval lived by
// those who die, a, of closed band i: n = 1, 4, 5, …, 5; a = 0.1 for the
// first band, else 0.5.
func bandNA(i int) (n, a float64) {
	switch i {
	case 0:
		return 1, 0.1
	case 1:
		return 4, 0.5
	}
	return 5, 0.5
}

// lifeTable computes the Chiang II life table with Silcocks variance of two
// groups at once: the populations p and deaths dth of 20 validated bands in
// start-age order for each (laid out as le2). It is the kernel shared by
// LifeExpectancy (which passes its group twice) and LifeExpectancyColumns.
//
// Band widths n and fractions a appear as constants (bandNA); each
// expression is evaluated in the same order as METHODS.md §2.9 writes it
// (e.g. Pᵢ/nᵢ/aᵢ, nᵢMᵢ(1−aᵢ)), which keeps the results identical to the
// general formulation. q of the open band is not needed (its L and
// variance use M directly).
//
// The cost is in divisions and square roots, and in the serial sums and
// products (l, T, ΣW). The divisions of all 40 bands are done at once by
// divTo and sqrtDivTo (two per instruction on amd64), with lanes whose
// formula does not apply (l = 0, D = 0, the open band) overwritten
// afterwards as the per-band branches did; the serial chains of the two
// groups are interleaved so that they overlap. The float64 conversions keep
// the compiler from fusing a product into the following addition (FMA on
// arm64 or GOAMD64=v3): the results are the same on every platform and
// equal those of lifeTable4AVX.
func lifeTable(p, dth *le2, t *leTable) {
	const k = leK
	M, num, den, q, l, T, ll := &t.m, &t.num, &t.den, &t.q, &t.l, &t.cum, &t.ll
	divTo(M, dth, p)
	// q = nM / (1 + nM(1 − a)); the open band's lane is unused.
	for h := 0; h < 2*k; h += k {
		num[h], den[h] = 1*M[h], 1+float64(1*M[h]*(1-0.1))
		for i := 1; i < k-1; i++ {
			n := leWidth[i]
			num[h+i], den[h+i] = n*M[h+i], 1+float64(n*M[h+i]*(1-0.5))
		}
		num[h+k-1], den[h+k-1] = 1, 1
	}
	divTo(q, num, den)
	// q = 1 where D > P/n/a. First band: validation guarantees D ≤ P, and
	// P ≤ fl(P/1/0.1) for every P > 0, so the test always holds there.
	// Bands 1…18 (n = 4 or 5, a = 0.5): the test is skipped (it holds) when
	// M < 0.39 and P is a normal number well above the subnormal range:
	// then D < 0.3901·P while fl(fl(P/n)·2) ≥ 0.4·P·(1 − 2⁻⁵³). This
	// saves a division per band and gives the same q as evaluating it.
	for h := 0; h < 2*k; h += k {
		for i := 1; i < k-1; i++ {
			b := h + i
			if !(M[b] < 0.39 && p[b] > 1e-300 || dth[b] <= p[b]/leWidth[i]/0.5) {
				q[b] = 1
			}
		}
	}
	// l: l₁ = 100,000, lᵢ = lᵢ₋₁·(1 − qᵢ₋₁).
	la, lb := 100000.0, 100000.0
	l[0], l[k] = la, lb
	for i := 1; i < k; i++ {
		la *= 1 - q[i-1]
		lb *= 1 - q[k+i-1]
		l[i], l[k+i] = la, lb
	}
	// T = Σ L from the oldest band: L = l/M for the open band, else
	// n(lᵢ₊₁ + a·dᵢ) with dᵢ = lᵢ − lᵢ₊₁.
	ta, tb := la/M[k-1], lb/M[2*k-1]
	T[k-1], T[2*k-1] = ta, tb
	for i := k - 2; i >= 0; i-- {
		n, a := bandNA(i)
		ja, jb := l[i+1], l[k+i+1]
		ta += float64(n * (ja + float64(a*(l[i]-ja))))
		tb += float64(n * (jb + float64(a*(l[k+i]-jb))))
		T[i], T[k+i] = ta, tb
	}
	divTo(&t.e, T, l) // e = T/l, 0 where l = 0
	for i := range l {
		ll[i] = l[i] * l[i]
		if !(l[i] > 0) {
			t.e[i] = 0
		}
	}
	// s = q²(1 − q)/D, 0 where dᵢ = 0 or D = 0 (and for the open band).
	for i := range l {
		num[i] = q[i] * q[i] * (1 - q[i])
	}
	num[k-1], num[2*k-1] = 0, 0
	divTo(num, num, dth)
	// W = s·l²·((1 − a)n + eᵢ₊₁)², open band W = (l/2)²·4/(D·M²); the
	// cumulative sums from the oldest band go into T.
	ma, mb := M[k-1], M[2*k-1]
	la, lb = l[k-1], l[2*k-1]
	wa := la / 2 * la / 2 * (4 / (dth[k-1] * ma * ma))
	wb := lb / 2 * lb / 2 * (4 / (dth[2*k-1] * mb * mb))
	T[k-1], T[2*k-1] = wa, wb
	for i := k - 2; i >= 0; i-- {
		n, a := bandNA(i)
		sa, sb := num[i], num[k+i]
		if !(l[i]-l[i+1] != 0 && dth[i] > 0) {
			sa = 0
		}
		if !(l[k+i]-l[k+i+1] != 0 && dth[k+i] > 0) {
			sb = 0
		}
		fa, fb := float64((1-a)*n)+t.e[i+1], float64((1-a)*n)+t.e[k+i+1]
		wa += float64(sa * l[i] * l[i] * fa * fa)
		wb += float64(sb * l[k+i] * l[k+i] * fb * fb)
		T[i], T[k+i] = wa, wb
	}
	sqrtDivTo(&t.se, T, ll) // se = √(ΣW/l²)
	var pa, pb, da, db float64
	for i := k - 1; i >= 0; i-- {
		pa, pb = pa+p[i], pb+p[k+i]
		da, db = da+dth[i], db+dth[k+i]
		t.pops[i], t.pops[k+i] = pa, pb
		t.deaths[i], t.deaths[k+i] = da, db
	}
}
