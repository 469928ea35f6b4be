// SPDX-License-Identifier: MIT
// The result fields, declared once: name (with its unit), unit, type, description, format and how
// to read the value. The JSON of run, compare and train, the per-layer CSV, the sweep's table and
// docs/result-fields.md are generated from these lists, so adding a field is one entry in
// sim/src/report/*_fields.cpp (the text reports are hand-written summaries of the same figures).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "headroom/sim/device_run.hpp"
#include "headroom/sim/result.hpp"
#include "headroom/sim/train.hpp"
#include "headroom/sim/trend_projection.hpp"
#include "headroom/sim/trends.hpp"

namespace headroom::sim {

enum class FieldType { Integer, Real, Text, Boolean };

// std::monostate: not available for this result (e.g. energy when the config has no technology
// model, or sram_ifmap energy for a unified buffer). Writers leave it out (JSON, or null where the
// field says so), empty (CSV) or NULL (SQL). Build values with the exact alternative's type
// (std::uint64_t{n}, double(x)): the JSON prints integers and reals differently.
using FieldValue = std::variant<std::monostate, std::uint64_t, double, std::string, bool>;

template <class Record>
struct Field {
  std::string name;  // unit in the name: latency_s, energy_j, dram_read_bytes
  std::string unit;  // "s", "J", "W", "bytes", "cycles", "1" (dimensionless), "" for text
  FieldType type = FieldType::Real;
  std::string description;  // one line, for docs and --help
  std::string format;       // fmt spec for text and CSV cells, e.g. "{:.9g}"
  // Where the value sits in the JSON report: a dotted path from the run's root ("totals.macs")
  // or from a layer object ("energy_components.mac_j"); empty when the JSON does not carry it.
  std::string json_key;
  std::function<FieldValue(const Record&)> get;
  // JSON: a missing value is written as null (true) or its key left out (false).
  bool json_null = false;
  // Empty: the field belongs to every record. Otherwise records for which it is false do not have
  // the field at all (e.g. the datapath-only bound on a GPU row of `compare`): no JSON key.
  std::function<bool(const Record&)> applies;
};

// One device of `headroom compare` (an accelerator or a datasheet GPU) on one network.
struct CompareRow {
  std::string name;
  std::string kind;  // "accelerator" or "gpu"
  std::string precision;
  double latency_s = 0;
  double throughput = 0;  // inferences per second
  double achieved_flops = 0;
  std::optional<double> energy_per_inference_j;  // empty: no technology model
  std::optional<double> power_w;
  std::optional<double> flops_per_w;
  // Accelerators: the bounds that show where the headroom goes (MAC energy alone at full
  // utilization; MACs plus SRAM, no DRAM), from the same energy account as `headroom run`.
  std::optional<double> datapath_only_flops_per_w;
  std::optional<double> with_sram_flops_per_w;
  std::optional<double> tops_per_mm2;
  std::string gpu_model;  // GPUs: the model's figures and defaults, one line
  // GPUs: power_w and energy_per_inference_j are TDP x time (the upper bound); flops_per_w uses
  // the activity-based power (device_run.hpp), these are its figures and the TDP-bound FLOPS/W.
  std::optional<double> active_power_w;
  std::optional<double> active_energy_per_inference_j;
  std::optional<double> tdp_flops_per_w;
  std::string idle_power_basis;
};

// One accelerator over one GPU in `headroom compare` (JSON `ratios`).
struct CompareRatio {
  std::string accelerator;
  std::string gpu;
  double throughput_ratio = 0;
  std::optional<double> flops_per_w_ratio;  // empty when either lacks an energy figure
};

// One trace op of a run, the record of a per-layer field.
struct OpRecord {
  const Result& result;
  std::size_t index;  // into result.stats.ops
};

// Every figure of one run: its identity (config, network, batch, precision, mode), the totals,
// energy and area (with a FIXED list of components, so a sweep table has the same columns whether
// or not a run has a technology model). One sweep row.
[[nodiscard]] const std::vector<Field<Result>>& run_fields();
// One datasheet device (GPU, TPU) on one workload: a sweep's device row.
struct DeviceRecord {
  const DeviceResult& result;
  std::optional<double> die_mm2;  // the datasheet's die area x dies; empty when it has none
};
// The run fields a device has a value for, declared under run_fields()' names with the same type
// and unit (a test checks it): a sweep fills a device row's columns by name from these, the
// others stay NULL.
[[nodiscard]] const std::vector<Field<DeviceRecord>>& device_sweep_fields();
// One per trace op: the per-layer CSV columns and the JSON `layers` objects.
[[nodiscard]] const std::vector<Field<OpRecord>>& layer_fields();

// One phase of the run (JSON `phases`): forward, backward_data, backward_weight, update.
[[nodiscard]] const std::vector<Field<PhaseTotals>>& phase_fields();
// `headroom compare`: one object of `accelerators` / `gpus` per row.
[[nodiscard]] const std::vector<Field<CompareRow>>& compare_fields();
[[nodiscard]] const std::vector<Field<CompareRatio>>& compare_ratio_fields();
// `headroom train`: the whole JSON report but `scaling` (config, workload, parallel, step, memory,
// totals, cost), and one `scaling` row.
[[nodiscard]] const std::vector<Field<TrainReport>>& train_fields();
[[nodiscard]] const std::vector<Field<ScalingPoint>>& scaling_fields();
// `headroom run` on a device target: the whole JSON report.
[[nodiscard]] const std::vector<Field<DeviceResult>>& device_fields();

// `headroom trends fit --json`: one object of `fits`. `ci95_months` is written as the array
// [ci95_months_low, ci95_months_high].
[[nodiscard]] const std::vector<Field<trends::Fit>>& trend_fit_fields();
// `headroom trends efficiency --json`: one object of `rows`.
[[nodiscard]] const std::vector<Field<trends::EfficiencyRow>>& efficiency_row_fields();
// `headroom trends project --json`: the report but `notes` and the chips' objects;
// `projected_flop_band` is written as [projected_flop_band_low, projected_flop_band_high].
[[nodiscard]] const std::vector<Field<TrendProjection>>& trend_projection_fields();
// `headroom trends project --json`: the chip's object (`accelerator`) and the GPU's (`gpu`).
[[nodiscard]] const std::vector<Field<ProjectedRun>>& projected_run_fields();

// The declared energy and area components, in report order. accel's estimate_energy and
// estimate_area only emit names from these lists (a test checks it).
[[nodiscard]] const std::vector<std::string_view>& energy_component_names();
[[nodiscard]] const std::vector<std::string_view>& area_component_names();

[[nodiscard]] std::string_view to_string(FieldType type);  // "integer", "real", "text"

// The value as a text cell with the field's format; "" when not available.
[[nodiscard]] std::string format_value(const FieldValue& value, std::string_view format);
// The value as JSON; null when not available.
[[nodiscard]] nlohmann::json to_json(const FieldValue& value);

// Sets `value` at a dotted path inside the object `out`, creating the objects on the way.
void put_json_at(nlohmann::json& out, std::string_view dotted_key, nlohmann::json value);

// Sets each field of `record` at its json_key inside the object `out`.
template <class Record>
void put_json(const std::vector<Field<Record>>& fields, const Record& record, nlohmann::json& out) {
  for (const auto& f : fields) {
    if (f.json_key.empty() || (f.applies && !f.applies(record))) continue;
    const FieldValue v = f.get(record);
    if (std::holds_alternative<std::monostate>(v) && !f.json_null) continue;
    put_json_at(out, f.json_key, to_json(v));
  }
}

// docs/result-fields.md: every declared field of every list, as Markdown tables.
[[nodiscard]] std::string fields_markdown();

}  // namespace headroom::sim
