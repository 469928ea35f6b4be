// SPDX-License-Identifier: MIT
// Energy, power and area of a simulated run, derived from the counted events (RunStats) and the
// technology model (process node, precision, memory types). Implemented in accel/src/tech/.
#pragma once

#include <string>
#include <vector>

#include "headroom/accel/config.hpp"
#include "headroom/accel/stats.hpp"
#include "headroom/accel/units.hpp"

namespace headroom::accel {

struct EnergyComponent {
  // "mac", "pe_registers", "vector", "sram_ifmap"/"sram_filter"/"sram_ofmap" (or "sram_unified"),
  // "sram_dram_transfer", "dram", "static"
  std::string name;
  units::Energy energy;
};

struct EnergyReport {
  std::vector<EnergyComponent> components;
  units::Energy total;
  units::Time runtime;
  units::Power average_power;
  // Achieved ops over total energy; 1 MAC = 2 FLOPs (or 2 integer ops for INT8: TOPS/W).
  double flops_per_w = 0;
  // Bounds that show where the headroom goes: MAC energy alone at full utilisation, and
  // MACs plus on-chip SRAM traffic with no DRAM.
  double datapath_only_flops_per_w = 0;
  double with_sram_flops_per_w = 0;
  // Which figures were defaults (with their source), which were overridden, which are assumptions.
  std::vector<std::string> notes;
};

struct AreaComponent {
  std::string name;  // "array", "sram", "vector", "overhead"
  units::Area area;
};

struct AreaReport {
  std::vector<AreaComponent> components;
  units::Area total;
  // Peak of the array in the run's precision (2 ops per MAC) and its density over total area.
  double peak_ops_per_s = 0;
  double tops_per_mm2 = 0;
  std::vector<std::string> notes;
};

// Throws InputError when a figure the run needs is missing or invalid (e.g. unknown node).
[[nodiscard]] EnergyReport estimate_energy(const AcceleratorConfig& config, Precision precision,
                                           const RunStats& stats);
[[nodiscard]] AreaReport estimate_area(const AcceleratorConfig& config, Precision precision);

}  // namespace headroom::accel
