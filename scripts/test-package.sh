#!/usr/bin/env bash
# Installs what `make package` wrote the ways a person would, with no network beyond the local
# files, and runs each: `--version`, and `sign FILE` equal to Node's own HMAC of the file.
#   - npm: both tarballs into an empty project, with a registry that does not answer and an
#     empty cache (a package that fetched anything at install time would fail here), then npx;
#   - pip: the wheel into a fresh virtual environment, --no-index;
#   - the archive: unpacked, with its README and licence beside the binary;
#   - SHA256SUMS: every artefact matches.
# Also: no package.json has an install script, and the crate passes `cargo publish --dry-run` and
# compiles from its own files.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
PKG=$PWD/target/package
VERSION=$(python3 -c 'import tomllib; print(tomllib.load(open("Cargo.toml", "rb"))["package"]["version"])')
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

say() { printf 'test-package: %s\n' "$*"; }
fail() { printf 'test-package: FAILED: %s\n' "$*" >&2; exit 1; }

BODY=$WORK/delivery.json
printf '{"id":"evt_package","event":"otp.verified","createdAt":"2026-12-07T00:00:00.000Z","payload":{}}' >"$BODY"
export COBINAR_WEBHOOK_SECRET=whsec_package_proof_41
EXPECTED=$(node -e '
  const { createHmac } = require("node:crypto");
  const body = require("node:fs").readFileSync(process.argv[1]);
  process.stdout.write("sha256=" + createHmac("sha256", process.env.COBINAR_WEBHOOK_SECRET).update(body).digest("hex"));
' "$BODY")

# $1: how it was installed; the rest: the command that runs webhook-echo.
proves() {
  local how=$1 version signed
  shift
  version=$("$@" --version) || fail "$how: --version failed"
  case "$version" in "webhook-echo $VERSION ("*")") ;; *) fail "$how: --version said '$version'" ;; esac
  signed=$("$@" sign "$BODY") || fail "$how: sign failed"
  [ "$signed" = "$EXPECTED" ] || fail "$how: sign gave '$signed', Node's HMAC is '$EXPECTED'"
  say "$how: $version; sign equals Node's HMAC"
}

(cd "$PKG" && sha256sum --quiet -c SHA256SUMS) || fail "SHA256SUMS does not match the artefacts"
say "SHA256SUMS matches $(wc -l <"$PKG/SHA256SUMS") artefacts"

# npm
for tarball in "$PKG"/*.tgz; do
  scripts=$(tar -xzOf "$tarball" package/package.json | node -e '
    const m = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
    const s = m.scripts || {};
    process.stdout.write(["preinstall", "install", "postinstall", "prepare"].filter((k) => s[k]).join(" "));')
  [ -z "$scripts" ] || fail "$(basename "$tarball") has install scripts: $scripts"
done
mkdir "$WORK/project"
(
  cd "$WORK/project"
  printf '{"name":"a-project","version":"1.0.0","private":true}\n' >package.json
  npm install --no-audit --no-fund --offline --cache "$WORK/npm-cache" --registry http://127.0.0.1:9/ \
    "$PKG/webhook-echo-$VERSION.tgz" "$PKG"/webhook-echo-*-"$VERSION".tgz >"$WORK/npm.log" 2>&1 ||
    { cat "$WORK/npm.log" >&2; fail "npm install of the tarballs"; }
  proves "npm (npx)" npx --no-install webhook-echo
)

# Without this platform's package (installed with --omit=optional, say), the launcher says so.
mkdir "$WORK/bare"
(
  cd "$WORK/bare"
  printf '{"name":"bare","version":"1.0.0","private":true}\n' >package.json
  npm install --no-audit --no-fund --offline --omit=optional --cache "$WORK/npm-cache" \
    --registry http://127.0.0.1:9/ "$PKG/webhook-echo-$VERSION.tgz" >"$WORK/npm-bare.log" 2>&1 ||
    { cat "$WORK/npm-bare.log" >&2; fail "npm install of the main tarball alone"; }
  if said=$(npx --no-install webhook-echo --version 2>&1); then fail "ran with no binary: $said"; fi
  case "$said" in *"is not installed"*"optional"*) ;; *) fail "without the platform package it said: $said" ;; esac
  say "npm without the platform package: '$said'"
)

# pip
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet --no-index --no-cache-dir --disable-pip-version-check "$PKG"/*.whl ||
  fail "pip install of the wheel"
proves "pip (venv)" "$WORK/venv/bin/webhook-echo"

# the archive
mkdir "$WORK/archive"
tar -xzf "$PKG"/webhook-echo-"$VERSION"-*.tar.gz -C "$WORK/archive"
unpacked=$(echo "$WORK"/archive/webhook-echo-"$VERSION"-*)
for file in README.md LICENSE webhook-echo; do
  [ -f "$unpacked/$file" ] || fail "the archive has no $file"
done
proves "archive" "$unpacked/webhook-echo"

# crates.io: the crate would publish, and compiles from what it ships alone (no page assets, no
# tests). `cargo check` of the unpacked crate, in a target folder of its own, proves the second
# for a fraction of --dry-run's full build (whose binary would otherwise land in target/debug).
cargo publish --dry-run --no-verify --locked --allow-dirty --quiet >"$WORK/publish.log" 2>&1 ||
  { cat "$WORK/publish.log" >&2; fail "cargo publish --dry-run"; }
tar -xzf "target/package/webhook-echo-$VERSION.crate" -C "$WORK"
CARGO_TARGET_DIR=target/publish-check cargo check --quiet --locked --manifest-path "$WORK/webhook-echo-$VERSION/Cargo.toml" \
  >"$WORK/check.log" 2>&1 || { cat "$WORK/check.log" >&2; fail "the crate does not compile from its own files"; }
say "cargo publish --dry-run, and the crate compiles from its own files"
