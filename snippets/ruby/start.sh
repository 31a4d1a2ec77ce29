#!/bin/sh
# Serves app.rb with Puma on 127.0.0.1:$PORT (3000 by default, 0 for a free one).
set -eu
cd "$(dirname "$0")"
exec ruby app.rb
