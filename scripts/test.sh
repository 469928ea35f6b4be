#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, and runs the whole test suite.
# Shares build/release and its flags (the release preset, warnings as errors) with
# scripts/quickstart.sh, so running both compiles once: pass no -D here, or the flags differ and
# everything is rebuilt.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"
ctest --preset release -j "$(nproc)"
