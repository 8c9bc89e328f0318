package e2e

import "testing"

// TestVisibleFocus checks the rule the keyboard test applies to focus
// styles, so a page without one cannot pass by accident.
func TestVisibleFocus(t *testing.T) {
	plain := style{Outline: "none 0px rgb(29, 112, 184)", OutlineW: "0px", OutlineS: "none", OutlineC: "rgb(29, 112, 184)", BoxShadow: "none"}
	tests := []struct {
		name  string
		after style
		want  bool
	}{
		{"no change", plain, false},
		{"GOV.UK: transparent outline and a box-shadow", style{Outline: "solid 3px rgba(0, 0, 0, 0)", OutlineW: "3px", OutlineS: "solid",
			OutlineC: "rgba(0, 0, 0, 0)", BoxShadow: "rgb(255, 221, 0) 0px -2px 0px 0px, rgb(11, 12, 12) 0px 4px 0px 0px"}, true},
		{"a drawn outline", style{Outline: "solid 3px rgb(255, 221, 0)", OutlineW: "3px", OutlineS: "solid", OutlineC: "rgb(255, 221, 0)", BoxShadow: "none"}, true},
		{"a transparent outline only", style{Outline: "solid 3px rgba(0, 0, 0, 0)", OutlineW: "3px", OutlineS: "solid", OutlineC: "rgba(0, 0, 0, 0)", BoxShadow: "none"}, false},
		{"a zero-width outline", style{Outline: "solid 0px rgb(0, 0, 0)", OutlineW: "0px", OutlineS: "solid", OutlineC: "rgb(0, 0, 0)", BoxShadow: "none"}, false},
	}
	for _, tt := range tests {
		if got := visibleFocus(plain, tt.after); got != tt.want {
			t.Errorf("%s: visibleFocus = %v, want %v", tt.name, got, tt.want)
		}
	}
}
