#!/usr/bin/env bash
# Takes a screenshot of the studio as a user sees it, under a virtual X display.
# Usage: bash packaging/screenshot.sh OUT.png [polytrain options...]   (needs xvfb and imagemagick)
set -euo pipefail
out=$1
shift
bin=${POLYTRAIN_BIN:-$(dirname "$0")/../build/dev/app/polytrain}
settle=${POLYTRAIN_SETTLE_SECONDS:-4}
xvfb-run -a -s "-screen 0 1280x800x24" bash -c "
  '$bin' $* &
  pid=\$!
  sleep $settle
  import -window root '$out'
  kill \$pid
"
echo "screenshot: $out"
