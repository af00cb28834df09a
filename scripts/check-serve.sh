#!/usr/bin/env bash
# Checks the README's other command, `bash scripts/serve.sh`: it builds (trunk serves even
# after a failed build, so the page itself is checked), serves a deep link's prerendered page
# and the app that page lists. Into a folder of its own: dist/ stays the tested build.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-8097}
out=target/serve-check
log=$(mktemp)
bash scripts/serve.sh --port "$port" --no-autoreload --dist "$out" > "$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -f "$log"' EXIT

page=/fr/commune/archipel-noir/
for _ in $(seq 600); do
  if grep -q 'ERROR' "$log"; then cat "$log"; echo "serve.sh: the build failed (above)" >&2; exit 1; fi
  if html=$(curl -sf "http://127.0.0.1:$port$page") && grep -q '<h1' <<< "$html"; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then cat "$log"; echo "serve.sh: stopped (above)" >&2; exit 1; fi
  sleep 1
done
if ! grep -q '<h1' <<< "${html:-}"; then cat "$log"; echo "serve.sh: no page at $page after 10 minutes" >&2; exit 1; fi
# The plain reader's wasm, which the page lists (scripts/post-build.mjs).
wasm=$(grep -o '/recit-reader-[0-9a-f]*_bg\.wasm' <<< "$html" | head -1 || true)
if [ -z "$wasm" ]; then echo "serve.sh: the page at $page lists no app" >&2; exit 1; fi
curl -sf -o /dev/null "http://127.0.0.1:$port$wasm" || { echo "serve.sh: $wasm not served" >&2; exit 1; }
echo "serve.sh serves $page ($(grep -o '<h1[^>]*>[^<]*' <<< "$html" | sed 's/<h1[^>]*>//')) and $wasm"
