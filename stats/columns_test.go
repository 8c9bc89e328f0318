package stats

import (
	"cmp"
	"errors"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
)

// same reports whether a and b are the same float64 bit for bit (any two
// NaNs count as the same).
func same(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Float64bits(a) == math.Float64bits(b)
}

// sameEstimate fails t unless got and want are identical.
func sameEstimate(t *testing.T, label string, got, want Estimate) {
	t.Helper()
	ok := same(got.Value, want.Value) && got.Method == want.Method && got.Statistic == want.Statistic && len(got.CIs) == len(want.CIs)
	for j := 0; ok && j < len(got.CIs); j++ {
		g, w := got.CIs[j], want.CIs[j]
		ok = same(g.Level, w.Level) && same(g.Lower, w.Lower) && same(g.Upper, w.Upper)
	}
	if !ok {
		t.Errorf("%s: got %+v, want %+v", label, got, want)
	}
}

// mulAdd is x·y + z as the compiler builds it for this platform.
//
//go:noinline
func mulAdd(x, y, z float64) float64 { return x*y + z }

// fusing reports whether the compiler fuses x·y + z into one rounding
// (arm64, GOAMD64=v3, ...): (1+2⁻⁵²)² − (1+2⁻⁵¹) is 2⁻¹⁰⁴ fused and 0
// otherwise. The frozen pre-refactoring code has no float64 conversions
// against fusion, so where the compiler fuses it can differ from the
// current code in the last bits, and is compared within 1e-12.
var fusing = mulAdd(1+0x1p-52, 1+0x1p-52, -(1+0x1p-51)) != 0

// sameOrNear is same, or relatively within 1e-12 when fusing.
func sameOrNear(a, b float64) bool {
	if same(a, b) {
		return true
	}
	return fusing && !math.IsNaN(a) && !math.IsNaN(b) && math.Abs(a-b) <= 1e-12*math.Max(math.Abs(a), math.Abs(b))
}

// nearFrozen fails t unless got (current code) matches want (frozen code):
// bit for bit, or within 1e-12 when the compiler fuses.
func nearFrozen(t *testing.T, got, want Estimate) {
	t.Helper()
	ok := sameOrNear(got.Value, want.Value) && got.Method == want.Method && got.Statistic == want.Statistic && len(got.CIs) == len(want.CIs)
	for j := 0; ok && j < len(got.CIs); j++ {
		g, w := got.CIs[j], want.CIs[j]
		ok = same(g.Level, w.Level) && sameOrNear(g.Lower, w.Lower) && sameOrNear(g.Upper, w.Upper)
	}
	if !ok {
		t.Errorf("per-group vs frozen: got %+v, want %+v", got, want)
	}
}

func sameErr(a, b error) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Error() == b.Error()
}

// countInputs returns the reference inputs of proportion.csv or rate.csv
// followed by random and edge-case inputs.
func countInputs(t *testing.T, file string, seed uint64) (x, n []float64) {
	for _, r := range pimReadCSV(t, filepath.Join(pimRefDir, file)) {
		x = append(x, pimNum(t, r["numerator"]))
		n = append(n, pimNum(t, r["denominator"]))
	}
	nan, inf := math.NaN(), math.Inf(1)
	tiny := math.SmallestNonzeroFloat64
	edges := []float64{nan, 0, math.Copysign(0, -1), 1, 9, 9.5, 10, 10.5, 0.445, 7564336677, tiny, 1e-300, 1e300, inf, -1, -inf}
	for _, a := range edges {
		for _, b := range edges {
			x, n = append(x, a), append(n, b)
		}
	}
	r := rand.New(rand.NewPCG(seed, 7))
	for range 2000 {
		var xi, ni float64
		switch r.IntN(4) {
		case 0: // whole counts, many small
			ni = float64(1 + r.IntN(1000))
			xi = float64(r.IntN(min(int(ni), 20) + 1))
		case 1: // whole counts over a wide range
			ni = float64(1 + r.IntN(10_000_000))
			xi = float64(r.IntN(int(ni) + 1))
		case 2: // fractions
			ni = r.Float64() * 1000
			xi = r.Float64() * ni
		default: // anything, including invalid and missing
			xi, ni = edges[r.IntN(len(edges))], edges[r.IntN(len(edges))]
			if r.IntN(2) == 0 {
				xi = r.NormFloat64() * 50
			}
		}
		x, n = append(x, xi), append(n, ni)
	}
	return x, n
}

