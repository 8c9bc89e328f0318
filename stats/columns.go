package stats

import (
	"fmt"
	"math"
)

// Columns holds the results of a batch of proportions or crude rates in
// columns: entry i of every slice belongs to group i. The batch functions
// (ProportionColumns, RateColumns) compute exactly what Proportion and Rate
// compute for each group, with the same formulas, but write into the
// Columns' slices, reusing their storage: once the slices are large enough
// a batch allocates nothing per group. A zero Columns is ready to use.
type Columns struct {
	// Levels are the normalised confidence levels (fractions); empty when no
	// limits were requested (a single NaN level).
	Levels []float64
	// Value is the point estimate of each group; NaN when missing.
	Value []float64
	// Lower[j] and Upper[j] are the limits at Levels[j] of each group.
	Lower, Upper [][]float64
	// Method is the confidence-limit method label of each group (for rates,
	// "Exact" or "Byars"; "" when the numerator is missing).
	Method []string
	// Statistic is the statistic label, the same for every group.
	Statistic string

	scratch []float64 // working space of the batch functions
}

// Len returns the number of groups in c.
func (c *Columns) Len() int { return len(c.Value) }

// Estimate returns group i of c as an Estimate (it allocates the CIs).
func (c *Columns) Estimate(i int) Estimate {
	e := Estimate{Value: c.Value[i], CIs: make([]Interval, len(c.Levels)), Method: c.Method[i], Statistic: c.Statistic}
	for j, l := range c.Levels {
		e.CIs[j] = Interval{Level: l, Lower: c.Lower[j][i], Upper: c.Upper[j][i]}
	}
	return e
}

// reset sizes c for n groups at levels lv, reusing its storage.
func (c *Columns) reset(n int, lv []float64) {
	c.Levels = append(c.Levels[:0], lv...)
	c.Value = resize(c.Value, n)
	c.Method = resizeStrings(c.Method, n)
	c.Lower = resizeCols(c.Lower, len(lv), n)
	c.Upper = resizeCols(c.Upper, len(lv), n)
	c.Statistic = ""
}

