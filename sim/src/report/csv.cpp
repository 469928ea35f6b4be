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

}  // namespace

std::string format_csv(const Result& r) {
  std::string out =
      "name,phase,kind,M,N,K,count,macs,vector_ops,folds,compute_cycles,stall_cycles,"
      "total_cycles,latency_s,utilization,mapping_efficiency,sram_reads,sram_writes,"
      "dram_read_bytes,dram_write_bytes";
  if (r.energy) out += ",energy_j";
  out += "\n";
  for (std::size_t i = 0; i < r.stats.ops.size(); ++i) {
    const auto& op = r.stats.ops[i];
    out += fmt::format(
        "{},{},{},{},{},{},{},{},{},{},{},{},{},{:.9g},{:.6f},{:.6f},{},{},{},{}", field(op.layer),
        models::to_string(op.phase), op.kind == models::TraceOp::Kind::Gemm ? "gemm" : "vector",
        op.m, op.n, op.k, op.count, op.macs, op.vector_ops, op.folds, op.compute_cycles,
        op.stall_cycles, op.total_cycles, r.op_latency_s(op), op.utilization, op.mapping_efficiency,
        op.sram_reads(), op.sram_writes(), op.dram_read_bytes, op.dram_write_bytes);
    if (r.energy)
      out += i < r.energy->per_op.size() ? fmt::format(",{:.9g}", r.energy->per_op[i].value())
                                         : std::string(",");
    out += "\n";
  }
  return out;
}

}  // namespace headroom::sim
