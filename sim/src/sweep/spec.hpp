// SPDX-License-Identifier: MIT
// The sweep spec (docs/sweeps.md): a base accelerator config, workloads, axes over dotted keys
// of the accelerator schema, ties, the search, constraints and objectives. Everything is checked
// here, before any point runs.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "headroom/sim/device_spec.hpp"
#include "sweep/condition.hpp"

namespace headroom::sim::sweep {

struct WorkloadSpec {
  std::string label;     // the `workload` column: the network, "@batch" when not 1
  std::string network;   // a zoo name or a model file the models entry point reads
  std::string topology;  // or a SCALE-Sim topology .csv
  std::uint64_t batch = 1;
  bool training = false;
  double weight = 1;  // in the weighted geometric mean over workloads
};

struct Axis {
  std::string key;                 // dotted key of the accelerator schema
  std::vector<YAML::Node> values;  // scalars, as written
  std::vector<std::string> texts;  // the same, as text
};

struct Objective {
  std::string field;
  bool maximise = false;
};

// A datasheet device (configs/gpus) evaluated on every workload beside the accelerator points.
struct DeviceTarget {
  std::string text;  // as written in the spec: the `target` column
  DeviceSpec spec;
  std::optional<Precision> precision;  // "a100:tf32"; else the framework default
};

struct SweepSpec {
  std::string file;
  std::string base_path;  // resolved against the spec's folder
  YAML::Node base;        // the base config, parsed once (null when the base is a device)
  std::string base_text;  // `base` as written
  // The base is a device: the sweep has no accelerator points, only `devices` (the base first).
  bool base_is_device = false;
  std::vector<DeviceTarget> devices;
  std::vector<WorkloadSpec> workloads;
  std::vector<Axis> axes;
  // Axes that move together: each group lists axis indices; an untied axis is a group of one.
  std::vector<std::vector<std::size_t>> groups;
  bool random = false;
  std::uint64_t samples = 0;  // random search: how many points
  std::uint64_t seed = 0;
  std::vector<Condition> constraints;
  std::vector<Objective> objectives;
};

// Reads and checks a spec. Throws InputError naming the file, key and line.
[[nodiscard]] SweepSpec load_sweep_spec(const std::string& path);

// Every key an axis may name, wildcards of the schema expanded (array.macs_per_pe_per_cycle.int8).
[[nodiscard]] const std::vector<std::string>& axis_keys();

// Sets `key` (dotted) to the scalar `value` inside `root`, creating the maps on the way. The
// value is copied as text: assigning a node of another document would make yaml-cpp merge the
// two documents' memory, so the spec's would grow with every point.
void set_dotted(YAML::Node& root, const std::string& key, const std::string& value);

// "-energy_j" -> {energy_j, maximise}; checks the field is a declared numeric run field.
[[nodiscard]] Objective parse_objective(const std::string& text, const std::string& where);

}  // namespace headroom::sim::sweep
