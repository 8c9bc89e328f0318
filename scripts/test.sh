#!/usr/bin/env bash
# Runs every test: lint, the Go tests with the race detector on SQLite and on a
# throwaway PostgreSQL cluster, and the headless Chromium + axe-core checks.
# Installs what it needs (Debian packages, npm packages) on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build-assets.sh
HET_TEST_PG=$(scripts/pg-start.sh | tail -n 1)
export HET_TEST_PG
export HET_CHROMIUM=${HET_CHROMIUM:-$(command -v chromium)}
scripts/lint.sh
go test -race -count=1 ./...
# The stats package has amd64 SIMD kernels; the portable Go kernels must give
# the same bits, so run the statistics tests once more without the assembly.
go test -count=1 -tags purego ./stats/
