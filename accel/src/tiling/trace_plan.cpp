// SPDX-License-Identifier: MIT
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
    std::vector<std::string> names;
    for (const auto& [p, n] : c.array.macs_per_pe_per_cycle) names.emplace_back(to_string(p));
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
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
  std::uint64_t previous_gemm_cycles = 0;  // of the op just before, 0 if it was no GEMM
  for (const auto& op : trace.ops) {
    if (op.kind == models::TraceOp::Kind::Gemm) {
      plans.push_back(plan_gemm(config, op, precision));
      previous_gemm_cycles = plans.back().stats.compute_cycles;
    } else {
      const bool fused = previous_gemm_cycles > 0 && fusable(op.vector.kind);
      plans.push_back(plan_vector(config, op, precision, fused, previous_gemm_cycles));
      previous_gemm_cycles = 0;
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
