#!/usr/bin/env bash
# Serves the app at http://127.0.0.1:8080/ and rebuilds on change; deep links work
# (trunk answers every unknown path with index.html). Installs what it needs first.
# The release build, the one the tests and the budget measure: the build's hook prerenders
# every page from the minified index.html (a debug build's is not, and the hook refused it).
# Trunk's server adds a slash to a prerendered page's address (`/fr/commune/…/`), which the
# app reads as the same address.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
exec trunk serve --release "$@"
