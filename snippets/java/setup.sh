#!/usr/bin/env bash
# Compiles the receiver (JDK 17+) into target/receivers/java/, when a source is newer than the build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../target/receivers/java"
if [ -f "$out/Receiver.class" ] && [ -z "$(find "$here" -name '*.java' -newer "$out/Receiver.class")" ]; then
  exit 0
fi
mkdir -p "$out"
javac -d "$out" "$here/WebhookVerifier.java" "$here/Receiver.java"
