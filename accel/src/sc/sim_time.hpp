// SPDX-License-Identifier: MIT
// The model's clock convention: one accelerator cycle is one SC_NS of simulated time, so cycles
// stay exact integers whatever the clock (a 940 MHz period has no exact ps value) and DRAM
// delays keep 1/1000-cycle resolution. Seconds are cycles / clock, derived outside SystemC.
#pragma once

#include <cstdint>
#include <systemc>

namespace headroom::accel::sc {

inline constexpr std::uint64_t kTicksPerCycle = 1000;  // ticks of the default 1 ps resolution

inline sc_core::sc_time cycles_to_time(std::uint64_t cycles) {
  return sc_core::sc_time::from_value(cycles * kTicksPerCycle);
}

inline std::uint64_t fractional_cycles_to_ticks(double cycles) {
  return static_cast<std::uint64_t>(cycles * static_cast<double>(kTicksPerCycle) + 0.5);
}

inline sc_core::sc_time fractional_cycles_to_time(double cycles) {
  return sc_core::sc_time::from_value(fractional_cycles_to_ticks(cycles));
}

// Whole cycles up to `t`: a transfer ending part-way through a cycle occupies that cycle.
inline std::uint64_t time_to_cycles(const sc_core::sc_time& t) {
  return (t.value() + kTicksPerCycle - 1) / kTicksPerCycle;
}

}  // namespace headroom::accel::sc
