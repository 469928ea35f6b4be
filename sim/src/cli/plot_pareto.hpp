// SPDX-License-Identifier: MIT
// `headroom plot pareto DB`: a sweep database's feasible points on two result fields, the front
// `headroom pareto` returns highlighted.
#pragma once

#include <CLI/CLI.hpp>

namespace headroom::sim::cli {

void add_plot_pareto(CLI::App& plot_cmd);

}  // namespace headroom::sim::cli
