// SPDX-License-Identifier: MIT
// The `headroom train` report as text and JSON, both read from one TrainReport. Units are in the
// key names; 1 MAC = 2 FLOPs.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "headroom/sim/train.hpp"

namespace headroom::sim {

[[nodiscard]] std::string format_train(const TrainReport& report);
// The same run on a datasheet device next to the accelerator: time, energy, speed-up.
[[nodiscard]] std::string format_comparison(const TrainReport& accelerator,
                                            const TrainReport& device);
[[nodiscard]] std::string format_scaling(const std::vector<ScalingPoint>& points);

// `config`, `workload`, `parallel`, `step`, `memory`, `totals` (time_to_train_s, ...), `cost`,
// and `scaling` when given.
[[nodiscard]] nlohmann::json train_to_json(const TrainReport& report,
                                           const std::vector<ScalingPoint>& scaling);

}  // namespace headroom::sim
