#!/usr/bin/env bash
# Sets up everything on a fresh Debian bookworm machine, builds PolyTrain Studio and runs the whole test suite.
# Usage: bash packaging/run-tests.sh        (as root, or a user with sudo)
set -euo pipefail
cd "$(dirname "$0")/.."

bash packaging/install-deps.sh

preset=${POLYTRAIN_PRESET:-ci}
jobs=${POLYTRAIN_JOBS:-$(nproc)}
start=$(date +%s)
cmake --preset "$preset"
cmake --build --preset "$preset" -j "$jobs"
built=$(date +%s)
echo "run-tests: build took $((built - start)) s with $jobs jobs"

# The GUI tests run on Qt's offscreen platform; no display is needed.
export QT_QPA_PLATFORM=offscreen
ctest --preset "$preset" -j "$jobs"
echo "run-tests: tests took $(($(date +%s) - built)) s"
