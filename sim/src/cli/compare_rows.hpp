// SPDX-License-Identifier: MIT
// The rows of `headroom compare`, shared with `headroom plot compare` so the picture shows
// exactly the numbers the table prints.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/device_options.hpp"
#include "headroom/models/network.hpp"
#include "headroom/models/precision.hpp"
#include "headroom/sim/gpu_model.hpp"
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

// `--precision` of run and train: any precision (tf32 only on a device), empty for none; with
// `for_accelerator`, only one an array can run. Throws InputError naming the flag.
[[nodiscard]] std::optional<Precision> array_precision_flag(const std::string& name,
                                                            bool for_accelerator);

// Loads every target (load_target) before running any, then runs the network's forward trace on
// each: accelerators simulated, devices through run_on_device.
// `precision` is the accelerators' (and the devices' when no accelerator is compared);
// `devices.precision` the devices' where their spec names none ("a100:fp16"); a device without
// either runs its framework default (target.hpp), never the accelerator's precision.
[[nodiscard]] CompareRun compare_run(const std::vector<std::string>& accels,
                                     const std::vector<std::string>& gpus,
                                     const models::Network& network,
                                     const std::optional<Precision>& precision,
                                     const DeviceFlags& devices = {});

}  // namespace headroom::sim::cli
