#!/usr/bin/env bash
# Installs what building, serving and testing webhook-echo need, and only what is missing:
# a second run installs nothing. Versions are pinned here, in Cargo.lock and in package-lock.json.
#
#   scripts/setup.sh build   wasm32 target, trunk, wasm-bindgen CLI, wasm-opt (npm binaryen)
#   scripts/setup.sh test    the above, plus Chromium, chromedriver, Firefox ESR, WebKitWebDriver
#                            with MiniBrowser and Xvfb, openssl, every stack's runtime (Go, PHP, Ruby,
#                            the JDK, Mono and the frameworks Debian packages), and every receiver of
#                            snippets/stacks.json built and ready to run (tests/stacks.rs), and
#                            the Windows target with MinGW (the command's Windows build is checked)
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# The CLI must equal the wasm-bindgen crate in Cargo.lock, or trunk refuses to run offline.
WASM_BINDGEN_VERSION=$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"$/\1/p;}' Cargo.lock)
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

say() { printf 'setup: %s\n' "$*"; }

need_wasm_target() {
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then return; fi
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
}

need_trunk() {
  if [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ]; then return; fi
  # trunk 0.22 needs a newer rustc than this machine's; 0.21.14 is the last that builds here.
  say "installing trunk $TRUNK_VERSION (several minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
}

need_wasm_bindgen() {
  if [ -z "$WASM_BINDGEN_VERSION" ]; then
    echo "setup: no wasm-bindgen in Cargo.lock" >&2
    exit 1
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then return; fi
  # Not --locked: one of its locked dependencies is no longer served.
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
}

need_node_modules() {
  # npm ci reinstalls everything, so run it only when the lock file changed since the last one.
  if [ -f node_modules/.setup-stamp ] && [ node_modules/.setup-stamp -nt package-lock.json ]; then return; fi
  say "installing npm packages from package-lock.json (binaryen's wasm-opt, Playwright, puppeteer-core, selenium-webdriver)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund
  touch node_modules/.setup-stamp
}

apt_install() {
  if [ "$(id -u)" -eq 0 ]; then apt=(apt-get); else apt=(sudo apt-get); fi
  if [ -z "${APT_UPDATED:-}" ]; then
    "${apt[@]}" update
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y --no-install-recommends "$@"
}

# The runtimes of every stack in snippets/stacks.json, from Debian: Go (and Gin, which the Go
# module proxy would give where it is reachable), PHP with Laravel, Ruby with Sinatra, Puma and
# Rails, Mono for C#, and a JDK where the image has none. One apt-get for all that is missing.
RUNTIME_PACKAGES=(golang-go golang-github-gin-gonic-gin-dev php-cli php-laravel-framework ruby ruby-sinatra ruby-rack
  puma ruby-rails mono-mcs mono-runtime)
need_runtimes() {
  local missing=()
  for package in "${RUNTIME_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
  done
  command -v javac >/dev/null || missing+=(openjdk-17-jdk-headless)
  if [ "${#missing[@]}" -eq 0 ]; then return; fi
  say "installing Debian's ${missing[*]}, the runtimes of the receivers in snippets/stacks.json"
  apt_install "${missing[@]}"
}

# The shell fingerprint one-liner (src/inspect/fingerprint_commands.rs) pipes through openssl,
# which a slim Debian image does not always carry.
need_openssl() {
  if command -v openssl >/dev/null; then return; fi
  say "installing Debian's openssl, for the shell fingerprint command's test"
  apt_install openssl
}

# The receivers the page offers, built where snippets/stacks.json starts them from: the first four
# here, every other one by the setup.sh in its folder, all at once (each is quick once done).
need_receivers() {
  local venv=target/receivers/venv
  if ! [ -f "$venv/.setup-stamp" ] || [ tests/receivers/requirements.txt -nt "$venv/.setup-stamp" ]; then
    say "making a Python virtual environment with Flask and HTTPie for the Python snippet"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r tests/receivers/requirements.txt
    touch "$venv/.setup-stamp"
  fi
  local pids=() names=() failed=0 script
  mkdir -p target/receivers/logs
  for script in snippets/*/setup.sh; do
    names+=("$script")
    bash "$script" >"target/receivers/logs/$(basename "$(dirname "$script")").log" 2>&1 &
    pids+=($!)
  done
  # Both builds are incremental: quick when nothing changed.
  (cd snippets/go && go build -o ../../target/receivers/go-receiver .)
  CARGO_TARGET_DIR=target/receivers/rust cargo build --quiet --release --manifest-path snippets/rust/Cargo.toml
  for i in "${!pids[@]}"; do
    if ! wait "${pids[$i]}"; then
      echo "setup: ${names[$i]} failed:" >&2
      cat "target/receivers/logs/$(basename "$(dirname "${names[$i]}")").log" >&2
      failed=1
    fi
  done
  return "$failed"
}

need_chromium() {
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then return; fi
  # No browser download works here: Debian's Chromium is the one to use.
  say "installing Debian's chromium and chromium-driver"
  apt_install chromium chromium-driver
}

# Firefox ESR for the smoke tier (tests/smoke/), driven over WebDriver BiDi by puppeteer-core: no
# geckodriver needed. Playwright's own Firefox cannot be downloaded here.
need_firefox() {
  if command -v firefox-esr >/dev/null; then return; fi
  say "installing Debian's firefox-esr"
  apt_install firefox-esr
}

# WebKit for the smoke tier: WebKitWebDriver and WebKitGTK's MiniBrowser, which has no headless
# mode, so it runs on a virtual display (xvfb-run, which needs xauth).
need_webkit() {
  if command -v WebKitWebDriver >/dev/null && command -v xvfb-run >/dev/null && command -v xauth >/dev/null; then return; fi
  say "installing Debian's webkit2gtk-driver, xvfb and xauth"
  apt_install webkit2gtk-driver xvfb xauth
}

# The command must build for Windows (make lint checks it): Rust's std for the GNU target, and
# Debian's MinGW compiler for the C that ring's build script compiles.
need_windows_target() {
  if ! rustup target list --installed | grep -qx x86_64-pc-windows-gnu; then
    say "adding the x86_64-pc-windows-gnu target"
    rustup target add x86_64-pc-windows-gnu
  fi
  if command -v x86_64-w64-mingw32-gcc >/dev/null; then return; fi
  say "installing Debian's gcc-mingw-w64-x86-64, the linker and C compiler for Windows"
  apt_install gcc-mingw-w64-x86-64
}

case "${1:-build}" in
  build)
    need_wasm_target; need_node_modules; need_wasm_bindgen; need_trunk ;;
  test)
    need_wasm_target; need_node_modules; need_wasm_bindgen; need_trunk; need_chromium; need_firefox; need_webkit
    need_runtimes; need_openssl; need_windows_target; need_receivers ;;
  *)
    echo "usage: scripts/setup.sh [build|test]" >&2
    exit 2 ;;
esac
