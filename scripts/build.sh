#!/usr/bin/env bash
# Builds Récit's one program, `target/release/recit`: first the apps (trunk, into target/apps:
# the plain reader, the kiosk and workshop app, the council's editor, their page and scripts),
# then the program, which carries them (crates/recit-cli/build.rs). A release of Récit is that
# one file: `recit publish STORY_DIR --out DIR` then needs no other tool. Installs what it
# needs first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
trunk build --release
cargo build --release --locked -p recit-cli
echo "built target/release/recit ($(stat -c %s target/release/recit) bytes)"
