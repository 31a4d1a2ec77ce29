#!/usr/bin/env bash
# Compiles the receiver with Mono's C# compiler into target/receivers/csharp/, when a source is
# newer than the build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../target/receivers/csharp"
if [ -f "$out/Receiver.exe" ] && [ -z "$(find "$here" -name '*.cs' -newer "$out/Receiver.exe")" ]; then
  exit 0
fi
mkdir -p "$out"
mcs -nologo -warnaserror -out:"$out/Receiver.exe" "$here/Receiver.cs" "$here/WebhookVerifier.cs"
