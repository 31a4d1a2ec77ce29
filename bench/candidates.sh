#!/usr/bin/env bash
# Builds the HMAC-SHA256 candidates `make bench` measures beside the app: the shipped pair
# (sha2 0.10 + hmac 0.12) and sha2 0.11 + hmac 0.13, each with and without wasm simd128.
# Writes target/bench-candidates/<name>/hmac_candidates{.js,_bg.wasm}.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/bench-candidates
for variant in current current-simd128 next next-simd128; do
  pair=${variant%-simd128}
  flags=""
  [[ $variant == *simd128 ]] && flags="-C target-feature=+simd128"
  CARGO_TARGET_DIR="$out/build-$variant" RUSTFLAGS="$flags" \
    cargo build --quiet --release --target wasm32-unknown-unknown \
    --manifest-path bench/hmac-candidates/Cargo.toml --features "$pair"
  wasm-bindgen --target web --no-typescript --out-dir "$out/$variant" \
    "$out/build-$variant/wasm32-unknown-unknown/release/hmac_candidates.wasm"
done
