#!/usr/bin/env bash
# Installs the Debian packages Headroom needs, and only those that are missing. Idempotent.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config git clang-format
  libsystemc-dev libboost-dev libgtest-dev libbenchmark-dev
  libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libfmt-dev
  libonnx-dev libprotobuf-dev protobuf-compiler python3-onnx libsqlite3-dev libopenmpi-dev libeigen3-dev
  openmpi-bin
  gnuplot-nox            # draws `headroom plot` and the --html pictures
  libxml2-dev libpng-dev # the plot tests read the SVGs and the browser's screenshot
  chromium               # the HTML report test renders the page in a real browser
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages are installed"
  exit 0
fi
echo "setup: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "setup: need root to install ${missing[*]}; run as root or install sudo" >&2
  exit 1
fi
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
