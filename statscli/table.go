package statscli

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Table is a CSV input read whole: a header and string rows, each row
// remembering the line it started on so errors can name it.
type Table struct {
	// Name is the file name used in error messages ("<stdin>" for standard
	// input).
	Name string
	// Header holds the column names as written (surrounding spaces trimmed).
	Header []string
	// Rows holds the data rows; every row has len(Header) cells.
	Rows [][]string
	// Lines holds, for each row, the 1-based line number it starts on.
	Lines []int

	index map[string]int
}

// CellError is an error about one cell (or, with Col 0, one line) of an
// input file. It prints as FILE:LINE:COL: column "NAME": reason.
type CellError struct {
	File   string
	Line   int
	Col    int    // 1-based column number; 0 when the error is about a whole line
	Column string // header name of the column, if known
	Reason string
}

// Error implements error as FILE:LINE:COL: column "NAME": reason.
func (e *CellError) Error() string {
	switch {
	case e.Col == 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Reason)
	case e.Column == "":
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Reason)
	}
	return fmt.Sprintf("%s:%d:%d: column %q: %s", e.File, e.Line, e.Col, e.Column, e.Reason)
}

// ReadTable reads a whole CSV file with a header line. name labels error
// messages. A leading UTF-8 byte-order mark is ignored; header names are
// trimmed of surrounding spaces and must be non-empty and distinct; every
// row must have as many cells as the header. Blank lines are skipped.
func ReadTable(r io.Reader, name string) (*Table, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return nil, &CellError{File: name, Line: 1, Reason: "empty input: a header line is required"}
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	t := &Table{Name: name, index: make(map[string]int, len(header))}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if h == "" {
			return nil, &CellError{File: name, Line: 1, Col: i + 1, Reason: "empty column name in header"}
		}
		if j, dup := t.index[h]; dup {
			return nil, &CellError{File: name, Line: 1, Col: i + 1, Column: h,
				Reason: fmt.Sprintf("duplicate column name (also column %d)", j+1)}
		}
		t.index[h] = i
		t.Header = append(t.Header, h)
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(header) {
			return nil, &CellError{File: name, Line: line,
				Reason: fmt.Sprintf("row has %d cells, header has %d", len(rec), len(header))}
		}
		t.Rows = append(t.Rows, rec)
		t.Lines = append(t.Lines, line)
	}
	return t, nil
}

// csvError turns an encoding/csv error into a FILE:LINE:COL message.
func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &CellError{File: name, Line: pe.Line, Col: pe.Column, Reason: "malformed CSV: " + pe.Err.Error()}
	}
	return fmt.Errorf("%s: %w", name, err)
}

// Has reports whether the table has a column called name.
func (t *Table) Has(name string) bool {
	_, ok := t.index[name]
	return ok
}

// Col returns the 0-based index of the named column, or an error naming the
// file, the missing column and the columns that are present.
func (t *Table) Col(name string) (int, error) {
	if i, ok := t.index[name]; ok {
		return i, nil
	}
	return -1, &CellError{File: t.Name, Line: 1,
		Reason: fmt.Sprintf("missing column %q (the header has: %s)", name, strings.Join(t.Header, ", "))}
}

