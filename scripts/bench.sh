#!/usr/bin/env bash
# The benchmark: builds the release dist/ and the program, serves dist/ on 127.0.0.1 with
# `recit serve` and measures it in one headless Chromium run (see tests/bench/bench.mjs);
# prints a table, writes bench-results.json and the bench's section of docs/budget.md; then
# the editor's typing on today's story and on one ten times its size
# (tests/bench/editor-typing.mjs).
# RECIT_DIST=<folder> measures that build instead, as it is (the site not built): e.g. an
# older commit's dist/, to compare on the same machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
if [ -z "${RECIT_DIST:-}" ]; then trunk build --release; fi
# The server, `recit serve`, whichever dist/ is measured.
cargo build --release --locked -p recit-cli
node tests/bench/bench.mjs
node tests/bench/editor-typing.mjs
