// SPDX-License-Identifier: MIT
// device_step (declared in train.hpp): a datasheet device's training step, op by op through the
// shared model of gpu_model.hpp.
#include "headroom/sim/gpu_model.hpp"
#include "headroom/sim/train.hpp"

namespace headroom::sim {

ChipStepProfile device_step(const DeviceSpec& device, Precision precision,
                            const models::Network& network, models::Optimizer optimizer) {
  const GpuModel model = make_gpu_model(device, precision);
  const double power = device.tdp_w.value_or(0);
  const models::Trace trace = models::lower_training_step(network, optimizer);
  const std::string& first =
      network.lowered() ? trace.ops.front().layer : network.layers().front().name;
  ChipStepProfile p;
  for (const auto& op : trace.ops) {
    const OpTime time = op_time(model, op);
    const double t = time.total_s();
    if (op.phase == models::Phase::Update) {
      p.update_s += t;
      p.update_energy_j += t * power;
      continue;
    }
    (op.phase == models::Phase::Forward ? p.forward_s : p.backward_s) += t;
    if (op.layer == first && op.phase != models::Phase::Forward) p.first_layer_backward_s += t;
    p.forward_backward_energy_j += t * power;
    p.forward_backward_flop += time.flop;
  }
  p.static_power_w = power;  // TDP while waiting too: an upper bound
  p.peak_flops = model.peak_flops;
  return p;
}

}  // namespace headroom::sim
