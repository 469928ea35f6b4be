// SPDX-License-Identifier: MIT
#include "headroom/sim/device_run.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "headroom/sim/gpu_model.hpp"

namespace headroom::sim {

double DeviceResult::examples_per_s() const {
  return latency_s > 0 ? static_cast<double>(batch) / latency_s : 0;
}

double DeviceResult::achieved_flops() const { return latency_s > 0 ? flop / latency_s : 0; }

double DeviceResult::utilization() const {
  return peak_flops > 0 ? achieved_flops() / peak_flops : 0;
}

DeviceResult run_on_device(const DeviceSpec& device, const models::Trace& trace,
                           Precision precision, const std::string& workload, bool training) {
  const GpuModel model = make_gpu_model(device, precision);
  DeviceResult r;
  r.device = device.name;
  r.file = device.file;
  r.workload = workload;
  r.precision = peak_key(precision);  // as the device file names it
  r.batch = trace.batch;
  r.training = training;
  r.model = describe(model);
  for (const auto& op : trace.ops) r.latency_s += op_time(model, op).total_s();
  r.flop = static_cast<double>(kFlopsPerMac) * static_cast<double>(trace.total_macs());
  r.peak_flops = model.peak_flops;
  if (device.tdp_w) {
    r.power_w = *device.tdp_w;
    r.energy_j = *device.tdp_w * r.latency_s;
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
  out +=
      "energy = TDP x time: the board's rated power throughout, an upper bound without host, "
      "network or cooling\n\n";
  out += fmt::format("latency_ms     {:.4f}\n", r.latency_s * 1e3);
  out += fmt::format("examples/s     {:.1f}\n", r.examples_per_s());
  out += fmt::format("TFLOP/s        {:.2f} ({:.1f}% of peak)\n", r.achieved_flops() * 1e-12,
                     100 * r.utilization());
  if (r.energy_j) {
    out += fmt::format("power_W        {:.1f}\n", *r.power_w);
    out += fmt::format("energy_mJ      {:.3f} ({:.3f} per example)\n", *r.energy_j * 1e3,
                       *r.energy_j * 1e3 / static_cast<double>(r.batch));
  } else {
    out += "energy         - (the datasheet gives no TDP)\n";
  }
  return out;
}

std::string format_device_json(const DeviceResult& r) {
  const auto optional = [](const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  const nlohmann::json j = {
      {"target", "device"},
      {"device", {{"name", r.device}, {"file", r.file}, {"model", r.model}}},
      {"workload", {{"name", r.workload}, {"batch", r.batch}, {"training", r.training}}},
      {"precision", r.precision},
      {"latency_s", r.latency_s},
      {"examples_per_s", r.examples_per_s()},
      {"flop", r.flop},
      {"achieved_flops", r.achieved_flops()},
      {"peak_flops", r.peak_flops},
      {"utilization", r.utilization()},
      {"power_w", optional(r.power_w)},
      {"energy_j", optional(r.energy_j)},
      {"energy_basis", "TDP x time (upper bound; no host, network or PUE)"}};
  return j.dump(2) + "\n";
}

}  // namespace headroom::sim
