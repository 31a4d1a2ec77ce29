#!/usr/bin/env bash
# Prints the release build's transfer sizes: each wasm, JS and CSS file, raw, gzip -9, and the
# brotli file the build wrote beside it (scripts/precompress.mjs), the bytes `make serve` sends.
set -euo pipefail
dist=${1:-dist}
for file in "$dist"/*.wasm "$dist"/*.js "$dist"/*.css; do
  [ -f "$file" ] || continue
  brotli=$(if [ -f "$file.br" ]; then wc -c <"$file.br"; else wc -c <"$file"; fi)
  printf '%s %s %s %s\n' "$(basename "$file")" "$(wc -c <"$file")" "$(gzip -9 -c "$file" | wc -c)" "$brotli"
done | awk '
  BEGIN { printf "%-40s %10s %10s %10s\n", "release build", "raw", "gzip", "brotli" }
  { printf "%-40s %8.1f K %8.1f K %8.1f K\n", $1, $2 / 1024, $3 / 1024, $4 / 1024; raw += $2; gz += $3; br += $4 }
  END { printf "%-40s %8.1f K %8.1f K %8.1f K\n", "total (wasm + js + css)", raw / 1024, gz / 1024, br / 1024 }'
