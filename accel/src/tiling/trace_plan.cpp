// SPDX-License-Identifier: MIT
#include <algorithm>
#include <array>
#include <set>
#include <string>

#include "headroom/accel/simulator.hpp"
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
  check_run_length(trace);
  std::set<std::array<std::uint64_t, 7>> checked;  // repeated layers share a shape
  for (const auto& op : trace.ops) {
    if (op.kind != models::TraceOp::Kind::Gemm) continue;
    const auto& g = op.gemm;
    if (checked
            .insert({g.m, g.n, g.k, g.count, g.a_unique_elements, g.b_unique_elements, g.depthwise})
            .second)
      check_gemm_fits(config, op, precision);
  }
  // Everything that decides an op's plan but the layer's name: equal keys are the same work.
  // Sorting the ops by key (stable: in trace order within a key) puts each op right after the
  // last one like it.
  using Work = std::array<std::uint64_t, 19>;
  std::vector<Work> works;
  works.reserve(trace.ops.size());
  for (const models::TraceOp& op : trace.ops) {
    const auto& g = op.gemm;
    const auto& v = op.vector;
    works.push_back({static_cast<std::uint64_t>(op.kind), static_cast<std::uint64_t>(op.phase),
                     op.fused, op.input_on_chip, op.output_on_chip, g.m, g.n, g.k, g.count,
                     g.a_unique_elements, g.b_unique_elements, g.depthwise,
                     static_cast<std::uint64_t>(v.kind), v.elements, v.ops, v.input_elements,
                     op.depth_first.chain, op.depth_first.band_rows, op.depth_first.weight_passes});
  }
  std::vector<std::size_t> order(works.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return works[a] < works[b]; });
  previous_same_.assign(works.size(), kNone);
  watch_.assign(works.size(), 0);
  work_id_.assign(works.size(), 0);
  std::uint32_t ids = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (k > 0 && works[order[k]] == works[order[k - 1]]) {
      previous_same_[order[k]] = order[k - 1];
      work_id_[order[k]] = work_id_[order[k - 1]];
      watch_[order[k - 1]] |= kAgain;
    } else {
      work_id_[order[k]] = ids++;
    }
  }
  find_repeats();
}

void refuse_run_too_long(const AcceleratorConfig& config, const std::string& found) {
  throw RunTooLongError(input_error_message(
      config.source_file, 0, "array",
      "a run of at most " + std::to_string(kMaxRunCycles) + " cycles and an op of at most " +
          std::to_string(kMaxOpCycles) +
          " (the model's clock counts 1 ps ticks in 64 bits, 1000 a cycle); a larger array, a "
          "smaller batch or more chips brings it there",
      found));
}

void TracePlanner::check_run_length(const models::Trace& trace) const {
  // No op is faster than its MACs spread over every PE: a bound checked before the run, so a
  // run that cannot fit is refused at once (each planned op and the clock are checked later).
  const std::uint64_t macs_per_cycle = std::uint64_t{config_.array.rows} * config_.array.cols *
                                       config_.array.count *
                                       config_.array.macs_per_pe_per_cycle.at(precision_);
  std::uint64_t cycles = 0;
  for (const auto& op : trace.ops) {
    if (op.kind != models::TraceOp::Kind::Gemm) continue;
    const auto& g = op.gemm;
    std::uint64_t macs = g.m;
    if (__builtin_mul_overflow(macs, g.n, &macs) || __builtin_mul_overflow(macs, g.k, &macs) ||
        __builtin_mul_overflow(macs, g.count, &macs) ||
        __builtin_add_overflow(cycles, macs / macs_per_cycle, &cycles))
      cycles = UINT64_MAX;
    if (cycles > kMaxRunCycles)
      refuse_run_too_long(
          config_, "at least " +
                       (cycles == UINT64_MAX ? std::string("2^64") : std::to_string(cycles)) +
                       " cycles: the MACs up to layer " + op.layer + " on every PE at once");
  }
}

void TracePlanner::find_repeats() {
  const std::size_t n = trace_.ops.size();
  // Prefix hashes of the work ids modulo the prime 2^61 - 1: equal stretches of work have equal
  // hashes, so no repeat is missed; a collision only records states for nothing (the check
  // itself compares the work op by op before it advances anything).
  constexpr std::uint64_t kPrime = (std::uint64_t{1} << 61) - 1, kBase = 1'000'003;
  const auto mul = [](std::uint64_t a, std::uint64_t b) {
    __extension__ using U128 = unsigned __int128;
    const U128 x = static_cast<U128>(a) * b;
    const std::uint64_t r =
        static_cast<std::uint64_t>(x & kPrime) + static_cast<std::uint64_t>(x >> 61);
    return r >= kPrime ? r - kPrime : r;
  };
  std::vector<std::uint64_t> prefix, power;
  const auto hash_of = [&](std::size_t from, std::size_t len) {
    const std::uint64_t h = prefix[from + len] + kPrime - mul(prefix[from], power[len]);
    return h >= kPrime ? h - kPrime : h;
  };
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = previous_same_[i]; j != kNone; j = previous_same_[j]) {
      const std::size_t period = i - j;
      // Compare at i against i - period and i - 2 period, over kMinPeriods periods from the
      // first: later periods only start later and end further on.
      if (period > kMaxPeriod || 2 * period > i || i + (kMinPeriods - 2) * period > n) break;
      const std::size_t from = i - 2 * period;
      if (work_id_[from] != work_id_[i]) continue;
      if (prefix.empty()) {  // only for a trace that repeats
        prefix.assign(n + 1, 0);
        power.assign(n + 1, 1);
        for (std::size_t k = 0; k < n; ++k) {
          prefix[k + 1] = mul(prefix[k], kBase) + work_id_[k] + 1;
          if (prefix[k + 1] >= kPrime) prefix[k + 1] -= kPrime;
          power[k + 1] = mul(power[k], kBase);
        }
      }
      // Periodic over the stretch: it equals itself shifted by one period.
      const std::size_t len = (kMinPeriods - 1) * period;
      if (hash_of(from, len) != hash_of(from + period, len)) continue;
      watch_[i] |= kRecord | kCompare;
      watch_[i - period] |= kRecord;
      watch_[from] |= kRecord;
    }
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

