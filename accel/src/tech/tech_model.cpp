// SPDX-License-Identifier: MIT
#include "headroom/accel/tech_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "headroom/accel/tech_tables.hpp"
#include "headroom/accel/validate.hpp"
#include "headroom/models/error.hpp"

namespace headroom::accel {

namespace {

std::string mac_key(Precision p) { return std::string("mac_") + to_string(p) + "_pj"; }

std::string config_file(const AcceleratorConfig& c) {
  return c.source_file.empty() ? c.name : c.source_file;
}

std::optional<double> override_of(const AcceleratorConfig& c, const std::string& key,
                                  std::vector<std::string>& notes) {
  const auto it = c.tech.energy_overrides.find(key);
  if (it == c.tech.energy_overrides.end()) return std::nullopt;
  notes.push_back(fmt::format("energy.{} = {} (overridden in the config)", key, it->second));
  return it->second;
}

void validate_overrides(const AcceleratorConfig& c) {
  const auto& keys = energy_override_keys();
  for (const auto& [key, value] : c.tech.energy_overrides) {
    if (std::ranges::find(keys, key) == keys.end()) {
      const std::string close = close_matches(key, keys);
      throw InputError(input_error_message(
          config_file(c), 0, "energy." + key,
          close.empty() ? "one of the energy model's keys (docs/energy-model.md)"
                        : "an energy model key (did you mean " + close + "?)",
          "an unknown key"));
    }
    if (!(value >= 0) || !std::isfinite(value))
      throw InputError(input_error_message(config_file(c), 0, "energy." + key,
                                           "a non-negative number", fmt::format("{}", value)));
  }
}

// Dynamic energy at a supply relative to the node's nominal one: Stillmaker & Baas' fitted
// polynomial where the paper covers the node, else the classical C V^2.
double voltage_factor(double node_nm, double v, double v_nom, std::vector<std::string>& notes) {
  if (std::abs(v - v_nom) < 1e-9) return 1.0;
  const auto& poly = tech_tables().stillmaker;
  const auto it = poly.find(node_nm);
  if (it != poly.end() && it->second.at(v) > 0 && it->second.at(v_nom) > 0) {
    const double f = it->second.at(v) / it->second.at(v_nom);
    notes.push_back(fmt::format(
        "supply {} V instead of nominal {} V: dynamic energy x{:.3f} (Stillmaker & Baas 2017 "
        "energy polynomial for {} nm, configs/tech/stillmaker_coefficients.csv)",
        v, v_nom, f, node_nm));
    return f;
  }
  const double f = (v / v_nom) * (v / v_nom);
  notes.push_back(fmt::format(
      "supply {} V instead of nominal {} V: dynamic energy x{:.3f} (C V^2; no Stillmaker "
      "polynomial for {} nm)",
      v, v_nom, f, node_nm));
  return f;
}

}  // namespace

const std::vector<std::string>& energy_override_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> k;
    for (const PrecisionInfo& p : precisions())
      if (p.on_array) k.push_back(mac_key(p.precision));
    for (const char* s : {"vector_op_pj", "register_pj_per_bit", "sram_pj_per_bit",
                          "dram_pj_per_bit", "static_w_per_mm2", "idle_w", "node_energy_factor",
                          "node_area_factor", "node_vdd_nominal_v"})
      k.emplace_back(s);
    return k;
  }();
  return keys;
}

double TechModel::sram_pj_per_bit(double size_bytes) const {
  if (sram_pj_per_bit_override >= 0) return sram_pj_per_bit_override;
  return tech_tables().sram_pj_per_bit(size_bytes) * energy_factor;
}

