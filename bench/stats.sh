#!/usr/bin/env bash
# bench/stats.sh — benchmark the statistics engine (package stats) and write
# the "## Statistics engine" section of bench/README.md.
#
# Each method (proportion, crude rate, DSR, life expectancy, SII) runs over
# one million groups (SII: 100,000 areas × 10 deciles, 1,000 repetitions)
# next to a baseline loop that only reads the same inputs, in the same
# `go test` run; both report ns/group. The ratio method/baseline is compared
# with the target (closed-form methods within 5× of the baseline; SII is a
# Monte Carlo simulation and has no target).
#
# The script replaces only the "## Statistics engine" section of the README
# (up to the next "## " heading) and keeps the rest of the file; it creates
# the file if it is absent. BENCHTIME and COUNT override the defaults; the
# raw `go test` output is kept in $TMPDIR/het-stats-bench.txt (default /tmp).
set -euo pipefail

cd "$(dirname "$0")/.."
readme=${STATS_README:-bench/README.md}
raw=${TMPDIR:-/tmp}/het-stats-bench.txt
benchtime=${BENCHTIME:-2s}
count=${COUNT:-3}
cmd=(go test -run '^$' -bench 'Benchmark(Baseline)?(Proportion|Rate|DSR|LifeExpectancy|SII)' -benchtime="$benchtime" -count="$count" ./stats/)

shown="go test -run '^\$' -bench 'Benchmark(Baseline)?(Proportion|Rate|DSR|LifeExpectancy|SII)' -benchtime=$benchtime -count=$count ./stats/"
echo "running: $shown" >&2
start=$(date +%s)
"${cmd[@]}" | tee "$raw" >&2

commit=$(git rev-parse --short HEAD)
if ! git diff --quiet HEAD -- stats/ 2>/dev/null; then
	commit="$commit (stats/ modified)"
fi
cpu=$(awk -F': ' '/^cpu:/ {print $2; exit}' "$raw")
date_utc=$(date -u '+%Y-%m-%d %H:%M UTC')

# medians FILE: the median ns/group of each benchmark over the COUNT runs.
medians() {
	awk '
	/^Benchmark/ {
		name = $1; sub(/-[0-9]+$/, "", name); sub(/^Benchmark/, "", name)
		for (i = 2; i < NF; i++) if ($(i+1) == "ns/group") v[name] = v[name] " " $i
	}
	END {
		for (n in v) {
			k = split(substr(v[n], 2), a, " ")
			for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
			m = (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
			printf "%s %s %d\n", n, m, k
		}
	}' "$1"
}
med_main=$(medians "$raw")

# table METHODS: the results table for the medians on stdin.
table_for() {
	METHODS="$1" awk '
	function fmt(v) { return v >= 100 ? sprintf("%.0f", v) : v >= 10 ? sprintf("%.1f", v) : sprintf("%.2f", v) }
	{ med[$1] = $2; runs[$1] = $3 }
	END {
		n = split(ENVIRON["METHODS"], order, " ")
		label["Proportion"] = "Proportion (Wilson), 1M groups"
		label["Rate"] = "Crude rate (exact < 10, Byars), 1M groups"
		label["DSR"] = "DSR (Dobson, 19 ESP2013 bands), 1M groups"
		label["LifeExpectancy"] = "Life expectancy (Chiang II, 20 bands), 1M groups"
		label["SII"] = "SII (10 deciles, 1,000 repetitions), 100k areas"
		print "| method | ns/group | baseline ns/group | ratio | target | met? |"
		print "|---|---:|---:|---:|---|---|"
		fail = 0
		for (i = 1; i <= n; i++) {
			m = order[i]; b = "Baseline" m
			if (!(m in med) || !(b in med)) { print "| " label[m] " | missing | missing | | | |"; fail = 1; continue }
			r = med[m] / med[b]
			if (m == "SII") { target = "none (simulation)"; met = "n/a" }
			else { target = "≤ 5×"; met = (r <= 5) ? "yes" : "**no**" }
			printf "| %s | %s | %s | %.2f× | %s | %s |\n", label[m], fmt(med[m]), fmt(med[b]), r, target, met
		}
		exit fail
	}'
}
table=$(echo "$med_main" | table_for "Proportion Rate DSR LifeExpectancy SII") || { echo "stats.sh: a benchmark is missing from the output" >&2; echo "$table" >&2; exit 1; }

# The same batch methods built with -tags purego: the portable Go kernels
# without the amd64 assembly.
raw_pure=${TMPDIR:-/tmp}/het-stats-bench-purego.txt
go test -tags purego -run '^$' -bench 'Benchmark(Baseline)?(Proportion|Rate|LifeExpectancy)$' -benchtime="$benchtime" -count="$count" ./stats/ | tee "$raw_pure" >&2
table_pure=$(medians "$raw_pure" | table_for "Proportion Rate LifeExpectancy") || { echo "stats.sh: a purego benchmark is missing" >&2; echo "$table_pure" >&2; exit 1; }
secs=$(($(date +%s) - start))

section=$(
	cat <<EOF
## Statistics engine

\`bench/stats.sh\` runs the \`stats\` package benchmarks: each method over one
million groups (SII: 100,000 areas × 10 deciles with 1,000 Monte Carlo
repetitions, one area per iteration) beside a baseline loop that only reads
the same inputs (every input of every group), in the same \`go test\` run.
Figures are the median of ${count} runs, in nanoseconds per group; ratio =
method ÷ baseline. Target: the closed-form methods within 5× of the baseline.

Proportion, rate and life expectancy are measured through the batch API
(\`stats.ProportionColumns\`, \`stats.RateColumns\`,
\`stats.LifeExpectancyColumns\`), which computes everything the per-group
functions do — value, 95 % and 99.8 % limits and the method label of every
group (life expectancy: every band, with populations and deaths used, and
the suppression checks) — giving the same results bit for bit, and
allocates nothing per group. Groups are passed 4,096 at a time (256 areas
for life expectancy) into reused columns, as a streaming caller would. On
amd64 with AVX the batch kernels compute four groups per instruction (the
same IEEE operations in the same order, no fused multiply-add; the tests
check the bits with and without AVX); without AVX the life table uses SSE2
(two groups) and proportions and rates scalar code. DSR and SII use the
per-group functions. \`BenchmarkPerGroup*\` (not in the table) measure
\`Proportion\`, \`Rate\` and \`LifeExpectancy\` one group per call, with
their allocations.

- Date: ${date_utc}
- Machine: ${cpu:-unknown CPU}, \`nproc\` = $(nproc) (shared with other work: figures are noisy)
- Commit: ${commit}; $(go version | awk '{print $3}')
- Command (${secs} s): \`${shown}\`

${table}

The same batch methods in the portable build (\`go test -tags purego ...\`,
no assembly; the kernels give the same bits), same run:

${table_pure}
EOF
)

tmp=$(mktemp)
if [[ -f $readme ]]; then
	# Replace the section (heading to the next "## " heading or end of file),
	# or append it when absent.
	SECTION="$section" awk '
		BEGIN { s = ENVIRON["SECTION"] }
		/^## / {
			if (skip) { skip = 0; print "" }
			if ($0 == "## Statistics engine") { print s; done = 1; skip = 1; next }
		}
		!skip { print }
		END { if (!done) { print ""; print s } }
	' "$readme" >"$tmp"
else
	{ echo "# Benchmarks"; echo; echo "$section"; } >"$tmp"
fi
mv "$tmp" "$readme"
echo "$table"
echo "wrote the Statistics engine section of $readme" >&2