bool TracePlanner::plans_repeat(std::size_t from, std::size_t period) const {
  const std::size_t end = planned();
  if (period == 0 || from < period || end < from || end - period >= chain_before_.size())
    return false;
  for (std::size_t j = from; j < end; ++j)
    if (!same_work(j, j - period) || chain_before_[j] != chain_before_[j - period]) return false;
  // The ops not planned yet repeat too while their work does: they start from the same chain.
  return chain_ == chain_before_[end - period];
}

std::size_t TracePlanner::repeats_until(std::size_t from, std::size_t period) const {
  std::size_t j = std::max(from, period);
  while (j < trace_.ops.size() && same_work(j, j - period)) ++j;
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
  const std::size_t index = first_ + window_.size();
  const models::TraceOp& op = trace_.ops[index];
  chain_before_.push_back(chain_);
  bool& in_chain = chain_.in_chain;
  std::uint64_t& budget = chain_.hidden_budget;
  if (op.kind == models::TraceOp::Kind::Gemm) {
    // A GEMM's plan depends on its work alone, not on the chain before it.
    const std::uint32_t work = work_id_[index];
    const auto hit = std::find_if(cached_.begin(), cached_.end(),
                                  [&](const Cached& c) { return c.work == work; });
    const bool again = (watch_[index] & kAgain) != 0;
    if (hit != cached_.end()) {
      window_.push_back(again ? hit->plan : std::move(hit->plan));
      if (!again) cached_.erase(hit);
      window_.back().stats.layer = op.layer;
      window_.back().stats.phase = op.phase;
    } else {
      window_.push_back(plan_gemm(config_, op, precision_));
      finish_plan(window_.back(), op);
      if (again && cached_.size() < kCachedPlans) cached_.push_back({work, window_.back()});
    }
    in_chain = true;
    budget = window_.back().stats.compute_cycles;
    chain_.stage_cycles = 0;
    return;
  }
  const bool fused = in_chain && (fusable(op.vector.kind) || fused_pool(config_, op));
  window_.push_back(plan_vector(config_, op, precision_, fused, budget, chain_.stage_cycles));
  in_chain = fused;
  budget -= fused ? std::min(budget, window_.back().vector_busy_cycles) : budget;
  if (in_post_processing(config_, op, fused))
    chain_.stage_cycles += window_.back().vector_busy_cycles;
  else
    chain_.stage_cycles = 0;
  finish_plan(window_.back(), op);
}

void TracePlanner::finish_plan(OpPlan& plan, const models::TraceOp& op) const {
  apply_on_chip_reuse(plan, op, precision_);
  if (config_.dram.none) keep_all_on_chip(plan);
  // An op lasts at most its compute and its DRAM transfers one after the other (and a latency
  // per step): bounded by kMaxOpCycles, no op started within the run can wrap the clock.
  const double bytes_per_cycle = config_.dram.bytes_per_cycle(config_.clock);
  double bound = static_cast<double>(plan.vector_busy_cycles);
  for (const Step& st : plan.steps) {
    bound += static_cast<double>(st.compute_cycles);
    if (bytes_per_cycle > 0)
      bound += static_cast<double>(st.read_bytes + st.write_bytes) / bytes_per_cycle;
  }
  bound +=
      static_cast<double>(plan.steps.size()) * config_.dram.latency.value() * config_.clock.value();
  if (bound > static_cast<double>(kMaxOpCycles))
    refuse_run_too_long(
        config_, "up to " + std::to_string(static_cast<std::uint64_t>(std::min(bound, 1e19))) +
                     " cycles for layer " + op.layer +
                     " alone (its compute and DRAM transfers in turn)");
  if (config_.dram.free()) {
    // Nothing can stall on an ideal memory (or none): one step per op keeps the kernel work
    // minimal.
    Step all;
    for (const auto& st : plan.steps) {
      all.read_bytes += st.read_bytes;
      all.compute_cycles += st.compute_cycles;
      all.write_bytes += st.write_bytes;
    }
    plan.steps.assign(1, all);
  }
}

}  // namespace headroom::accel
