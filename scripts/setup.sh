#!/usr/bin/env bash
# Installs what building and running the kiosk needs on Debian / Ubuntu, if missing.
# Sourced by run-kiosk.sh and test.sh; safe to run again (it only installs what is absent).
set -euo pipefail

# Build: C headers for ALSA (audio) and udev (gamepads).
# Run / snapshot: X11 client libraries winit loads at run time, a Vulkan loader and Mesa's
# drivers (software rendering where there is no GPU), Xvfb for headless screenshots.
build_packages=(pkg-config libasound2-dev libudev-dev)
run_packages=(libx11-6 libxcursor1 libxrandr2 libxi6 libxkbcommon-x11-0 libvulkan1 mesa-vulkan-drivers)
test_packages=(xvfb xauth)

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
