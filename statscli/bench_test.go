package statscli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
)

// benchInput is a proportion/rate table of n rows in 100 groups.
func benchInput(n int) string {
	var b strings.Builder
	b.WriteString("area,numerator,denominator,value\n")
	for i := range n {
		fmt.Fprintf(&b, "A%d,%d,%d,%d\n", i%100, i%97, 100+i%1000, i%1013)
	}
	return b.String()
}

// BenchmarkRun measures whole commands (read, compute, encode) on 100,000 rows.
func BenchmarkRun(b *testing.B) {
	in := benchInput(100000)
	for _, args := range [][]string{
		{"proportion"},
		{"rate", "--group-by", "area"},
		{"quantile"},
	} {
		b.Run(strings.Join(args, " "), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				if err := Run(context.Background(), args, strings.NewReader(in), io.Discard, io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
