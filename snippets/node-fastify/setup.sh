#!/usr/bin/env bash
# Installs what package-lock.json pins into node_modules/ here (git ignores it). A second run does
# nothing unless package-lock.json changed since.
set -euo pipefail
cd "$(dirname "$0")"
if [ -f node_modules/.setup-stamp ] && [ node_modules/.setup-stamp -nt package-lock.json ]; then exit 0; fi
npm ci --no-audit --no-fund --loglevel=error
touch node_modules/.setup-stamp
