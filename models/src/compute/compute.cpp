// SPDX-License-Identifier: MIT
#include "headroom/models/compute.hpp"

#include <cmath>
#include <string>

#include "headroom/models/error.hpp"

namespace headroom::models {

namespace {

void require_non_negative(const char* what, double v) {
  if (!std::isfinite(v) || v < 0)
    throw InputError(input_error_message("", 0, what, "a finite number >= 0", std::to_string(v)));
}

}  // namespace

ComputeAmount compute_amount(double flop) {
  return {flop, flop / kFlopPerPf, flop / kFlopPerPfsDay};
}

ComputeAmount count_operations(const OperationCount& in) {
  require_non_negative("forward_macs_per_example", in.forward_macs_per_example);
  require_non_negative("examples_per_epoch", in.examples_per_epoch);
  require_non_negative("epochs", in.epochs);
  require_non_negative("flops_per_mac", in.flops_per_mac);
  require_non_negative("fwd_bwd_factor", in.fwd_bwd_factor);
  require_non_negative("extra_factor", in.extra_factor);
  return compute_amount(in.forward_macs_per_example * in.flops_per_mac * in.fwd_bwd_factor *
                        in.examples_per_epoch * in.epochs * in.extra_factor);
}

ComputeAmount hardware_time(const HardwareTime& in) {
  require_non_negative("devices", in.devices);
  require_non_negative("device_peak_tflops", in.peak_tflops_per_device);
  require_non_negative("days", in.days);
  require_non_negative("utilization", in.utilization);
  require_non_negative("extra_factor", in.extra_factor);
  if (in.utilization > 1)
    throw InputError(input_error_message("", 0, "utilization", "a fraction from 0 to 1",
                                         std::to_string(in.utilization)));
  return compute_amount(in.devices * in.peak_tflops_per_device * 1e12 * in.days * 86400.0 *
                        in.utilization * in.extra_factor);
}

double relative_difference(double a, double b) { return std::abs(a - b) / std::abs(b); }

}  // namespace headroom::models
