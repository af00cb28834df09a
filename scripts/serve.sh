#!/usr/bin/env bash
# Builds the program (scripts/build.sh), publishes story/ into dist/ with it (the release site,
# the one the tests and the budget measure), then serves dist/ at http://127.0.0.1:8080/ with
# `recit serve` as a production host would: each page at its address, the app elsewhere, the
# precompressed files, the headers of _headers and the caching of the README's « Deploying ».
# Arguments go to `recit serve` (e.g. `--port 8123`, `--listen 0.0.0.0`). Installs what it
# needs first. Ctrl+C stops it; run it again after a change.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
target/release/recit publish story --out dist
exec target/release/recit serve dist --port 8080 "$@"
