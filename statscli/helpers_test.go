package statscli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// refDir is where the shared reference cases live, read in place.
const refDir = "../../shared/reference"

// runCLI runs het stats with args and stdin, returning stdout, stderr and
// the error.
func runCLI(args []string, stdin string) (string, string, error) {
	var out, errb bytes.Buffer
	err := Run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), err
}

// mustRun runs het stats and fails the test on error.
func mustRun(t *testing.T, stdin string, args ...string) []map[string]string {
	t.Helper()
	out, stderr, err := runCLI(args, stdin)
	if err != nil {
		t.Fatalf("het stats %v: %v\nstderr: %s", args, err, stderr)
	}
	return parseCSV(t, out)
}

// parseCSV parses CSV text into header-keyed rows, failing on ragged or
// duplicate columns.
func parseCSV(t *testing.T, text string) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v\n%s", err, text)
	}
	if len(recs) == 0 {
		t.Fatalf("output has no header")
	}
	seen := map[string]bool{}
	for _, h := range recs[0] {
		if seen[h] {
			t.Fatalf("output has duplicate column %q", h)
		}
		seen[h] = true
	}
	var rows []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		rows = append(rows, m)
	}
	return rows
}

// header returns the first line of CSV text.
func header(text string) string {
	h, _, _ := strings.Cut(text, "\n")
	return h
}

// readRefCSV reads a reference CSV file into header-keyed rows.
func readRefCSV(t *testing.T, name string) []map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(refDir, name))
	if err != nil {
		t.Fatalf("reference file missing: %v", err)
	}
	return parseCSV(t, string(b))
}

// readRefJSON decodes a reference JSON file into v.
func readRefJSON(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(refDir, name))
	if err != nil {
		t.Fatalf("reference file missing: %v", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("decoding %s: %v", name, err)
	}
}

// numOf parses a CSV/JSON number; "", "NA" and nil are NaN.
func numOf(t *testing.T, v any) float64 {
	t.Helper()
	switch x := v.(type) {
	case nil:
		return math.NaN()
	case float64:
		return x
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			t.Fatalf("bad number %q", x)
		}
		return f
	case string:
		if x == "" || x == "NA" {
			return math.NaN()
		}
		f, err := strconv.ParseFloat(x, 64)
		if err != nil {
			t.Fatalf("bad number %q", x)
		}
		return f
	}
	t.Fatalf("not a number: %#v", v)
	return 0
}

// cell returns a JSON value as CSV cell text ("" for null).
func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case string:
		return x
	case bool:
		if x {
			return "TRUE"
		}
		return "FALSE"
	}
	return ""
}

// close reports whether got is within relative tolerance tol of want (both
// NaN counts as equal).
func closeTo(got, want, tol float64) bool {
	if math.IsNaN(want) || math.IsNaN(got) {
		return math.IsNaN(want) && math.IsNaN(got)
	}
	if want == got {
		return true
	}
	d := math.Abs(got - want)
	return d <= tol*math.Max(math.Abs(want), 1e-300) || d <= tol*1e-12
}

// checkNum compares an output cell with an expected number.
func checkNum(t *testing.T, what string, got string, want float64, tol float64) {
	t.Helper()
	g := numOf(t, got)
	if !closeTo(g, want, tol) {
		t.Errorf("%s = %q, want %v (tol %g)", what, got, want, tol)
	}
}

// csvText builds CSV text from a header and rows.
func csvText(header []string, rows [][]string) string {
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write(header)
	w.WriteAll(rows)
	return b.String()
}
