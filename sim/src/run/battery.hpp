// SPDX-License-Identifier: MIT
// --rate / --battery / --idle for `run`: the duty-cycled power of an inference run.
#pragma once

#include <string>

#include "headroom/accel/config.hpp"
#include "headroom/sim/battery.hpp"
#include "headroom/sim/result.hpp"

namespace headroom::sim {

// "30/s", "30 fps", "30 Hz" or a bare 30: inferences per second. Throws InputError naming --rate.
[[nodiscard]] double parse_rate(const std::string& text);
// "1000mWh", "1.5 Wh", "3600 J", "5 kJ": joules. Throws InputError naming --battery.
[[nodiscard]] double parse_battery(const std::string& text);

// The run's figures at the duty cycle. Throws InputError when the run has no energy (no
// technology model) or the rate is above what the chip sustains back to back (naming that rate).
[[nodiscard]] BatteryReport duty_cycle(const Result& result, const DutyCycle& duty,
                                       const accel::AcceleratorConfig& config);

}  // namespace headroom::sim
