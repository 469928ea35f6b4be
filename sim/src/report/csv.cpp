// SPDX-License-Identifier: MIT
#include <fmt/format.h>

#include "headroom/sim/report.hpp"

namespace headroom::sim {

namespace {

// RFC 4180: a field with a comma, quote or newline is quoted, quotes doubled.
std::string field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

// The op's total and its share of each component the run's total lists, in the same order.
std::string energy_cells(const EnergyAccount& e, std::size_t op) {
  if (op >= e.per_op.size()) return std::string(e.total.components.size() + 1, ',');
  std::string out = fmt::format(",{:.9g}", e.per_op[op].value());
  for (const auto& c : e.total.components) {
    double j = 0;
    if (op < e.per_op_components.size())
      for (const auto& oc : e.per_op_components[op])
        if (oc.name == c.name) j += oc.energy.value();
    out += fmt::format(",{:.9g}", j);
  }
  return out;
}

}  // namespace

std::string format_csv(const Result& r) {
  std::string out =
      "name,phase,kind,M,N,K,count,macs,vector_ops,folds,compute_cycles,stall_cycles,"
      "total_cycles,latency_s,utilization,mapping_efficiency,sram_reads,sram_writes,"
      "dram_read_bytes,dram_write_bytes";
  if (r.energy) {
    out += ",energy_j";
    for (const auto& c : r.energy->total.components) out += ",energy_" + c.name + "_j";
  }
  out += "\n";
  for (std::size_t i = 0; i < r.stats.ops.size(); ++i) {
    const auto& op = r.stats.ops[i];
    out += fmt::format(
        "{},{},{},{},{},{},{},{},{},{},{},{},{},{:.9g},{:.6f},{:.6f},{},{},{},{}", field(op.layer),
        models::to_string(op.phase), op.kind == models::TraceOp::Kind::Gemm ? "gemm" : "vector",
        op.m, op.n, op.k, op.count, op.macs, op.vector_ops, op.folds, op.compute_cycles,
        op.stall_cycles, op.total_cycles, r.op_latency_s(op), op.utilization, op.mapping_efficiency,
        op.sram_reads(), op.sram_writes(), op.dram_read_bytes, op.dram_write_bytes);
    if (r.energy) out += energy_cells(*r.energy, i);
    out += "\n";
  }
  return out;
}

}  // namespace headroom::sim
