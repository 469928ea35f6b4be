#!/usr/bin/env bash
# Fuzzes every input reader with libFuzzer for SECONDS each (default 60): builds the `fuzz`
# preset (clang, ASan + UBSan) and runs build/fuzz/fuzz_<target> on a corpus seeded from the
# repository's own configs and tests/data/fuzz/<target>. Opt-in, not part of the default build.
# A crash leaves build/fuzz/artifacts/<target>/crash-*; once fixed, copy it to
# tests/data/fuzz/<target>/ so the normal suite replays it (tests/sim/fuzz_corpus_test.cpp).
# FUZZ_TARGETS="trace onnx" fuzzes only those. FUZZ_TIMEOUT (seconds, default 10) is the time one
# input may take: raise it on a machine so loaded that a niced fuzzer waits longer than that for
# the CPU; replay a timeout alone to tell.
set -uo pipefail
seconds="${1:-60}"
cd "$(dirname "$0")/.."

# The fuzzer runtime (libclang_rt.fuzzer) is in Debian's libclang-rt-14-dev; installed on demand only.
if ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  echo "fuzz: installing clang and libfuzzer (Debian)"
  sudo=(); [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    clang libclang-rt-14-dev || exit 1
fi

cmake --preset fuzz >/dev/null || exit 1
cmake --build --preset fuzz --target headroom_fuzz -j"${JOBS:-2}" || exit 1

# Seeds per target: files the reader is meant to accept, plus what earlier runs kept.
seeds() {
  case "$1" in
    accel_yaml) ls configs/accel/*.yaml tests/data/bad/*.yaml ;;
    gpu_yaml) ls configs/gpus/*.yaml ;;
    run_yaml) ls configs/runs/*.yaml tests/data/train/*.yaml tests/data/bad_runs/*.yaml ;;
    scalesim_cfg) ls tests/data/scalesim/*/*.cfg ;;
    topology_csv) ls tests/data/scalesim/*/*.csv | grep -v _REPORT.csv ;;
    # Valid traces (torch.profiler .json, exported .jsonl in tests/data/fuzz/trace) and the
    # corpus's malformed ones, each close to a different error path.
    trace) ls tests/data/trace/* tests/data/property/*.jsonl tests/data/bad/corpus/trace/*.jsonl ;;
    # The small models (the larger ones are past -max_len); sweep specs are kept in tests/data/fuzz.
    onnx) ls tests/data/onnx/gen/*.onnx tests/data/onnx/resnet18.onnx ;;
  esac
  [ -d "tests/data/fuzz/$1" ] && ls "tests/data/fuzz/$1"/*
}

# One target: its seeds, SECONDS of fuzzing, a summary line. Returns libFuzzer's status.
run_target() {
  local binary="$1" target="${1##*/fuzz_}"
  local corpus="build/fuzz/corpus/$target" artifacts="build/fuzz/artifacts/$target"
  mkdir -p "$corpus" "$artifacts" build/fuzz/logs
  seeds "$target" | while read -r f; do cp -n "$f" "$corpus/seed-$(basename "$f")"; done
  # The readers never need more than a config's worth of input.
  local max_len=8192
  # An ONNX model needs more, and so does a torch.profiler trace (the seeds are 50-57 kB).
  [ "$target" = onnx ] || [ "$target" = trace ] && max_len=65536
  nice "$binary" -max_total_time="$seconds" -max_len="$max_len" -timeout="${FUZZ_TIMEOUT:-10}" \
    -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" \
    >"build/fuzz/logs/$target.log" 2>&1
  local rc=$?
  echo "fuzz: $target: $(grep -E '^#[0-9]+.*(DONE|pulse)' "build/fuzz/logs/$target.log" | tail -1)"
  [ $rc -eq 0 ] || echo "fuzz: $target FOUND A PROBLEM (exit $rc): build/fuzz/logs/$target.log, $artifacts"
  return $rc
}

# FUZZ_PARALLEL=1 runs the targets side by side (same SECONDS each, less CPU each).
status=0
pids=()
for binary in build/fuzz/fuzz/fuzz_*; do
  # FUZZ_TARGETS="trace onnx" runs only those targets.
  [ -z "${FUZZ_TARGETS:-}" ] || [[ " $FUZZ_TARGETS " == *" ${binary##*/fuzz_} "* ]] || continue
  echo "fuzz: ${binary##*/fuzz_} for ${seconds}s"
  if [ "${FUZZ_PARALLEL:-0}" = 1 ]; then
    run_target "$binary" &
    pids+=($!)
  else
    run_target "$binary" || status=1
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit $status
