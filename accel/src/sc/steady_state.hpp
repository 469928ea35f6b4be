// SPDX-License-Identifier: MIT
// A trace repeats itself: an LLM is the same layer a hundred times over (forward, backward,
// update). Once the model's whole state (the DMA's lead, the data in SRAM and when it lands, the
// write-backs queued, the DRAM channel's backlog, the fused-op chain the planner is in) at the
// start of an op is, relative to the clock, the same as one and two periods of ops before, the
// stretch is periodic: every further period takes the same time and does the same work. The
// compute engine then advances as many whole periods as the trace still repeats in closed form
// (the ops' records copied a period on, the clock moved by the period's time) and simulates the
// rest, including the stretch's end, for real (docs/accelerator-model.md, "Repeated layers").
#pragma once

#include <cstdint>
#include <vector>

#include "sc/double_buffers.hpp"

namespace headroom::accel::sc {

// Ops advanced in closed form by every run of this process so far, for tests and benchmarks
// (SystemC runs one kernel per process, never two runs at once).
[[nodiscard]] std::uint64_t ops_advanced_in_closed_form();

class SteadyState {
 public:
  // Called by the compute engine as it is about to start op `buffers.compute_op`, with the
  // other threads suspended. Returns the number of ops advanced in closed form (0 if none):
  // their records are written and the engine goes on at compute_op, moved on by that many.
  std::size_t at_op_start(DoubleBuffers& buffers);

 private:
  struct Snapshot {
    std::size_t op = SIZE_MAX;  // the op start it was taken at
    sc_core::sc_time at;
    // The rest relative to `at` (a time already past counts as `at`).
    std::size_t dma_ahead = 0, dma_step = 0, planned_ahead = 0;
    bool reading = false, writing = false;
    sc_core::sc_time read_wakes, write_wakes, dram_free;
    std::uint64_t read_left = 0, write_left = 0;
    std::vector<std::uint64_t> in_sram, pending_writes;
    std::vector<sc_core::sc_time> ready_at;
    [[nodiscard]] bool same_state(const Snapshot& o) const;
  };

  // Fills `s` in place, keeping its vectors' capacity (no allocation once warm).
  static void take(const DoubleBuffers& buffers, Snapshot& s);
  void advance(DoubleBuffers& buffers, std::size_t period, std::size_t periods,
               sc_core::sc_time period_time);

  std::vector<Snapshot> ring_;  // by op index modulo its size
  Snapshot now_;
};

}  // namespace headroom::accel::sc
