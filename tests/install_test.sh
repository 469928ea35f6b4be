#!/bin/sh
# SPDX-License-Identifier: MIT
# `cmake --install` gives a binary that finds its data files from any directory: installs into a
# temporary prefix and runs the installed headroom from outside the source tree.
# Usage: install_test.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1
source=$2
prefix=$(mktemp -d)
work=$(mktemp -d)
trap 'rm -rf "$prefix" "$work"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
bin=$prefix/bin/headroom
cd "$work"
unset HEADROOM_DATA

# An accelerator by name, with the technology tables (energy needs them), from share/headroom.
"$bin" run --accel default --network alexnet --json out.json >/dev/null
grep -q "\"file\": \"$prefix/share/headroom/configs/accel/default.yaml\"" out.json
grep -q '"energy"' out.json
# A repository-relative path, a device and a run config, all from share/headroom.
"$bin" run --accel configs/accel/tpu-v1.yaml --network alexnet >/dev/null
"$bin" train --device a100 --run configs/runs/gpt3-175b.yaml --chips 1024 \
  --parallel dp=8,tp=8,pp=16 >/dev/null

# The installed binary reads only its prefix: without the prefix's tables it fails (exit 2,
# naming them) even though the source tree it was built from still has them...
rm -r "$prefix/share/headroom/configs/tech"
status=0
"$bin" run --accel default --network alexnet >/dev/null 2>err.txt || status=$?
test "$status" -eq 2
grep -q "configs/tech" err.txt
# ...and $HEADROOM_DATA, searched first, supplies them again.
HEADROOM_DATA=$source "$bin" run --accel default --network alexnet >/dev/null
echo "install test: ok"
