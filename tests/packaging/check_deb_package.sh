#!/usr/bin/env bash
# Builds the .deb with CPack, checks its metadata and layout, unpacks it and runs the packaged programs, then (as
# root) installs it with dpkg -i, runs the installed programs and removes it again.
# Usage: check_deb_package.sh BUILD_DIR WORK_DIR
set -euo pipefail
build=$1
work=$2
rm -rf "$work"
mkdir -p "$work/root"

(cd "$build" && cpack -G DEB -B "$work" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/polytrain-studio_*.deb)
echo "package: $deb ($(du -h "$deb" | cut -f1))"

depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for library in libtorch libopencv libqt6widgets6 libqcustomplot2.1-qt6 libopenblas0; do
  grep -q "$library" <<<"$depends" || { echo "FAIL: Depends lacks $library"; exit 1; }
done

dpkg-deb -x "$deb" "$work/root"
for file in usr/bin/polytrain usr/bin/polytrain-cli usr/share/applications/polytrain-studio.desktop \
            usr/share/metainfo/io.github.polytrain.Studio.metainfo.xml \
            usr/share/icons/hicolor/scalable/apps/polytrain-studio.svg; do
  [ -e "$work/root/$file" ] || { echo "FAIL: the package lacks /$file"; exit 1; }
done
desktop-file-validate "$work/root/usr/share/applications/polytrain-studio.desktop"
appstreamcli validate --no-net --explain "$work/root/usr/share/metainfo/io.github.polytrain.Studio.metainfo.xml"

version=$("$work/root/usr/bin/polytrain-cli" --version)
echo "installed polytrain-cli --version: $version"
[[ "$version" == "polytrain-cli "* ]] || { echo "FAIL: unexpected version output"; exit 1; }

QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$work/config" \
  "$work/root/usr/bin/polytrain" --screenshot "$work/started.png"
[ -s "$work/started.png" ] || { echo "FAIL: the packaged GUI did not start"; exit 1; }

# A real installation with dpkg, when we may (root, and no copy of the package installed by the user that removing
# ours would take away); it is removed again afterwards, whatever happens.
package=$(dpkg-deb -f "$deb" Package)
if [ "$(id -u)" -ne 0 ]; then
  echo "not root: the package was checked unpacked only (run as root to check dpkg -i as well)"
  exit 0
fi
if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
  echo "$package is already installed on this machine: not replacing it; checked unpacked only"
  exit 0
fi
trap 'dpkg -r "$package" >/dev/null 2>&1 || true' EXIT
dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; echo "FAIL: dpkg -i $deb"; exit 1; }
installed=$(/usr/bin/polytrain-cli --version)
echo "dpkg -i: /usr/bin/polytrain-cli --version: $installed"
[[ "$installed" == "polytrain-cli "* ]] || { echo "FAIL: the installed polytrain-cli does not run"; exit 1; }
QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$work/config" /usr/bin/polytrain --screenshot "$work/installed.png"
[ -s "$work/installed.png" ] || { echo "FAIL: the installed GUI did not start"; exit 1; }
dpkg -r "$package" >/dev/null
[ ! -e /usr/bin/polytrain-cli ] || { echo "FAIL: dpkg -r left /usr/bin/polytrain-cli behind"; exit 1; }
echo "installed with dpkg -i, both programs ran, removed with dpkg -r"
