// SPDX-License-Identifier: MIT
// What `headroom trends fit` and `headroom trends project` share: which table, which systems,
// which bootstrap.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "headroom/sim/trends.hpp"

namespace headroom::sim::cli {

struct TrendTableOptions {
  std::string data;
  std::string large_scale;
  trends::Columns columns;
  std::string compute_unit = "flop";
  std::vector<std::string> where;
  bool drop_outliers = false;
  trends::BootstrapSpec bootstrap;
};

// --data, --large-scale, the column flags, --where, --drop-outliers, --bootstrap, --seed, --noise.
void add_trend_table_options(CLI::App& cmd, TrendTableOptions& o);
// The table the options choose, filtered; what was done goes to `notes`.
[[nodiscard]] trends::Table load_trend_table(const TrendTableOptions& o,
                                             std::vector<std::string>& notes);

void add_trends_project_command(CLI::App& parent);

}  // namespace headroom::sim::cli
