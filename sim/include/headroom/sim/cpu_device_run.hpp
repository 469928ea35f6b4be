// SPDX-License-Identifier: MIT
// One inference trace on an embedded CPU (`kind: embedded_cpu`): what run_on_device answers for
// such a device. Time = the sum over ops of cpu_op_cycles / clock (one core, ops back to back);
// power = the measured average power while inferring (busy_w), so energy = busy_w x time and the
// activity is 1 (the core computes throughout). docs/cpu-devices.md.
#pragma once

#include <string>

#include "headroom/models/trace.hpp"
#include "headroom/sim/device_run.hpp"
#include "headroom/sim/device_spec.hpp"

namespace headroom::sim {

// Throws InputError naming the device file when it is asked to train, or for a precision other
// than int8 (the kernels' figures are int8 measurements).
[[nodiscard]] DeviceResult run_on_embedded_cpu(const DeviceSpec& device, const models::Trace& trace,
                                               Precision precision, const std::string& workload,
                                               bool training, const std::string& precision_basis);

// The model line of report headers: clock, cycles per MAC by layer type, framework, calibration.
[[nodiscard]] std::string describe_embedded_cpu(const DeviceSpec& device);

}  // namespace headroom::sim
