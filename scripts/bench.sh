#!/usr/bin/env bash
# The benchmark: builds the program (scripts/build.sh), publishes story/ into dist/, serves
# dist/ on 127.0.0.1 with `recit serve` and measures it in one headless Chromium run, and the
# publish's own time (see tests/bench/bench.mjs);
# prints a table, writes bench-results.json and the bench's section of docs/budget.md; then
# the editor's typing on today's story and on one ten times its size
# (tests/bench/editor-typing.mjs).
# RECIT_DIST=<folder> measures that site instead, as it is (not published): e.g. an older
# commit's dist/, to compare on the same machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
# The program serves whichever site is measured (and publishes, for the publish's time).
if [ -z "${RECIT_DIST:-}" ]; then
  bash scripts/build.sh
  target/release/recit publish story --out dist
else
  cargo build --release --locked -p recit-cli
fi
node tests/bench/bench.mjs
node tests/bench/editor-typing.mjs
