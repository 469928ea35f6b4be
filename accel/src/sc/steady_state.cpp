// SPDX-License-Identifier: MIT
#include "sc/steady_state.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "headroom/accel/simulator.hpp"
#include "sc/sim_time.hpp"

namespace headroom::accel::sc {

namespace {

std::uint64_t advanced_ops = 0;

sc_core::sc_time after(const sc_core::sc_time& t, const sc_core::sc_time& now) {
  return t > now ? t - now : sc_core::SC_ZERO_TIME;
}

}  // namespace

std::uint64_t ops_advanced_in_closed_form() { return advanced_ops; }

bool SteadyState::Snapshot::same_state(const Snapshot& o) const {
  return dma_ahead == o.dma_ahead && dma_step == o.dma_step && planned_ahead == o.planned_ahead &&
         reading == o.reading && writing == o.writing && read_wakes == o.read_wakes &&
         write_wakes == o.write_wakes && dram_free == o.dram_free && read_left == o.read_left &&
         write_left == o.write_left && in_sram == o.in_sram && pending_writes == o.pending_writes &&
         ready_at == o.ready_at;
}

void SteadyState::take(const DoubleBuffers& b, Snapshot& s) {
  const sc_core::sc_time now = sc_core::sc_time_stamp();
  s.op = b.compute_op;
  s.at = now;
  s.dma_ahead = b.dma_op - b.compute_op;
  s.dma_step = b.dma_step;
  s.planned_ahead = b.planner.planned() - b.compute_op;
  s.reading = b.reading.busy;
  s.writing = b.writing.busy;
  s.read_wakes = s.reading ? after(b.reading.wakes, now) : sc_core::SC_ZERO_TIME;
  s.read_left = s.reading ? b.reading.bytes_left : 0;
  s.write_wakes = s.writing ? after(b.writing.wakes, now) : sc_core::SC_ZERO_TIME;
  s.write_left = s.writing ? b.writing.bytes_left : 0;
  s.dram_free = b.dram_free_at ? after(*b.dram_free_at, now) : sc_core::SC_ZERO_TIME;
  s.in_sram.assign(b.in_sram.begin(), b.in_sram.end());
  s.pending_writes.assign(b.pending_writes.begin(), b.pending_writes.end());
  s.ready_at.clear();
  for (const auto& t : b.ready_at) s.ready_at.push_back(after(t, now));
}

std::size_t SteadyState::at_op_start(DoubleBuffers& b) {
  const std::size_t i = b.compute_op;
  TracePlanner& planner = b.planner;
  // Only where the trace repeats long enough (found once per trace): elsewhere this costs a load.
  if (!planner.records_at(i)) return 0;
  if (b.dma_op >= planner.size()) return 0;  // the DMA is past the end: nothing repeats ahead
  if (ring_.empty()) ring_.resize(std::min(2 * TracePlanner::kMaxPeriod + 1, planner.size()));
  const auto recorded = [&](std::size_t back) {
    return ring_[(i - back) % ring_.size()].op == i - back;
  };
  take(b, now_);
  // Candidate periods: the distances back to earlier ops of the same work as op i.
  for (std::size_t j = planner.compares_at(i) ? planner.previous_same_work(i) : TracePlanner::kNone;
       j != TracePlanner::kNone; j = planner.previous_same_work(j)) {
    const std::size_t period = i - j;
    if (period > TracePlanner::kMaxPeriod || 2 * period > i) break;
    if (!recorded(period) || !recorded(2 * period)) continue;
    const Snapshot& one = ring_[(i - period) % ring_.size()];
    const Snapshot& two = ring_[(i - 2 * period) % ring_.size()];
    if (!now_.same_state(one) || !one.same_state(two)) continue;
    const sc_core::sc_time period_time = now_.at - one.at;
    if (one.at - two.at != period_time) continue;
    if (!planner.plans_repeat(i - period, period)) continue;
    // The ops the DMA and the planner reach while whole periods are advanced must repeat too.
    const std::size_t planned = planner.planned();
    const std::size_t periods = (planner.repeats_until(planned, period) - planned) / period;
    if (periods == 0) continue;
    advance(b, period, periods, period_time);
    for (Snapshot& s : ring_) s.op = SIZE_MAX;  // op numbers moved on: start afresh
    return period * periods;
  }
  std::swap(ring_[i % ring_.size()], now_);
  return 0;
}

void SteadyState::advance(DoubleBuffers& b, std::size_t period, std::size_t periods,
                          sc_core::sc_time period_time) {
  const std::size_t first = b.compute_op, ops = period * periods;
  sc_core::sc_time::value_type ticks = 0;
  if (__builtin_mul_overflow(period_time.value(), periods, &ticks) ||
      b.now().value() + ticks > cycles_to_time(kMaxRunCycles).value())
    refuse_run_too_long(b.planner.config(), "more than the limit over " + std::to_string(periods) +
                                                " repeats of the ops from layer " +
                                                b.planner.trace_op(first).layer);
  for (std::size_t j = first; j < first + ops; ++j) {
    b.op_end[j] = b.op_end[j - period] + period_time;
    OpStats stats = b.op_stats[j - period];
    const models::TraceOp& op = b.planner.trace_op(j);
    stats.layer = op.layer;
    stats.phase = op.phase;
    b.op_stats.push_back(std::move(stats));
    b.op_vector_busy.push_back(b.op_vector_busy[j - period]);
  }
  b.skipped += sc_core::sc_time::from_value(ticks);
  advanced_ops += ops;
  b.compute_op += ops;
  b.dma_op += ops;
  b.planner.skip(ops, period);
}

}  // namespace headroom::accel::sc
