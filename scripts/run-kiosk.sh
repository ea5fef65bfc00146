#!/usr/bin/env bash
# Builds the kiosk and runs it on the bundled exhibits (in a window; pass your own
# arguments to do anything else, e.g. `scripts/run-kiosk.sh run kiosk.ron` for full-screen).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh run
if [ $# -eq 0 ]; then
    set -- run kiosk.ron --windowed
fi
exec cargo run --bin kiosk -- "$@"
