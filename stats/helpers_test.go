package stats

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// pimRefDir is where the shared reference cases live, read in place.
const pimRefDir = "../../shared/reference"

// pimReadCSV reads a CSV file into header-keyed rows. A missing file fails the
// test (never skips).
func pimReadCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("reference file missing: %v", err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	if len(recs) < 2 {
		t.Fatalf("%s has no data rows", path)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := make(map[string]string, len(r))
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// pimReadJSON decodes a reference JSON file into v, failing if it is missing.
func pimReadJSON(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(pimRefDir, name))
	if err != nil {
		t.Fatalf("reference file missing: %v", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("decoding %s: %v", name, err)
	}
}

// num parses a reference number; "NA" and "" are NaN.
func pimNum(t *testing.T, s string) float64 {
	t.Helper()
	if s == "NA" || s == "" {
		return math.NaN()
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("bad number %q: %v", s, err)
	}
	return v
}

// close reports whether got matches want to relative tolerance rel (absolute
// near zero); NaN matches NaN only.
func pimNear(got, want, rel float64) bool {
	if math.IsNaN(want) || math.IsNaN(got) {
		return math.IsNaN(want) && math.IsNaN(got)
	}
	if want == got {
		return true
	}
	d := math.Abs(got - want)
	return d <= rel*math.Abs(want) || d <= rel*1e-3 && want == 0
}

// check fails the test when got and want differ beyond rel.
func pimCheck(t *testing.T, label string, got, want, rel float64) {
	t.Helper()
	if !pimNear(got, want, rel) {
		t.Errorf("%s: got %.17g, want %.17g (rel diff %.3g)", label, got, want, math.Abs(got-want)/math.Abs(want))
	}
}

// pimJNum is a JSON number where null means missing (NaN).
type pimJNum float64

func (j *pimJNum) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*j = pimJNum(math.NaN())
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	*j = pimJNum(f)
	return nil
}
