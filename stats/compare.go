package stats

import (
	"fmt"
	"math"
	"strings"
)

// Polarity says whether higher values of an indicator are better.
type Polarity int

// Polarities. NoJudgement gives Higher/Similar/Lower; the others give
// Better/Similar/Worse.
const (
	NoJudgement Polarity = iota
	HighIsGood
	LowIsGood
)

// ParsePolarity reads Fingertips-style polarity text: anything containing
// "high is good" or "low is good" (case-insensitive, e.g. "RAG - Low is
// good"), or "no judgement", "not applicable", "BOB" ("blue orange blue")
// and "" for NoJudgement.
func ParsePolarity(s string) (Polarity, error) {
	l := strings.ToLower(strings.TrimSpace(s))
	switch {
	case strings.Contains(l, "high is good"):
		return HighIsGood, nil
	case strings.Contains(l, "low is good"):
		return LowIsGood, nil
	case l == "", strings.Contains(l, "no judgement"), strings.Contains(l, "not applicable"), strings.Contains(l, "bob"):
		return NoJudgement, nil
	}
	return NoJudgement, fmt.Errorf("stats: unknown polarity %q", s)
}

// Comparison labels.
const (
	LabelBetter      = "Better"
	LabelWorse       = "Worse"
	LabelSimilar     = "Similar"
	LabelHigher      = "Higher"
	LabelLower       = "Lower"
	LabelNotCompared = "Not compared"
)

// Comparison is the result of comparing an area with a benchmark.
// Direction is +1 (significantly higher), −1 (lower), 0 (similar or not
// compared). Level is the confidence level at which the difference is
// significant (0 when similar or not compared): with the two-level method
// it is 0.998 when the 99.8 % interval excludes the benchmark, else 0.95.
// Label is Fingertips' wording: Better/Similar/Worse with polarity,
// Higher/Similar/Lower without, "Not compared" when inputs are missing; for
// quintiles it is the quintile label (see CompareQuintiles) and Quintile is
// 1…5.
type Comparison struct {
	Label     string
	Direction int
	Level     float64
	Quintile  int
}

// String renders the label with the level for two-level results, e.g.
// "Worse (99.8%)".
func (c Comparison) String() string {
	if c.Level == 0 || c.Direction == 0 {
		return c.Label
	}
	return fmt.Sprintf("%s (%s%%)", c.Label, fmtNum(math.Round(c.Level*1000)/10))
}

// directionLabel maps a direction to a label under a polarity.
func directionLabel(dir int, p Polarity) string {
	switch {
	case dir == 0:
		return LabelSimilar
	case p == NoJudgement && dir > 0:
		return LabelHigher
	case p == NoJudgement:
		return LabelLower
	case (dir > 0) == (p == HighIsGood):
		return LabelBetter
	default:
		return LabelWorse
	}
}

// ciDirection returns +1 if the interval lies above the benchmark, −1 if
// below, 0 if it contains it (boundaries count as containing), and ok=false
// if anything is missing.
func ciDirection(iv Interval, benchmark float64) (int, bool) {
	if math.IsNaN(iv.Lower) || math.IsNaN(iv.Upper) || math.IsNaN(benchmark) {
		return 0, false
	}
	switch {
	case iv.Lower > benchmark:
		return 1, true
	case iv.Upper < benchmark:
		return -1, true
	}
	return 0, true
}

// CompareCI is Fingertips' single-level comparison ("confidence intervals
// overlapping reference value", at 95 % or 99.8 %): the area differs
// significantly when the benchmark value lies outside its interval iv.
// Missing limits or benchmark give "Not compared".
func CompareCI(iv Interval, benchmark float64, p Polarity) Comparison {
	dir, ok := ciDirection(iv, benchmark)
	if !ok {
		return Comparison{Label: LabelNotCompared}
	}
	c := Comparison{Label: directionLabel(dir, p), Direction: dir}
	if dir != 0 {
		c.Level = iv.Level
	}
	return c
}

