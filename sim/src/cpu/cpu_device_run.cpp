// SPDX-License-Identifier: MIT
#include "headroom/sim/cpu_device_run.hpp"

#include <fmt/format.h>

#include "headroom/models/error.hpp"

namespace headroom::sim {

std::string describe_embedded_cpu(const DeviceSpec& device) {
  const CpuKernels& k = *device.kernels;
  return fmt::format(
      "{}: embedded CPU at {:.0f} MHz running {}; cycles per int8 MAC conv {:.3g}, pointwise "
      "{:.3g}, depthwise {:.3g}, fc {:.3g}, {:.0f} cycles per kernel call; BatchNorm folded and "
      "activations fused as the int8 converter does; fitted to {}",
      device.name, device.clock_mhz.value_or(0), k.framework, k.conv_cycles_per_mac,
      k.pointwise_cycles_per_mac, k.depthwise_cycles_per_mac, k.fc_cycles_per_mac,
      k.layer_overhead_cycles, k.calibration);
}

DeviceResult run_on_embedded_cpu(const DeviceSpec& device, const models::Trace& trace,
                                 Precision precision, const std::string& workload, bool training,
                                 const std::string& precision_basis) {
  if (training)
    throw InputError(input_error_message(device.file, 0, "kind",
                                         "a device that trains (a GPU or TPU): an embedded_cpu "
                                         "device runs inference only",
                                         "embedded_cpu"));
  if (precision != Precision::INT8)
    throw InputError(input_error_message(
        device.file, 0, "kernels",
        "int8 for this embedded CPU (its cycles per MAC are int8 measurements)" +
            (precision_basis.empty() ? std::string() : "; precision " + precision_basis),
        to_string(precision)));
  DeviceResult r;
  r.device = device.name;
  r.file = device.file;
  r.workload = workload;
  r.precision = peak_key(precision);
  r.batch = trace.batch;
  r.training = false;
  r.model = describe_embedded_cpu(device);
  if (!precision_basis.empty()) r.model += "; precision " + precision_basis;
  double cycles = 0;
  for (const auto& op : trace.ops) cycles += cpu_op_cycles(*device.kernels, op, trace.batch);
  // The reader insists on a clock for this kind.
  r.latency_s = cycles / (device.clock_mhz.value_or(1) * 1e6);
  r.flop = static_cast<double>(kFlopsPerMac) * static_cast<double>(trace.total_macs());
  r.peak_flops = device.peak_for(precision).value_or(0) * 1e12;
  r.activity = 1;  // one core computing from the first op to the last
  if (const auto busy = device.busy_w.has_value() ? device.busy_w : device.tdp_w) {
    r.power_w = *busy;
    r.energy_j = *busy * r.latency_s;
    r.energy_basis = device.busy_w ? "busy_w x time: the measured average power while inferring"
                                   : "tdp_w x time: the rated power throughout";
    r.active_power_w = *busy;
    r.active_energy_j = r.energy_j;
    r.idle_power_basis = device.busy_w ? "measured average power while inferring (busy_w of " +
                                             device.file + "), the core running throughout"
                                       : "tdp_w of " + device.file + " throughout";
    // Idle only matters between inferences; the convention of device_run.hpp where none is given.
    if (device.idle_w) {
      r.idle_power_w = *device.idle_w;
      r.idle_power_basis += "; idle_w of " + device.file;
    } else {
      r.idle_power_w = kDefaultIdleFractionOfTdp * *busy;
      r.idle_power_basis += fmt::format("; idle assumed {:.2f} x that (no published idle figure)",
                                        kDefaultIdleFractionOfTdp);
    }
  }
  return r;
}

}  // namespace headroom::sim
