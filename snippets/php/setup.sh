#!/usr/bin/env bash
# Nothing to build: checks that PHP 8 with the hash and json functions is there (Debian: php-cli).
set -euo pipefail
cd "$(dirname "$0")"
php -r 'exit(PHP_MAJOR_VERSION >= 8 && function_exists("hash_hmac") && function_exists("json_decode") ? 0 : 1);' \
  || { echo "the PHP receiver needs PHP 8 with hash and json (Debian: apt-get install php-cli)" >&2; exit 1; }
