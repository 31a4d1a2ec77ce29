#!/usr/bin/env bash
# Makes target/receivers/python-fastapi/venv with requirements.txt installed. A second run does
# nothing unless requirements.txt changed since.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
venv=$(cd "$here/../.." && pwd)/target/receivers/python-fastapi/venv
if [ -f "$venv/.setup-stamp" ] && [ "$venv/.setup-stamp" -nt "$here/requirements.txt" ]; then exit 0; fi
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
touch "$venv/.setup-stamp"