// resize returns s with length n, reusing its array when large enough.
func resize(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

func resizeStrings(s []string, n int) []string {
	if cap(s) < n {
		return make([]string, n)
	}
	return s[:n]
}

func resizeBools(s []bool, n int) []bool {
	if cap(s) < n {
		return make([]bool, n)
	}
	return s[:n]
}

// resizeCols returns k columns of length n, reusing s's storage.
func resizeCols(s [][]float64, k, n int) [][]float64 {
	if cap(s) < k {
		s = append(s[:cap(s)], make([][]float64, k-cap(s))...)
	}
	s = s[:k]
	for j := range s {
		s[j] = resize(s[j], n)
	}
	return s
}

// GroupError is the error of a batch function at one group: Err is the
// error the per-group function (Proportion, Rate, LifeExpectancy) returns
// for that group's inputs. Groups before Group have been computed; later
// ones have not.
type GroupError struct {
	Group int // index of the group, from 0
	Err   error
}

func (e *GroupError) Error() string { return fmt.Sprintf("%v (group %d)", e.Err, e.Group) }

// Unwrap returns Err.
func (e *GroupError) Unwrap() error { return e.Err }

// ProportionColumns computes Proportion(x[i], n[i], multiplier, levels) for
// every group i into out (see Columns): value x/n × multiplier and Wilson
// limits × multiplier at each level, method "Wilson", statistic
// ProportionStatistic(multiplier). A missing x or n gives NaN value and
// limits. Errors: x and n of different lengths, a bad level or NaN
// multiplier (before any group), or a *GroupError for the first group
// Proportion rejects (x < 0, n ≤ 0, x > n).
func ProportionColumns(x, n []float64, multiplier float64, levels []float64, out *Columns) error {
	lv, err := levelsOrNone(levels)
	if err != nil {
		return err
	}
	if len(x) != len(n) {
		return fmt.Errorf("stats: proportions need as many numerators as denominators, got %d and %d", len(x), len(n))
	}
	if math.IsNaN(multiplier) {
		_, err := proportionCheck(0, 1, multiplier)
		return err
	}
	out.reset(len(x), lv)
	out.Statistic = ProportionStatistic(multiplier)
	m := multiplier
	nan := math.NaN()
	switch len(lv) {
	case 0:
		for i := range x {
			xi, ni := x[i], n[i]
			if !(xi >= 0 && ni > 0 && xi <= ni) {
				if ok, err := proportionCheck(xi, ni, m); !ok {
					if err != nil {
						return &GroupError{Group: i, Err: err}
					}
					out.Value[i], out.Method[i] = nan, MethodWilson
					continue
				}
			}
			out.Value[i], out.Method[i] = xi/ni*m, MethodWilson
		}
	case 1:
		w := wilsonLevelOf(lv[0])
		lo0, up0 := out.Lower[0][:len(x)], out.Upper[0][:len(x)]
		for i := range x {
			xi, ni := x[i], n[i]
			if !(xi >= 0 && ni > 0 && xi <= ni) {
				if ok, err := proportionCheck(xi, ni, m); !ok {
					if err != nil {
						return &GroupError{Group: i, Err: err}
					}
					out.Value[i], out.Method[i] = nan, MethodWilson
					lo0[i], up0[i] = nan, nan
					continue
				}
			}
			out.Value[i], out.Method[i] = xi/ni*m, MethodWilson
			lo, up := wilsonAt(xi, ni, w)
			lo0[i], up0[i] = lo*m, up*m
		}
	default: // CheckPIMLevels allows at most two
		w0, w1 := wilsonLevelOf(lv[0]), wilsonLevelOf(lv[1])
		lo0, up0 := out.Lower[0][:len(x)], out.Upper[0][:len(x)]
		lo1, up1 := out.Lower[1][:len(x)], out.Upper[1][:len(x)]
		for i0 := 0; i0 < len(x); {
			// A block of valid rows, four at a time with AVX.
			i1 := i0
			for i1 < len(x) && i1-i0 < rowBlock && x[i1] >= 0 && n[i1] > 0 && x[i1] <= n[i1] {
				out.Method[i1] = MethodWilson
				i1++
			}
			if useAVX && !w0.all && !w1.all && i1-i0 >= 4 {
				k4 := (i1 - i0) &^ 3
				wilsonRows2AVX(&x[i0], &n[i0], &out.Value[i0], &lo0[i0], &up0[i0], &lo1[i0], &up1[i0], k4, m, w0.z, w0.z2, w1.z, w1.z2)
				i0 += k4
			}
			for i := i0; i < i1; i++ {
				xi, ni := x[i], n[i]
				out.Value[i] = xi / ni * m
				lo, up := wilsonAt(xi, ni, w0)
				lo0[i], up0[i] = lo*m, up*m
				lo, up = wilsonAt(xi, ni, w1)
				lo1[i], up1[i] = lo*m, up*m
			}
			i0 = i1
			if i0 < len(x) && !(x[i0] >= 0 && n[i0] > 0 && x[i0] <= n[i0]) {
				// Invalid (an error) or missing (NaN value and limits).
				if _, err := proportionCheck(x[i0], n[i0], m); err != nil {
					return &GroupError{Group: i0, Err: err}
				}
				out.Value[i0], out.Method[i0] = nan, MethodWilson
				lo0[i0], up0[i0], lo1[i0], up1[i0] = nan, nan, nan, nan
				i0++
			}
		}
	}
	return nil
}

// RateColumns computes Rate(x[i], n[i], multiplier, levels) for every group
// i into out (see Columns): value x/n × multiplier; exact Poisson limits of
// x (method "Exact") when x < 10, else Byars ("Byars"), ÷ n × multiplier;
// statistic RateStatistic(multiplier). A missing x gives NaN value and
// limits and method ""; a missing n gives NaN value and limits. Errors: x
// and n of different lengths, a bad level or NaN multiplier (before any
// group), or a *GroupError for the first group Rate rejects (x < 0, n ≤ 0).
func RateColumns(x, n []float64, multiplier float64, levels []float64, out *Columns) error {
	lv, err := levelsOrNone(levels)
	if err != nil {
		return err
	}
	if len(x) != len(n) {
		return fmt.Errorf("stats: rates need as many numerators as denominators, got %d and %d", len(x), len(n))
	}
	if math.IsNaN(multiplier) {
		_, err := rateCheck(0, 1, multiplier)
		return err
	}
	out.reset(len(x), lv)
	out.Statistic = RateStatistic(multiplier)
	m := multiplier
	nan := math.NaN()
	var zs [2]float64
	for j, c := range lv {
		zs[j] = Z(c)
	}
	if len(out.scratch) < rowArrays*rowBlock {
		out.scratch = make([]float64, rowArrays*rowBlock)
	}
	var lower, upper [2][]float64
	// Rows are computed in blocks of up to rowBlock valid rows (rateRows);
	// a row that is missing or invalid ends the block and is handled on
	// its own.
	for i0 := 0; i0 < len(x); {
		i1 := i0
		for i1 < len(x) && i1-i0 < rowBlock && x[i1] >= 0 && n[i1] > 0 {
			i1++
		}
		if i1 > i0 {
			for j := range lv {
				lower[j], upper[j] = out.Lower[j][i0:i1], out.Upper[j][i0:i1]
			}
			rateRows(x[i0:i1], n[i0:i1], m, lv, zs[:len(lv)], out.Value[i0:i1], lower[:len(lv)], upper[:len(lv)], out.Method[i0:i1], carveRows(out.scratch, i1-i0))
			i0 = i1
			continue
		}
		// x < 0, n ≤ 0 or either missing.
		st, err := rateCheck(x[i0], n[i0], m)
		if st == rateInvalid {
			return &GroupError{Group: i0, Err: err}
		}
		out.Value[i0], out.Method[i0] = nan, ""
		if st == rateNoPop {
			out.Method[i0] = rateMethod(x[i0])
		}
		for j := range lv {
			out.Lower[j][i0], out.Upper[j][i0] = nan, nan
		}
		i0++
	}
	return nil
}

// LEColumns holds life-expectancy results for a batch of groups in columns.
// The per-band slices are aligned with the input bands (entry i belongs to
// bands[i], whatever the order of the bands within its group); the
// per-group slices have one entry per group. Each entry is what
// LifeExpectancy gives for that band's row: life expectancy (NaN when the
// group is suppressed or the 95 % interval is wider than 20 years), limits
// at every level, and populations and deaths of this and all older bands.
// Storage is reused between calls; a zero LEColumns is ready to use.
type LEColumns struct {
	// Levels are the normalised confidence levels (fractions).
	Levels []float64
	// Per band.
	Value                []float64
	Lower, Upper         [][]float64 // [level][band]
	PopsUsed, DeathsUsed []float64
	// Per group: whether it is suppressed, and why.
	Suppressed []bool
	Warning    []string
}

// LifeExpectancyColumns computes LifeExpectancy for every group of bands
// into out (see LEColumns). Group g holds the next sizes[g] bands of bands;
// sizes nil means groups of 20 bands, and then len(bands) must be a multiple
// of 20. Bands within a group may be in any order. Suppressed groups get
// NaN values and limits and their Warning, as with LifeExpectancy. Errors:
// a bad level or sizes that do not add up to len(bands) (before any group),
// or a *GroupError for the first group LifeExpectancy rejects (20 bands
// whose start ages are not LEStartAges). The life table is computed by the
// same code as LifeExpectancy, and a group of 20 valid bands allocates
// nothing once out's slices are large enough.
func LifeExpectancyColumns(bands []LEBand, sizes []int, levels []float64, out *LEColumns) error {
	lv := defaultLevels // read-only: copied into out.Levels
	if len(levels) > 0 {
		var err error
		if lv, err = parseLevels(levels); err != nil {
			return err
		}
	}
	groups := len(bands) / leK
	if sizes == nil {
		if len(bands)%leK != 0 {
			return fmt.Errorf("stats: life expectancy: %d bands are not groups of %d", len(bands), leK)
		}
	} else {
		total := 0
		for _, s := range sizes {
			if s < 0 {
				return fmt.Errorf("stats: life expectancy: negative group size %d", s)
			}
			total += s
		}
		if total != len(bands) {
			return fmt.Errorf("stats: life expectancy: group sizes add up to %d, not the %d bands", total, len(bands))
		}
		groups = len(sizes)
	}
	nb := len(bands)
	out.Levels = append(out.Levels[:0], lv...)
	out.Value = resize(out.Value, nb)
	out.PopsUsed = resize(out.PopsUsed, nb)
	out.DeathsUsed = resize(out.DeathsUsed, nb)
	out.Lower = resizeCols(out.Lower, len(lv), nb)
	out.Upper = resizeCols(out.Upper, len(lv), nb)
	out.Suppressed = resizeBools(out.Suppressed, groups)
	out.Warning = resizeStrings(out.Warning, groups)
	var zbuf [2]float64
	zs := zbuf[:0]
	if len(lv) > len(zbuf) {
		zs = make([]float64, 0, len(lv))
	}
	for _, c := range lv {
		zs = append(zs, Z(c))
	}
	// Groups that pass the checks are queued in slots and their life
	// tables computed several at a time: four per call of lifeTable4AVX
	// (band i of slot h at 4i + h), or two per call of lifeTable (slot h
	// at 20h + i). Each slot keeps its output offset and, when its bands
	// were not in order, their sorted order.
	lanes, hs, is := 2, leK, 1
	if useAVX {
		lanes, hs, is = 4, 1, 4
	}
	var (
		p, d  [4 * leK]float64
		t     leTable
		t4    le4Table
		perm  [4][leK]int
		slot  [4]struct{ off, perm int } // perm: -1 when in order
		ready int
	)
	flush := func() {
		if ready == 0 {
			return
		}
		var e, se, pops, deaths []float64
		if useAVX {
			lifeTable4AVX(&p[0], &d[0], &t4.e[0], &t4.se[0], &t4.pops[0], &t4.deaths[0], &t4.scratch[0])
			e, se, pops, deaths = t4.e[:], t4.se[:], t4.pops[:], t4.deaths[:]
		} else {
			lifeTable((*le2)(p[:2*leK]), (*le2)(d[:2*leK]), &t)
			e, se, pops, deaths = t.e[:], t.se[:], t.pops[:], t.deaths[:]
		}
		for h := range ready {
			var pp *[leK]int
			if slot[h].perm >= 0 {
				pp = &perm[h]
			}
			out.leEmit(e, se, pops, deaths, h*hs, is, slot[h].off, pp, zs)
		}
		ready = 0
	}
	off := 0
	for g := range groups {
		k := leK
		if sizes != nil {
			k = sizes[g]
		}
		b := bands[off : off+k : off+k]
		out.Suppressed[g], out.Warning[g] = false, ""
		if k != leK {
			out.leSuppress(off, k, g, leCountWarning(k))
			off += k
			continue
		}
		// Fast path: the bands are in LEStartAges order and pass
		// LifeExpectancy's checks (NaN fails every comparison); the sum
		// of the populations is taken in the same order as leCheck's.
		h := ready * hs
		total, ok := 0.0, true
		for i := range leK {
			x := &b[i]
			ok = ok && x.StartAge == leAges[i] && x.Deaths >= 0 && x.Pop > 0 && x.Deaths <= x.Pop
			p[h+i*is], d[h+i*is] = x.Pop, x.Deaths
			total += x.Pop
		}
		slot[ready].off, slot[ready].perm = off, -1
		if !ok || !(total >= LEMinPopulation) {
			// Slow path: LifeExpectancy's checks one by one, after a
			// stable sort by start age when the bands are not in order.
			var pp *[leK]int
			for i := range b {
				if b[i].StartAge != leAges[i] {
					pp = &perm[ready]
					break
				}
			}
			if pp != nil {
				lePermute(b, pp)
				if err := leCheckAges(b, pp); err != nil {
					flush()
					return &GroupError{Group: g, Err: err}
				}
			}
			if w := leCheck(b, pp); w != "" {
				out.leSuppress(off, k, g, w)
				off += k
				continue
			}
			if pp != nil {
				slot[ready].perm = 0
				for i, j := range pp {
					p[h+i*is], d[h+i*is] = b[j].Pop, b[j].Deaths
				}
			}
		}
		off += k
		if ready++; ready == lanes {
			flush()
		}
	}
	flush()
	return nil
}

// le4 holds one value per band for four groups, band-major: band i of
// group h at 4i + h.
type le4 = [4 * leK]float64

// le4Table is the result of lifeTable4AVX, laid out as le4.
type le4Table struct {
	e, se, pops, deaths le4
	scratch             [2 * 4 * leK]float64
}

// leEmit writes one group's life table to its rows at off: band i is at
// h + i·is of e, se, pops and deaths. perm, if not nil, gives the input
// position of each sorted band.
func (out *LEColumns) leEmit(e, se, pops, deaths []float64, h, is, off int, perm *[leK]int, zs []float64) {
	if perm == nil && len(zs) == 2 {
		// The usual case (95 % and 99.8 %, bands in order), unrolled.
		val, pu, du := out.Value[off:off+leK], out.PopsUsed[off:off+leK], out.DeathsUsed[off:off+leK]
		lo0, up0 := out.Lower[0][off:off+leK], out.Upper[0][off:off+leK]
		lo1, up1 := out.Lower[1][off:off+leK], out.Upper[1][off:off+leK]
		z0, z1 := zs[0], zs[1]
		for i := range leK {
			r := h + i*is
			ei, si := e[r], se[r]
			val[i], pu[i], du[i] = leValue(ei, si), pops[r], deaths[r]
			lo0[i], up0[i] = leLimits(ei, si, z0)
			lo1[i], up1[i] = leLimits(ei, si, z1)
		}
		return
	}
	for i := range leK {
		r, o := h+i*is, off+i
		if perm != nil {
			o = off + perm[i]
		}
		out.Value[o], out.PopsUsed[o], out.DeathsUsed[o] = leValue(e[r], se[r]), pops[r], deaths[r]
		for j, z := range zs {
			out.Lower[j][o], out.Upper[j][o] = leLimits(e[r], se[r], z)
		}
	}
}

// leSuppress marks group g (bands off to off+k) suppressed with warning w.
func (out *LEColumns) leSuppress(off, k, g int, w string) {
	nan := math.NaN()
	out.Suppressed[g], out.Warning[g] = true, w
	for r := off; r < off+k; r++ {
		out.Value[r], out.PopsUsed[r], out.DeathsUsed[r] = nan, nan, nan
		for j := range out.Lower {
			out.Lower[j][r], out.Upper[j][r] = nan, nan
		}
	}
}

// lePermute sets perm to the indices of the 20 bands b in a stable order by
// start age (the order slices.SortStableFunc(b, leByAge) gives).
func lePermute(b []LEBand, perm *[leK]int) {
	for i := range perm {
		perm[i] = i
	}
	for i := 1; i < leK; i++ {
		for j := i; j > 0 && leByAge(b[perm[j-1]], b[perm[j]]) > 0; j-- {
			perm[j-1], perm[j] = perm[j], perm[j-1]
		}
	}
}
