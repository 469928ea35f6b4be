// SPDX-License-Identifier: MIT
// What a battery sees (issue 16): an application needs inferences at a rate; between them the
// chip idles, leaking, or is power-gated and pays a wake-up each time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace headroom::sim {

struct DutyCycle {
  double rate_per_s = 0;            // --rate: inferences per second the application needs
  std::optional<double> battery_j;  // --battery, in joules
  bool power_gated = false;         // --idle gated: no leakage between inferences
};

struct BatteryReport {
  DutyCycle duty;
  double max_rate_per_s = 0;                 // batch / latency: back to back
  double active_energy_per_inference_j = 0;  // the run's energy / batch
  double idle_power_w = 0;                   // leakage between inferences (0 when gated)
  std::string idle_basis;    // where idle_power_w comes from, when not the chip's leakage
  double wake_energy_j = 0;  // per wake-up when gated
  double average_power_w = 0;
  double energy_per_inference_j = 0;  // average power / rate: the idle share included
  double inferences_per_j = 0;
  std::optional<double> battery_hours;
  std::optional<double> power_budget_w;  // the config's thermal envelope
  bool over_budget = false;              // peak (active) power above it
  // Weights the parameter cache holds between inferences (sram.parameter_cache): the averages
  // use the steady-state run, without the first inference's reads that fill the cache.
  std::uint64_t cached_weight_bytes = 0;
  // Power-gated: the energy of reading the cache back from DRAM at each wake-up (in
  // wake_energy_j).
  double cache_refill_j = 0;
};

}  // namespace headroom::sim
