#!/usr/bin/env bash
# Nothing to build: checks that Ruby has Rails 6.1+ and Puma (Debian: ruby-rails, puma).
set -euo pipefail
ruby -e 'gem "railties", ">= 6.1"; gem "actionpack", ">= 6.1"; gem "puma"' 2>/dev/null \
  || { echo "the Rails receiver needs Rails 6.1 or later and Puma (Debian: apt-get install ruby-rails puma)" >&2; exit 1; }
