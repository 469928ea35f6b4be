// SPDX-License-Identifier: MIT
// The SRAM buffers as the model sees them. Inputs: the step the array works on holds the active
// halves of the ifmap and filter buffers; the DMA may run ahead into the other halves as far as
// the bytes of the steps after it fit there (ping-pong at byte rather than tile granularity, so
// a slice that one fold reuses for many steps is fetched behind those steps). Outputs: two
// slots (halves of the ofmap buffer) drain to DRAM while the array fills the other. Tile sizes
// were checked by the planner; here only the handshake lives, as counters and events.
#pragma once

#include <cstdint>
#include <deque>
#include <exception>
#include <systemc>
#include <vector>

#include "tiling/plan.hpp"

namespace headroom::accel::sc {

struct DoubleBuffers {
  static constexpr std::uint64_t kOutputSlots = 2;

  DoubleBuffers(TracePlanner& p, std::uint64_t prefetch_bytes)
      : planner(p), prefetch_capacity(prefetch_bytes), op_end(p.size()) {}

  // Whether the DMA may fetch a step of `bytes` now: always for the step the array waits on and
  // the one after it (double buffering; a step merged from many tiles may exceed the halves, and
  // its tiles would have streamed through them), else when the steps queued behind the current
  // one, and this one, fit the prefetch halves.
  [[nodiscard]] bool may_fetch(std::uint64_t bytes) const {
    return in_sram.size() <= 1 || in_sram_bytes - in_sram.front() + bytes <= prefetch_capacity;
  }
  void fetched(std::uint64_t bytes, sc_core::sc_time ready) {
    in_sram.push_back(bytes);
    ready_at.push_back(ready);
    in_sram_bytes += bytes;
    ++filled;
    filled_event.notify();
  }
  void consumed_one() {
    in_sram_bytes -= in_sram.front();
    in_sram.pop_front();
    ready_at.pop_front();
    ++consumed;
    consumed_event.notify();
  }
  // The ops both threads are done planning from can be forgotten.
  void release_ops() { planner.release_before(std::min(dma_op, compute_op)); }

  TracePlanner& planner;
  std::uint64_t prefetch_capacity;
  std::size_t dma_op = 0;      // op the DMA is fetching for
  std::size_t compute_op = 0;  // op the compute engine is working on

  std::deque<std::uint64_t> in_sram;      // read bytes of steps fetched and not yet finished
  std::deque<sc_core::sc_time> ready_at;  // when each of those steps' data has arrived
  std::uint64_t in_sram_bytes = 0;
  std::uint64_t filled = 0;    // steps whose inputs are in SRAM
  std::uint64_t consumed = 0;  // steps the array has finished
  sc_core::sc_event filled_event;
  sc_core::sc_event consumed_event;

  std::deque<std::uint64_t> pending_writes;  // bytes per output slot waiting for DRAM
  sc_core::sc_event write_posted;
  sc_core::sc_event write_done;
  bool compute_done = false;

  // Where each DMA thread is while it waits for the channel, for the steady-state check
  // (steady_state.hpp): a transfer's wait ends at `wakes`, `bytes_left` after the current part.
  struct Transfer {
    bool busy = false;
    sc_core::sc_time wakes;
    std::uint64_t bytes_left = 0;
  };
  Transfer reading, writing;
  std::size_t dma_step = 0;  // the step of op dma_op the prefetch thread is on
  const sc_core::sc_time* dram_free_at = nullptr;  // the channel's busy_until
  // Whole periods of a repeated stretch advanced in closed form: the model's time is SystemC's
  // plus this. Every time stamp below is the model's.
  sc_core::sc_time skipped;
  [[nodiscard]] sc_core::sc_time now() const { return sc_core::sc_time_stamp() + skipped; }

  std::vector<sc_core::sc_time> op_end;  // when the array finished each op
  std::vector<OpStats> op_stats;         // each op's planned counts, kept once it is finished
  std::vector<std::uint64_t> op_vector_busy;
  sc_core::sc_time writes_end;  // when the last write-back reached DRAM
  std::exception_ptr error;     // an InputError from planning inside a thread
};

}  // namespace headroom::accel::sc
