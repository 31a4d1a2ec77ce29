#!/usr/bin/env bash
# The size floor of the verifier alone (issue 1's scope: secret, body, headers, the verdict with
# every header check, the Bytes view) on our stack: applies bench/verifier-only.patch, which
# strips the page to that and drops the worker and the script API, in a throwaway worktree,
# builds the release there and prints its sizes. The figure behind ARCHITECTURE.md's size notes.
set -euo pipefail
cd "$(dirname "$0")/.."
tree=$(mktemp -d)
trap 'git worktree remove --force "$tree" >/dev/null 2>&1 || true' EXIT
git worktree add --detach "$tree" HEAD >/dev/null
if ! git -C "$tree" apply "$PWD/bench/verifier-only.patch"; then
  echo "bench/verifier-only.patch no longer applies to src/ui: strip App to SecretInput, BodyInput," >&2
  echo "HeadersInput and VerdictPanel again in a worktree and save its git diff as the patch." >&2
  exit 1
fi
(cd "$tree" && CARGO_TARGET_DIR="$tree-target" trunk build --release --offline --dist "$tree/dist" >/dev/null 2>&1)
rm -rf "$tree-target"
echo "verifier alone:"
scripts/sizes.sh "$tree/dist"