// CompareTwoLevel is Fingertips' two-level method: significant at 99.8 % if
// the 99.8 % interval excludes the benchmark, else at 95 % if the 95 %
// interval does, else Similar. Missing 95 % limits or benchmark give "Not
// compared"; missing 99.8 % limits fall back to the 95 % result.
func CompareTwoLevel(iv95, iv998 Interval, benchmark float64, p Polarity) Comparison {
	dir95, ok := ciDirection(iv95, benchmark)
	if !ok {
		return Comparison{Label: LabelNotCompared}
	}
	if dir, ok := ciDirection(iv998, benchmark); ok && dir != 0 {
		return Comparison{Label: directionLabel(dir, p), Direction: dir, Level: Level998}
	}
	c := Comparison{Label: directionLabel(dir95, p), Direction: dir95}
	if dir95 != 0 {
		c.Level = Level95
	}
	return c
}

// Quintile labels, lowest to highest value, without polarity.
var quintileNoJudgement = [5]string{"Lowest", "Low", "Middle", "High", "Highest"}

// Quintile labels, worst to best.
var quintileJudged = [5]string{"Worst", "Worse", "Middle", "Better", "Best"}

// CompareQuintiles places each area's value into quintiles of the values
// of all the comparator areas given (Quantiles with q = 5, quintile 1 =
// lowest values). Labels: without polarity Lowest/Low/Middle/High/Highest;
// with polarity Worst/Worse/Middle/Better/Best (for LowIsGood the lowest
// values are Best). Quintile holds 1…5 (1 = lowest values). Missing values,
// or fewer than 5 values, give "Not compared".
func CompareQuintiles(values []float64, p Polarity) []Comparison {
	qs, _ := Quantiles(values, 5, false)
	out := make([]Comparison, len(values))
	for i, q := range qs {
		if math.IsNaN(q) {
			out[i] = Comparison{Label: LabelNotCompared}
			continue
		}
		k := int(q)
		c := Comparison{Quintile: k, Label: quintileNoJudgement[k-1]}
		switch p {
		case HighIsGood:
			c.Label = quintileJudged[k-1]
		case LowIsGood:
			c.Label = quintileJudged[5-k]
		}
		out[i] = c
	}
	return out
}

// CompareMethod is a Fingertips benchmark comparison method.
type CompareMethod int

// Comparison methods.
const (
	CompareNone        CompareMethod = iota // no comparison: always "Not compared"
	CompareCI95                             // single 95 % interval
	CompareCI998                            // single 99.8 % interval
	CompareTwoLevels                        // 95 % and 99.8 % intervals
	CompareByQuintiles                      // quintiles of all areas: use CompareQuintiles
)

// ParseCompareMethod reads Fingertips benchmark-method text such as
// "Confidence intervals overlapping reference value (95.0)" or "(99.8)",
// "…(95.0 and 99.8)"-style two-level text, "Quintiles" (CompareByQuintiles),
// or "Do not compare"/"" for none.
func ParseCompareMethod(s string) (CompareMethod, error) {
	l := strings.ToLower(s)
	has95, has998 := strings.Contains(l, "95"), strings.Contains(l, "99.8")
	switch {
	case strings.TrimSpace(l) == "", strings.Contains(l, "not compare"), strings.Contains(l, "no comparison"):
		return CompareNone, nil
	case strings.Contains(l, "quintile"):
		return CompareByQuintiles, nil
	case has95 && has998:
		return CompareTwoLevels, nil
	case has998:
		return CompareCI998, nil
	case has95:
		return CompareCI95, nil
	}
	return CompareNone, fmt.Errorf("stats: unknown comparison method %q", s)
}

// Compare applies method m to an estimate (which must carry the needed
// intervals; a missing one gives "Not compared") against a benchmark value.
// CompareNone and CompareByQuintiles give "Not compared" (quintiles need
// every area's value: use CompareQuintiles).
func Compare(m CompareMethod, e Estimate, benchmark float64, p Polarity) Comparison {
	if math.IsNaN(e.Value) {
		return Comparison{Label: LabelNotCompared}
	}
	iv95, ok95 := e.CI(Level95)
	iv998, ok998 := e.CI(Level998)
	switch m {
	case CompareCI95:
		if ok95 {
			return CompareCI(iv95, benchmark, p)
		}
	case CompareCI998:
		if ok998 {
			return CompareCI(iv998, benchmark, p)
		}
	case CompareTwoLevels:
		if ok95 {
			if !ok998 {
				iv998 = Interval{Level: Level998, Lower: math.NaN(), Upper: math.NaN()}
			}
			return CompareTwoLevel(iv95, iv998, benchmark, p)
		}
	}
	return Comparison{Label: LabelNotCompared}
}
