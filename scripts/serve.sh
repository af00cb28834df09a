#!/usr/bin/env bash
# Serves the app at http://127.0.0.1:8080/ and rebuilds on change; deep links work
# (trunk answers every unknown path with index.html). Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
exec trunk serve "$@"
