// SPDX-License-Identifier: MIT
// Each subcommand lives in its own cmd_<name>.cpp and adds itself to the CLI here.
// A command reports bad input by throwing headroom::InputError (exit 2).
#pragma once

#include <CLI/CLI.hpp>

namespace headroom::sim::cli {

void add_models_command(CLI::App& app);
void add_compute_command(CLI::App& app);
void add_run_command(CLI::App& app);
void add_compare_command(CLI::App& app);
void add_train_command(CLI::App& app);
void add_sweep_command(CLI::App& app);
void add_pareto_command(CLI::App& app);
void add_fields_command(CLI::App& app);

}  // namespace headroom::sim::cli