// Cols returns the indexes of several columns, failing on the first missing one.
func (t *Table) Cols(names ...string) ([]int, error) {
	out := make([]int, len(names))
	for i, n := range names {
		c, err := t.Col(n)
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}

// Errorf returns a CellError for row r (0-based data row) and column c
// (0-based; -1 for the whole line).
func (t *Table) Errorf(r, c int, format string, args ...any) error {
	e := &CellError{File: t.Name, Line: t.Lines[r], Reason: fmt.Sprintf(format, args...)}
	if c >= 0 {
		e.Col, e.Column = c+1, t.Header[c]
	}
	return e
}

// IsMissing reports whether a cell stands for a missing value: empty (after
// trimming spaces), R's NA, or NaN in any letter case.
func IsMissing(s string) bool {
	s = strings.TrimSpace(s)
	return s == "" || s == "NA" || strings.EqualFold(s, "NaN")
}

// ParseNumber parses a cell as a float64. Missing cells (see IsMissing) give
// NaN and no error; infinities and anything else that is not a decimal
// number are errors.
func ParseNumber(s string) (float64, error) {
	if IsMissing(s) {
		return math.NaN(), nil
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && ne.Err == strconv.ErrRange {
			return 0, fmt.Errorf("%q is out of range for a number", s)
		}
		return 0, fmt.Errorf("%q is not a number", s)
	}
	if math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a finite number", s)
	}
	return v, nil
}

// Float parses cell (r, c) as a number, NaN when missing; the error names
// the file, line, column number and column name.
func (t *Table) Float(r, c int) (float64, error) {
	v, err := ParseNumber(t.Rows[r][c])
	if err != nil {
		return 0, t.Errorf(r, c, "%v", err)
	}
	return v, nil
}

// Required parses cell (r, c) as a number that must be present.
func (t *Table) Required(r, c int) (float64, error) {
	v, err := t.Float(r, c)
	if err == nil && math.IsNaN(v) {
		return 0, t.Errorf(r, c, "value is missing")
	}
	return v, err
}

// Int parses cell (r, c) as a whole number that must be present.
func (t *Table) Int(r, c int) (int, error) {
	v, err := t.Required(r, c)
	if err != nil {
		return 0, err
	}
	if v != math.Trunc(v) || math.Abs(v) > 1<<53 {
		return 0, t.Errorf(r, c, "%q is not a whole number", t.Rows[r][c])
	}
	return int(v), nil
}

// Column parses a whole column as numbers (NaN for missing cells).
func (t *Table) Column(name string) ([]float64, error) {
	c, err := t.Col(name)
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(t.Rows))
	for r := range t.Rows {
		if out[r], err = t.Float(r, c); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Group is a set of rows sharing the values of the group-by columns.
type Group struct {
	// Key holds the group-by cell values, in --group-by order.
	Key []string
	// Rows are the 0-based data-row indexes, in input order.
	Rows []int
}

// Groups splits the table by the named columns, groups in order of first
// appearance. With no columns the whole table is one group (even when it
// has no rows, so group-level methods can report that).
func (t *Table) Groups(by []string) ([]Group, error) {
	idx, err := t.Cols(by...)
	if err != nil {
		return nil, err
	}
	if len(by) == 0 {
		g := Group{Rows: make([]int, len(t.Rows))}
		for i := range g.Rows {
			g.Rows[i] = i
		}
		return []Group{g}, nil
	}
	var groups []Group
	seen := map[string]int{}
	var sb strings.Builder
	for r, row := range t.Rows {
		sb.Reset()
		key := make([]string, len(idx))
		for i, c := range idx {
			key[i] = row[c]
			sb.WriteString(strconv.Quote(row[c]))
		}
		k := sb.String()
		gi, ok := seen[k]
		if !ok {
			gi = len(groups)
			seen[k] = gi
			groups = append(groups, Group{Key: key})
		}
		groups[gi].Rows = append(groups[gi].Rows, r)
	}
	return groups, nil
}

// groupLabel describes a group for error messages, e.g. `area="A", sex="F"`.
func groupLabel(by []string, g Group) string {
	if len(by) == 0 {
		return "the input"
	}
	parts := make([]string, len(by))
	for i, b := range by {
		parts[i] = fmt.Sprintf("%s=%q", b, g.Key[i])
	}
	return "group " + strings.Join(parts, ", ")
}

// groupLine is the line of a group's first row (1, the header, for an
// empty group).
func groupLine(t *Table, g Group) int {
	if len(g.Rows) == 0 {
		return 1
	}
	return t.Lines[g.Rows[0]]
}
