#!/bin/sh
# Serves server.php with PHP's built-in server on 127.0.0.1:$PORT (3000 by default, 0 for a free one).
set -eu
cd "$(dirname "$0")"
exec sh serve.sh server.php
