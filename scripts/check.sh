#!/usr/bin/env bash
# Opt-in: the whole suite under AddressSanitizer + UBSan (the `asan` preset). Slow (a full
# instrumented build); CI runs the ordinary preset. Result recorded in docs/reliability.md.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset asan >/dev/null
nice cmake --build --preset asan -j"${JOBS:-2}"
nice ctest --preset asan -j"${JOBS:-2}" "$@"
