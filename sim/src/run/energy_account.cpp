// SPDX-License-Identifier: MIT
#include "run/energy_account.hpp"

#include "headroom/accel/energy.hpp"

namespace headroom::sim {

namespace {

accel::RunStats only(const accel::OpStats& op) {
  accel::RunStats s;
  s.ops = {op};
  s.total_cycles = op.total_cycles;
  s.stall_cycles = op.stall_cycles;
  const bool gemm = op.kind == models::TraceOp::Kind::Gemm;
  s.compute_cycles = gemm ? op.compute_cycles : 0;
  s.vector_cycles = gemm ? 0 : op.compute_cycles;
  s.macs = op.macs;
  s.vector_ops = op.vector_ops;
  s.sram_reads = op.sram_reads();
  s.sram_writes = op.sram_writes();
  s.dram_read_bytes = op.dram_read_bytes;
  s.dram_write_bytes = op.dram_write_bytes;
  return s;
}

}  // namespace

EnergyAccount account_energy(const accel::AcceleratorConfig& config, accel::Precision precision,
                             const accel::RunStats& stats) {
  EnergyAccount a;
  a.total = accel::estimate_energy(config, precision, stats);
  a.per_op.reserve(stats.ops.size());
  a.per_op_components.reserve(stats.ops.size());
  for (const auto& op : stats.ops) {
    accel::EnergyReport e = accel::estimate_energy(config, precision, only(op));
    a.per_op.push_back(e.total);
    a.per_op_components.push_back(std::move(e.components));
  }
  return a;
}

}  // namespace headroom::sim
