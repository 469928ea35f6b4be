// SPDX-License-Identifier: MIT
// The run driver: an accelerator config and a workload trace in, one sim::Result out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "headroom/accel/config.hpp"
#include "headroom/accel/simulator.hpp"
#include "headroom/models/fuse.hpp"
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
  // Inference runs the deployment graph (models/fuse.hpp: BatchNorm folded, element-wise ops in
  // the GEMMs' output stage); false (--no-fuse) runs the network as written. Training and
  // SCALE-Sim topologies always run as written.
  bool fuse = true;
  // With fuse: chains of convolutions whose maps do not fit whole run depth-first, in row bands
  // (models::depth_first_chains); false (--no-depth-first) keeps only whole maps on chip.
  bool depth_first = true;
  // With !fuse: the graph as the workload gives it, a trace file fused or not (a sweep's device
  // rows); without, a fused trace file with !fuse is an InputError.
  bool as_written = false;
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

// Builds the trace the request names (zoo network or topology file) at its batch and mode. When
// it fused the inference graph, `fusion` (if given) receives what the pass did.
[[nodiscard]] models::Trace load_workload(const RunRequest& request,
                                          std::optional<models::FusionSummary>* fusion = nullptr);

// Inter-layer reuse for a fused inference trace on `config` (models::keep_on_chip over the
// activation buffers: ifmap + ofmap, or two thirds of a unified buffer), then, when
// `depth_first`, depth-first chains (models::depth_first_chains; weights resident in the filter
// buffer, or a third of a unified one); records the maps kept and the chains.
void keep_maps_on_chip(models::Trace& trace, const accel::AcceleratorConfig& config,
                       accel::Precision precision, models::FusionSummary& fusion,
                       bool depth_first = true);

// load_accelerator + load_workload + run_network.
[[nodiscard]] Result run(const RunRequest& request);

}  // namespace headroom::sim
