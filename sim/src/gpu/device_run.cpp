// SPDX-License-Identifier: MIT
#include "headroom/sim/device_run.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <vector>

#include "headroom/sim/cpu_device_run.hpp"
#include "headroom/sim/gpu_model.hpp"
#include "headroom/sim/result_fields.hpp"

namespace headroom::sim {

double DeviceResult::examples_per_s() const {
  return latency_s > 0 ? static_cast<double>(batch) / latency_s : 0;
}

double DeviceResult::achieved_flops() const { return latency_s > 0 ? flop / latency_s : 0; }

double DeviceResult::utilization() const {
  return peak_flops > 0 ? achieved_flops() / peak_flops : 0;
}

DeviceResult run_on_device(const DeviceSpec& device, const models::Trace& trace,
                           Precision precision, const std::string& workload, bool training,
                           const std::string& precision_basis, Framework framework) {
  // Embedded CPUs (configs/cpus) are timed by their kernels instead (cpu_device_run.hpp).
  if (device.kernels)
    return run_on_embedded_cpu(device, trace, precision, workload, training, precision_basis);
  GpuModel model = make_gpu_model(device, precision, framework);
  model.precision_basis = precision_basis;
  DeviceResult r;
  r.device = device.name;
  r.file = device.file;
  r.workload = workload;
  r.precision = peak_key(precision);  // as the device file names it
  r.batch = trace.batch;
  r.training = training;
  r.model = describe(model);
  double busy_s = 0;  // time-weighted activity: sum over ops of time x activity
  const std::vector<OpTime> times = op_times(model, trace);
  for (const OpTime& t : times) {
    const double time = t.total_s();
    r.latency_s += time;
    if (time <= 0) continue;
    const double compute_use = t.flop / (time * model.peak_flops);
    const double memory_use = t.bytes / (time * model.bandwidth_bytes_per_s);
    busy_s += time * std::min(1.0, std::max(compute_use, memory_use));
  }
  // The host submits ahead of the GPU: a host-bound pass waits for the host, the GPU idle.
  r.latency_s = std::max(r.latency_s, host_time_s(model, trace, times));
  r.flop = static_cast<double>(kFlopsPerMac) * static_cast<double>(trace.total_macs());
  r.peak_flops = model.peak_flops;
  r.activity = r.latency_s > 0 ? busy_s / r.latency_s : 0;
  if (device.tdp_w) {
    r.power_w = *device.tdp_w;
    r.energy_j = *device.tdp_w * r.latency_s;
    if (device.idle_w) {
      r.idle_power_w = *device.idle_w;
      r.idle_power_basis = "measured idle_w of " + device.file;
    } else {
      r.idle_power_w = kDefaultIdleFractionOfTdp * *device.tdp_w;
      r.idle_power_basis =
          fmt::format("assumed {:.2f} x TDP (no published idle figure)", kDefaultIdleFractionOfTdp);
    }
    const double ceiling = device.busy_w.value_or(*device.tdp_w);
    if (device.busy_w) r.idle_power_basis += "; measured busy_w in place of TDP";
    r.active_power_w = *r.idle_power_w + (ceiling - *r.idle_power_w) * r.activity;
    r.active_energy_j = *r.active_power_w * r.latency_s;
  }
  return r;
}

std::string format_device_table(const DeviceResult& r) {
  std::string out = fmt::format(
      "{} ({}), batch {}, {} on {} ({})\n", r.workload, r.training ? "training" : "inference",
      r.batch, r.training ? "one training step" : "forward pass", r.device, r.file);
  out += fmt::format("precision {}; datasheet peak {:.2f} TFLOP/s; 1 MAC = 2 FLOPs\n", r.precision,
                     r.peak_flops * 1e-12);
  out += r.model + "\n";
  out += r.energy_basis.empty()
             ? "energy = TDP x time: the board's rated power throughout, an upper bound without "
               "host, network or cooling; active = (idle + (TDP - idle) x activity) x time, "
               "activity = time-weighted max(compute, DRAM bandwidth use)\n\n"
             : "energy = " + r.energy_basis + "\n\n";
  out += fmt::format("latency_ms     {:.4f}\n", r.latency_s * 1e3);
  out += fmt::format("examples/s     {:.1f}\n", r.examples_per_s());
  out += fmt::format("TFLOP/s        {:.2f} ({:.1f}% of peak)\n", r.achieved_flops() * 1e-12,
                     100 * r.utilization());
  if (r.energy_j) {
    out += fmt::format("power_W        {:.1f}\n", *r.power_w);
    out += fmt::format("energy_mJ      {:.3f} ({:.3f} per example)\n", *r.energy_j * 1e3,
                       *r.energy_j * 1e3 / static_cast<double>(r.batch));
    out += fmt::format("active_power_W {:.1f} (idle {:.1f} W, {}; activity {:.1f}%)\n",
                       *r.active_power_w, *r.idle_power_w, r.idle_power_basis, 100 * r.activity);
    out += fmt::format("active_energy_mJ {:.3f} ({:.3f} per example)\n", *r.active_energy_j * 1e3,
                       *r.active_energy_j * 1e3 / static_cast<double>(r.batch));
  } else {
    out += "energy         - (the datasheet gives no TDP)\n";
  }
  return out;
}

std::string format_device_json(const DeviceResult& r) {
  nlohmann::json j = nlohmann::json::object();
  put_json(device_fields(), r, j);
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace headroom::sim
