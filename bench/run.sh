#!/usr/bin/env bash
# bench/run.sh — page throughput of the public hub against a static file
# server sending the same bytes, measured in the same run (make bench).
#
# Builds bin/het, serves the Luton demo from a fresh SQLite file on loopback,
# saves the exact bytes of the home page and of one news article, serves
# those bytes from memory with bench/staticserver (the baseline), then runs
# wrk (64 connections, 2 threads, 10 s, --latency) against het home, het
# article, static home and static article. Writes the figures, het's peak
# RSS (VmHWM) and the ratios into the results section of bench/README.md.
#
# Environment: BENCH_DURATION (default 10s), BENCH_CONNECTIONS (64),
# BENCH_THREADS (2), BENCH_README (bench/README.md; "-" prints only),
# BENCH_HET (a prebuilt het binary to measure instead of building bin/het).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

duration=${BENCH_DURATION:-10s}
conns=${BENCH_CONNECTIONS:-64}
threads=${BENCH_THREADS:-2}
readme=${BENCH_README:-bench/README.md}

need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v curl >/dev/null 2>&1 || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  echo "bench: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

het=${BENCH_HET:-}
if [ -z "$het" ]; then
  [ -f web/static/dist/het.css ] || scripts/build-assets.sh
  go build -o bin/het ./cmd/het
  het=bin/het
fi

tmp=$(mktemp -d)
het_pid=""
static_pid=""
cleanup() {
  local rc=$?
  for pid in $het_pid $static_pid; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
go build -o "$tmp/staticserver" ./bench/staticserver

# wait_url FILE PREFIX: waits (at most 60 s) for a "... at http://..." line in
# FILE and prints the URL.
wait_url() {
  local url=""
  for _ in $(seq 600); do
    url=$(sed -n "s|^$2.* at \(http://[^ ]*\)\$|\1|p" "$1" | head -n 1)
    [ -n "$url" ] && { echo "$url"; return 0; }
    sleep 0.1
  done
  echo "bench: no URL from $2 after 60 s:" >&2
  cat "$1" >&2
  return 1
}

# The server logs as in production (JSON access log at info), to a file.
"$het" serve --listen 127.0.0.1:0 --db "$tmp/het.db" --demo >"$tmp/het.out" 2>"$tmp/het.log" &
het_pid=$!
het_url=$(wait_url "$tmp/het.out" "het: serving")

article_path=$(curl -fsS "$het_url/news" | grep -o 'href="/news/[a-z0-9-]*"' | head -n 1 | sed 's/^href="//; s/"$//')
if [ -z "$article_path" ]; then
  echo "bench: no article link on $het_url/news" >&2
  exit 1
fi

home_type=$(curl -fsS -o "$tmp/home.html" -w '%{content_type}' "$het_url/")
article_type=$(curl -fsS -o "$tmp/article.html" -w '%{content_type}' "$het_url$article_path")

"$tmp/staticserver" -listen 127.0.0.1:0 \
  "/=$home_type=$tmp/home.html" \
  "$article_path=$article_type=$tmp/article.html" >"$tmp/static.out" 2>"$tmp/static.log" &
static_pid=$!
static_url=$(wait_url "$tmp/static.out" "staticserver: serving")

# The baseline must send exactly the same bytes.
for p in / "$article_path"; do
  if ! cmp -s <(curl -fsS "$het_url$p") <(curl -fsS "$static_url$p"); then
    echo "bench: het and the static server differ on $p (is the page not deterministic?)" >&2
    exit 1
  fi
done

# to_ms VALUE: converts a wrk latency such as 812.00us, 3.25ms or 1.02s to
# milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.2f", n
  }'
}

# bench NAME URL: runs wrk and sets NAME_rps, NAME_p50, NAME_p99.
bench() {
  local name=$1 url=$2 out
  out=$(timeout 120 wrk -t"$threads" -c"$conns" -d"$duration" --latency "$url")
  echo "== $name: $url" >&2
  echo "$out" >&2
  if grep -q 'Non-2xx or 3xx' <<<"$out"; then
    echo "bench: $name answered with errors" >&2
    exit 1
  fi
  printf -v "${name}_rps" '%s' "$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")"
  printf -v "${name}_p50" '%s' "$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")"
  printf -v "${name}_p99" '%s' "$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
}

