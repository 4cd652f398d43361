#!/usr/bin/env bash
# Installs every Debian bookworm package PolyTrain Studio needs to build, run and test.
# Idempotent: packages already present are left alone. Run as root (or with sudo).
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git clang libclang-rt-14-dev
  # GUI
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev libgl-dev
  libqcustomplot-dev libqcustomplot2.1-qt6
  # tensors and a fast BLAS (without it Debian's torch falls back to reference BLAS)
  libtorch-dev libopenblas0-pthread
  # images, video, camera, JSON
  libopencv-dev nlohmann-json3-dev libcli11-dev
  # tests and their oracles
  googletest libgtest-dev libgmock-dev python3 python3-numpy python3-pil python3-torchvision
  labelme labelme-examples
  # translations: Chinese glyphs, Qt's own translations (qtbase_zh_CN.qm for the standard dialogs)
  fonts-noto-cjk qt6-translations-l10n
  # looking at the GUI without a display
  xvfb xauth imagemagick
  # checking the package: .desktop and AppStream validators
  desktop-file-utils appstream
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
