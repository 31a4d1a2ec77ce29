#!/bin/sh
# Runs the receiver setup.sh compiled, on 127.0.0.1:$PORT (3000 by default, 0 for a free one).
set -eu
cd "$(dirname "$0")"
exec mono ../../target/receivers/csharp/Receiver.exe
