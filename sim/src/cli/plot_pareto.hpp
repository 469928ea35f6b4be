// SPDX-License-Identifier: MIT
// `headroom plot pareto DB`: a sweep database's feasible points on two result fields, the front
// `headroom pareto` returns highlighted.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "plot/figure.hpp"

namespace headroom::sim::cli {

void add_plot_pareto(CLI::App& plot_cmd);
// The picture of `headroom plot pareto DB --x X --y Y [--color C] [--workload W]` (also the page
// of `headroom pareto --html`).
[[nodiscard]] plot::Figure pareto_picture(const std::string& db, const std::string& x,
                                          const std::string& y, const std::string& color,
                                          const std::string& workload);

}  // namespace headroom::sim::cli
