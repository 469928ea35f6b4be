// SPDX-License-Identifier: MIT
// `headroom run`: one network (or SCALE-Sim topology) on one accelerator; a table on stdout,
// optionally JSON and per-layer CSV files.
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "headroom/models/error.hpp"
#include "headroom/sim/atomic_file.hpp"
#include "headroom/sim/report.hpp"
#include "headroom/sim/run.hpp"
#include "headroom/sim/train.hpp"
#include "plot/html.hpp"

namespace headroom::sim::cli {

namespace {

struct RunOptions {
  RunRequest request;
  std::string precision;
  std::string optimizer = "momentum";
  std::string json_path;
  std::string csv_path;
  std::string html_path;
};

// The default config is found from the repository root even when run from elsewhere.
std::string resolve_default(const std::string& path) {
  namespace fs = std::filesystem;
  if (fs::exists(path) || fs::path(path).is_absolute()) return path;
  const fs::path in_source = fs::path(HEADROOM_SOURCE_DIR) / path;
  return fs::exists(in_source) ? in_source.string() : path;
}

void execute(RunOptions& o) {
  if (!o.precision.empty()) {
    o.request.precision = accel::parse_precision(o.precision);
    if (!o.request.precision)
      throw InputError(input_error_message(
          "--precision", 0, "", "one of fp32, fp16, bf16, int8, fp8_e4m3, fp8_e5m2", o.precision));
  }
  o.request.optimizer = parse_optimizer(o.optimizer);
  o.request.accel_path = resolve_default(o.request.accel_path);
  const Result result = run(o.request);
  // Every output is formatted before any is written, and files go before stdout, so a failure
  // leaves no file behind and prints no report that was not saved.
  const std::string json = o.json_path.empty() ? "" : format_json(result);
  const std::string csv = o.csv_path.empty() ? "" : format_csv(result);
  const std::string html =
      o.html_path.empty() ? "" : plot::html_page(plot::run_page(result, format_table(result)));
  if (!o.json_path.empty() && o.json_path != "-") write_file_atomically(o.json_path, json);
  if (!o.csv_path.empty()) write_file_atomically(o.csv_path, csv);
  if (!o.html_path.empty()) write_file_atomically(o.html_path, html);
  std::cout << (o.json_path == "-" ? json : format_table(result));
}

}  // namespace

void add_run_command(CLI::App& app) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand(
      "run", "Simulate one network on one accelerator: cycles, utilization, traffic, energy.");
  options->request.accel_path = "configs/accel/default.yaml";
  cmd->add_option("--accel", options->request.accel_path,
                  "Accelerator: a Headroom .yaml or a SCALE-Sim .cfg")
      ->capture_default_str();
  auto* network =
      cmd->add_option("--network", options->request.network, "Network from the zoo, e.g. resnet50");
  auto* topology = cmd->add_option("--topology", options->request.topology,
                                   "SCALE-Sim topology .csv instead of a zoo network");
  network->excludes(topology);
  topology->excludes(network);
  cmd->add_option("--batch", options->request.batch, "Examples per inference or training step")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 20))
      ->capture_default_str();
  cmd->add_option("--precision", options->precision,
                  "fp32, fp16, bf16, int8, fp8_e4m3 or fp8_e5m2 (default: the config's)");
  auto* training =
      cmd->add_flag("--training", options->request.training,
                    "Simulate one training step (forward, backward, update) instead of inference");
  cmd->add_option("--optimizer", options->optimizer, "Optimizer of the training step's update")
      ->check(CLI::IsMember({"sgd", "momentum", "adam"}))
      ->needs(training)
      ->capture_default_str();
  cmd->add_option("--json", options->json_path, "Write the JSON report here ('-' for stdout)");
  cmd->add_option("--csv", options->csv_path, "Write the per-layer CSV here");
  cmd->add_option("--html", options->html_path,
                  "Write a self-contained HTML report (tables, pictures, config) here");
  cmd->callback([options] {
    if (options->request.network.empty() && options->request.topology.empty())
      throw InputError(input_error_message("headroom run", 0, "",
                                           "--network NAME or --topology FILE", "neither"));
    execute(*options);
  });
}

}  // namespace headroom::sim::cli