var columnLevels = [][]float64{nil, {95}, {99.8}, {0.9}, {100}, {math.NaN()}, {95, 99.8}, {0.95, 0.998}}

// checkCountColumns compares a batch function with its per-group function
// and the frozen pre-batch implementation on every input, bit for bit:
// the valid inputs in one batch, and every rejected input as the third group
// of a small batch (it must stop there with the same error).
func checkCountColumns(t *testing.T, x, n []float64,
	batch func(x, n []float64, m float64, lv []float64, out *Columns) error,
	single, frozen func(x, n, m float64, lv []float64) (Estimate, error)) {
	t.Helper()
	var out Columns
	for _, m := range []float64{1, 1e5} {
		for _, lv := range columnLevels {
			var vx, vn []float64
			var want []Estimate
			for i := range x {
				e, err := single(x[i], n[i], m, lv)
				fe, ferr := frozen(x[i], n[i], m, lv)
				if !sameErr(err, ferr) {
					t.Fatalf("x=%v n=%v m=%v lv=%v: error %v, frozen %v", x[i], n[i], m, lv, err, ferr)
				}
				nearFrozen(t, e, fe)
				if err != nil {
					berr := batch([]float64{1, 1, x[i]}, []float64{2, 2, n[i]}, m, lv, &out)
					var ge *GroupError
					if !errors.As(berr, &ge) || ge.Group != 2 || ge.Err.Error() != err.Error() {
						t.Fatalf("x=%v n=%v: batch error %v, want group 2: %v", x[i], n[i], berr, err)
					}
					continue
				}
				vx, vn, want = append(vx, x[i]), append(vn, n[i]), append(want, e)
			}
			if err := batch(vx, vn, m, lv, &out); err != nil {
				t.Fatalf("m=%v lv=%v: %v", m, lv, err)
			}
			if out.Len() != len(want) {
				t.Fatalf("batch has %d groups, want %d", out.Len(), len(want))
			}
			for i := range want {
				sameEstimate(t, "batch vs per-group", out.Estimate(i), want[i])
			}
			if t.Failed() {
				return
			}
		}
	}
}

func TestProportionColumnsSameAsProportion(t *testing.T) {
	x, n := countInputs(t, "proportion.csv", 1)
	checkCountColumns(t, x, n, ProportionColumns, Proportion, frozenProportion)
}

func TestRateColumnsSameAsRate(t *testing.T) {
	x, n := countInputs(t, "rate.csv", 2)
	checkCountColumns(t, x, n, RateColumns, Rate, frozenRate)
}

func TestColumnsErrors(t *testing.T) {
	var out Columns
	if err := ProportionColumns([]float64{1}, []float64{1, 2}, 1, nil, &out); err == nil {
		t.Error("proportions of unequal lengths: no error")
	}
	if err := RateColumns([]float64{1}, nil, 1, nil, &out); err == nil {
		t.Error("rates of unequal lengths: no error")
	}
	for _, f := range []func(x, n []float64, m float64, lv []float64, out *Columns) error{ProportionColumns, RateColumns} {
		if err := f(nil, nil, math.NaN(), nil, &out); err == nil {
			t.Error("NaN multiplier: no error")
		}
		if err := f(nil, nil, 1, []float64{95, 99}, &out); err == nil {
			t.Error("levels 95, 99: no error")
		}
		if err := f(nil, nil, 1, nil, &out); err != nil || out.Len() != 0 {
			t.Errorf("empty batch: %v, %d groups", err, out.Len())
		}
	}
	// Storage is reused: a smaller batch after a larger one.
	x, n := []float64{1, 2, 3}, []float64{10, 10, 10}
	if err := ProportionColumns(x, n, 1, nil, &out); err != nil {
		t.Fatal(err)
	}
	if err := ProportionColumns(x[:1], n[:1], 1, []float64{95}, &out); err != nil || out.Len() != 1 || len(out.Lower) != 1 || len(out.Lower[0]) != 1 {
		t.Fatalf("reuse: %v %+v", err, out)
	}
	if got := testing.AllocsPerRun(10, func() { _ = RateColumns(x, n, 1e5, nil, &out) }); got != 0 {
		t.Errorf("RateColumns allocates %v times per batch once sized", got)
	}
	if got := testing.AllocsPerRun(10, func() { _ = ProportionColumns(x, n, 100, nil, &out) }); got != 0 {
		t.Errorf("ProportionColumns allocates %v times per batch once sized", got)
	}
}

