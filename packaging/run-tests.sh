#!/usr/bin/env bash
# Sets up everything on a fresh Debian bookworm machine, builds PolyTrain Studio and runs the whole test suite.
# Usage: bash packaging/run-tests.sh        (as root, or a user with sudo)
set -euo pipefail
cd "$(dirname "$0")/.."

bash packaging/install-deps.sh

preset=${POLYTRAIN_PRESET:-ci}
jobs=${POLYTRAIN_JOBS:-$(nproc)}
# A full disk fails tests in ways that look like bugs of ours: say up front how much room there is.
df -h . | tail -n 1 | awk '{print "run-tests: " $4 " free on " $6 " before the build"}'
start=$(date +%s)
cmake --preset "$preset"
cmake --build --preset "$preset" -j "$jobs"
built=$(date +%s)
echo "run-tests: build took $((built - start)) s with $jobs jobs"

# The GUI tests run on Qt's offscreen platform; no display is needed.
export QT_QPA_PLATFORM=offscreen
status=0
ctest --preset "$preset" -j "$jobs" || status=$?
echo "run-tests: tests took $(($(date +%s) - built)) s"
df -h . | tail -n 1 | awk '{print "run-tests: " $4 " free on " $6 " after the tests"}'
du -sh "build/$preset/test-output" 2>/dev/null | awk '{print "run-tests: the tests left " $1 " in build/'"$preset"'/test-output"}'
exit "$status"
