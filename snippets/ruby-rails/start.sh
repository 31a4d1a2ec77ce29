#!/bin/sh
# Serves the one-file Rails application of server.rb with Puma on 127.0.0.1:$PORT (3000 by default,
# 0 for a free one). In a Rails project: bin/rails server.
set -eu
cd "$(dirname "$0")"
exec ruby server.rb
