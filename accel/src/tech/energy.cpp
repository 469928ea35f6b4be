// SPDX-License-Identifier: MIT
#include "headroom/accel/energy.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "headroom/accel/tech_model.hpp"
#include "headroom/models/error.hpp"

namespace headroom::accel {

EnergyReport estimate_energy(const AcceleratorConfig& config, Precision precision,
                             const RunStats& stats) {
  if (!(config.clock.value() > 0))
    throw InputError(input_error_message(config.source_file, 0, "clock", "a positive frequency",
                                         fmt::format("{} Hz", config.clock.value())));
  const TechModel tech = resolve_tech(config, precision);
  const AreaReport area = estimate_area(config, precision);
  const double element_bits = bits_per_element(precision);

  EnergyReport r;
  r.notes = tech.notes;
  const auto add = [&r](const std::string& name, double pj) {
    r.components.push_back({name, units::picojoules(pj)});
  };
  const double mac_pj = double(stats.macs) * tech.mac_pj;
  // Each MAC latches its two operands in the PE's pipeline registers.
  const double reg_pj = double(stats.macs) * 2 * element_bits * tech.register_pj_per_bit;
  add("mac", mac_pj);
  add("pe_registers", reg_pj);
  add("vector", double(stats.vector_ops) * tech.vector_op_pj);

  // SRAM accesses are counted in elements; a wide word serves several at the same energy per bit.
  double sram_pj = 0;
  const auto sram = [&](const std::string& name, const BufferConfig& b, std::uint64_t accesses) {
    const double pj = double(accesses) * element_bits * tech.sram_pj_per_bit(double(b.size_bytes));
    sram_pj += pj;
    add(name, pj);
  };
  std::uint64_t ifmap = 0, filter = 0, ofmap = 0;
  for (const auto& op : stats.ops) {
    ifmap += op.ifmap_sram_reads;
    filter += op.filter_sram_reads;
    ofmap += op.ofmap_sram_reads + op.ofmap_sram_writes;
  }
  // RunStats totals are authoritative when a caller filled them without per-op detail.
  if (stats.ops.empty()) ofmap = stats.sram_reads + stats.sram_writes;
  const BufferConfig& largest =
      config.sram.unified ? config.sram.unified_buffer
                          : std::max({config.sram.ifmap, config.sram.filter, config.sram.ofmap},
                                     [](const BufferConfig& a, const BufferConfig& b) {
                                       return a.size_bytes < b.size_bytes;
                                     });
  if (config.sram.unified) {
    sram("sram_unified", config.sram.unified_buffer, ifmap + filter + ofmap);
  } else {
    sram("sram_ifmap", config.sram.ifmap, ifmap);
    sram("sram_filter", config.sram.filter, filter);
    sram("sram_ofmap", config.sram.ofmap, ofmap);
  }
  // Every byte from or to DRAM is also written into or read out of a buffer.
  const double dram_bits = 8.0 * double(stats.dram_read_bytes + stats.dram_write_bytes);
  add("sram_dram_transfer", dram_bits * tech.sram_pj_per_bit(double(largest.size_bytes)));
  add("dram", dram_bits * tech.dram_pj_per_bit);

  r.runtime = units::seconds(double(stats.total_cycles) / config.clock.value());
  const units::Power static_power = units::watts(
      tech.idle_w >= 0 ? tech.idle_w : tech.static_w_per_mm2 * units::to_mm2(area.total));
  r.components.push_back({"static", static_power * r.runtime});

  r.total = units::picojoules(0);
  for (const auto& c : r.components) r.total += c.energy;
  if (r.runtime.value() > 0)
    r.average_power = r.total / r.runtime;
  else
    r.average_power = units::watts(0);

  const double flops = kFlopsPerMac * double(stats.macs);
  if (r.total.value() > 0) r.flops_per_w = flops / r.total.value();
  r.datapath_only_flops_per_w = tech.mac_pj > 0 ? kFlopsPerMac / (tech.mac_pj * 1e-12) : 0;
  const double on_chip_pj =
      mac_pj + reg_pj + sram_pj + dram_bits * tech.sram_pj_per_bit(double(largest.size_bytes));
  if (on_chip_pj > 0) r.with_sram_flops_per_w = flops / (on_chip_pj * 1e-12);
  return r;
}

}  // namespace headroom::accel
