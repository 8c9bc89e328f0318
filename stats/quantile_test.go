package stats

import (
	"math"
	"testing"
)

// TestQuantiles: hand derivations of q = ⌊(Q+1) − ⌈((N+1) − rank)/(N/Q)⌉⌋.
func TestQuantiles(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		name   string
		values []float64
		q      int
		invert bool
		want   []float64
	}{
		// N = 10, Q = 5, N/Q = 2: rank r → 6 − ⌈(11 − r)/2⌉: r=1,2 → 1;
		// r=3,4 → 2; … r=9,10 → 5.
		{"ten values quintiles", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 5, false, []float64{1, 1, 2, 2, 3, 3, 4, 4, 5, 5}},
		// invert: highest value has rank 1 → quintile 1.
		{"inverted", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 5, true, []float64{5, 5, 4, 4, 3, 3, 2, 2, 1, 1}},
		// N = 7, Q = 5, N/Q = 1.4: (8 − r)/1.4 = 5, 4.29, 3.57, 2.86, 2.14,
		// 1.43, 0.71 → ceil 5,5,4,3,3,2,1 → 6 − that = 1,1,2,3,3,4,5.
		{"seven values", []float64{7, 6, 5, 4, 3, 2, 1}, 5, false, []float64{5, 4, 3, 3, 2, 1, 1}},
		// Ties share the minimum rank: both 1s rank 1; 5 (rank 3) → 2.
		{"ties", []float64{1, 1, 5, 6, 7, 8, 9, 10, 11, 12}, 5, false, []float64{1, 1, 2, 2, 3, 3, 4, 4, 5, 5}},
		{"all tied", []float64{3, 3, 3, 3, 3}, 5, false, []float64{1, 1, 1, 1, 1}},
		// Missing values are excluded from N and get NaN.
		{"missing", []float64{nan, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 5, false, []float64{nan, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5}},
		// N < Q: whole group NA.
		{"too few", []float64{1, 2, 3, 4}, 5, false, []float64{nan, nan, nan, nan}},
		// Deciles of 20 values: N/Q = 2, same pairing as quintiles of 10.
		{"deciles", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}, 10, false,
			[]float64{1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Quantiles(c.values, c.q, c.invert)
			if err != nil {
				t.Fatal(err)
			}
			for i := range got {
				if !pimNear(got[i], c.want[i], 0) {
					t.Fatalf("got %v, want %v", got, c.want)
				}
			}
		})
	}
	if _, err := Quantiles([]float64{1}, 0, false); err == nil {
		t.Error("q = 0 accepted")
	}
}

func TestQuantilesByGroup(t *testing.T) {
	v := []float64{1, 2, 3, 4, 5, 10, 20, 30, 40, 50}
	g := []string{"a", "a", "a", "a", "a", "b", "b", "b", "b", "b"}
	// Each group of 5 with Q = 5: one value per quintile.
	got, err := QuantilesByGroup(v, g, 5, []bool{false, false, false, false, false, true, true, true, true, true})
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{1, 2, 3, 4, 5, 5, 4, 3, 2, 1}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v want %v", got, want)
		}
	}
	if _, err := QuantilesByGroup(v, g, 5, []bool{false, true, false, false, false, true, true, true, true, true}); err == nil {
		t.Error("invert varying within group accepted")
	}
	if _, err := QuantilesByGroup(v, g[:3], 5, []bool{true}); err == nil {
		t.Error("short groups accepted")
	}
	if _, err := QuantilesByGroup(v, g, 5, []bool{true, false}); err == nil {
		t.Error("bad invert length accepted")
	}
}
