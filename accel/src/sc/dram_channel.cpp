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
      bytes_per_cycle_(dram.free() ? 0.0 : dram.bandwidth.value() / clock.value()),
      latency_(fractional_cycles_to_time(dram.latency.value() * clock.value())),
      burst_bytes_(std::max<std::uint32_t>(1, dram.burst_bytes)) {
  read_socket.register_b_transport(this, &DramChannel::b_transport);
  write_socket.register_b_transport(this, &DramChannel::b_transport);
}

void DramChannel::b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay) {
  payload.set_response_status(tlm::TLM_OK_RESPONSE);
  if (ideal_) return;  // unbounded bandwidth, zero latency
  const sc_core::sc_time now = sc_core::sc_time_stamp();
  const sc_core::sc_time start = std::max(now + delay, busy_until_);
  // The channel moves whole bursts: a 65-byte transfer costs two 64-byte bursts.
  const std::uint64_t bursts = (payload.get_data_length() + burst_bytes_ - 1) / burst_bytes_;
  busy_until_ = start + fractional_cycles_to_time(static_cast<double>(bursts * burst_bytes_) /
                                                  bytes_per_cycle_);
  delay = busy_until_ + latency_ - now;
}

}  // namespace headroom::accel::sc
