#!/usr/bin/env bash
# Builds the Gin receiver to target/receivers/go-gin/receiver. A second run is quick: Go's build
# cache holds everything, and the build only relinks when main.go changed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../.." && pwd)/target/receivers/go-gin
mkdir -p "$out"
cd "$here"

# As a person builds it: gin and its dependencies as Go modules, pinned by go.mod and go.sum.
if go build -o "$out/receiver" . 2>"$out/modules.log"; then
  exit 0
fi
# Where the Go module proxy cannot be reached (a closed network): Debian's
# golang-github-gin-gonic-gin-dev, the same gin 1.8.1, built in GOPATH mode.
debian=/usr/share/gocode
if [ -f "$debian/src/github.com/gin-gonic/gin/gin.go" ]; then
  GO111MODULE=off GOPATH="$debian" go build -o "$out/receiver" .
  exit 0
fi
cat "$out/modules.log" >&2
echo "setup: no gin: let go reach the Go module proxy, or apt-get install golang-github-gin-gonic-gin-dev" >&2
exit 1
