// SPDX-License-Identifier: MIT
// DRAM as a loosely timed TLM-2.0 target: a transfer occupies the channel for its burst-rounded
// bytes / bandwidth from when the channel is free (busy_until), and its data arrives one access
// latency after that. Reads and writes share the channel through two sockets.
//
// Arbitration (docs/accelerator-model.md, "DRAM channel and stalls"): first come first served,
// except that a write arriving while a read's bytes are still moving goes in at that read's next
// burst boundary; the read's remaining bursts move after the write, so its end moves later by
// the write's time. A memory controller arbitrates per burst and drains writes; without this a
// write-back queued behind a whole tile (tens of kilobytes) fetched for a later layer. A read is
// still one transaction: its initiator waits on `read_moved()`, which the channel notifies when
// the read's last byte has moved and moves later when a write cuts in, so no process runs per
// burst and none wakes for a cut-in.
#pragma once

#include <tlm_utils/simple_target_socket.h>

#include <cstdint>
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
  // When the last read's final byte has moved (or will: a write cutting in moves it later).
  [[nodiscard]] const sc_core::sc_time& read_moved_at() const { return read_end_; }
  // Notified at read_moved_at() (unless the memory is ideal).
  [[nodiscard]] const sc_core::sc_event& read_moved() const { return read_moved_; }

 private:
  void read(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
  void write(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
  [[nodiscard]] std::uint64_t bursts(const tlm::tlm_generic_payload& payload) const;
  // The channel time of `bursts` whole bursts, in ticks (sim_time.hpp).
  [[nodiscard]] std::uint64_t burst_ticks(std::uint64_t bursts) const;

  bool ideal_;
  double bytes_per_cycle_;
  sc_core::sc_time latency_;
  std::uint64_t burst_bytes_;
  double ticks_per_burst_;  // unrounded
  sc_core::sc_time busy_until_;
  // The last read: its bursts not moved before the current stretch of it began, which ends at
  // read_end_. Its burst boundaries are counted back from the end (read_end_ - burst_ticks(j),
  // j <= read_bursts_), so a write cutting in moves every one of them by the same time.
  sc_core::sc_time read_end_;
  std::uint64_t read_bursts_ = 0;
  sc_core::sc_event read_moved_;
};

}  // namespace headroom::accel::sc
