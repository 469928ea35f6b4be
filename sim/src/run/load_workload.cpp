// SPDX-License-Identifier: MIT
#include "headroom/models/error.hpp"
#include "headroom/models/fuse.hpp"
#include "headroom/models/lowering.hpp"
#include "headroom/models/scalesim_topology.hpp"
#include "headroom/models/workload.hpp"
#include "headroom/sim/run.hpp"

namespace headroom::sim {

models::Trace load_workload(const RunRequest& request,
                            std::optional<models::FusionSummary>* fusion) {
  if (fusion != nullptr) fusion->reset();
  if (!request.topology.empty()) {
    // A SCALE-Sim topology fixes its layer shapes, batch included, and is inference only.
    if (request.batch != 1)
      throw InputError(input_error_message("--batch", 0, "",
                                           "1 with --topology (the CSV's shapes fix the batch)",
                                           std::to_string(request.batch)));
    if (request.training)
      throw InputError(input_error_message("--training", 0, "",
                                           "a zoo network (--network); a topology is forward only",
                                           "--topology " + request.topology));
    // --topology names the format, whatever the file's extension.
    return models::lower_forward(models::load_scalesim_network(request.topology));
  }
  const models::Network network = models::load_network({.network = request.network,
                                                        .batch = request.batch,
                                                        .image_size = std::nullopt,
                                                        .seq_len = std::nullopt,
                                                        .onnx = request.onnx});
  if (request.training) return models::lower_training_step(network, request.optimizer);
  if (request.as_written && !request.fuse) return models::lower_forward(network);
  return models::lower_inference_graph(network, request.fuse, fusion);
}

void keep_maps_on_chip(models::Trace& trace, const accel::AcceleratorConfig& config,
                       accel::Precision precision, models::FusionSummary& fusion,
                       bool depth_first) {
  const accel::SramConfig& sram = config.sram;
  // Weights stream through the filter buffer (a third of a unified one); maps use the rest.
  const std::uint64_t activation_bytes = sram.unified
                                             ? sram.unified_buffer.size_bytes / 3 * 2
                                             : sram.ifmap.size_bytes + sram.ofmap.size_bytes;
  const std::uint64_t weight_bytes =
      sram.unified ? sram.unified_buffer.size_bytes / 3 : sram.filter.size_bytes;
  fusion.maps_kept_on_chip = models::keep_on_chip(trace, activation_bytes, precision);
  fusion.depth_first = depth_first;
  if (!depth_first) return;
  const models::DepthFirstSummary chains =
      models::depth_first_chains(trace, {activation_bytes, weight_bytes, precision});
  fusion.depth_first_chains = chains.chains;
  fusion.maps_in_bands = chains.maps_in_bands;
  fusion.maps_kept_on_chip -= chains.maps_unkept;
}

Result run(const RunRequest& request) {
  const accel::AcceleratorConfig config = load_accelerator(request.accel_path);
  std::optional<models::FusionSummary> fusion;
  models::Trace trace = load_workload(request, &fusion);
  const accel::Precision precision = request.precision.value_or(config.precision);
  if (fusion) keep_maps_on_chip(trace, config, precision, *fusion, request.depth_first);
  Result r = run_network(config, trace, precision, request.training);
  r.fusion = fusion;
  return r;
}

}  // namespace headroom::sim
