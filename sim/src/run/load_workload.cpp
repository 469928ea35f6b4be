// SPDX-License-Identifier: MIT
#include "headroom/models/error.hpp"
#include "headroom/models/lowering.hpp"
#include "headroom/models/scalesim_topology.hpp"
#include "headroom/models/workload.hpp"
#include "headroom/sim/run.hpp"

namespace headroom::sim {

models::Trace load_workload(const RunRequest& request) {
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
  return request.training ? models::lower_training_step(network, request.optimizer)
                          : models::lower_forward(network);
}

Result run(const RunRequest& request) {
  const accel::AcceleratorConfig config = load_accelerator(request.accel_path);
  const models::Trace trace = load_workload(request);
  return run_network(config, trace, request.precision.value_or(config.precision), request.training);
}

}  // namespace headroom::sim
