#!/usr/bin/env bash
# The page's wasm by what it is for (issue 17; ARCHITECTURE.md, "First load: where the bytes
# are"). Run after `trunk build --release --offline`: takes wasm-bindgen's output that trunk left
# in target/, optimises it as trunk does (-Oz) but keeps the function names (-g), and groups it.
# The shipped wasm from dist/ scales the estimates to its gzip.
set -euo pipefail
target=${CARGO_TARGET_DIR:-target}
input=$target/wasm-bindgen/release/webhook-echo_bg.wasm
named=$target/wasm-breakdown/webhook-echo_bg.named.wasm
shipped=$(ls dist/webhook-echo-*_bg.wasm)
[ -f "$input" ] || { echo "no $input: run trunk build --release --offline first" >&2; exit 2; }
mkdir -p "$(dirname "$named")"
if [ ! -f "$named" ] || [ "$input" -nt "$named" ]; then
  wasm-opt -Oz -g "$input" -o "$named"
fi
node bench/wasm-breakdown.mjs "$named" "$shipped"
echo
if command -v twiggy >/dev/null; then
  twiggy top -n 15 "$named" | cut -c1-160
else
  echo "(twiggy is not installed: its list of the largest items is left out)"
fi
