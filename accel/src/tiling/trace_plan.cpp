// SPDX-License-Identifier: MIT
#include <algorithm>
#include <string>

#include "headroom/models/error.hpp"
#include "tiling/plan.hpp"

namespace headroom::accel {

BufferBudget buffer_budget(const SramConfig& sram) {
  if (sram.unified) {
    // One pool for the three roles: each gets a third, half of which is the prefetch slot.
    const std::uint64_t third = sram.unified_buffer.size_bytes / 3;
    return {third / 2, third / 2, third / 2};
  }
  return {sram.ifmap.size_bytes / 2, sram.filter.size_bytes / 2, sram.ofmap.size_bytes / 2};
}

namespace {

void validate(const AcceleratorConfig& c, Precision precision) {
  auto bad = [&](const std::string& key, const std::string& expected, const std::string& found) {
    throw InputError(input_error_message(c.source_file, 0, key, expected, found));
  };
  if (c.array.rows == 0 || c.array.cols == 0 || c.array.count == 0)
    bad("array", "rows, cols and count of at least 1",
        std::to_string(c.array.rows) + " x " + std::to_string(c.array.cols) + " x " +
            std::to_string(c.array.count));
  const auto it = c.array.macs_per_pe_per_cycle.find(precision);
  if (it == c.array.macs_per_pe_per_cycle.end() || it->second == 0) {
    std::string list;
    for (const auto& [p, n] : c.array.macs_per_pe_per_cycle)
      list += (list.empty() ? "" : ", ") + std::string(to_string(p));
    bad("array.macs_per_pe_per_cycle", "a precision the array supports (" + list + ")",
        to_string(precision));
  }
  if (!(c.clock.value() > 0)) bad("clock", "a positive frequency", std::to_string(c.clock.value()));
  if (!c.dram.ideal && !(c.dram.bandwidth.value() > 0))
    bad("dram.bandwidth", "a positive bandwidth (or dram.ideal: true)",
        std::to_string(c.dram.bandwidth.value()));
  if (!c.dram.ideal && c.dram.burst_bytes == 0) bad("dram.burst_bytes", "at least 1", "0");
}

}  // namespace

std::vector<OpPlan> plan_trace(const AcceleratorConfig& config, const models::Trace& trace,
                               Precision precision) {
  validate(config, precision);
  std::vector<OpPlan> plans;
  plans.reserve(trace.ops.size());
  // A chain of fusable ops right after a GEMM shares that GEMM's time on the vector unit.
  bool in_chain = false;
  std::uint64_t hidden_budget = 0;  // GEMM cycles not yet used by the chain
  for (const auto& op : trace.ops) {
    if (op.kind == models::TraceOp::Kind::Gemm) {
      plans.push_back(plan_gemm(config, op, precision));
      in_chain = true;
      hidden_budget = plans.back().stats.compute_cycles;
    } else {
      const bool fused = in_chain && fusable(op.vector.kind);
      plans.push_back(plan_vector(config, op, precision, fused, hidden_budget));
      in_chain = fused;
      hidden_budget -=
          fused ? std::min(hidden_budget, plans.back().vector_busy_cycles) : hidden_budget;
    }
    if (config.dram.ideal) {
      // Nothing can stall on an ideal memory: one step per op keeps the kernel work minimal.
      Step all;
      for (const auto& st : plans.back().steps) {
        all.read_bytes += st.read_bytes;
        all.compute_cycles += st.compute_cycles;
        all.write_bytes += st.write_bytes;
      }
      plans.back().steps.assign(1, all);
    }
  }
  return plans;
}

}  // namespace headroom::accel
