#!/usr/bin/env bash
# Sets up everything on a fresh Debian bookworm machine, builds PolyTrain Studio and runs it.
# With a display the studio opens; without one it says so and runs the headless checks instead.
# Usage: bash packaging/run-studio.sh [studio options...]
set -euo pipefail
cd "$(dirname "$0")/.."

bash packaging/install-deps.sh
cmake --preset release
cmake --build --preset release -j "${POLYTRAIN_JOBS:-$(nproc)}"

bin=build/release/app
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$bin/polytrain" "$@"
fi

echo "run-studio: no display (DISPLAY and WAYLAND_DISPLAY are unset), so the studio window cannot open."
echo "run-studio: to see the studio without a desktop: xvfb-run -a $bin/polytrain"
echo "run-studio: running the headless checks instead: polytrain-cli doctor"
"$bin/polytrain-cli" doctor
