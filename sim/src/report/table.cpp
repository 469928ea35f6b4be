// SPDX-License-Identifier: MIT
#include <fmt/format.h>

#include "headroom/accel/units.hpp"
#include "headroom/sim/byte_text.hpp"
#include "headroom/sim/report.hpp"
#include "run/battery.hpp"

namespace headroom::sim {

namespace {

std::string shorten(const std::string& s, std::size_t width) {
  return s.size() <= width ? s : s.substr(0, width - 1) + "~";
}

// Seconds in the unit that keeps 1-3 digits before the point.
std::string seconds(double s) {
  if (s >= 1) return fmt::format("{:.3f} s", s);
  if (s >= 1e-3) return fmt::format("{:.3f} ms", s * 1e3);
  return fmt::format("{:.3f} us", s * 1e6);
}

std::string bytes(double b) { return format_bytes(b); }

double percent(std::uint64_t part, std::uint64_t whole) {
  return whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

std::string header(const Result& r) {
  std::string h = fmt::format("{} ({}), batch {}, {} on {} ({})\n", r.network,
                              r.training ? "one training step" : "inference", r.batch,
                              r.training ? "forward + backward + update" : "forward pass",
                              r.config_name, r.config_file);
  h += fmt::format(
      "precision {} ({} per element) at {:.0f} MHz; peak {:.2f} TFLOP/s ({} MACs/cycle); "
      "1 MAC = 2 FLOPs{}\n",
      accel::to_string(r.precision), element_size_text(r.precision), units::to_mhz(r.clock),
      r.peak_tflops(), r.peak_macs_per_cycle,
      headroom::is_integer(r.precision)
          ? fmt::format(" (integer ops for {})", accel::to_string(r.precision))
          : std::string());
  if (r.fusion) {
    h += fmt::format(
        "graph: fused for deployment ({} BatchNorms folded into weights; {} activation/bias/add "
        "ops and {} poolings in GEMM output stages; {} maps kept on chip for the next layer; "
        "--no-fuse runs it as written)\n",
        r.fusion->batchnorms_folded, r.fusion->ops_fused, r.fusion->pools_fused,
        r.fusion->maps_kept_on_chip);
    h += r.fusion->depth_first
             ? fmt::format(
                   "depth-first: on ({} chains of convolutions in row bands, {} maps "
                   "never in DRAM; --no-depth-first keeps only whole maps on chip)\n",
                   r.fusion->depth_first_chains, r.fusion->maps_in_bands)
             : std::string("depth-first: off (--no-depth-first)\n");
  } else if (!r.training)
    h += "graph: as written (every op a pass of its own)\n";
  if (r.on_chip_only)
    h += fmt::format(
        "memory: on-chip only (dram: none): every weight and map in the {} of SRAM; no DRAM "
        "bytes, time or energy\n",
        bytes(static_cast<double>(r.on_chip_bytes)));
  h += "counted: array and vector-unit cycles, cycles stalled on memory, SRAM accesses in words, "
       "DRAM bytes";
  h += r.energy ? "; energy and area from the technology model\n\n" : "\n\n";
  return h;
}

std::string layer_rows(const Result& r) {
  std::string t = fmt::format(
      "{:<32} {:<15} {:>7} {:>7} {:>7} {:>12} {:>6} {:>6} {:>12} {:>12} {:>10}", "layer", "phase",
      "M", "N", "K", "cycles", "stall%", "util%", "sram_reads", "sram_writes", "dram_bytes");
  if (r.energy) t += fmt::format(" {:>10}", "energy_uJ");
  t += "\n";
  for (std::size_t i = 0; i < r.stats.ops.size(); ++i) {
    const auto& op = r.stats.ops[i];
    // A vector-unit op has no GEMM shape.
    const bool gemm = op.kind == models::TraceOp::Kind::Gemm;
    const auto dim = [&](std::uint64_t v) { return gemm ? std::to_string(v) : std::string("-"); };
    t += fmt::format(
        "{:<32} {:<15} {:>7} {:>7} {:>7} {:>12} {:>6.1f} {:>6.1f} {:>12} {:>12} {:>10}",
        shorten(op.layer, 32), models::to_string(op.phase), dim(op.m), dim(op.n), dim(op.k),
        op.total_cycles, percent(op.stall_cycles, op.total_cycles), 100 * op.utilization,
        op.sram_reads(), op.sram_writes(), op.dram_read_bytes + op.dram_write_bytes);
    if (r.energy && i < r.energy->per_op.size())
      t += fmt::format(" {:>10.2f}", r.energy->per_op[i].value() * 1e6);
    t += "\n";
  }
  return t;
}

std::string totals(const Result& r) {
  const auto& s = r.stats;
  std::string t = "\ntotals\n";
  // The parts add up to the total: the last write-back can drain after the array finished.
  t += fmt::format(
      "  cycles           {} (compute {} + stalled {} + last write-back {}; vector unit busy {})\n",
      s.total_cycles, s.compute_cycles, s.stall_cycles, s.writeback_cycles, s.vector_cycles);
  t += fmt::format("  latency          {}\n", seconds(r.latency_s()));
  t += fmt::format("  throughput       {:.1f} examples/s\n", r.examples_per_s());
  t += fmt::format("  achieved         {:.3f} TFLOP/s of {:.2f} peak\n", r.achieved_tflops(),
                   r.peak_tflops());
  t += fmt::format("  utilization      {:.1f} %\n", 100 * r.utilization());
  t += fmt::format("  stall share      {:.1f} %\n", 100 * r.stall_share());
  t += fmt::format("  SRAM             {} reads, {} writes (words)\n", s.sram_reads, s.sram_writes);
  if (r.on_chip_only)
    t += "  DRAM             none (on-chip only): 0 B read, 0 B written\n";
  else
    t += fmt::format("  DRAM             {} read, {} written\n",
                     bytes(static_cast<double>(s.dram_read_bytes)),
                     bytes(static_cast<double>(s.dram_write_bytes)));
  for (const auto& p : r.phases())
    if (r.training)
      t += fmt::format("  phase {:<15} {} ops, {} cycles\n", models::to_string(p.phase), p.ops,
                       p.total_cycles);
  return t;
}

std::string energy(const EnergyAccount& a) {
  const auto& e = a.total;
  std::string t = "\nenergy\n";
  t += fmt::format("  total            {:.6g} J, average power {:.3g} W\n", e.total.value(),
                   e.average_power.value());
  t += fmt::format(
      "  efficiency       {:.1f} GFLOP/s per W (datapath only {:.1f}, with SRAM {:.1f})\n",
      e.flops_per_w * 1e-9, e.datapath_only_flops_per_w * 1e-9, e.with_sram_flops_per_w * 1e-9);
  for (const auto& c : e.components)
    t += fmt::format("  {:<20} {:.6g} J ({:.1f} %)\n", c.name, c.energy.value(),
                     e.total.value() > 0 ? 100 * c.energy.value() / e.total.value() : 0.0);
  for (const auto& n : e.notes) t += "  note: " + n + "\n";
  return t;
}

std::string area(const accel::AreaReport& a) {
  std::string t = fmt::format("\narea\n  total            {:.3f} mm2\n", units::to_mm2(a.total));
  for (const auto& c : a.components)
    t += fmt::format("  {:<20} {:.3f} mm2\n", c.name, units::to_mm2(c.area));
  for (const auto& n : a.notes) t += "  note: " + n + "\n";
  return t;
}

}  // namespace

std::string format_battery(const BatteryReport& b) {
  std::string t = fmt::format(
      "\nat {:.6g} inferences/s (at most {:.6g}/s back to back), idle {}:\n", b.duty.rate_per_s,
      b.max_rate_per_s,
      b.duty.power_gated
          ? fmt::format("power-gated ({:.3f} uJ per wake-up, an assumption)", b.wake_energy_j * 1e6)
      : b.idle_basis.empty() ? fmt::format("leaking {:.4g} mW", b.idle_power_w * 1e3)
                             : fmt::format("{:.4g} mW ({})", b.idle_power_w * 1e3, b.idle_basis));
  t += fmt::format(
      "  average power {:.4g} mW; energy per inference {:.4g} uJ ({:.4g} uJ active); "
      "{:.4g} inferences/J\n",
      b.average_power_w * 1e3, b.energy_per_inference_j * 1e6,
      b.active_energy_per_inference_j * 1e6, b.inferences_per_j);
  if (b.battery_hours)
    t += fmt::format("  battery of {:.4g} J lasts {:.4g} hours\n", *b.duty.battery_j,
                     *b.battery_hours);
  if (b.power_budget_w)
    t += fmt::format("  power budget {:.4g} W: {}\n", *b.power_budget_w,
                     b.over_budget ? "EXCEEDED while running" : "within it while running");
  return t;
}

std::string format_table(const Result& r) {
  std::string t = header(r) + layer_rows(r) + totals(r);
  if (r.energy) t += energy(*r.energy);
  if (!r.tech_missing_reason.empty())
    t += "\nenergy and area not estimated: " + r.tech_missing_reason + "\n";
  if (r.area) t += area(*r.area);
  if (r.battery) t += format_battery(*r.battery);
  return t;
}

}  // namespace headroom::sim
