// SPDX-License-Identifier: MIT
// The run driver: an accelerator config and a workload trace in, one sim::Result out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "headroom/accel/config.hpp"
#include "headroom/accel/simulator.hpp"
#include "headroom/models/lowering.hpp"
#include "headroom/models/trace.hpp"
#include "headroom/models/workload.hpp"
#include "headroom/sim/result.hpp"

namespace headroom::sim {

// What the user asked for on the command line (or in a sweep point).
struct RunRequest {
  std::string accel_path;  // accelerator: .yaml (Headroom) or .cfg (SCALE-Sim)
  std::string network;     // a zoo network name, or
  std::string topology;    // a SCALE-Sim topology .csv
  std::uint64_t batch = 1;
  std::optional<accel::Precision> precision;  // the config's default when empty
  bool training = false;                      // one training step instead of inference
  models::Optimizer optimizer = models::Optimizer::SgdMomentum;  // of the training step
  models::OnnxOptions onnx;                                      // when `network` is an ONNX file
};

// Runs `trace` on `config` with a caller-owned simulator (sweeps reuse one), then derives
// energy and area. Throws InputError if the array cannot run `precision`.
[[nodiscard]] Result run_network(accel::Simulator& simulator,
                                 const accel::AcceleratorConfig& config, const models::Trace& trace,
                                 accel::Precision precision, bool training = false);
[[nodiscard]] Result run_network(const accel::AcceleratorConfig& config, const models::Trace& trace,
                                 accel::Precision precision, bool training = false);

// Reads an accelerator file, choosing the reader by extension (.yaml/.yml or .cfg).
[[nodiscard]] accel::AcceleratorConfig load_accelerator(const std::string& path);

// Builds the trace the request names (zoo network or topology file) at its batch and mode.
[[nodiscard]] models::Trace load_workload(const RunRequest& request);

// load_accelerator + load_workload + run_network.
[[nodiscard]] Result run(const RunRequest& request);

}  // namespace headroom::sim
