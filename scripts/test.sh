#!/usr/bin/env bash
# The one command that runs every test: installs what it needs (scripts/setup.sh), then
#   1. the story model, the apps and the program on the host (cargo test; the council's store
#      also on a throwaway PostgreSQL, scripts/postgres.sh), clippy with every warning an
#      error, and the code's format (rustfmt, rustfmt.toml),
#   2. the scripts (node --test scripts/),
#   3. component tests in headless Chromium (wasm-bindgen-test),
#   4. the README's serve command: the program, `recit`, built with the apps it carries
#      (scripts/build.sh, once), `recit publish story --out dist` (which validates story/), then
#      `recit serve dist`, which serves a deep link's page and its app (checked),
#   5. end-to-end tests of dist/ served by `recit serve`, in headless Chromium
#      (node --test tests/e2e/),
#   6. the size report of dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"

step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

# A PostgreSQL of the tests' own, for the council's store on a database server; gone at the end.
eval "$(bash scripts/postgres.sh start)"
trap 'bash scripts/postgres.sh stop' EXIT

step "story model, apps and program (host)"
cargo test --workspace --all-features --locked
cargo clippy --workspace --all-features --all-targets --locked -- -D warnings
cargo fmt --all -- --check

step "scripts"
node --test scripts/

step "components in headless Chromium"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --locked --target wasm32-unknown-unknown -p recit --test components

step "the program built, story/ published into dist/ and served by the README's serve command"
bash scripts/check-serve.sh

step "end-to-end in headless Chromium"
# A test that hangs fails after 10 minutes (far longer than the longest takes) instead of
# holding CI.
node --test --test-concurrency=1 --test-timeout=600000 tests/e2e/

step "sizes"
bash scripts/sizes.sh
