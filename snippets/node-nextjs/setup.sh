#!/usr/bin/env bash
# Installs what package-lock.json pins into node_modules/ and builds the app into .next/, both here
# (git ignores them). A second run does nothing unless the lock file or the app changed since.
set -euo pipefail
cd "$(dirname "$0")"
export NEXT_TELEMETRY_DISABLED=1
if ! [ -f node_modules/.setup-stamp ] || [ package-lock.json -nt node_modules/.setup-stamp ]; then
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules/.setup-stamp
fi
if [ -f .next/BUILD_ID ] && [ -z "$(find app next.config.mjs tsconfig.json node_modules/.setup-stamp -newer .next/BUILD_ID -print -quit)" ]; then
  exit 0
fi
npx --no-install next build
