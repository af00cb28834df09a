#!/usr/bin/env bash
# Checks the README's serve command, `bash scripts/serve.sh`: it builds the program and publishes dist/
# (which scripts/test.sh's browser tests then use: nothing is built twice) and serves a deep
# link's prerendered page at its address (no redirect) and the app that page lists.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-8097}
log=$(mktemp)
bash scripts/serve.sh --port "$port" > >(tee "$log") 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$log"' EXIT

# Until it listens (`recit serve` prints its address then), or stops: a build that failed.
until grep -q "^serving dist at http://127.0.0.1:$port$" "$log"; do
  if ! kill -0 "$server" 2>/dev/null; then echo "serve.sh: stopped before serving (above)" >&2; exit 1; fi
  sleep 1
done
page=/fr/commune/archipel-noir
# curl follows no redirect: the page itself must answer.
html=$(curl -sf "http://127.0.0.1:$port$page" || true)
if ! grep -q '<h1' <<< "$html"; then echo "serve.sh: no page at $page" >&2; exit 1; fi
# The plain reader's wasm, which the page lists.
wasm=$(grep -o '/recit-reader-[0-9a-f]*_bg\.wasm' <<< "$html" | head -1 || true)
if [ -z "$wasm" ]; then echo "serve.sh: the page at $page lists no app" >&2; exit 1; fi
curl -sf -o /dev/null "http://127.0.0.1:$port$wasm" || { echo "serve.sh: $wasm not served" >&2; exit 1; }
echo "serve.sh serves $page ($(grep -o '<h1[^>]*>[^<]*' <<< "$html" | sed 's/<h1[^>]*>//')) and $wasm"
