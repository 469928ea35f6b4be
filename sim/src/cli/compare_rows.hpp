// SPDX-License-Identifier: MIT
// The rows of `headroom compare`, shared with `headroom plot compare` so the picture shows
// exactly the numbers the table prints.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "headroom/models/network.hpp"
#include "headroom/models/precision.hpp"
#include "headroom/sim/result.hpp"
#include "headroom/sim/result_fields.hpp"

namespace headroom::sim::cli {

struct CompareRun {
  std::vector<CompareRow> rows;           // accelerators first, then devices, as given
  std::vector<Result> results;            // each accelerator's full result (energy pictures)
  std::vector<std::string> config_files;  // each accelerator's config file
};

// `--precision` of compare: empty for none; throws InputError naming the flag when unknown.
[[nodiscard]] std::optional<Precision> compare_precision(const std::string& name);

// Loads every target (load_target) before running any, then runs the network's forward trace on
// each: accelerators simulated, devices through run_on_device.
[[nodiscard]] CompareRun compare_run(const std::vector<std::string>& accels,
                                     const std::vector<std::string>& gpus,
                                     const models::Network& network,
                                     const std::optional<Precision>& precision);

}  // namespace headroom::sim::cli
