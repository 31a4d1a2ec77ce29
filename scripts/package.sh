#!/usr/bin/env bash
# `make package`: every artefact of one release for one target, into target/package/: the archive
# (webhook-echo-<version>-<target>.tar.gz, .zip for Windows) with the binary, README and licence;
# the npm packages as `npm pack` tarballs (webhook-echo and this platform's @webhook-echo/<platform>);
# a wheel holding the binary; the crate (`cargo package`); SHA256SUMS over all of them. The
# version is Cargo.toml's, the one place it is written. The release workflow runs this per target.
#
#   scripts/package.sh [TARGET]     default: this machine's target
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

# Windows runners have `python`, not always `python3`.
PYTHON=$(command -v python3 || command -v python)
HOST=$(rustc -vV | sed -n 's/^host: //p')
TARGET=${1:-$HOST}
VERSION=$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("Cargo.toml", "rb"))["package"]["version"])')
OUT=target/package

# The npm platform and the wheel's platform tag of each target. A static musl binary runs on any
# Linux, so its wheel says both manylinux and musllinux; a glibc build (a local one) says only
# linux_<arch>, which pip installs here and PyPI refuses, as it should.
case "$TARGET" in
  x86_64-unknown-linux-musl) NPM=linux-x64 WHEEL=manylinux_2_17_x86_64.manylinux2014_x86_64.musllinux_1_1_x86_64 ;;
  aarch64-unknown-linux-musl) NPM=linux-arm64 WHEEL=manylinux_2_17_aarch64.manylinux2014_aarch64.musllinux_1_1_aarch64 ;;
  x86_64-unknown-linux-gnu) NPM=linux-x64 WHEEL=linux_x86_64 ;;
  aarch64-unknown-linux-gnu) NPM=linux-arm64 WHEEL=linux_aarch64 ;;
  x86_64-apple-darwin) NPM=darwin-x64 WHEEL=macosx_10_12_x86_64 ;;
  aarch64-apple-darwin) NPM=darwin-arm64 WHEEL=macosx_11_0_arm64 ;;
  x86_64-pc-windows-msvc | x86_64-pc-windows-gnu) NPM=win32-x64 WHEEL=win_amd64 ;;
  *) echo "package: no packages are made for $TARGET" >&2; exit 2 ;;
esac
EXE=webhook-echo
case "$TARGET" in *windows*) EXE=webhook-echo.exe ;; esac

say() { printf 'package: %s\n' "$*"; }

if [ "$TARGET" = "$HOST" ]; then
  cargo build --release --locked --bin webhook-echo
  BINARY=target/release/$EXE
else
  cargo build --release --locked --bin webhook-echo --target "$TARGET"
  BINARY=target/$TARGET/release/$EXE
fi

rm -rf "$OUT"
mkdir -p "$OUT"

# The archive: one folder named as the archive, as cargo-binstall's bin-dir expects.
NAME=webhook-echo-$VERSION-$TARGET
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
mkdir "$STAGE/$NAME"
cp "$BINARY" README.md LICENSE "$STAGE/$NAME/"
case "$TARGET" in
  *windows*) (cd "$STAGE" && "$PYTHON" -m zipfile -c "$OLDPWD/$OUT/$NAME.zip" "$NAME") ;;
  *) tar -C "$STAGE" -czf "$OUT/$NAME.tar.gz" "$NAME" ;;
esac
say "archive: $(ls "$OUT"/"$NAME".*)"

say "npm: $(node packaging/npm/packages.mjs "$VERSION" "$OUT" "$NPM" "$BINARY" | tr '\n' ' ')"
say "wheel: $("$PYTHON" packaging/wheel.py "$BINARY" "$VERSION" "$WHEEL" README.md "$OUT")"

# The crate as crates.io would take it (cargo publish --dry-run builds it too: make test does).
# It lands in target/package/ itself, beside the rest.
cargo package --locked --no-verify --quiet --allow-dirty
say "crate: $OUT/webhook-echo-$VERSION.crate"

(cd "$OUT" && for f in *.tar.gz *.zip *.tgz *.whl *.crate; do
  [ -f "$f" ] || continue
  if command -v sha256sum >/dev/null; then sha256sum "$f"; else shasum -a 256 "$f"; fi
done > SHA256SUMS)
say "sums: $OUT/SHA256SUMS"
