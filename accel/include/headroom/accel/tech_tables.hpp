// SPDX-License-Identifier: MIT
// The cited technology tables in configs/tech/*.csv, read once at run time: per-node scaling,
// per-precision MAC energy and area at 45 nm, memory energy, leakage and area constants.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "headroom/accel/config.hpp"

namespace headroom::accel {

struct NodeFactors {
  double node_nm = 0;
  double vdd_nominal_v = 0;
  // E(node, Vnom) / E(45 nm, 0.9 V): multiplies Horowitz's 45 nm figures directly.
  double energy_factor_rel_horowitz45 = 0;
  double freq_factor_rel45 = 0;
  double area_factor_rel45 = 0;
  double static_w_per_mm2 = 0;
  std::string source;  // the row's model/derivation, for report notes
};

struct MacFigures {
  double mult_pj = 0;  // 45 nm, 0.9 V
  double add_pj = 0;
  double mult_area_um2 = 0;
  double add_area_um2 = 0;
  std::string verified;  // "seen" or "assumption"
  std::string source;
};

// Stillmaker & Baas (2017) energy polynomial E(V) = b2 V^2 + b1 V + b0 for one node.
struct EnergyPolynomial {
  double b2 = 0, b1 = 0, b0 = 0;
  [[nodiscard]] double at(double v) const { return (b2 * v + b1) * v + b0; }
};

struct SramPoint {
  double size_bytes = 0;
  double pj_per_bit = 0;
};

struct SramAreaPoint {
  double port_bits = 0;
  double um2_per_bit = 0;  // 45 nm, cells and periphery
};

struct TechTables {
  std::vector<NodeFactors> nodes;  // ascending node size
  std::map<Precision, MacFigures> macs;
  std::map<double, EnergyPolynomial> stillmaker;  // by node, where the paper covers it
  std::vector<SramPoint> sram;                    // ascending size, 45 nm / 0.9 V
  double register_pj_per_bit = 0;
  std::map<std::string, double> dram_pj_per_bit;  // by DRAM type
  std::map<std::string, std::string> dram_source;
  std::vector<SramAreaPoint> sram_area;  // ascending port width, 45 nm
  double pe_register_um2_per_bit = 0;
  double overhead_fraction = 0;
  std::string directory;  // where the tables were read from

  [[nodiscard]] const NodeFactors* node(double node_nm) const;
  // The MAC figures of `p`; throws InputError naming precision_mac.csv when it has no row (TF32,
  // a GPU tensor-core mode, has none: an array cannot be costed in it).
  [[nodiscard]] const MacFigures& mac(Precision p) const;
  // 45 nm / 0.9 V energy per bit of an SRAM of this size: log-log interpolation of the cited
  // points, extrapolated with the nearest segment's slope.
  [[nodiscard]] double sram_pj_per_bit(double size_bytes) const;
  // 45 nm area per stored bit of an SRAM with a port this wide: interpolated in log(port width)
  // between the CACTI points, held flat outside them.
  [[nodiscard]] double sram_um2_per_bit(double port_bits) const;
};

// Loaded from configs/tech under the first data root that has it (models/data_files.hpp).
// Throws InputError naming the file and column when a table is missing or malformed.
[[nodiscard]] const TechTables& tech_tables();
[[nodiscard]] TechTables load_tech_tables(const std::string& directory);

}  // namespace headroom::accel
