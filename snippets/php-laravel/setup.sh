#!/usr/bin/env bash
# Nothing to build: checks for PHP 8 and Debian's Laravel (php-cli, php-laravel-framework), and makes
# the folders Laravel writes to, under target/receivers/php-laravel/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../target/receivers/php-laravel"
[ -f /usr/share/php/Illuminate/autoload.php ] && php -r 'exit(PHP_MAJOR_VERSION >= 8 ? 0 : 1);' \
  || { echo "the Laravel receiver needs PHP 8 and Debian's Laravel (apt-get install php-cli php-laravel-framework)" >&2; exit 1; }
mkdir -p "$out/bootstrap" "$out/storage/framework/cache/data" "$out/storage/framework/views" "$out/storage/logs"
