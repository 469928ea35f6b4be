// SPDX-License-Identifier: MIT
#include <nlohmann/json.hpp>

#include "headroom/accel/units.hpp"
#include "headroom/sim/report.hpp"

namespace headroom::sim {

namespace {

using nlohmann::json;

json totals(const Result& r) {
  const auto& s = r.stats;
  json t{{"total_cycles", s.total_cycles},
         {"compute_cycles", s.compute_cycles},
         {"stall_cycles", s.stall_cycles},
         {"vector_cycles", s.vector_cycles},
         {"macs", s.macs},
         {"flops", 2 * s.macs},
         {"vector_ops", s.vector_ops},
         {"latency_s", r.latency_s()},
         {"throughput_examples_per_s", r.examples_per_s()},
         {"throughput_tflops", r.achieved_tflops()},
         {"peak_tflops", r.peak_tflops()},
         {"utilization", r.utilization()},
         {"stall_share", r.stall_share()},
         {"sram_reads", s.sram_reads},
         {"sram_writes", s.sram_writes},
         {"dram_read_bytes", s.dram_read_bytes},
         {"dram_write_bytes", s.dram_write_bytes}};
  if (r.energy) {
    const auto& e = r.energy->total;
    t["energy_j"] = e.total.value();
    t["power_w"] = e.average_power.value();
    t["flops_per_w"] = e.flops_per_w;
  }
  if (r.area) t["area_mm2"] = units::to_mm2(r.area->total);
  return t;
}

json energy(const EnergyAccount& a) {
  json components = json::object();
  for (const auto& c : a.total.components) components[c.name + "_j"] = c.energy.value();
  return {{"total_j", a.total.total.value()},
          {"runtime_s", a.total.runtime.value()},
          {"power_w", a.total.average_power.value()},
          {"flops_per_w", a.total.flops_per_w},
          {"datapath_only_flops_per_w", a.total.datapath_only_flops_per_w},
          {"with_sram_flops_per_w", a.total.with_sram_flops_per_w},
          {"components", components},
          {"notes", a.total.notes}};
}

json area(const accel::AreaReport& a) {
  json components = json::object();
  for (const auto& c : a.components) components[c.name + "_mm2"] = units::to_mm2(c.area);
  return {{"total_mm2", units::to_mm2(a.total)}, {"components", components}, {"notes", a.notes}};
}

json layers(const Result& r) {
  json out = json::array();
  for (std::size_t i = 0; i < r.stats.ops.size(); ++i) {
    const auto& op = r.stats.ops[i];
    json l{{"name", op.layer},
           {"phase", models::to_string(op.phase)},
           {"kind", op.kind == models::TraceOp::Kind::Gemm ? "gemm" : "vector"},
           {"M", op.m},
           {"N", op.n},
           {"K", op.k},
           {"count", op.count},
           {"macs", op.macs},
           {"vector_ops", op.vector_ops},
           {"folds", op.folds},
           {"compute_cycles", op.compute_cycles},
           {"stall_cycles", op.stall_cycles},
           {"total_cycles", op.total_cycles},
           {"latency_s", r.op_latency_s(op)},
           {"utilization", op.utilization},
           {"mapping_efficiency", op.mapping_efficiency},
           {"sram_reads", op.sram_reads()},
           {"sram_writes", op.sram_writes()},
           {"dram_read_bytes", op.dram_read_bytes},
           {"dram_write_bytes", op.dram_write_bytes}};
    if (r.energy && i < r.energy->per_op.size()) l["energy_j"] = r.energy->per_op[i].value();
    if (r.energy && i < r.energy->per_op_components.size()) {
      json components = json::object();
      for (const auto& c : r.energy->per_op_components[i])
        components[c.name + "_j"] = c.energy.value();
      l["energy_components"] = components;
    }
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace

json to_json(const Result& r) {
  json phases = json::array();
  for (const auto& p : r.phases())
    phases.push_back({{"phase", models::to_string(p.phase)},
                      {"ops", p.ops},
                      {"macs", p.macs},
                      {"vector_ops", p.vector_ops},
                      {"total_cycles", p.total_cycles}});
  json j{{"headroom_version", HEADROOM_VERSION},
         {"config",
          {{"name", r.config_name},
           {"file", r.config_file},
           {"clock_hz", r.clock.value()},
           {"peak_macs_per_cycle", r.peak_macs_per_cycle}}},
         {"workload",
          {{"network", r.network},
           {"batch", r.batch},
           {"precision", accel::to_string(r.precision)},
           {"mode", r.training ? "training_step" : "inference"}}},
         {"totals", totals(r)},
         {"phases", phases},
         {"layers", layers(r)}};
  for (const auto& s : r.skipped_nodes)
    j["workload"]["skipped_nodes"].push_back(
        {{"node", s.node}, {"op_type", s.op_type}, {"output_bytes", s.output_bytes}});
  if (r.energy) j["energy"] = energy(*r.energy);
  if (!r.tech_missing_reason.empty()) j["energy_and_area_not_estimated"] = r.tech_missing_reason;
  if (r.area) j["area"] = area(*r.area);
  return j;
}

std::string format_json(const Result& r) { return to_json(r).dump(2) + "\n"; }

}  // namespace headroom::sim
