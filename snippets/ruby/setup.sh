#!/usr/bin/env bash
# Nothing to build: checks that Ruby has Sinatra and Puma (Debian: ruby, ruby-sinatra, puma).
set -euo pipefail
ruby -e 'gem "sinatra"; gem "puma"; require "openssl"; exit(OpenSSL.respond_to?(:fixed_length_secure_compare))' 2>/dev/null \
  || { echo "the Ruby receiver needs Ruby 3 with Sinatra and Puma (Debian: apt-get install ruby ruby-sinatra puma)" >&2; exit 1; }
