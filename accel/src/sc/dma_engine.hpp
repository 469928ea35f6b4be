// SPDX-License-Identifier: MIT
// DMA: one thread prefetches the next step's tiles into the free input slot, one thread drains
// finished output slots to DRAM. One TLM transaction per tile, never per burst. Requests are
// pipelined: the DMA issues the next one as soon as the channel has moved the last one's bytes,
// so DRAM latency is paid once per stream, not once per tile; a tile is usable `latency` later.
// A write-back may cut into a read at a burst boundary (DramChannel): the read's thread waits on
// the channel's read_moved event, which the channel moves to the read's new end, and the write's
// thread updates the read's status at once, so the state others read (DoubleBuffers::Transfer)
// never lags the channel.
#pragma once

#include <tlm_utils/simple_initiator_socket.h>

#include <systemc>
#include <tlm>

#include "sc/double_buffers.hpp"
#include "sc/dram_channel.hpp"

namespace headroom::accel::sc {

class DmaEngine : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<DmaEngine> read_socket;
  tlm_utils::simple_initiator_socket<DmaEngine> write_socket;

  SC_HAS_PROCESS(DmaEngine);
  DmaEngine(const sc_core::sc_module_name& name, DoubleBuffers& buffers, const DramChannel& dram,
            sc_core::sc_time latency);

 private:
  void prefetch();
  void write_back();
  // Returns once the channel has moved the bytes; the data lands `latency_` later.
  void transfer(tlm_utils::simple_initiator_socket<DmaEngine>& socket, tlm::tlm_command command,
                std::uint64_t bytes, DoubleBuffers::Transfer& status);

  DoubleBuffers& buffers_;
  const DramChannel& dram_;
  sc_core::sc_time latency_;
  tlm::tlm_generic_payload read_payload_, write_payload_;
};

}  // namespace headroom::accel::sc
