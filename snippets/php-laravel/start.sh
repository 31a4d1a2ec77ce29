#!/bin/sh
# Serves the Laravel application of public/index.php with PHP's built-in server on
# 127.0.0.1:$PORT (3000 by default, 0 for a free one). In a Laravel project: php artisan serve.
set -eu
cd "$(dirname "$0")"
exec sh ../php/serve.sh -t public public/index.php
