// SPDX-License-Identifier: MIT
// Each subcommand lives in its own cmd_<name>.cpp and adds itself to the CLI here.
// A command reports bad input by throwing headroom::InputError (exit 2).
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

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
void add_trace_command(CLI::App& app);
void add_trends_command(CLI::App& app);

// Options every command spells the same way (cli_options.cpp).
// `--json [FILE]`: the JSON report to FILE, or to stdout in place of the table for `-` or no FILE.
CLI::Option* add_json_option(CLI::App& cmd, std::string& path);
// Writes the JSON file first (atomically), then prints the JSON (`-`) or the table.
void emit_report(const std::string& json_path, const std::string& json, const std::string& table);

// One output a command may write: the flag that named it, its path ('-' for stdout, empty when
// not asked for) and, once the run is done, its content.
struct Output {
  std::string flag;
  std::string path;
  std::string content;
};
// Checks a command's outputs before any work, naming the flag: distinct paths, at most one '-',
// none a directory, each in an existing writable directory. Throws InputError.
void check_outputs(const std::vector<Output>& outputs);
// Writes every file output to a temporary beside it, then renames them all into place; when one
// cannot be written none is left behind. Then prints the '-' output, or `table` when none is '-'.
void write_outputs(const std::vector<Output>& outputs, const std::string& table);
// Rejects NaN, infinities and negative numbers, naming the flag.
const CLI::Validator& finite_non_negative();
// A simulator progress callback that reports on stderr once a run has taken more than a second,
// at most once a second after that ("simulating: op 120 of 1804 (6%)").
std::function<void(std::size_t, std::size_t)> progress_on_stderr();

// A whole number >= 1, checked on the text so that "-1" is not wrapped into an unsigned.
const CLI::Validator& positive_count();

}  // namespace headroom::sim::cli
