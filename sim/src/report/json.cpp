// SPDX-License-Identifier: MIT
#include <nlohmann/json.hpp>

#include "headroom/accel/units.hpp"
#include "headroom/sim/report.hpp"
#include "headroom/sim/result_fields.hpp"

namespace headroom::sim {

namespace {

using nlohmann::json;

// The figures the `energy` and `area` objects repeat from `totals`, and their notes: not fields.
json energy_extras(const EnergyAccount& a) {
  return {{"total_j", a.total.total.value()},
          {"runtime_s", a.total.runtime.value()},
          {"power_w", a.total.average_power.value()},
          {"flops_per_w", a.total.flops_per_w},
          {"notes", a.total.notes}};
}

json area_extras(const accel::AreaReport& a) {
  return {{"total_mm2", units::to_mm2(a.total)}, {"notes", a.notes}};
}

json layers(const Result& r) {
  json out = json::array();
  for (std::size_t i = 0; i < r.stats.ops.size(); ++i) {
    json l = json::object();
    put_json(layer_fields(), OpRecord{r, i}, l);
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace

json to_json(const Result& r) {
  json phases = json::array();
  for (const auto& p : r.phases()) {
    json row = json::object();
    put_json(phase_fields(), p, row);
    phases.push_back(std::move(row));
  }
  json j{{"headroom_version", HEADROOM_VERSION}};
  put_json(run_fields(), r, j);  // config, workload, totals, energy, area
  j["phases"] = phases;
  j["layers"] = layers(r);
  for (const auto& s : r.skipped_nodes)
    j["workload"]["skipped_nodes"].push_back(
        {{"node", s.node}, {"op_type", s.op_type}, {"output_bytes", s.output_bytes}});
  if (r.energy) j["energy"].update(energy_extras(*r.energy));
  if (!r.tech_missing_reason.empty()) j["energy_and_area_not_estimated"] = r.tech_missing_reason;
  if (r.area) j["area"].update(area_extras(*r.area));
  return j;
}

std::string format_json(const Result& r) { return to_json(r).dump(2) + "\n"; }

}  // namespace headroom::sim
