// SPDX-License-Identifier: MIT
// A training run described in configs/runs/*.yaml: what was trained, on how much data, on what
// hardware for how long. `headroom compute` turns it into training compute (both methods of
// "AI and Compute"); `headroom train` reads the same file for time-to-train. Every key is
// documented in docs/compute-accounting.md.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "headroom/models/compute.hpp"
#include "headroom/sim/device_spec.hpp"

namespace headroom::sim {

// The figures a source published, kept to check the recomputation against.
struct StatedPfsDays {
  std::optional<double> method1;  // counting operations
  std::optional<double> method2;  // hardware time
};

struct RunConfig {
  std::string file;  // where it was read from ("command line" for flags only)
  std::string name;
  std::string source;  // citation of the inputs
  std::optional<int> year;
  // Publication date YYYY-MM-DD: a run with one is a point of `headroom trends fit`'s own table.
  std::optional<std::string> date;
  std::string dataset;

  // What is trained: a zoo network, or a raw forward MAC count per example (which wins when
  // both are given, so a source's own count is reproduced exactly).
  std::optional<std::string> network;
  std::optional<double> forward_macs_per_example;
  // How much: examples (images, states, words...) per epoch x epochs, or a token budget for
  // language models (then the network's MACs are per token).
  std::optional<double> examples_per_epoch;
  std::optional<double> epochs;
  std::optional<double> tokens;
  double flops_per_mac = kFlopsPerMac;
  double fwd_bwd_factor = 3;
  double extra_factor = 1;

  // On what, for how long.
  std::optional<double> devices;
  std::optional<std::string> device;  // a configs/gpus name or alias
  std::optional<double> device_peak_tflops;
  std::optional<double> days;
  std::optional<double> utilization;

  // Training settings for time-to-train.
  std::optional<std::uint64_t> global_batch;  // examples (or sequences) per optimizer step
  std::optional<std::uint64_t> seq_len;
  std::optional<std::uint64_t> image_size;
  std::optional<std::string> optimizer;  // sgd, momentum, adam
  std::optional<Precision> precision;    // any name or alias of models/precision.hpp

  StatedPfsDays stated_pfs_days;

  // 1-based line of each key in `file`, for errors found after parsing (unknown network...).
  std::map<std::string, int> lines;

  // examples_per_epoch x epochs, or tokens.
  [[nodiscard]] std::optional<double> total_examples() const;
  [[nodiscard]] bool has_method1() const;  // counting operations can be evaluated
  [[nodiscard]] bool has_method2() const;  // hardware time can be evaluated
};

// Reads and validates a run file. `overrides` (key -> value as YAML text) replace or add
// top-level keys before validation, so command-line flags are checked like the file.
// Throws InputError listing every problem with file:line:column, key, expected and found:
// unknown keys (with the closest known one), wrong types, impossible values, a method with
// some inputs missing, or neither method possible.
[[nodiscard]] RunConfig load_run_config(const std::string& path,
                                        const std::map<std::string, std::string>& overrides = {});
// The same from flags alone; `label` names the source in messages.
[[nodiscard]] RunConfig run_config_from_values(const std::map<std::string, std::string>& values,
                                               const std::string& label);

// A run's inputs resolved against the zoo and configs/gpus.
struct ResolvedRun {
  std::optional<models::OperationCount> method1;
  std::optional<models::HardwareTime> method2;
  std::optional<DeviceSpec> device;
  // The zoo's forward MACs per example for `network`; method 1 uses it unless the file gives
  // forward_macs_per_example (a source's own count).
  std::optional<double> network_macs_per_example;
};

// Throws InputError (located at the key's line) for an unknown network or device, or a device
// without a peak at the run's precision and no device_peak_tflops.
[[nodiscard]] ResolvedRun resolve_run(const RunConfig& run);

}  // namespace headroom::sim
