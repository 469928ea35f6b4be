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
#include <systemc>
#include <vector>

#include "tiling/plan.hpp"

namespace headroom::accel::sc {

struct DoubleBuffers {
  static constexpr std::uint64_t kOutputSlots = 2;

  DoubleBuffers(const std::vector<OpPlan>& p, std::uint64_t prefetch_bytes)
      : plans(p), prefetch_capacity(prefetch_bytes), op_end(p.size()) {
    read_prefix.push_back(0);
    for (const auto& op : plans)
      for (const auto& step : op.steps) read_prefix.push_back(read_prefix.back() + step.read_bytes);
  }

  // Whether the DMA may fetch step `next` now: always for the step the array waits on, else
  // when the steps queued behind the current one fit in the prefetch halves.
  [[nodiscard]] bool may_fetch(std::uint64_t next) const {
    return next <= consumed ||
           read_prefix[next + 1] - read_prefix[consumed + 1] <= prefetch_capacity;
  }

  const std::vector<OpPlan>& plans;
  std::uint64_t prefetch_capacity;
  std::vector<std::uint64_t> read_prefix;  // read bytes of all steps before index i
  std::uint64_t filled = 0;                // steps whose inputs are in SRAM
  std::uint64_t consumed = 0;              // steps the array has finished
  sc_core::sc_event filled_event;
  sc_core::sc_event consumed_event;

  std::deque<std::uint64_t> pending_writes;  // bytes per output slot waiting for DRAM
  sc_core::sc_event write_posted;
  sc_core::sc_event write_done;
  bool compute_done = false;

  std::vector<sc_core::sc_time> op_end;  // when the array finished each op
  sc_core::sc_time writes_end;           // when the last write-back reached DRAM
};

}  // namespace headroom::accel::sc
