// SPDX-License-Identifier: MIT
// One workload trace on a datasheet device (GPU, TPU): the `headroom run --device` result, and the
// device rows of `headroom compare`. Time is the per-op model of gpu_model.hpp summed over the
// trace (no overlap between ops, no fusion); energy is TDP x time: the board's rated power for the
// whole run, an upper bound that includes the device's idle and memory power but not the host,
// the network or cooling (no PUE).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "headroom/models/trace.hpp"
#include "headroom/sim/device_spec.hpp"
#include "headroom/sim/gpu_model.hpp"

namespace headroom::sim {

// Idle power as a fraction of TDP where no idle figure is published: Jouppi et al. ISCA 2017,
// Table 2 measured idle/TDP of 0.28 (Haswell, 41/145 W), 0.17 (K80 die, 25/150 W) and 0.37
// (TPU v1, 28/75 W); 0.25 sits inside that range. An assumption, labelled as such in the output.
inline constexpr double kDefaultIdleFractionOfTdp = 0.25;

struct DeviceResult {
  std::string device;  // the datasheet name
  std::string file;
  std::string workload;
  std::string precision;
  std::uint64_t batch = 1;
  bool training = false;
  std::string model;  // describe(GpuModel): the figures and defaults used
  double latency_s = 0;
  double flop = 0;                 // useful FLOPs of the trace, 1 MAC = 2
  double peak_flops = 0;           // the datasheet's dense peak at `precision`
  std::optional<double> power_w;   // TDP; absent when the datasheet has none
  std::optional<double> energy_j;  // TDP x time: the upper bound
  // What energy_j is when not TDP x time (an embedded CPU's measured power, cpu_device_run.hpp).
  std::string energy_basis;
  // Activity-based estimate, like with like beside an accelerator's bottom-up energy:
  // P = P_idle + (P_busy - P_idle) x activity (P_busy: measured busy_w, else TDP), activity =
  // time-weighted max(compute use, DRAM bandwidth use) over the ops (see kDefaultIdleFractionOfTdp
  // for devices without an idle figure).
  double activity = 0;  // 0..1
  std::optional<double> idle_power_w;
  std::string idle_power_basis;  // "measured (datasheet file)" or the assumed fraction
  std::optional<double> active_power_w;
  std::optional<double> active_energy_j;

  [[nodiscard]] double examples_per_s() const;
  [[nodiscard]] double achieved_flops() const;
  [[nodiscard]] double utilization() const;  // achieved / peak
};

// Throws InputError (from make_gpu_model) when the device lacks a peak for `precision`, a
// bandwidth or sm_count. `precision_basis` (why this precision) goes into the model line.
[[nodiscard]] DeviceResult run_on_device(const DeviceSpec& device, const models::Trace& trace,
                                         Precision precision, const std::string& workload,
                                         bool training, const std::string& precision_basis = {},
                                         Framework framework = Framework::None);

[[nodiscard]] std::string format_device_table(const DeviceResult& result);
[[nodiscard]] std::string format_device_json(const DeviceResult& result);

}  // namespace headroom::sim
