#!/usr/bin/env bash
# Prints what a first visit downloads from dist/: each file raw, gzip -9 and brotli -q 11.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=${1:-dist}
printf '%-44s %10s %10s %10s\n' file raw gzip brotli
total_raw=0 total_gz=0 total_br=0
for f in "$dist"/*.html "$dist"/*.js "$dist"/*.wasm "$dist"/*.css "$dist"/*.svg; do
  [ -f "$f" ] || continue
  raw=$(stat -c%s "$f"); gz=$(gzip -9c "$f" | wc -c); br=$(brotli -q 11 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
  printf '%-44s %10d %10d %10d\n' "$(basename "$f")" "$raw" "$gz" "$br"
done
printf '%-44s %10d %10d %10d\n' total "$total_raw" "$total_gz" "$total_br"
