// SPDX-License-Identifier: MIT
// Training-compute accounting, the two methods of Amodei & Hernandez, "AI and Compute"
// (OpenAI, 2018, appendix "Methods"): counting operations and multiplying hardware time.
#pragma once

#include "headroom/models/precision.hpp"

namespace headroom::models {

// 1 petaflop/s-day = 1e15 FLOP/s sustained for 86 400 s (the appendix's unit).
inline constexpr double kFlopPerPfsDay = 1e15 * 86400.0;
// The appendix's "PF" column counts petaFLOP: 1e15 operations.
inline constexpr double kFlopPerPf = 1e15;

// The appendix's default utilizations when a paper gives nothing more specific.
inline constexpr double kDefaultGpuUtilization = 0.33;
inline constexpr double kDefaultCpuUtilization = 0.17;

// Method 1: forward MACs per example x FLOP per MAC x (forward + backward) x examples x epochs.
// The appendix uses 2 FLOP/MAC and a forward+backward factor of 3 (backward ~ 2x forward);
// DeepSpeech2 is counted there with 3 and 2, so both stay inputs.
struct OperationCount {
  double forward_macs_per_example = 0;
  double examples_per_epoch = 0;
  double epochs = 0;
  double flops_per_mac = kFlopsPerMac;
  double fwd_bwd_factor = 3;
  double extra_factor = 1;  // e.g. GNMT's sqrt(10 x 100) data correction
};

// Method 2: devices x peak FLOP/s x days x 86 400 s x utilization.
struct HardwareTime {
  double devices = 0;
  double peak_tflops_per_device = 0;
  double days = 0;
  double utilization = kDefaultGpuUtilization;
  double extra_factor = 1;
};

// One training-compute figure in the three units the appendix reports.
struct ComputeAmount {
  double flop = 0;
  double pf = 0;  // 1e15 FLOP
  double pfs_days = 0;
};

[[nodiscard]] ComputeAmount compute_amount(double flop);

// Both throw InputError when an input is negative, not finite, or a utilization is above 1.
[[nodiscard]] ComputeAmount count_operations(const OperationCount& in);
[[nodiscard]] ComputeAmount hardware_time(const HardwareTime& in);

// Relative difference |a - b| / b: how far a recomputation lands from a published figure.
[[nodiscard]] double relative_difference(double a, double b);

}  // namespace headroom::models
