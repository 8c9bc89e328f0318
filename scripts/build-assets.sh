#!/usr/bin/env bash
# build-assets.sh — build the public hub's front end into web/static/dist/.
#
# Installs the npm packages (govuk-frontend, sass, axe-core) from the lock
# file, compiles web/assets/het.scss to compressed CSS, and copies
# GOV.UK Frontend's JavaScript bundle and images (not its fonts: the hub uses
# the council's system font stack). web/static/dist/ is gitignored; the Go
# binary embeds whatever is there at build time.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Install from the lock file when node_modules is missing or older than it.
if [[ ! -f package-lock.json ]]; then
  npm install --no-audit --no-fund
elif [[ ! -x node_modules/.bin/sass || ! -d node_modules/govuk-frontend ||
        package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi

gf=node_modules/govuk-frontend/dist/govuk
out=web/static/dist
rm -rf "$out"
mkdir -p "$out/images"

node_modules/.bin/sass \
  --load-path=node_modules \
  --style=compressed \
  --no-source-map \
  --no-charset \
  --quiet-deps \
  web/assets/het.scss "$out/het.css"

cp "$gf/govuk-frontend.min.js" "$out/govuk-frontend.min.js"
cp "$gf"/assets/images/* "$out/images/"

echo "built $(find "$out" -type f | wc -l) files in $out"
