// SPDX-License-Identifier: MIT
// device_step (declared in train.hpp): a datasheet device's training step, op by op through the
// shared model of gpu_model.hpp.
#include <algorithm>
#include <vector>

#include "headroom/sim/device_run.hpp"
#include "headroom/sim/gpu_model.hpp"
#include "headroom/sim/train.hpp"

namespace headroom::sim {

ChipStepProfile device_step(const DeviceSpec& device, Precision precision,
                            const models::Network& network, models::Optimizer optimizer,
                            Framework framework) {
  const GpuModel model = make_gpu_model(device, precision, framework);
  // The activity-based power of `run --device` (device_run.cpp, docs/gpu-model.md): idle plus
  // the busy-minus-idle span times each op's activity; idle while the chip waits.
  const double tdp = device.tdp_w.value_or(0);
  const double idle = device.idle_w.value_or(kDefaultIdleFractionOfTdp * tdp);
  const double busy = device.busy_w.value_or(tdp);
  const models::Trace trace = models::lower_training_step(network, optimizer);
  const std::string& first =
      network.lowered() ? trace.ops.front().layer : network.layers().front().name;
  ChipStepProfile p;
  const std::vector<OpTime> times = op_times(model, trace);
  for (std::size_t i = 0; i < trace.ops.size(); ++i) {
    const auto& op = trace.ops[i];
    const OpTime& time = times[i];
    const double t = time.total_s();
    double activity = 0;
    if (t > 0)
      activity = std::min(1.0, std::max(time.flop / (t * model.peak_flops),
                                        time.bytes / (t * model.bandwidth_bytes_per_s)));
    const double energy = t * (idle + (busy - idle) * activity);
    if (op.phase == models::Phase::Update) {
      p.update_s += t;
      p.update_energy_j += energy;
      continue;
    }
    (op.phase == models::Phase::Forward ? p.forward_s : p.backward_s) += t;
    if (op.layer == first && op.phase != models::Phase::Forward) p.first_layer_backward_s += t;
    p.forward_backward_energy_j += energy;
    p.forward_backward_flop += time.flop;
  }
  // A host-bound step (the framework's host time above the GPU's) stretches every phase alike;
  // the GPU idles for the difference.
  const double gpu_s = p.forward_s + p.backward_s + p.update_s;
  const double host_s = host_time_s(model, trace, times);
  if (gpu_s > 0 && host_s > gpu_s) {
    const double stretch = host_s / gpu_s;
    p.forward_s *= stretch;
    p.backward_s *= stretch;
    p.update_s *= stretch;
    p.first_layer_backward_s *= stretch;
    p.forward_backward_energy_j += (host_s - gpu_s) * idle;
  }
  p.static_power_w = idle;
  p.upper_bound_power_w = tdp;
  p.peak_flops = model.peak_flops;
  return p;
}

}  // namespace headroom::sim
