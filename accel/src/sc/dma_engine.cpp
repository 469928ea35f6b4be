// SPDX-License-Identifier: MIT
#include "sc/dma_engine.hpp"

#include <algorithm>

#include "headroom/models/error.hpp"

namespace headroom::accel::sc {

DmaEngine::DmaEngine(const sc_core::sc_module_name& name, DoubleBuffers& buffers,
                     const DramChannel& dram, sc_core::sc_time latency)
    : sc_core::sc_module(name),
      read_socket("read_socket"),
      write_socket("write_socket"),
      buffers_(buffers),
      dram_(dram),
      latency_(latency) {
  SC_THREAD(prefetch);
  SC_THREAD(write_back);
}

void DmaEngine::transfer(tlm_utils::simple_initiator_socket<DmaEngine>& socket,
                         tlm::tlm_command command, std::uint64_t bytes,
                         DoubleBuffers::Transfer& status) {
  // Timing-only payloads: a length and no data. TLM lengths are 32-bit, hence the split.
  constexpr std::uint64_t kMaxTransaction = std::uint64_t{1} << 30;
  while (bytes > 0) {
    const std::uint64_t part = std::min(bytes, kMaxTransaction);
    // One payload per direction, reused: constructing one per transfer cost more than the
    // channel's timing arithmetic.
    tlm::tlm_generic_payload& payload =
        command == tlm::TLM_READ_COMMAND ? read_payload_ : write_payload_;
    payload.set_command(command);
    payload.set_data_length(static_cast<unsigned int>(part));
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    socket->b_transport(payload, delay);
    bytes -= part;
    const sc_core::sc_time moved = delay > latency_ ? delay - latency_ : sc_core::SC_ZERO_TIME;
    status = {true, sc_core::sc_time_stamp() + moved, bytes};
    if (command == tlm::TLM_WRITE_COMMAND) {
      // This write may have cut into the read in flight and moved its end: the read's status
      // follows in the same instant, whichever process reads it next.
      // (A cut-in only moves a read later; ideal memory moves nothing.)
      if (buffers_.reading.busy)
        buffers_.reading.wakes = std::max(buffers_.reading.wakes, dram_.read_moved_at());
      wait(moved);
      continue;
    }
    // The read ends when its bytes have moved: the channel notifies read_moved at that time,
    // and again later each time a write cuts into the read, so this is one wait per read, never
    // per burst. Ideal memory moves the bytes at once; the wait is then one delta.
    if (moved == sc_core::SC_ZERO_TIME)
      wait(moved);
    else
      wait(dram_.read_moved());
  }
  status.busy = false;
}

void DmaEngine::prefetch() {
  try {
    for (; buffers_.dma_op < buffers_.planner.size(); ++buffers_.dma_op) {
      // The plan stays put when the compute engine skips periods (it then stands for an op
      // further on, the same work), so the reference and dma_step survive a skip.
      const OpPlan& op = buffers_.planner.op(buffers_.dma_op);
      for (buffers_.dma_step = 0; buffers_.dma_step < op.steps.size(); ++buffers_.dma_step) {
        const Step& step = op.steps[buffers_.dma_step];
        while (!buffers_.may_fetch(step.read_bytes)) wait(buffers_.consumed_event);
        sc_core::sc_time ready = sc_core::sc_time_stamp();
        if (step.read_bytes > 0) {
          transfer(read_socket, tlm::TLM_READ_COMMAND, step.read_bytes, buffers_.reading);
          ready = sc_core::sc_time_stamp() + latency_;
        }
        buffers_.fetched(step.read_bytes, ready);
      }
      buffers_.release_ops();
    }
  } catch (const InputError&) {
    // Tile fits were checked before sc_start; a planning error nobody foresaw still ends the
    // run cleanly: sc_start returns and run() rethrows.
    buffers_.error = std::current_exception();
    sc_core::sc_stop();
  }
}

void DmaEngine::write_back() {
  for (;;) {
    while (buffers_.pending_writes.empty()) {
      if (buffers_.compute_done) return;
      wait(buffers_.write_posted);
    }
    transfer(write_socket, tlm::TLM_WRITE_COMMAND, buffers_.pending_writes.front(),
             buffers_.writing);
    buffers_.writes_end = buffers_.now() + latency_;  // in DRAM once its latency is up
    buffers_.pending_writes.pop_front();
    buffers_.write_done.notify();
  }
}

}  // namespace headroom::accel::sc
