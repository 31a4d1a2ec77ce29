#!/bin/sh
# Serves PHP with its built-in server on 127.0.0.1:$PORT (3000 by default, 0 for a free one), run
# in the receiver's folder: serve.sh [php -S options…] ROUTER. Shared by snippets/php and
# snippets/php-laravel's start.sh; in production, PHP-FPM behind your web server (or
# php artisan serve for Laravel) does this.
set -eu
: "${COBINAR_WEBHOOK_SECRET:?Set COBINAR_WEBHOOK_SECRET to your webhook secret}"
port=${PORT:-3000}
if [ "$port" = 0 ]; then
  # Ask the system for a free port, to know which one to announce below.
  port=$(php -r '$s = stream_socket_server("tcp://127.0.0.1:0"); echo parse_url("tcp://" . stream_socket_get_name($s, false), PHP_URL_PORT);')
fi
# Announces the URL once the server accepts connections. It runs beside the server rather than
# around it, so that php is the process to stop. Not PHP_CLI_SERVER_WORKERS: its workers outlive
# a stopped server.
(
  tries=0
  while [ "$tries" -lt 100 ]; do
    if php -r 'exit(@fsockopen("127.0.0.1", (int) $argv[1]) ? 0 : 1);' "$port"; then
      echo "listening on http://127.0.0.1:$port/webhooks/auth"
      exit 0
    fi
    tries=$((tries + 1))
    sleep 0.1
  done
) &
exec php -S "127.0.0.1:$port" "$@"