// leGroups returns groups of bands for the life-expectancy tests: the
// reference area (in order, reversed and shuffled), random valid areas
// (some with wide intervals, zero deaths or q = 1), and suppressed ones.
func leGroups(t *testing.T) [][]LEBand {
	ref := leBands(leReference(t))
	rev := slices.Clone(ref)
	slices.Reverse(rev)
	r := rand.New(rand.NewPCG(3, 9))
	shuf := slices.Clone(ref)
	r.Shuffle(len(shuf), func(i, j int) { shuf[i], shuf[j] = shuf[j], shuf[i] })
	groups := [][]LEBand{ref, rev, shuf}
	for g := range 1000 {
		b := make([]LEBand, 20)
		scale := []float64{50, 500, 5000, 50000}[g%4]
		for j, a := range LEStartAges {
			pop := 1 + r.Float64()*scale
			if g%3 == 0 {
				pop = math.Round(pop)
			}
			rate := r.Float64() * 0.002 * float64(j*j) / 20
			d := math.Round(pop * rate)
			switch r.IntN(40) {
			case 0:
				d = 0
			case 1:
				d = pop // q = 1 where pop/n/a < deaths
			case 2:
				d = math.Ceil(pop / 2)
			}
			b[j] = LEBand{StartAge: a, Pop: pop, Deaths: d}
		}
		switch g % 10 {
		case 1:
			r.Shuffle(20, func(i, j int) { b[i], b[j] = b[j], b[i] })
		case 2: // suppressed: one of the validation rules
			k := r.IntN(20)
			switch r.IntN(5) {
			case 0:
				b[k].Deaths = -1
			case 1:
				b[k].Deaths = math.NaN()
			case 2:
				b[k].Pop = 0
			case 3:
				b[k].Pop = math.NaN()
			default:
				b[k].Deaths = b[k].Pop + 1
			}
		case 3: // too few or too many bands
			if r.IntN(2) == 0 {
				b = b[:19]
			} else {
				b = append(b, LEBand{StartAge: 95, Pop: 10, Deaths: 1})
			}
		}
		groups = append(groups, b)
	}
	groups = append(groups, nil, ref[:1])
	return groups
}

// sortedOrder returns the indices of b in the stable start-age order in
// which LifeExpectancy returns its rows.
func sortedOrder(b []LEBand) []int {
	idx := make([]int, len(b))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(i, j int) int { return cmp.Compare(b[i].StartAge, b[j].StartAge) })
	return idx
}

func TestLifeExpectancyColumnsSameAsLifeExpectancy(t *testing.T) {
	groups := leGroups(t)
	for _, lv := range [][]float64{nil, {95}, {99.8, 95, 90, 99}} {
		var all []LEBand
		var sizes []int
		var want []LEResult
		for _, b := range groups {
			res, err := LifeExpectancy(b, lv)
			fres, ferr := frozenLifeExpectancy(b, lv)
			if err != nil || ferr != nil {
				t.Fatalf("%v / frozen %v", err, ferr)
			}
			sameLE(t, res, fres, fusing)
			all = append(all, b...)
			sizes = append(sizes, len(b))
			want = append(want, res)
		}
		var out LEColumns
		if err := LifeExpectancyColumns(all, sizes, lv, &out); err != nil {
			t.Fatal(err)
		}
		off := 0
		for g, b := range groups {
			if out.Suppressed[g] != want[g].Suppressed || out.Warning[g] != want[g].Warning {
				t.Errorf("group %d: suppressed %v %q, want %v %q", g, out.Suppressed[g], out.Warning[g], want[g].Suppressed, want[g].Warning)
			}
			for k, i := range sortedOrder(b) {
				w, r := want[g].Rows[k], off+i
				ok := same(out.Value[r], w.Value) && same(out.PopsUsed[r], w.PopsUsed) && same(out.DeathsUsed[r], w.DeathsUsed)
				for j := range w.CIs {
					ok = ok && same(out.Lower[j][r], w.CIs[j].Lower) && same(out.Upper[j][r], w.CIs[j].Upper)
				}
				if !ok {
					t.Fatalf("group %d band %d: batch differs from LifeExpectancy row %+v", g, i, w)
				}
			}
			off += len(b)
		}
		if len(out.Levels) != len(want[0].Rows[0].CIs) {
			t.Errorf("levels %v", out.Levels)
		}
	}
}

