// SPDX-License-Identifier: MIT
// Each subcommand lives in its own cmd_<name>.cpp and adds itself to the CLI here.
// A command reports bad input by throwing headroom::InputError (exit 2).
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "headroom/sim/result_fields.hpp"

namespace headroom::sim::cli {

void add_models_command(CLI::App& app);
void add_compute_command(CLI::App& app);
void add_run_command(CLI::App& app);
void add_compare_command(CLI::App& app);
void add_train_command(CLI::App& app);
void add_fields_command(CLI::App& app);
void add_plot_command(CLI::App& app);

// The rows of `headroom compare` (also drawn by `headroom plot compare`).
std::vector<CompareRow> compare_rows(const std::vector<std::string>& accels,
                                     const std::vector<std::string>& gpus,
                                     const std::string& network, std::uint64_t batch,
                                     const std::string& precision);

}  // namespace headroom::sim::cli
