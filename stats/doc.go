// Package stats implements the public-health statistical methods het uses,
// following shared/reference/METHODS.md: the PHEindicatormethods (PIM) core
// methods — confidence limits (Byars, exact Poisson, Wilson), proportions,
// crude rates, means, directly standardised rates (Dobson), indirectly
// standardised ratios and rates, life expectancy (Chiang II with Silcocks
// confidence limits), quantiles — plus Fingertips-style benchmark comparison
// and recent-trend tests.
//
// The package is pure computation: no I/O, no HTTP, no SQL.
//
// Conventions:
//   - Missing values are math.NaN(). Where METHODS.md says a missing input
//     gives a missing result (e.g. a missing numerator), the result is NaN and
//     no error is returned.
//   - Invalid inputs (negative counts, non-positive denominators, x > n for
//     proportions, bad confidence levels, ...) return an error naming the
//     bad input.
//   - Confidence levels are accepted as fractions (0.9–1) or percentages
//     (90–100); see ParseLevel. Results carry levels as fractions.
//   - Grouped data: the per-group functions take the already-aggregated
//     numerator and denominator; use Sum to add up rows within a group first
//     (PIM aggregates before computing).
//
// Batches: ProportionColumns, RateColumns and LifeExpectancyColumns compute
// many groups at once into reusable columns (Columns, LEColumns) without
// allocating per group. They give exactly the results of Proportion, Rate
// and LifeExpectancy, bit for bit: the formulas are shared, and on amd64 the
// divisions and square roots of several groups run in one SSE2 or AVX
// instruction (vec_amd64.s), which performs the same correctly rounded IEEE
// operations in the same order (no fused multiply-add). The tests check
// this against the per-group functions and a frozen copy of the original
// code, with and without AVX. Build with -tags purego to leave the assembly
// out (scripts/test.sh runs the statistics tests that way too); the portable
// kernels are slower (bench/README.md) but give the same bits.
package stats
