// SPDX-License-Identifier: MIT
#include "headroom/sim/result.hpp"

#include <algorithm>

namespace headroom::sim {

namespace {
double ratio(double num, double den) { return den > 0 ? num / den : 0.0; }
}  // namespace

double Result::latency_s() const {
  return ratio(static_cast<double>(stats.total_cycles), clock.value());
}

double Result::examples_per_s() const { return ratio(static_cast<double>(batch), latency_s()); }

double Result::achieved_tflops() const {
  return ratio(kFlopsPerMac * static_cast<double>(stats.macs), latency_s()) * 1e-12;
}

double Result::peak_tflops() const {
  return kFlopsPerMac * static_cast<double>(peak_macs_per_cycle) * clock.value() * 1e-12;
}

double Result::utilization() const {
  return ratio(static_cast<double>(stats.macs),
               static_cast<double>(stats.total_cycles) * static_cast<double>(peak_macs_per_cycle));
}

double Result::stall_share() const {
  return ratio(static_cast<double>(stats.stall_cycles), static_cast<double>(stats.total_cycles));
}

double Result::op_latency_s(const accel::OpStats& op) const {
  return ratio(static_cast<double>(op.total_cycles), clock.value());
}

std::vector<PhaseTotals> Result::phases() const {
  std::vector<PhaseTotals> out;  // in order of first appearance
  for (const auto& op : stats.ops) {
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const PhaseTotals& p) { return p.phase == op.phase; });
    if (it == out.end()) it = out.insert(out.end(), PhaseTotals{.phase = op.phase});
    ++it->ops;
    it->macs += op.macs;
    it->vector_ops += op.vector_ops;
    it->total_cycles += op.total_cycles;
  }
  return out;
}

std::uint64_t peak_macs_per_cycle(const accel::AcceleratorConfig& config,
                                  accel::Precision precision) {
  const auto it = config.array.macs_per_pe_per_cycle.find(precision);
  if (it == config.array.macs_per_pe_per_cycle.end()) return 0;
  // A slowed precision (cycles_per_mac > 1) peaks at a fraction of the PEs per cycle.
  return std::uint64_t{config.array.rows} * config.array.cols * config.array.count * it->second /
         accel::cycles_per_mac(config.array, precision);
}

}  // namespace headroom::sim
