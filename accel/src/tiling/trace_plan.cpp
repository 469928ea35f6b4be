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
  if (config.dram.none) check_on_chip_fits(config, trace, precision);
  // Repeated layers share a shape; `count` is part of it because the tile limit counts repeats.
  std::set<std::array<std::uint64_t, 7>> checked;
  for (const auto& op : trace.ops) {
    if (op.kind != models::TraceOp::Kind::Gemm) continue;
    const auto& g = op.gemm;
    if (checked
            .insert({g.m, g.n, g.k, g.count, g.a_unique_elements, g.b_unique_elements, g.depthwise})
            .second)
      check_gemm_fits(config, op, precision);
  }
  // Everything same_work compares, so that equal keys are the same work. Sorting the ops by
  // key (stable: in trace order within a key) puts each op right after the last one like it.
  using Work = std::array<std::uint64_t, 16>;
  std::vector<Work> works;
  works.reserve(trace.ops.size());
  for (const models::TraceOp& op : trace.ops) {
    const auto& g = op.gemm;
    const auto& v = op.vector;
    works.push_back({static_cast<std::uint64_t>(op.kind), static_cast<std::uint64_t>(op.phase),
                     op.fused, op.input_on_chip, op.output_on_chip, g.m, g.n, g.k, g.count,
                     g.a_unique_elements, g.b_unique_elements, g.depthwise,
                     static_cast<std::uint64_t>(v.kind), v.elements, v.ops, v.input_elements});
  }
  std::vector<std::size_t> order(works.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return works[a] < works[b]; });
  previous_same_.assign(works.size(), kNone);
  next_same_.assign(works.size(), kNone);
  for (std::size_t k = 1; k < order.size(); ++k)
    if (works[order[k]] == works[order[k - 1]]) {
      previous_same_[order[k]] = order[k - 1];
      next_same_[order[k - 1]] = order[k];
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

bool same_work(const models::TraceOp& a, const models::TraceOp& b) {
  const auto& g = a.gemm;
  const auto& h = b.gemm;
  const auto& v = a.vector;
  const auto& w = b.vector;
  return a.kind == b.kind && a.phase == b.phase && a.fused == b.fused &&
         a.input_on_chip == b.input_on_chip && a.output_on_chip == b.output_on_chip && g.m == h.m &&
         g.n == h.n && g.k == h.k && g.count == h.count &&
         g.a_unique_elements == h.a_unique_elements && g.b_unique_elements == h.b_unique_elements &&
         g.depthwise == h.depthwise && v.kind == w.kind && v.elements == w.elements &&
         v.ops == w.ops && v.input_elements == w.input_elements;
}

bool TracePlanner::plans_repeat(std::size_t from, std::size_t period) const {
  const std::size_t end = planned();
  if (period == 0 || from < period || end < from || end - period >= chain_before_.size())
    return false;
  for (std::size_t j = from; j < end; ++j)
    if (!same_work(trace_.ops[j], trace_.ops[j - period]) ||
        chain_before_[j] != chain_before_[j - period])
      return false;
  // The ops not planned yet repeat too while their work does: they start from the same chain.
  return chain_ == chain_before_[end - period];
}

std::size_t TracePlanner::repeats_until(std::size_t from, std::size_t period) const {
  std::size_t j = std::max(from, period);
  while (j < trace_.ops.size() && same_work(trace_.ops[j], trace_.ops[j - period])) ++j;
  return j;
}

void TracePlanner::skip(std::size_t ops, std::size_t period) {
  const std::size_t end = planned();
  first_ += ops;
  for (std::size_t i = 0; i < window_.size(); ++i) {
    const models::TraceOp& op = trace_.ops[first_ + i];
    window_[i].stats.layer = op.layer;
    window_[i].stats.phase = op.phase;
  }
  for (std::size_t j = end; j < end + ops; ++j) chain_before_.push_back(chain_before_[j - period]);
}

void TracePlanner::plan_next() {
  const models::TraceOp& op = trace_.ops[first_ + window_.size()];
  chain_before_.push_back(chain_);
  bool& in_chain = chain_.in_chain;
  std::uint64_t& budget = chain_.hidden_budget;
  if (op.kind == models::TraceOp::Kind::Gemm) {
    window_.push_back(plan_gemm(config_, op, precision_));
    in_chain = true;
    budget = window_.back().stats.compute_cycles;
  } else {
    const bool fused = in_chain && (fusable(op.vector.kind) || fused_pool(config_, op));
    window_.push_back(plan_vector(config_, op, precision_, fused, budget));
    in_chain = fused;
    budget -= fused ? std::min(budget, window_.back().vector_busy_cycles) : budget;
  }
  apply_on_chip_reuse(window_.back(), op, precision_);
  if (config_.dram.none) keep_all_on_chip(window_.back());
  if (config_.dram.free()) {
    // Nothing can stall on an ideal memory (or none): one step per op keeps the kernel work
    // minimal.
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
