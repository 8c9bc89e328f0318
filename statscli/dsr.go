package statscli

import (
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"

	"het/stats"
)

func init() {
	register(&method{
		name:    "dsr",
		summary: "directly standardised rate with Dobson limits",
		about: "DSR = multiplier × Σ(countᵢ·wᵢ/popᵢ)/Σwᵢ over the age bands of a group, w the standard population. " +
			"Limits (Dobson): DSR + √(V/O)·(B(O) − O)·multiplier with O = Σcount, V = Σcountᵢ(wᵢ/popᵢ)²/(Σwᵢ)² and " +
			"B Byars' lower/upper limit of O. When O < 10 the value and limits are empty (statistic " +
			"\"dsr NA for total count < 10\"). A missing count is 0 events. With --events-per-person the rows give, " +
			"per age band and event frequency f, the number of people with exactly f events; the variance is " +
			"Σ f²·V_f (method \"Dobson, with confidence adjusted for non-independent events\"). " +
			"Reference: PHEindicatormethods calculate_dsr; Fingertips technical guidance (DSRs, ESP2013).",
		rows: "one per group (the --group-by columns, then the outputs). Each group's rows are its age bands, in the " +
			"standard population's band order (ESP2013: 0-4, 5-9, …, 85-89, 90+).",
		inputs: []colDoc{
			{"count", "events in the age band (≥ 0; empty = 0); with --events-per-person, people with that many events"},
			{"pop", "population of the age band (> 0)"},
			{"stdpop", "standard population weight of the band (≥ 0); not needed with --standard"},
			{"ageband", "band label; required with --events-per-person (rows with the same label are one band; name it with --age-band)"},
		},
		outputs: []colDoc{
			{"total_count", "Σcount (events)"},
			{"total_pop", "Σpop (over distinct bands)"},
			{"value", "the DSR per multiplier; empty when total_count < 10"},
			{"lowercl, uppercl", "limits when one --confidence level is given"},
			{"lower95_0cl … upper99_8cl", "95% and 99.8% limits (default)"},
			{"confidence", `levels, e.g. "95%, 99.8%"`},
			{"statistic", `"dsr per 100000" or "dsr NA for total count < 10"`},
			{"method", `"Dobson" or "Dobson, with confidence adjusted for non-independent events"`},
		},
		setup: func(fs *flag.FlagSet) runFunc {
			mult := fs.Float64("multiplier", 100000, "rate per this many of the population")
			conf := confidenceFlag(fs, "95,99.8")
			std := fs.String("standard", "", "standard population: `esp2013` (19 bands, built in) or a CSV FILE with a weight (or stdpop) column, one row per band in order; default: the stdpop column")
			epp := fs.String("events-per-person", "", "`COLUMN` holding the number of events per person f (non-independent events); count is then the number of people with f events")
			band := fs.String("age-band", "ageband", "`COLUMN` identifying the age band (used with --events-per-person)")
			return func(ctx context.Context, j *job) (*Output, error) {
				levels, err := pimLevels(*conf)
				if err != nil {
					return nil, err
				}
				if !(*mult > 0) || math.IsInf(*mult, 0) {
					return nil, usageErr("--multiplier must be a positive number")
				}
				weights, err := loadStandard(*std)
				if err != nil {
					return nil, err
				}
				return runDSR(ctx, j, dsrOpts{mult: *mult, levels: levels, weights: weights, epp: *epp, band: *band})
			}
		},
	})
}

type dsrOpts struct {
	mult    float64
	levels  []float64
	weights []float64 // nil: per-row stdpop column
	epp     string
	band    string
}

// loadStandard returns the standard-population weights named by --standard:
// nil for none, ESP2013, or the weight/stdpop column of a CSV file.
func loadStandard(s string) ([]float64, error) {
	switch strings.ToLower(s) {
	case "":
		return nil, nil
	case "esp2013":
		return slices.Clone(stats.ESP2013), nil
	}
	f, err := os.Open(s)
	if err != nil {
		return nil, usageErr("--standard: %v", err)
	}
	defer f.Close()
	t, err := ReadTable(f, s)
	if err != nil {
		return nil, err
	}
	name := "weight"
	if !t.Has(name) {
		name = "stdpop"
	}
	if !t.Has(name) {
		return nil, &CellError{File: s, Line: 1, Reason: `standard population file needs a "weight" or "stdpop" column`}
	}
	w, err := t.Column(name)
	if err != nil {
		return nil, err
	}
	c, _ := t.Col(name)
	for r, v := range w {
		if math.IsNaN(v) || v < 0 {
			return nil, t.Errorf(r, c, "standard population weight must be ≥ 0")
		}
	}
	if len(w) == 0 {
		return nil, fmt.Errorf("%s: standard population file has no rows", s)
	}
	return w, nil
}

