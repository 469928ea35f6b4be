// SPDX-License-Identifier: MIT
// One function per picture (one file each); every value is read from the declared result fields
// (result_fields.hpp) by name, so the pictures show what the JSON and CSV report.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "headroom/accel/config.hpp"
#include "headroom/sim/device_spec.hpp"
#include "headroom/sim/result.hpp"
#include "headroom/sim/result_fields.hpp"
#include "headroom/sim/train.hpp"
#include "plot/figure.hpp"

namespace headroom::sim::plot {

// A declared field's value as a number; empty when the record has none. Throws std::logic_error
// for a name no list declares (a programming error, caught by the plot tests).
template <class Record>
std::optional<double> number(const std::vector<Field<Record>>& fields, std::string_view name,
                             const Record& record) {
  for (const auto& f : fields) {
    if (f.name != name) continue;
    const FieldValue v = f.get(record);
    if (const auto* u = std::get_if<std::uint64_t>(&v)) return static_cast<double>(*u);
    if (const auto* d = std::get_if<double>(&v)) return *d;
    return std::nullopt;
  }
  throw std::logic_error("plot: no declared field '" + std::string(name) + "'");
}

// "config on network, batch B, precision P" for captions.
[[nodiscard]] std::string describe_run(const Result& r);
// What the energy of a run counts, for captions.
[[nodiscard]] std::string energy_scope();
// The precision a GPU is compared in: the accelerator's where the GPU has a peak for it, else fp32
// (as `headroom compare` chooses).
[[nodiscard]] Precision gpu_precision(const DeviceSpec& gpu, Precision accel_precision);

// The accelerator's roofline (peak, DRAM, SRAM edge-feed ceiling), each GEMM layer at its
// FLOP per DRAM byte and achieved FLOP/s, and the GPUs' rooflines.
[[nodiscard]] Figure roofline(const Result& result, const accel::AcceleratorConfig& config,
                              const std::vector<DeviceSpec>& gpus);

// Per-layer latency split into compute, stall and exposed write-back, and each GEMM's
// utilization.
[[nodiscard]] Figure layers(const Result& result);

// Energy per inference stacked by component, one bar per run, with the datapath-only and
// +SRAM bounds marked. Throws InputError when a run has no technology model.
[[nodiscard]] Figure energy(const std::vector<Result>& results);

// Throughput and GFLOPS/W side by side, log scales (rows of `headroom compare`).
[[nodiscard]] Figure compare(const std::vector<CompareRow>& rows, const std::string& network,
                             std::uint64_t batch);

// Time-to-train and data-parallel efficiency against chip count.
struct ScalingSeries {
  std::string name;  // accelerator or GPU
  std::vector<ScalingPoint> points;
};
[[nodiscard]] Figure scaling(const std::vector<ScalingSeries>& series, const std::string& run_name,
                             const std::string& caption_text);

// One point of a sweep (or a GPU) on the two objectives of `headroom plot pareto`.
struct ParetoPoint {
  double x = 0, y = 0;
  std::optional<double> color;  // the --color column's value
  bool on_front = false;        // one of the points `headroom pareto` returns
  bool gpu = false;             // a datasheet GPU, drawn as a labelled marker
  std::string label;            // the GPU's name
};
struct ParetoAxes {
  std::string x, y, color;  // result-field names with their units, e.g. latency_s, energy_j
};
[[nodiscard]] Figure pareto(const std::vector<ParetoPoint>& points, const ParetoAxes& axes,
                            const std::string& caption_text);

// The accelerator's data-parallel scaling_table from min_chips up to options.chips, and each GPU
// at the same chip counts (plan_training_on_device; efficiency against its first point scaled
// linearly, which is exact when the first point is one chip).
[[nodiscard]] std::vector<ScalingSeries> scaling_series(
    accel::Simulator& simulator, const accel::AcceleratorConfig& config, const RunConfig& run,
    const TrainOptions& options, std::uint64_t min_chips, const std::vector<DeviceSpec>& gpus);

// Training compute against publication date (log scale), the systems of each fit coloured by
// era, each fit's line over its systems with the band its bootstrap interval spans (the slopes of
// the 2.5% and 97.5% doubling times through the systems' centroid). `subsets[i]` chose
// `fits[i]`'s systems.
[[nodiscard]] Figure trends(const trends::Table& table, const std::vector<trends::Fit>& fits,
                            const std::vector<trends::Subset>& subsets,
                            const std::string& caption_text);

}  // namespace headroom::sim::plot
