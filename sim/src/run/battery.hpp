// SPDX-License-Identifier: MIT
// --rate / --battery / --idle for `run`: the duty-cycled power of an inference run.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "headroom/accel/config.hpp"
#include "headroom/sim/battery.hpp"
#include "headroom/sim/device_run.hpp"
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

// The same for a run on an embedded CPU device (`run --device cortex-m4 --rate 30/s`): active
// energy from the device's measured power while inferring, its idle_w (a low-power mode, cited
// in its file or assumed) between inferences. Throws InputError for --idle gated (the device's
// idle figure already is its low-power mode), a device without power figures, or a rate above
// what it sustains back to back.
[[nodiscard]] BatteryReport device_duty_cycle(const DeviceResult& result, const DutyCycle& duty);

// The `--rate` lines of a report.
[[nodiscard]] std::string format_battery(const BatteryReport& b);
// The same figures as JSON, keyed as `run --json`'s `battery` object.
[[nodiscard]] nlohmann::json battery_json(const BatteryReport& b);

}  // namespace headroom::sim
