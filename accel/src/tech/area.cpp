// SPDX-License-Identifier: MIT
#include <fmt/format.h>

#include <algorithm>

#include "headroom/accel/energy.hpp"
#include "headroom/accel/tech_model.hpp"
#include "headroom/accel/tech_tables.hpp"

namespace headroom::accel {

namespace {

// Cells and periphery at 45 nm: a wider port costs more area per stored bit (CACTI 7 runs).
double sram_um2_at_45nm(const SramConfig& s, const TechTables& tables) {
  const auto buffer = [&tables](const BufferConfig& b) {
    return double(b.size_bytes) * 8 * tables.sram_um2_per_bit(double(b.word_bits));
  };
  return s.unified ? buffer(s.unified_buffer)
                   : buffer(s.ifmap) + buffer(s.filter) + buffer(s.ofmap);
}

}  // namespace

AreaReport estimate_area(const AcceleratorConfig& config, Precision precision) {
  const TechModel tech = resolve_tech(config, precision);
  const TechTables& tables = tech_tables();
  const double f = tech.area_factor;

  // A PE is sized for the widest thing it does: the most MAC area over the precisions it
  // supports, plus pipeline registers for two operands and a partial sum.
  double pe_um2 = 0;
  std::uint32_t widest_bits = 0;
  // A precision run at a fraction of a MAC per cycle (INT16 at half rate on NVDLA, a quarter on
  // Ethos-N) is built from the PE's narrower multipliers over several cycles: it sizes nothing
  // unless the array has no full-rate precision.
  bool full_rate = false;
  for (const auto& [p, n] : config.array.macs_per_pe_per_cycle)
    full_rate = full_rate || cycles_per_mac(config.array, p) == 1;
  for (const auto& [p, n] : config.array.macs_per_pe_per_cycle) {
    if (full_rate && cycles_per_mac(config.array, p) > 1) continue;
    const MacFigures& mac = tables.mac(p);
    pe_um2 = std::max(pe_um2, n * (mac.mult_area_um2 + mac.add_area_um2));
    widest_bits = std::max(widest_bits, n * bits_per_element(p));
  }
  pe_um2 += 3.0 * widest_bits * tables.pe_register_um2_per_bit;
  const double pes = double(config.array.rows) * config.array.cols * config.array.count;
  const double array_um2 = pes * pe_um2 * f;
  const double sram_um2 = sram_um2_at_45nm(config.sram, tables) * f;
  const MacFigures& fp32 = tables.mac(Precision::FP32);
  const double vector_um2 = config.vector.lanes * (fp32.mult_area_um2 + fp32.add_area_um2) * f;
  const double overhead_um2 = tables.overhead_fraction * (array_um2 + sram_um2 + vector_um2);

  AreaReport r;
  const auto mm2 = [](double um2) { return units::square_mm(um2 * 1e-6); };
  r.components = {{"array", mm2(array_um2)},
                  {"sram", mm2(sram_um2)},
                  {"vector", mm2(vector_um2)},
                  {"overhead", mm2(overhead_um2)}};
  r.total = mm2(array_um2 + sram_um2 + vector_um2 + overhead_um2);
  r.peak_ops_per_s = kFlopsPerMac * pes * config.array.macs_per_pe_per_cycle.at(precision) *
                     config.clock.value() / cycles_per_mac(config.array, precision);
  r.tops_per_mm2 = r.total.value() > 0 ? r.peak_ops_per_s * 1e-12 / units::to_mm2(r.total) : 0;
  r.notes = {fmt::format("area x{} of 45 nm (configs/tech/tech_scaling.csv area_factor_rel45)", f),
             "PE = widest MAC (Horowitz 45 nm mult + add area, recalled; Aladdin's 40 nm cells are "
             "~2x larger) + 3 operand registers (Aladdin 40 nm 5.98 um2/bit)",
             fmt::format("SRAM {}-{} um2/bit at 45 nm incl. periphery, by port width (CACTI 7, "
                         "configs/tech/sram_area.csv)",
                         tables.sram_area.front().um2_per_bit, tables.sram_area.back().um2_per_bit),
             "vector lanes sized as FP32 mult + add (ASSUMPTION)",
             fmt::format("overhead (control, NoC, clock, I/O) = {:.0f}% of the rest (ASSUMPTION)",
                         tables.overhead_fraction * 100),
             "a bottom-up LOWER BOUND: no pad ring, PHYs, placement density or wiring; the "
             "shipped TPU v1 config gives 0.28x its published die, Eyeriss 0.15x its core "
             "(docs/energy-model.md)"};
  return r;
}

}  // namespace headroom::accel
