// SPDX-License-Identifier: MIT
// One entry per input reader, shared by the libFuzzer targets (fuzz/fuzz_target.cpp) and the
// suite's replay of tests/data/fuzz/<target>/*: a reader may accept its input or refuse it
// with InputError; anything else (another exception, a crash, a sanitizer report) is a bug.
// To fuzz a new reader, add a feed function and a line in targets(), then its name to
// HEADROOM_FUZZ_TARGETS in fuzz/CMakeLists.txt.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "headroom/models/error.hpp"
#include "headroom/models/scalesim_topology.hpp"
#include "headroom/models/trace_file.hpp"
#include "headroom/models/workload.hpp"
#include "headroom/sim/accel_config.hpp"
#include "headroom/sim/device_spec.hpp"
#include "headroom/sim/run_config.hpp"
#include "headroom/sim/scalesim_config.hpp"
#include "sweep/spec.hpp"

namespace headroom::fuzz {

// The readers that take only a path get the input through a per-process scratch file.
inline std::string scratch_file(const std::string& data, const char* extension) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("headroom-fuzz-" + std::to_string(::getpid()) + extension);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << data;
  return path.string();
}

inline void feed_accel_yaml(const std::string& data) {
  (void)sim::parse_accel_config(data, "fuzz.yaml");
}

inline void feed_gpu_yaml(const std::string& data) {
  (void)sim::load_device_file(scratch_file(data, ".yaml"));
}

inline void feed_run_yaml(const std::string& data) {
  const sim::RunConfig run = sim::load_run_config(scratch_file(data, ".yaml"), {});
  (void)sim::resolve_run(run);
}

inline void feed_scalesim_cfg(const std::string& data) {
  (void)sim::parse_scalesim_config(data, "fuzz.cfg");
}

inline void feed_topology_csv(const std::string& data) {
  const models::Trace t = models::parse_scalesim_topology(data, "fuzz.csv");
  (void)t.total_macs();
}

// Both JSON trace readers: a trace file (.jsonl) and a torch.profiler Chrome trace (.json).
inline void feed_trace(const std::string& data) {
  try {
    (void)models::parse_torch_profile(data, "fuzz.json").forward_macs();
  } catch (const InputError&) {
  }
  (void)models::parse_trace_file(data, "fuzz.jsonl").forward_macs();
}

inline void feed_onnx(const std::string& data) {
  // A symbolic dimension the fuzzer keeps (tests/data/onnx/gen/symbolic.onnx) gets a value.
  models::OnnxOptions options;
  options.dims = {{"batch", 2}, {"seq", 16}};
  (void)models::read_onnx_network(scratch_file(data, ".onnx"), 1, options);
}

// A sweep spec names its base config relative to its own folder: the spec is written into a
// per-process folder beside `accel.yaml`, a small valid accelerator config, so `base: accel.yaml`
// (the seeds' base) resolves. A mutated base may name any other file; read_input_file guards it.
inline void feed_sweep_spec(const std::string& data) {
  static const std::filesystem::path dir = [] {
    const auto d = std::filesystem::temp_directory_path() /
                   ("headroom-fuzz-sweep-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    std::ofstream(d / "accel.yaml", std::ios::binary | std::ios::trunc)
        << "name: fuzz-base\nclock: \"700 MHz\"\nprecision: int8\n"
           "array: {rows: 16, cols: 16, dataflow: ws, macs_per_pe_per_cycle: {int8: 1}}\n"
           "sram: {unified: {size: \"1 MiB\"}}\n"
           "dram: {type: ddr4, bandwidth: \"25 GB/s\"}\n"
           "tech: {node: \"28 nm\"}\n";
    return d;
  }();
  const auto path = dir / "spec.yaml";
  std::ofstream(path, std::ios::binary | std::ios::trunc) << data;
  (void)sim::sweep::load_sweep_spec(path.string());
}

struct Target {
  const char* name;
  void (*feed)(const std::string&);
};

inline const std::vector<Target>& targets() {
  static const std::vector<Target> all = {
      {"accel_yaml", feed_accel_yaml},     {"gpu_yaml", feed_gpu_yaml},
      {"run_yaml", feed_run_yaml},         {"scalesim_cfg", feed_scalesim_cfg},
      {"topology_csv", feed_topology_csv}, {"onnx", feed_onnx},
      {"sweep_spec", feed_sweep_spec},     {"trace", feed_trace},
  };
  return all;
}

// Runs one input through a reader. True when accepted, false when refused with InputError.
inline bool feed(const Target& target, const std::string& data) {
  try {
    target.feed(data);
    return true;
  } catch (const InputError&) {
    return false;
  }
}

}  // namespace headroom::fuzz
