package statscli

import (
	"bytes"
	"encoding/csv"
	"math"
	"slices"
	"strconv"
	"strings"

	"het/stats"
)

// Output is a result table being built: kept input columns (Base) followed
// by the method's output columns (Cols). An output column whose name is
// already a kept input column replaces that column's cells in place.
type Output struct {
	Base []string
	Cols []string
	rows []outRow
	idx  map[string]int // output column → position in Cols
}

type outRow struct {
	base []string
	vals []string // one per output column
}

// NewOutput starts an output table keeping the given input columns and
// appending cols.
func NewOutput(base, cols []string) *Output {
	o := &Output{Base: base, Cols: cols, idx: make(map[string]int, len(cols))}
	for i, c := range cols {
		o.idx[c] = i
	}
	return o
}

// Row is one output row under construction.
type Row struct {
	o *Output
	i int
}

// Add appends a row whose kept input cells are base and returns it so the
// caller can set output cells.
func (o *Output) Add(base []string) Row {
	o.rows = append(o.rows, outRow{base: base, vals: make([]string, len(o.Cols))})
	return Row{o, len(o.rows) - 1}
}

// Len returns the number of rows added.
func (o *Output) Len() int { return len(o.rows) }

// Str sets a text output cell. Setting a column that was not declared in
// NewOutput is a programming error and panics.
func (r Row) Str(col, v string) Row {
	i, ok := r.o.idx[col]
	if !ok {
		panic("statscli: undeclared output column " + col)
	}
	r.o.rows[r.i].vals[i] = v
	return r
}

// Num sets a numeric output cell (NaN prints as an empty cell).
func (r Row) Num(col string, v float64) Row { return r.Str(col, FormatNumber(v)) }

// Int sets an integer output cell.
func (r Row) Int(col string, v int) Row { return r.Str(col, strconv.Itoa(v)) }

// Bool sets a logical output cell in R's spelling (TRUE/FALSE).
func (r Row) Bool(col string, v bool) Row {
	if v {
		return r.Str(col, "TRUE")
	}
	return r.Str(col, "FALSE")
}

// CIs sets the confidence-limit cells for the intervals, named by ciNames.
func (r Row) CIs(prefix string, cis []stats.Interval, single bool) Row {
	for _, ci := range cis {
		lo, up := ciNames(prefix, ci.Level, single)
		r.Num(lo, ci.Lower).Num(up, ci.Upper)
	}
	return r
}

// FormatNumber formats v so it reads back exactly ('g', shortest), and NaN
// as an empty cell (R's NA).
func FormatNumber(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// levelTag formats a level as PIM writes it in column names: 0.95 → "95_0",
// 0.998 → "99_8".
func levelTag(level float64) string {
	switch level {
	case stats.Level95:
		return "95_0"
	case stats.Level998:
		return "99_8"
	}
	s := strconv.FormatFloat(math.Round(level*1000)/10, 'f', 1, 64)
	return strings.ReplaceAll(s, ".", "_")
}

// levelPercent formats a level as a percentage label: 0.998 → "99.8%".
func levelPercent(level float64) string {
	return strconv.FormatFloat(math.Round(level*1000)/10, 'f', -1, 64) + "%"
}

// confidenceLabel is PIM's confidence column text, e.g. "95%, 99.8%".
func confidenceLabel(levels []float64) string {
	parts := make([]string, len(levels))
	for i, l := range levels {
		parts[i] = levelPercent(l)
	}
	return strings.Join(parts, ", ")
}

// ciNames returns the lower and upper column names for a level:
// prefix+"lowercl"/"uppercl" when single is set (one level requested), else
// prefix+"lower95_0cl"/"upper95_0cl" style.
func ciNames(prefix string, level float64, single bool) (string, string) {
	if single {
		return prefix + "lowercl", prefix + "uppercl"
	}
	t := levelTag(level)
	return prefix + "lower" + t + "cl", prefix + "upper" + t + "cl"
}

// ciColumns lists the limit column names for levels, in order.
func ciColumns(prefix string, levels []float64, single bool) []string {
	var out []string
	for _, l := range levels {
		lo, up := ciNames(prefix, l, single)
		out = append(out, lo, up)
	}
	return out
}

// Encode writes the output as CSV into a buffer (never directly to the
// user, so a failure part-way leaves nothing written).
func (o *Output) Encode() ([]byte, error) {
	header := slices.Clone(o.Base)
	pos := make([]int, len(o.Cols))
	for i, c := range o.Cols {
		if j := slices.Index(o.Base, c); j >= 0 {
			pos[i] = j
			continue
		}
		pos[i] = len(header)
		header = append(header, c)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.Write(header); err != nil {
		return nil, err
	}
	rec := make([]string, len(header))
	for _, r := range o.rows {
		clear(rec)
		copy(rec, r.base)
		for i, v := range r.vals {
			rec[pos[i]] = v
		}
		if err := w.Write(rec); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}
