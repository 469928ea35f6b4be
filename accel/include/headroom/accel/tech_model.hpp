// SPDX-License-Identifier: MIT
// The technology figures one accelerator runs with: the cited tables scaled to its node, supply
// and precision, with the YAML `energy:` overrides applied. Energy and area reports read this.
#pragma once

#include <string>
#include <vector>

#include "headroom/accel/config.hpp"

namespace headroom::accel {

// Every key the `energy:` block accepts. Energies are at the configured node and supply.
[[nodiscard]] const std::vector<std::string>& energy_override_keys();

struct TechModel {
  double node_nm = 0;
  double vdd_v = 0;
  double vdd_nominal_v = 0;
  double energy_factor = 0;  // node x supply, relative to Horowitz 45 nm / 0.9 V
  double area_factor = 0;    // relative to 45 nm
  double mac_pj = 0;         // one MAC of the run's precision
  double vector_op_pj = 0;   // one vector-lane operation
  double register_pj_per_bit = 0;
  double sram_pj_per_bit_override = -1;  // < 0: from the size interpolation
  double dram_pj_per_bit = 0;
  double static_w_per_mm2 = 0;
  // A measured idle power of the whole chip (energy.idle_w), drawn for the whole runtime in place
  // of static_w_per_mm2 x area; < 0 when not given.
  double idle_w = -1;
  std::vector<std::string> notes;  // defaults with sources, overrides, assumptions

  // Energy per bit of one access to an SRAM of this size at the node and supply.
  [[nodiscard]] double sram_pj_per_bit(double size_bytes) const;
};

// Throws InputError naming the key for an unknown node (without node_* overrides), an unknown
// or negative override, or a precision the array cannot run.
[[nodiscard]] TechModel resolve_tech(const AcceleratorConfig& config, Precision precision);

}  // namespace headroom::accel