TechModel resolve_tech(const AcceleratorConfig& c, Precision precision) {
  validate_overrides(c);
  const TechTables& tables = tech_tables();
  TechModel m;
  auto& notes = m.notes;
  m.node_nm = c.tech.node_nm;

  require_precision(c, precision, config_file(c), "array.macs_per_pe_per_cycle");

  const NodeFactors* node = tables.node(c.tech.node_nm);
  const auto energy_factor = override_of(c, "node_energy_factor", notes);
  const auto area_factor = override_of(c, "node_area_factor", notes);
  const auto vdd_nominal = override_of(c, "node_vdd_nominal_v", notes);
  if (node == nullptr && (!energy_factor || !area_factor)) {
    std::vector<std::string> names;
    for (const auto& n : tables.nodes) names.push_back(fmt::format("{} nm", n.node_nm));
    throw InputError(input_error_message(
        config_file(c), 0, "tech.node",
        "a node in configs/tech/tech_scaling.csv (" + fmt::format("{}", fmt::join(names, ", ")) +
            ") or energy.node_energy_factor and energy.node_area_factor",
        fmt::format("{} nm", c.tech.node_nm)));
  }
  if (node != nullptr)
    notes.push_back(fmt::format(
        "{} nm: energy x{} of Horowitz 45 nm/0.9 V, area x{} of 45 nm, nominal {} V ({}; "
        "configs/tech/tech_scaling.csv)",
        node->node_nm, node->energy_factor_rel_horowitz45, node->area_factor_rel45,
        node->vdd_nominal_v, node->source));
  m.vdd_nominal_v = vdd_nominal.value_or(node != nullptr ? node->vdd_nominal_v : 0);
  m.vdd_v = c.tech.vdd_v.value_or(m.vdd_nominal_v);
  if (c.tech.vdd_v && m.vdd_nominal_v <= 0)
    throw InputError(input_error_message(config_file(c), 0, "energy.node_vdd_nominal_v",
                                         "the nominal supply of a node not in the table, to "
                                         "scale tech.vdd from",
                                         "nothing"));
  const double vf =
      m.vdd_nominal_v > 0 ? voltage_factor(m.node_nm, m.vdd_v, m.vdd_nominal_v, notes) : 1.0;
  m.energy_factor =
      energy_factor.value_or(node != nullptr ? node->energy_factor_rel_horowitz45 : 0) * vf;
  m.area_factor = area_factor.value_or(node != nullptr ? node->area_factor_rel45 : 0);

  const MacFigures& mac = tables.mac(precision);
  if (auto v = override_of(c, mac_key(precision), notes)) {
    m.mac_pj = *v;
  } else {
    m.mac_pj = (mac.mult_pj + mac.add_pj) * m.energy_factor;
    notes.push_back(fmt::format("{} MAC {:.3g} pJ = ({} + {}) pJ at 45 nm x{:.3g} ({}{})",
                                to_string(precision), m.mac_pj, mac.mult_pj, mac.add_pj,
                                m.energy_factor, mac.verified == "assumption" ? "ASSUMPTION, " : "",
                                mac.source));
  }
  m.vector_op_pj = override_of(c, "vector_op_pj", notes).value_or(m.mac_pj);
  m.register_pj_per_bit = override_of(c, "register_pj_per_bit", notes)
                              .value_or(tables.register_pj_per_bit * m.energy_factor);
  m.sram_pj_per_bit_override = override_of(c, "sram_pj_per_bit", notes).value_or(-1);
  if (m.sram_pj_per_bit_override < 0)
    notes.emplace_back(
        "SRAM energy per bit interpolated log-log in size between Horowitz's 8 KB / 32 KB / 1 MB "
        "points (configs/tech/memory_energy.csv), node-scaled; writes cost as much as reads");

  if (c.dram.none) {
    m.dram_pj_per_bit = 0;  // no transfer can happen: the planner moves no byte off chip
    notes.emplace_back("no DRAM: on-chip only (dram: none), every weight and map in the SRAM");
  } else if (auto v = override_of(c, "dram_pj_per_bit", notes)) {
    m.dram_pj_per_bit = *v;
  } else {
    const auto it = tables.dram_pj_per_bit.find(c.dram.type);
    if (it == tables.dram_pj_per_bit.end()) {
      std::vector<std::string> types;
      for (const auto& [t, e] : tables.dram_pj_per_bit) types.push_back(t);
      throw InputError(input_error_message(
          config_file(c), 0, "dram.type",
          "a DRAM type with an energy per bit in configs/tech/memory_energy.csv (" +
              fmt::format("{}", fmt::join(types, ", ")) + ") or energy.dram_pj_per_bit",
          "'" + c.dram.type + "'"));
    }
    m.dram_pj_per_bit = it->second;
    notes.push_back(fmt::format("DRAM {} {} pJ/bit ({})", c.dram.type, it->second,
                                tables.dram_source.at(c.dram.type)));
  }

  // A chip's measured idle power already holds its leakage, and the clock tree, I/O and control
  // the bottom-up model has no figure for (docs/energy-model.md, "Static energy").
  if (const auto it = c.tech.energy_overrides.find("idle_w"); it != c.tech.energy_overrides.end()) {
    if (c.tech.energy_overrides.contains("static_w_per_mm2"))
      throw InputError(input_error_message(
          config_file(c), 0, "energy.idle_w",
          "either a measured idle power (idle_w) or a leakage density (static_w_per_mm2)", "both"));
    m.idle_w = it->second;
    notes.push_back(fmt::format(
        "static power {} W: the chip's measured idle power (energy.idle_w in the config), "
        "drawn for the whole run in place of a leakage density x area",
        it->second));
  } else if (auto v = override_of(c, "static_w_per_mm2", notes)) {
    m.static_w_per_mm2 = *v;
  } else {
    // A node outside the table takes the leakage of the nearest one.
    const NodeFactors* leak = node;
    for (const auto& n : tables.nodes)
      if (leak == nullptr || std::abs(n.node_nm - m.node_nm) < std::abs(leak->node_nm - m.node_nm))
        leak = &n;
    m.static_w_per_mm2 = leak->static_w_per_mm2;
    notes.push_back(
        fmt::format("static power {} W/mm2 x area (ASSUMPTION: order-of-magnitude leakage density, "
                    "inside CACTI's low-power/high-performance bounds at 90-22 nm, "
                    "configs/tech/leakage.csv; override energy.static_w_per_mm2)",
                    m.static_w_per_mm2));
  }
  return m;
}

}  // namespace headroom::accel