// sameLE fails t unless got and want are identical (or within 1e-12 when
// near is true, for the frozen code where the compiler fuses).
func sameLE(t *testing.T, got, want LEResult, near bool) {
	t.Helper()
	same := same
	if near {
		same = sameOrNear
	}
	if got.Suppressed != want.Suppressed || got.Warning != want.Warning || len(got.Rows) != len(want.Rows) {
		t.Fatalf("got %v %q %d rows, want %v %q %d", got.Suppressed, got.Warning, len(got.Rows), want.Suppressed, want.Warning, len(want.Rows))
	}
	for i, g := range got.Rows {
		w := want.Rows[i]
		ok := same(g.StartAge, w.StartAge) && same(g.Value, w.Value) && same(g.PopsUsed, w.PopsUsed) && same(g.DeathsUsed, w.DeathsUsed) && len(g.CIs) == len(w.CIs)
		for j := 0; ok && j < len(g.CIs); j++ {
			ok = same(g.CIs[j].Level, w.CIs[j].Level) && same(g.CIs[j].Lower, w.CIs[j].Lower) && same(g.CIs[j].Upper, w.CIs[j].Upper)
		}
		if !ok {
			t.Fatalf("row %d: got %+v, want %+v", i, g, w)
		}
	}
}

func TestLifeExpectancyColumnsGroupsOf20(t *testing.T) {
	ref := leBands(leReference(t))
	rev := slices.Clone(ref)
	slices.Reverse(rev)
	all := slices.Concat(ref, rev, ref)
	var a, b LEColumns
	if err := LifeExpectancyColumns(all, nil, nil, &a); err != nil {
		t.Fatal(err)
	}
	if err := LifeExpectancyColumns(all, []int{20, 20, 20}, nil, &b); err != nil {
		t.Fatal(err)
	}
	for i := range all {
		if !same(a.Value[i], b.Value[i]) || !same(a.Upper[1][i], b.Upper[1][i]) {
			t.Fatalf("band %d: sizes nil and 20s differ", i)
		}
	}
	// The reversed group's rows are aligned with its own bands.
	for i := range 20 {
		if !same(a.Value[20+i], a.Value[19-i]) {
			t.Fatalf("reversed band %d: %v, want %v", i, a.Value[20+i], a.Value[19-i])
		}
	}
	if got := testing.AllocsPerRun(10, func() { _ = LifeExpectancyColumns(all, nil, nil, &a) }); got != 0 {
		t.Errorf("LifeExpectancyColumns allocates %v times per batch once sized", got)
	}
}

func TestLifeExpectancyColumnsErrors(t *testing.T) {
	ref := leBands(leReference(t))
	var out LEColumns
	if err := LifeExpectancyColumns(ref[:19], nil, nil, &out); err == nil {
		t.Error("19 bands with sizes nil: no error")
	}
	if err := LifeExpectancyColumns(ref, []int{10, 9}, nil, &out); err == nil {
		t.Error("sizes adding up to 19 for 20 bands: no error")
	}
	if err := LifeExpectancyColumns(ref, []int{-1, 21}, nil, &out); err == nil {
		t.Error("negative size: no error")
	}
	if err := LifeExpectancyColumns(ref, nil, []float64{80}, &out); err == nil {
		t.Error("level 80: no error")
	}
	bad := slices.Clone(ref)
	bad[5].StartAge = 22
	_, want := LifeExpectancy(bad, nil)
	err := LifeExpectancyColumns(slices.Concat(ref, bad), nil, nil, &out)
	var ge *GroupError
	if want == nil || !errors.As(err, &ge) || ge.Group != 1 || ge.Err.Error() != want.Error() {
		t.Errorf("bad start age: %v, want group 1: %v", err, want)
	}
	// The group before the error has been computed.
	res, _ := LifeExpectancy(ref, nil)
	for i, r := range res.Rows {
		if !same(out.Value[i], r.Value) || !same(out.Upper[1][i], r.CIs[1].Upper) {
			t.Fatalf("band %d before the error: %v, want %v", i, out.Value[i], r.Value)
		}
	}
}
