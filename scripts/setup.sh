#!/usr/bin/env bash
# Installs, idempotently and at pinned versions, everything the serve and test commands need
# on a fresh Debian 12 machine (see README "What the commands install").
# A second run only checks versions and returns in seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130   # must equal wasm-bindgen in Cargo.lock (checked below)
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
command -v brotli >/dev/null || need_apt+=(brotli)
command -v pdftotext >/dev/null || need_apt+=(poppler-utils)
# The zip tests make archives with Info-ZIP's zip as people do (python3 is on the machine).
command -v zip >/dev/null || need_apt+=(zip)
# The council's store on a database server, tested against Debian's PostgreSQL
# (scripts/postgres.sh starts a throwaway one).
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need_apt+=(postgresql)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "apt-get install ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi

rustup target list --installed | grep -qx wasm32-unknown-unknown \
  || { say "rustup target add wasm32-unknown-unknown"; rustup target add wasm32-unknown-unknown; }
# The test command's lints (clippy) and format check (rustfmt): in rustup's default profile,
# not in its minimal one.
for component in clippy rustfmt; do
  rustup component list --installed | grep -q "^$component" \
    || { say "rustup component add $component"; rustup component add "$component"; }
done

lock_wb=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print}' Cargo.lock 2>/dev/null || true)
if [ -n "$lock_wb" ] && [ "$lock_wb" != "$WASM_BINDGEN_VERSION" ]; then
  echo "setup: Cargo.lock has wasm-bindgen $lock_wb but setup.sh pins $WASM_BINDGEN_VERSION; make them equal." >&2
  exit 1
fi

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  say "cargo install trunk $TRUNK_VERSION (about 7 minutes cold)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  say "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes cold)"
  # Not --locked: its own lock file wants a webpki-roots newer than the registry serves.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# Node tools (wasm-opt from binaryen's JS build, the browser-test driver, axe-core, the
# open-data package): exact versions from package-lock.json. The stamp records which lock
# file node_modules was installed from.
if ! cmp -s package-lock.json node_modules/.installed-from-lock 2>/dev/null; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.installed-from-lock
fi
wasm-opt --version | grep -q "version 132" \
  || { echo "setup: wasm-opt on PATH is not binaryen 132: $(command -v wasm-opt)" >&2; exit 1; }

say "fetching crates"
cargo fetch --locked -q
say "ready"
