#!/usr/bin/env bash
# Runs every check CI runs: formatting, lints, unit and integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh test
cargo fmt --check
cargo clippy --workspace --all-targets -- -D warnings
cargo test --workspace
