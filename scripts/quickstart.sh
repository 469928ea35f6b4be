#!/usr/bin/env bash
# Installs what is missing, builds an optimised headroom, and runs ResNet-50 on the default accelerator.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"
build/release/headroom run --accel configs/accel/default.yaml --network resnet50 "$@"
