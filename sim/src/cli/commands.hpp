// SPDX-License-Identifier: MIT
// Each subcommand lives in its own cmd_<name>.cpp and adds itself to the CLI here.
// A command reports bad input by throwing headroom::InputError (exit 2).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace headroom::sim::cli {

void add_models_command(CLI::App& app);
void add_compute_command(CLI::App& app);
void add_run_command(CLI::App& app);
void add_compare_command(CLI::App& app);
void add_train_command(CLI::App& app);
void add_sweep_command(CLI::App& app);
void add_pareto_command(CLI::App& app);
void add_fields_command(CLI::App& app);
void add_plot_command(CLI::App& app);

// Options every command spells the same way (cli_options.cpp).
// `--json [FILE]`: the JSON report to FILE, or to stdout in place of the table for `-` or no FILE.
CLI::Option* add_json_option(CLI::App& cmd, std::string& path);
// Writes the JSON file first (atomically), then prints the JSON (`-`) or the table.
void emit_report(const std::string& json_path, const std::string& json, const std::string& table);
// Rejects NaN, infinities and negative numbers, naming the flag.
const CLI::Validator& finite_non_negative();

}  // namespace headroom::sim::cli