// runDSR computes the DSR of every group.
func runDSR(ctx context.Context, j *job, o dsrOpts) (*Output, error) {
	t, err := j.input()
	if err != nil {
		return nil, err
	}
	cols, err := t.Cols("count", "pop")
	if err != nil {
		return nil, err
	}
	cc, pc := cols[0], cols[1]
	wc := -1
	if o.weights == nil {
		if wc, err = t.Col("stdpop"); err != nil {
			return nil, fmt.Errorf("%w (or give --standard esp2013)", err)
		}
	}
	fc, bc := -1, -1
	if o.epp != "" {
		if fc, err = t.Col(o.epp); err != nil {
			return nil, err
		}
		if bc, err = t.Col(o.band); err != nil {
			return nil, fmt.Errorf("%w (--events-per-person needs an age band column; name it with --age-band)", err)
		}
	}
	groups, err := t.Groups(j.groupBy)
	if err != nil {
		return nil, err
	}
	ocols := append([]string{"total_count", "total_pop"}, estimateCols(o.levels)...)
	out := NewOutput(j.groupBy, ocols)
	for _, g := range groups {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var res stats.DSRResult
		if o.epp == "" {
			res, err = dsrGroup(t, g, cc, pc, wc, o)
		} else {
			res, err = dsrNonIndependent(t, g, cc, pc, wc, fc, bc, o)
		}
		if err != nil {
			return nil, groupErrIfStats(t, j.groupBy, g, err)
		}
		row := out.Add(g.Key).Num("total_count", res.TotalCount).Num("total_pop", res.TotalPop)
		setEstimate(row, res.Estimate, o.levels)
	}
	return out, nil
}

// groupErrIfStats passes CellErrors through and reports other errors
// against the group.
func groupErrIfStats(t *Table, by []string, g Group, err error) error {
	if _, ok := err.(*CellError); ok {
		return err
	}
	return groupErr(t, by, g, err)
}

// bandWeight returns the standard weight of the k-th band of a group whose
// row r is that band.
func bandWeight(t *Table, g Group, r, k, wc int, o dsrOpts, nbands int) (float64, error) {
	if o.weights == nil {
		w, err := t.Required(r, wc)
		if err == nil && w < 0 {
			err = t.Errorf(r, wc, "standard population must be ≥ 0")
		}
		return w, err
	}
	if nbands != len(o.weights) {
		return 0, t.Errorf(g.Rows[0], -1, "the group has %d age bands but the standard population has %d", nbands, len(o.weights))
	}
	return o.weights[k], nil
}

// dsrGroup computes one group's DSR, one row per age band.
func dsrGroup(t *Table, g Group, cc, pc, wc int, o dsrOpts) (stats.DSRResult, error) {
	n := len(g.Rows)
	count, pop, w := make([]float64, n), make([]float64, n), make([]float64, n)
	var err error
	for k, r := range g.Rows {
		if count[k], err = t.Float(r, cc); err != nil {
			return stats.DSRResult{}, err
		}
		if count[k] < 0 {
			return stats.DSRResult{}, t.Errorf(r, cc, "count must be ≥ 0")
		}
		if pop[k], err = t.Required(r, pc); err != nil {
			return stats.DSRResult{}, err
		}
		if pop[k] <= 0 {
			return stats.DSRResult{}, t.Errorf(r, pc, "population must be > 0")
		}
		if w[k], err = bandWeight(t, g, r, k, wc, o, n); err != nil {
			return stats.DSRResult{}, err
		}
	}
	return stats.DSR(count, pop, w, o.mult, o.levels)
}

// dsrNonIndependent computes one group's DSR from rows of (band, events per
// person f, people with f events).
func dsrNonIndependent(t *Table, g Group, cc, pc, wc, fc, bc int, o dsrOpts) (stats.DSRResult, error) {
	var (
		bands  []string
		first  []int // first row of each band
		freqs  []float64
		counts = map[[2]int]float64{} // (band, freq index) → people
	)
	for _, r := range g.Rows {
		label := t.Rows[r][bc]
		b := slices.Index(bands, label)
		if b < 0 {
			b = len(bands)
			bands, first = append(bands, label), append(first, r)
		}
		f, err := t.Required(r, fc)
		if err != nil {
			return stats.DSRResult{}, err
		}
		if f <= 0 {
			return stats.DSRResult{}, t.Errorf(r, fc, "events per person must be > 0")
		}
		fi := slices.Index(freqs, f)
		if fi < 0 {
			fi = len(freqs)
			freqs = append(freqs, f)
		}
		c, err := t.Float(r, cc)
		if err != nil {
			return stats.DSRResult{}, err
		}
		if c < 0 {
			return stats.DSRResult{}, t.Errorf(r, cc, "count must be ≥ 0")
		}
		if _, dup := counts[[2]int{b, fi}]; dup {
			return stats.DSRResult{}, t.Errorf(r, fc, "age band %q has two rows with %v events per person", label, f)
		}
		if !math.IsNaN(c) {
			counts[[2]int{b, fi}] = c
		}
		// Every row of a band must repeat the band's population and weight.
		for _, c := range []int{pc, wc} {
			if c >= 0 && strings.TrimSpace(t.Rows[r][c]) != strings.TrimSpace(t.Rows[first[b]][c]) {
				return stats.DSRResult{}, t.Errorf(r, c, "differs from line %d of the same age band %q", t.Lines[first[b]], label)
			}
		}
	}
	nb := len(bands)
	ind := make([][]float64, nb)
	pop, w := make([]float64, nb), make([]float64, nb)
	var err error
	for b, r := range first {
		ind[b] = make([]float64, len(freqs))
		for fi := range freqs {
			ind[b][fi] = counts[[2]int{b, fi}]
		}
		if pop[b], err = t.Required(r, pc); err != nil {
			return stats.DSRResult{}, err
		}
		if pop[b] <= 0 {
			return stats.DSRResult{}, t.Errorf(r, pc, "population must be > 0")
		}
		if w[b], err = bandWeight(t, g, r, b, wc, o, nb); err != nil {
			return stats.DSRResult{}, err
		}
	}
	return stats.DSRNonIndependent(freqs, ind, pop, w, o.mult, o.levels)
}
