// SPDX-License-Identifier: MIT
// Everything one run produced. Every report format (table, JSON, CSV) reads this one structure,
// and every derived figure is computed here once, so the formats never disagree.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "headroom/accel/config.hpp"
#include "headroom/accel/energy.hpp"
#include "headroom/accel/stats.hpp"
#include "headroom/accel/units.hpp"
#include "headroom/models/fuse.hpp"
#include "headroom/models/trace.hpp"
#include "headroom/sim/battery.hpp"

namespace headroom::sim {

// The energy of a run, in total and per trace op (same order as RunStats::ops).
struct EnergyAccount {
  accel::EnergyReport total;
  std::vector<units::Energy> per_op;
  std::vector<std::vector<accel::EnergyComponent>> per_op_components;
};

// Cycles and work of one phase of a training step (all Forward for inference).
struct PhaseTotals {
  models::Phase phase = models::Phase::Forward;
  std::uint64_t ops = 0;
  std::uint64_t macs = 0;
  std::uint64_t vector_ops = 0;
  std::uint64_t total_cycles = 0;  // sum over the phase's ops
};

struct Result {
  std::string config_name;
  std::string config_file;
  std::string network;
  std::uint64_t batch = 1;
  std::vector<models::SkippedNode> skipped_nodes;  // ONNX nodes left out (--unsupported-ops skip)
  accel::Precision precision = accel::Precision::INT8;
  bool training = false;  // a whole training step (forward, backward, update) or inference
  // Set when the run driver fused the inference graph (models/fuse.hpp); empty: as written.
  std::optional<models::FusionSummary> fusion;
  std::optional<BatteryReport> battery;  // --rate: the duty-cycled figures
  units::Frequency clock = units::hertz(0);
  // An on-chip-only design (`dram: none`): no DRAM bytes or energy, by construction.
  bool on_chip_only = false;
  std::uint64_t on_chip_bytes = 0;        // its SRAM, which holds the whole network
  std::uint64_t peak_macs_per_cycle = 0;  // rows x cols x count x MACs per PE per cycle
  accel::RunStats stats;
  std::optional<EnergyAccount> energy;
  std::optional<accel::AreaReport> area;
  std::string tech_missing_reason;  // why `energy` and `area` are empty, for the reports

  // Derived figures. FLOPs count 1 MAC as 2 (for INT8 they are integer ops).
  [[nodiscard]] double latency_s() const;
  [[nodiscard]] double examples_per_s() const;  // batch / latency
  [[nodiscard]] double achieved_tflops() const;
  [[nodiscard]] double peak_tflops() const;
  [[nodiscard]] double utilization() const;  // MACs / (total cycles x peak MACs per cycle)
  [[nodiscard]] double stall_share() const;  // stall cycles / total cycles
  [[nodiscard]] double op_latency_s(const accel::OpStats& op) const;
  [[nodiscard]] std::vector<PhaseTotals> phases() const;
};

// Peak MACs per cycle of a config in a precision (0 if the array cannot run it).
[[nodiscard]] std::uint64_t peak_macs_per_cycle(const accel::AcceleratorConfig& config,
                                                accel::Precision precision);

}  // namespace headroom::sim