load=$(cut -d' ' -f1-3 /proc/loadavg)

# Warm up het (page cache, connection pool, JIT-free but GC-sized heap).
timeout 30 wrk -t"$threads" -c"$conns" -d2s "$het_url/" >/dev/null
timeout 30 wrk -t"$threads" -c"$conns" -d2s "$het_url$article_path" >/dev/null

bench het_home "$het_url/"
bench het_article "$het_url$article_path"
bench static_home "$static_url/"
bench static_article "$static_url$article_path"

rss_kb=$(awk '/^VmHWM:/ {print $2}' "/proc/$het_pid/status")
rss_mb=$(awk -v k="$rss_kb" 'BEGIN {printf "%.1f", k / 1024}')
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
home_ratio=$(ratio "$het_home_rps" "$static_home_rps")
article_ratio=$(ratio "$het_article_rps" "$static_article_rps")
home_bytes=$(wc -c <"$tmp/home.html")
article_bytes=$(wc -c <"$tmp/article.html")

verdict() { # verdict OK-CONDITION
  if awk "BEGIN {exit !($1)}"; then echo "met"; else echo "**missed**"; fi
}
worst_p99=$(awk -v a="$het_home_p99" -v b="$het_article_p99" 'BEGIN {print (a > b ? a : b)}')
worst_ratio=$(awk -v a="$home_ratio" -v b="$article_ratio" 'BEGIN {print (a < b ? a : b)}')

commit=$(git rev-parse --short HEAD)
# Uncommitted changes to what goes into the binary make the commit inexact.
if [ -n "$(git status --porcelain --untracked-files=no -- cmd web store demo go.mod go.sum ':(glob)*.go')" ]; then
  commit="$commit (with uncommitted changes)"
fi

results=$(cat <<EOF
## Results

Run on $(date -u '+%Y-%m-%d %H:%M UTC'), commit \`$commit\`, on a machine with
\`nproc\` = $(nproc) ($(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)), $(go version | awk '{print $3}'), $(wrk --version 2>&1 | head -n 1 | awk '{print $1, $2}').
Load average (1, 5, 15 min) when the runs started: $load; other work on the machine shows here and in the baseline's latency.
Command: \`make bench\` (that is, \`bench/run.sh\`: \`wrk -t$threads -c$conns -d$duration --latency URL\` per row).

| page | server | bytes | requests/s | p50 (ms) | p99 (ms) | het / static |
|---|---|---:|---:|---:|---:|---:|
| home \`/\` | het | $home_bytes | $het_home_rps | $het_home_p50 | $het_home_p99 | $home_ratio |
| home \`/\` | static | $home_bytes | $static_home_rps | $static_home_p50 | $static_home_p99 | |
| article \`$article_path\` | het | $article_bytes | $het_article_rps | $het_article_p50 | $het_article_p99 | $article_ratio |
| article \`$article_path\` | static | $article_bytes | $static_article_rps | $static_article_p50 | $static_article_p99 | |

het peak RSS (VmHWM after all runs): **$rss_mb MB**.

| target | result | |
|---|---|---|
| throughput ≥ 0.5 × static | $worst_ratio (worst page) | $(verdict "$worst_ratio >= 0.5") |
| p99 < 50 ms at $conns connections | $worst_p99 ms (worst het page) | $(verdict "$worst_p99 < 50") |
| RSS < 150 MB | $rss_mb MB | $(verdict "$rss_mb < 150") |
EOF
)

echo "$results"
if [ "$readme" != "-" ]; then
  # Replace everything from the "## Results" heading to the end marker.
  RESULTS="$results" awk '
    /^## Results$/ { print ENVIRON["RESULTS"]; print ""; skip = 1; next }
    /^<!-- end of results -->$/ { skip = 0 }
    !skip { print }
  ' "$readme" >"$tmp/README.md"
  if ! grep -q '^## Results$' "$tmp/README.md"; then
    echo "bench: $readme has no '## Results' section to replace" >&2
    exit 1
  fi
  cp "$tmp/README.md" "$readme"
  echo "bench: wrote the results into $readme" >&2
fi
