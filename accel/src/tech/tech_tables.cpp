// SPDX-License-Identifier: MIT
#include "headroom/accel/tech_tables.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "headroom/accel/dram_types.hpp"
#include "headroom/models/data_files.hpp"
#include "headroom/models/error.hpp"
#include "tech/csv.hpp"

namespace headroom::accel {

namespace fs = std::filesystem;

namespace {

std::string find_directory() {
  const auto dir = models::find_data(fs::path("configs") / "tech");
  if (!dir)
    throw InputError(input_error_message("configs/tech", 0, "",
                                         "the technology tables under a data root",
                                         "none in " + models::describe_data_roots()));
  return dir->string();
}

void read_nodes(const fs::path& dir, TechTables& t) {
  const auto scaling = tech::read_csv((dir / "tech_scaling.csv").string());
  const auto leakage = tech::read_csv((dir / "leakage.csv").string());
  std::map<double, double> leak;
  for (const auto& r : leakage.rows)
    leak[leakage.number(r, "node_nm")] = leakage.number(r, "static_w_per_mm2");
  for (const auto& r : scaling.rows) {
    NodeFactors n;
    n.node_nm = scaling.number(r, "node_nm");
    n.vdd_nominal_v = scaling.number(r, "vdd_nominal_v");
    n.energy_factor_rel_horowitz45 = scaling.number(r, "energy_factor_rel_horowitz45");
    n.freq_factor_rel45 = scaling.number(r, "freq_factor_rel45");
    n.area_factor_rel45 = scaling.number(r, "area_factor_rel45");
    n.source = scaling.text(r, "stillmaker_model") + ": " + scaling.text(r, "derivation");
    const auto it = leak.find(n.node_nm);
    if (it == leak.end())
      throw InputError(input_error_message(leakage.path, 0, "node_nm",
                                           "a row for every node in tech_scaling.csv",
                                           "no row for " + scaling.text(r, "node_nm") + " nm"));
    n.static_w_per_mm2 = it->second;
    t.nodes.push_back(n);
  }
  std::ranges::sort(t.nodes, {}, &NodeFactors::node_nm);

  const auto poly = tech::read_csv((dir / "stillmaker_coefficients.csv").string());
  for (const auto& r : poly.rows) {
    // ≤ 45 nm rows exist as HP and LP; the scaling table uses HP, so the voltage model does too.
    const std::string& variant = poly.text(r, "variant");
    if (variant != "bulk" && variant != "HP") continue;
    t.stillmaker[poly.number(r, "node_nm")] = {.b2 = poly.number(r, "energy_b2"),
                                               .b1 = poly.number(r, "energy_b1"),
                                               .b0 = poly.number(r, "energy_b0")};
  }
}

void read_macs(const fs::path& dir, TechTables& t) {
  const auto macs = tech::read_csv((dir / "precision_mac.csv").string());
  for (const auto& r : macs.rows) {
    const auto p = parse_precision(macs.text(r, "precision"));
    if (!p)
      throw InputError(input_error_message(macs.path, r.line, "precision", "a known precision",
                                           "'" + macs.text(r, "precision") + "'"));
    t.macs[*p] = {.mult_pj = macs.number(r, "mult_pj"),
                  .add_pj = macs.number(r, "add_pj"),
                  .mult_area_um2 = macs.number(r, "mult_area_um2"),
                  .add_area_um2 = macs.number(r, "add_area_um2"),
                  .verified = macs.text(r, "verified"),
                  .source = macs.text(r, "source")};
  }
}

void read_memory(const fs::path& dir, TechTables& t) {
  const auto mem = tech::read_csv((dir / "memory_energy.csv").string());
  for (const auto& r : mem.rows) {
    const std::string& kind = mem.text(r, "kind");
    const double pj = mem.number(r, "energy_pj_per_bit");
    if (kind == "sram") {
      t.sram.push_back({.size_bytes = mem.number(r, "size_bytes"), .pj_per_bit = pj});
    } else if (kind == "register") {
      t.register_pj_per_bit = pj;
    } else if (kind == "dram") {
      // dram_types.cpp is the one list of DRAM types: a row for another would never be used.
      if (!find_dram_type(mem.text(r, "id")))
        throw InputError(
            input_error_message(mem.path, r.line, "id",
                                "a DRAM type of accel/src/common/dram_types.cpp (" +
                                    fmt::format("{}", fmt::join(dram_type_names(), ", ")) + ")",
                                "'" + mem.text(r, "id") + "'"));
      t.dram_pj_per_bit[mem.text(r, "id")] = pj;
      const std::string& verified = mem.text(r, "verified");
      t.dram_source[mem.text(r, "id")] =
          verified == "assumption" ? "assumption: " + mem.text(r, "note") : mem.text(r, "source");
    }
  }
  for (const std::string& type : dram_type_names())
    if (!t.dram_pj_per_bit.contains(type))
      throw InputError(input_error_message(
          mem.path, 0, "id", "a dram row for " + type + " (accel/src/common/dram_types.cpp)",
          "none"));
  std::ranges::sort(t.sram, {}, &SramPoint::size_bytes);
  if (t.sram.size() < 2)
    throw InputError(input_error_message(mem.path, 0, "kind", "at least two sram rows",
                                         std::to_string(t.sram.size())));

  const auto sram_area = tech::read_csv((dir / "sram_area.csv").string());
  for (const auto& r : sram_area.rows)
    t.sram_area.push_back({.port_bits = sram_area.number(r, "port_bits"),
                           .um2_per_bit = sram_area.number(r, "um2_per_bit")});
  std::ranges::sort(t.sram_area, {}, &SramAreaPoint::port_bits);
  if (t.sram_area.empty())
    throw InputError(
        input_error_message(sram_area.path, 0, "port_bits", "at least one row", "none"));

  const auto area = tech::read_csv((dir / "area.csv").string());
  for (const auto& r : area.rows) {
    const std::string& key = area.text(r, "key");
    const double v = area.number(r, "value");
    if (key == "pe_register_um2_per_bit") t.pe_register_um2_per_bit = v;
    if (key == "overhead_fraction") t.overhead_fraction = v;
  }
}

}  // namespace

const MacFigures& TechTables::mac(Precision p) const {
  const auto it = macs.find(p);
  if (it == macs.end())
    throw InputError(input_error_message(
        (fs::path(directory) / "precision_mac.csv").string(), 0, "precision",
        std::string("a row for ") + to_string(p) + " (the array's MAC energy and area)", "none"));
  return it->second;
}

const NodeFactors* TechTables::node(double node_nm) const {
  const auto it = std::ranges::find_if(
      nodes, [&](const NodeFactors& n) { return std::abs(n.node_nm - node_nm) < 1e-6; });
  return it == nodes.end() ? nullptr : &*it;
}

double TechTables::sram_pj_per_bit(double size_bytes) const {
  std::size_t i = 0;
  while (i + 2 < sram.size() && size_bytes > sram[i + 1].size_bytes) ++i;
  const SramPoint& a = sram[i];
  const SramPoint& b = sram[i + 1];
  const double slope =
      std::log(b.pj_per_bit / a.pj_per_bit) / std::log(b.size_bytes / a.size_bytes);
  return a.pj_per_bit * std::pow(std::max(size_bytes, 1.0) / a.size_bytes, slope);
}

double TechTables::sram_um2_per_bit(double port_bits) const {
  if (port_bits <= sram_area.front().port_bits) return sram_area.front().um2_per_bit;
  if (port_bits >= sram_area.back().port_bits) return sram_area.back().um2_per_bit;
  std::size_t i = 0;
  while (port_bits > sram_area[i + 1].port_bits) ++i;
  const SramAreaPoint& a = sram_area[i];
  const SramAreaPoint& b = sram_area[i + 1];
  const double t = std::log(port_bits / a.port_bits) / std::log(b.port_bits / a.port_bits);
  return a.um2_per_bit + t * (b.um2_per_bit - a.um2_per_bit);
}

TechTables load_tech_tables(const std::string& directory) {
  TechTables t;
  t.directory = directory;
  const fs::path dir(directory);
  read_nodes(dir, t);
  read_macs(dir, t);
  read_memory(dir, t);
  return t;
}

const TechTables& tech_tables() {
  static const TechTables tables = load_tech_tables(find_directory());
  return tables;
}

}  // namespace headroom::accel
