// SPDX-License-Identifier: MIT
#include "sc/dram_channel.hpp"

#include <algorithm>

#include "sc/sim_time.hpp"

namespace headroom::accel::sc {

DramChannel::DramChannel(const sc_core::sc_module_name& name, const DramConfig& dram,
                         units::Frequency clock)
    : sc_core::sc_module(name),
      read_socket("read_socket"),
      write_socket("write_socket"),
      ideal_(dram.free()),
      bytes_per_cycle_(dram.bytes_per_cycle(clock)),
      latency_(fractional_cycles_to_time(dram.latency.value() * clock.value())),
      burst_bytes_(std::max<std::uint32_t>(1, dram.burst_bytes)),
      ticks_per_burst_(dram.free() ? 0.0
                                   : static_cast<double>(burst_bytes_) / bytes_per_cycle_ *
                                         static_cast<double>(kTicksPerCycle)) {
  read_socket.register_b_transport(this, &DramChannel::read);
  write_socket.register_b_transport(this, &DramChannel::write);
}

std::uint64_t DramChannel::bursts(const tlm::tlm_generic_payload& payload) const {
  // The channel moves whole bursts: a 65-byte transfer costs two 64-byte bursts.
  return (payload.get_data_length() + burst_bytes_ - 1) / burst_bytes_;
}

std::uint64_t DramChannel::burst_ticks(std::uint64_t n) const {
  return fractional_cycles_to_ticks(static_cast<double>(n * burst_bytes_) / bytes_per_cycle_);
}

void DramChannel::read(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay) {
  payload.set_response_status(tlm::TLM_OK_RESPONSE);
  if (ideal_) return;  // unbounded bandwidth, zero latency
  const sc_core::sc_time now = sc_core::sc_time_stamp();
  const sc_core::sc_time start = std::max(now + delay, busy_until_);
  read_bursts_ = bursts(payload);
  read_end_ = busy_until_ = start + sc_core::sc_time::from_value(burst_ticks(read_bursts_));
  read_moved_.notify(read_end_ - now);
  delay = busy_until_ + latency_ - now;
}

void DramChannel::write(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay) {
  payload.set_response_status(tlm::TLM_OK_RESPONSE);
  if (ideal_) return;
  const sc_core::sc_time now = sc_core::sc_time_stamp();
  const sc_core::sc_time at = now + delay;
  const sc_core::sc_time duration = sc_core::sc_time::from_value(burst_ticks(bursts(payload)));
  if (read_end_ > at) {
    // A read is moving, or queued to start at `at`: the write goes in at its first burst
    // boundary not before `at`, the most bursts j (at most all it has left) with
    // read_end_ - burst_ticks(j) >= at. burst_ticks rounds, hence the nudges (in ticks, no
    // sc_time made: this runs once per write-back).
    const std::uint64_t room = (read_end_ - at).value();
    auto j = static_cast<std::uint64_t>(
        std::min(static_cast<double>(read_bursts_), static_cast<double>(room) / ticks_per_burst_));
    while (j > 0 && burst_ticks(j) > room) --j;
    while (j < read_bursts_ && burst_ticks(j + 1) <= room) ++j;
    const std::uint64_t behind = j > 0 ? burst_ticks(j) : 0;
    if (behind > 0) {
      // The read's last j bursts move after the write; everything queued moves by its time.
      const sc_core::sc_time write_end =
          read_end_ - sc_core::sc_time::from_value(behind) + duration;
      read_end_ += duration;
      read_bursts_ = j;
      busy_until_ += duration;
      // A later notification does not replace a pending earlier one: cancel it first.
      read_moved_.cancel();
      read_moved_.notify(read_end_ - now);
      delay = write_end + latency_ - now;
      return;
    }
  }
  const sc_core::sc_time start = std::max(at, busy_until_);
  busy_until_ = start + duration;
  delay = busy_until_ + latency_ - now;
}

}  // namespace headroom::accel::sc
