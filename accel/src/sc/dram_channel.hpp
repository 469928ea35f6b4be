// SPDX-License-Identifier: MIT
// DRAM as a loosely timed TLM-2.0 target: a transfer occupies the channel for its burst-rounded
// bytes / bandwidth from when the channel is free (busy_until), and its data arrives one access
// latency after that. Reads and writes share the channel through two sockets.
#pragma once

#include <tlm_utils/simple_target_socket.h>

#include <systemc>
#include <tlm>

#include "headroom/accel/config.hpp"

namespace headroom::accel::sc {

class DramChannel : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<DramChannel> read_socket;
  tlm_utils::simple_target_socket<DramChannel> write_socket;

  DramChannel(const sc_core::sc_module_name& name, const DramConfig& dram, units::Frequency clock);

  // When the channel is free for the next transfer (in the past when idle).
  [[nodiscard]] const sc_core::sc_time& busy_until() const { return busy_until_; }

 private:
  void b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);

  bool ideal_;
  double bytes_per_cycle_;
  sc_core::sc_time latency_;
  std::uint64_t burst_bytes_;
  sc_core::sc_time busy_until_;
};

}  // namespace headroom::accel::sc
