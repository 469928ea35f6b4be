// SPDX-License-Identifier: MIT
#include <algorithm>
#include <array>
#include <set>
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

TracePlanner::TracePlanner(const AcceleratorConfig& config, const models::Trace& trace,
                           Precision precision)
    : config_(config), trace_(trace), precision_(precision) {
  validate(config, precision);
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
    const bool fused = in_chain_ && fusable(op.vector.kind);
    window_.push_back(plan_vector(config_, op, precision_, fused, hidden_budget_));
    in_chain_ = fused;
    hidden_budget_ -=
        fused ? std::min(hidden_budget_, window_.back().vector_busy_cycles) : hidden_budget_;
  }
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
