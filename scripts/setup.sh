#!/usr/bin/env bash
# Installs what building and running the kiosk needs on Debian / Ubuntu, if missing.
# Sourced by run-kiosk.sh and test.sh; safe to run again (it only installs what is absent).
set -euo pipefail

# Build: C headers for ALSA (audio) and udev (gamepads).
# Run / snapshot: X11 client libraries winit loads at run time, a Vulkan loader and Mesa's
# drivers (software rendering where there is no GPU), espeak-ng (voicing: the screen read
# aloud offline), Xvfb for headless screenshots.
build_packages=(pkg-config libasound2-dev libudev-dev)
run_packages=(libx11-6 libxcursor1 libxrandr2 libxi6 libxkbcommon-x11-0 libvulkan1 mesa-vulkan-drivers espeak-ng)
# Tests: Node runs the independent xAPI validator (Learning Locker's xapi-validation).
test_packages=(xvfb xauth)
command -v node >/dev/null 2>&1 || test_packages+=(nodejs)
command -v npm >/dev/null 2>&1 || test_packages+=(npm)

want=("${build_packages[@]}")
case "${1:-}" in
    run) want+=("${run_packages[@]}") ;;
    test) want+=("${run_packages[@]}" "${test_packages[@]}") ;;
esac

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

missing=()
for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "Installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
    if [ -x "$HOME/.cargo/bin/cargo" ]; then
        export PATH="$HOME/.cargo/bin:$PATH"
    else
        echo "Installing the Rust toolchain (rustup)"
        command -v curl >/dev/null 2>&1 || { $sudo apt-get install -y -qq curl ca-certificates; }
        curl --proto "=https" --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --component rustfmt,clippy
        export PATH="$HOME/.cargo/bin:$PATH"
    fi
fi

# The independent xAPI validator the report's tests check statements with.
if [ "${1:-}" = test ]; then
    xapi_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/target/tools/xapi"
    if [ ! -d "$xapi_dir/node_modules/xapi-validation" ]; then
        echo "Installing xapi-validation 2.1.4 (npm) into $xapi_dir"
        mkdir -p "$xapi_dir"
        (cd "$xapi_dir" && npm install --silent --no-audit --no-fund --no-save xapi-validation@2.1.4)
    fi
    export XAPI_VALIDATOR="$xapi_dir"
fi
