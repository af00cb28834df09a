#!/usr/bin/env bash
# The benchmark: builds the release dist/, serves it on 127.0.0.1 and measures it in one
# headless Chromium run (see tests/bench/bench.mjs); prints a table, writes bench-results.json.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
trunk build --release
node tests/bench/bench.mjs
