// SPDX-License-Identifier: MIT
// The report formats of a run, all read from one sim::Result (one file per format in
// sim/src/report/). Units are in the key and column names; 1 MAC = 2 FLOPs.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "headroom/sim/result.hpp"

namespace headroom::sim {

// A readable per-layer table with a header (what was run, precision, what is counted) and totals.
[[nodiscard]] std::string format_table(const Result& result);

// `totals`, `phases`, `layers` (and `energy`, `area` when estimated).
[[nodiscard]] nlohmann::json to_json(const Result& result);
[[nodiscard]] std::string format_json(const Result& result);

// One row per trace op, with a header row.
[[nodiscard]] std::string format_csv(const Result& result);

}  // namespace headroom::sim
