// SPDX-License-Identifier: MIT
#include <fmt/format.h>

#include <string>
#include <vector>

#include "headroom/sim/byte_text.hpp"
#include "headroom/sim/result_fields.hpp"
#include "headroom/sim/train_report.hpp"

namespace headroom::sim {

namespace {

constexpr double kSecondsPerDay = 86400.0;

std::string duration(double s) {
  if (s >= kSecondsPerDay) return fmt::format("{:.2f} days", s / kSecondsPerDay);
  if (s >= 3600) return fmt::format("{:.2f} h", s / 3600);
  if (s >= 60) return fmt::format("{:.2f} min", s / 60);
  if (s >= 1) return fmt::format("{:.3f} s", s);
  return fmt::format("{:.3f} ms", s * 1e3);
}

// Where a cost input came from: a default says its source (train_cost.hpp), an override "given".
std::string origin(double value, double default_value, const char* source) {
  return value == default_value ? fmt::format("default: {}", source) : std::string("given");
}

std::string split_text(const ParallelSplit& s) {
  return fmt::format("dp={} tp={} pp={} ({} chips)", s.dp, s.tp, s.pp, s.chips());
}

}  // namespace

std::string format_train(const TrainReport& r) {
  const StepTime& t = r.step;
  std::string o;
  o += fmt::format("Time to train: {} ({}) on {} x {}\n", r.run_name, r.network, r.split.chips(),
                   r.accelerator);
  o += fmt::format("  split {}, {}{} link {:.0f} GB/s, {:.2f} us; precision {}, optimizer {}\n",
                   split_text(r.split),
                   t.dp_buckets > 0
                       ? "gradient all-reduce by NCCL over the device's interconnect, otherwise "
                       : "",
                   to_string(r.link.topology), r.link.bandwidth_bytes_per_s * 1e-9,
                   r.link.latency_s * 1e6, r.precision_name, models::to_string(r.optimizer));
  if (!r.device_model.empty()) o += "  device model: " + r.device_model + "\n";
  o += fmt::format("  global batch {}, micro-batch {} x {} per replica\n", r.global_batch,
                   r.micro_batch, t.micro_batches);
  o += fmt::format(
      "\nMemory per chip: {} of {} (weights {}, gradients {}, optimizer {}, activations {})\n",
      format_bytes(static_cast<double>(r.memory.total_bytes())),
      format_bytes(static_cast<double>(r.capacity_bytes)),
      format_bytes(static_cast<double>(r.memory.weights_bytes)),
      format_bytes(static_cast<double>(r.memory.gradients_bytes)),
      format_bytes(static_cast<double>(r.memory.optimizer_bytes)),
      format_bytes(static_cast<double>(r.memory.activations_bytes)));
  if (r.memory.workspace_bytes > 0)
    o += fmt::format("  workspace {} included\n",
                     format_bytes(static_cast<double>(r.memory.workspace_bytes)));
  if (r.zero_stage > 0)
    o += fmt::format("  ZeRO stage {}: sharded over dp = {}\n", r.zero_stage, r.split.dp);
  if (!r.fit.fits) o += "  DOES NOT FIT: " + r.fit.message + "\n";
  o += "\nStep (simulated per-chip micro-batch, composed over the split)\n";
  o += fmt::format("  compute            {:>12}  (pipeline bubble {})\n", duration(t.compute_s),
                   duration(t.bubble_s));
  o += fmt::format("  optimizer update   {:>12}\n", duration(t.update_s));
  o += fmt::format("  dp all-reduce      {:>12}  (exposed {})\n", duration(t.dp_comm_s),
                   duration(t.dp_exposed_s));
  if (t.dp_buckets > 0)
    o += fmt::format("    NCCL {} buckets, {} each, {:.0f} GB/s bus bandwidth\n", t.dp_buckets,
                     to_string(t.dp_bucket.algorithm), t.dp_bucket.bus_bytes_per_s * 1e-9);
  o += fmt::format("  tp all-reduces     {:>12}\n", duration(t.tp_comm_s));
  o += fmt::format("  pp transfers       {:>12}\n", duration(t.pp_comm_s));
  o += fmt::format("  step               {:>12}  (exposed communication {:.1f}%)\n",
                   duration(t.step_s), 100 * r.communication_share());
  if (!r.valid()) {
    o += fmt::format("\nINVALID: {}.\nNo time to train: {:.4g} steps of {} would rest on it.\n",
                     r.invalid_why, r.steps, duration(t.step_s));
    return o;
  }
  o += fmt::format("\nSteps {:.0f}; time to train {}\n", r.steps, duration(r.time_to_train_s));
  o += fmt::format("Sustained {:.3g} PFLOP/s, utilization {:.1f}% of {:.1f} TFLOPS x {} peak\n",
                   r.sustained_flops() * 1e-15, 100 * r.utilization(),
                   r.peak_flops_per_chip * 1e-12, r.split.chips());
  o += fmt::format("Compute executed {:.4g} pfs-days", r.executed_pfs_days());
  if (r.method1_pfs_days)
    o += fmt::format("; Method 1 estimate {:.4g} pfs-days", *r.method1_pfs_days);
  o += "\n";
  o += fmt::format(
      "Energy {:.4g} kWh at the facility; cost ${:.4g} (energy ${:.4g}, hardware "
      "${:.4g} at ${:.4g} per chip); CO2 {:.4g} kg\n",
      r.cost.facility_energy_kwh, r.cost.total_cost(), r.cost.energy_cost, r.cost.hardware_cost,
      r.cost.chip_price, r.cost.co2_kg);
  if (r.tdp_energy_j)
    o += fmt::format(
        "  chip energy {:.4g} kWh activity-based (idle + (TDP - idle) x activity per op, idle "
        "while waiting); TDP x time, the upper bound: {:.4g} kWh\n",
        r.energy_j / 3.6e6, *r.tdp_energy_j / 3.6e6);
  o += fmt::format(
      "  PUE {:.3g} ({}); ${:.3g}/kWh ({}); {:.3g} kg CO2/kWh ({})\n", r.cost.pue,
      origin(r.cost.pue, kDefaultPue, "LaMDA's PUE, Thoppilan et al. 2022"), r.cost.price_per_kwh,
      origin(r.cost.price_per_kwh, kDefaultPricePerKwh, "EIA US industrial average 2023"),
      r.cost.grid_kg_per_kwh,
      origin(r.cost.grid_kg_per_kwh, kDefaultGridKgPerKwh, "GPT-3's grid, Patterson et al. 2021"));
  return o;
}

std::string format_comparison(const TrainReport& a, const TrainReport& g) {
  std::string o = fmt::format("\nSame run on {} x {} (roofline per op, {}):\n", g.split.chips(),
                              g.accelerator, g.precision_name);
  o += fmt::format("  step {}, time to train {}, utilization {:.1f}%, {:.4g} kWh, CO2 {:.4g} kg\n",
                   duration(g.step.step_s), duration(g.time_to_train_s), 100 * g.utilization(),
                   g.cost.facility_energy_kwh, g.cost.co2_kg);
  if (!g.device_model.empty()) o += "  device model: " + g.device_model + "\n";
  if (g.tdp_energy_j)
    o += fmt::format(
        "  chip energy {:.4g} kWh activity-based; TDP x time, the upper bound: {:.4g} kWh\n",
        g.energy_j / 3.6e6, *g.tdp_energy_j / 3.6e6);
  if (!g.fit.fits) o += "  DOES NOT FIT on the device: " + g.fit.message + "\n";
  if (!a.valid() || !g.valid()) {
    o += "  no ratio: " + (a.valid() ? g.invalid_why : a.invalid_why) + "\n";
    return o;
  }
  o += fmt::format("  GPU time / {} time = {:.2f}, GPU energy / its energy = {:.2f}\n",
                   a.accelerator, g.time_to_train_s / a.time_to_train_s,
                   g.cost.facility_energy_kwh / a.cost.facility_energy_kwh);
  return o;
}

std::string format_scaling(const std::vector<ScalingPoint>& points) {
  std::string o = "\nData-parallel scaling (global batch fixed)\n";
  o += fmt::format("  {:>7} {:>14} {:>16} {:>11} {:>14}\n", "chips", "step", "time to train",
                   "efficiency", "comm share");
  for (const auto& p : points)
    o += fmt::format("  {:>7} {:>14} {:>16} {:>10.1f}% {:>13.1f}%\n", p.chips, duration(p.step_s),
                     duration(p.time_to_train_s), 100 * p.efficiency, 100 * p.communication_share);
  return o;
}

nlohmann::json train_to_json(const TrainReport& r, const std::vector<ScalingPoint>& scaling) {
  nlohmann::json j{{"headroom_version", HEADROOM_VERSION}};
  put_json(train_fields(), r, j);
  if (!scaling.empty()) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& p : scaling) {
      nlohmann::json row = nlohmann::json::object();
      put_json(scaling_fields(), p, row);
      rows.push_back(std::move(row));
    }
    j["scaling"] = rows;
  }
  return j;
}

}  // namespace headroom::sim
