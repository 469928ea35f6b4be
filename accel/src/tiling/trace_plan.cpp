// SPDX-License-Identifier: MIT
#include <algorithm>
#include <array>
#include <set>
#include <string>

#include "headroom/accel/validate.hpp"
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

TracePlanner::TracePlanner(const AcceleratorConfig& config, const models::Trace& trace,
                           Precision precision)
    : config_(config), trace_(trace), precision_(precision) {
  validate(config, Checks::BeforeRun);
  require_precision(config, precision, config.source_file, "array.macs_per_pe_per_cycle");
  // Repeated layers share a shape; `count` is part of it because the tile limit counts repeats.
  std::set<std::array<std::uint64_t, 6>> checked;
  for (const auto& op : trace.ops) {
    if (op.kind != models::TraceOp::Kind::Gemm) continue;
    const auto& g = op.gemm;
    if (checked.insert({g.m, g.n, g.k, g.count, g.a_unique_elements, g.b_unique_elements}).second)
      check_gemm_fits(config, op, precision);
  }
}

const OpPlan& TracePlanner::op(std::size_t index) {
  while (first_ + window_.size() <= index) plan_next();
  return window_[index - first_];
}

void TracePlanner::release_before(std::size_t index) {
  const std::size_t before = first_;
  while (first_ < index && !window_.empty()) {
    window_.pop_front();
    ++first_;
  }
  if (progress_ && first_ != before) progress_(first_, trace_.ops.size());
}

void TracePlanner::plan_next() {
  const models::TraceOp& op = trace_.ops[first_ + window_.size()];
  if (op.kind == models::TraceOp::Kind::Gemm) {
    window_.push_back(plan_gemm(config_, op, precision_));
    in_chain_ = true;
    hidden_budget_ = window_.back().stats.compute_cycles;
  } else {
    const bool fused = in_chain_ && (fusable(op.vector.kind) || fused_pool(config_, op));
    window_.push_back(plan_vector(config_, op, precision_, fused, hidden_budget_));
    in_chain_ = fused;
    hidden_budget_ -=
        fused ? std::min(hidden_budget_, window_.back().vector_busy_cycles) : hidden_budget_;
  }
  apply_on_chip_reuse(window_.back(), op, precision_);
  if (config_.dram.ideal) {
    // Nothing can stall on an ideal memory: one step per op keeps the kernel work minimal.
    Step all;
    for (const auto& st : window_.back().steps) {
      all.read_bytes += st.read_bytes;
      all.compute_cycles += st.compute_cycles;
      all.write_bytes += st.write_bytes;
    }
    window_.back().steps.assign(1, all);
  }
}

}  // namespace headroom::accel
