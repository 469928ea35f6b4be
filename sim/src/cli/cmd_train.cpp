// SPDX-License-Identifier: MIT
// `headroom train`: time, energy, cost and CO2 to train a run config on N accelerator chips.
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "cli/commands.hpp"
#include "headroom/accel/energy.hpp"
#include "headroom/models/error.hpp"
#include "headroom/sim/atomic_file.hpp"
#include "headroom/sim/device_spec.hpp"
#include "headroom/sim/run.hpp"
#include "headroom/sim/run_config.hpp"
#include "headroom/sim/train.hpp"
#include "headroom/sim/train_report.hpp"
#include "plot/html.hpp"
#include "plot/pictures.hpp"

namespace headroom::sim::cli {

namespace {

struct TrainArgs {
  std::string accel;
  std::string run;
  std::uint64_t chips = 1;
  std::string parallel;
  std::optional<std::uint64_t> micro_batch;
  std::string precision;
  double link_gbps = 100;
  double link_latency_us = 1;
  std::string topology = "ring";
  double pue = CostInputs{}.pue;
  double price_per_kwh = CostInputs{}.price_per_kwh;
  double grid_kg_per_kwh = CostInputs{}.grid_kg_per_kwh;
  std::optional<double> chip_price;
  double amortisation_years = CostInputs{}.amortisation_years;
  std::string json;
  std::string html;
  bool scaling = false;
  bool recompute = false;
  std::string gpu;
  std::optional<std::uint64_t> global_batch;
  std::optional<double> wafer_cost;
  double defects_per_cm2 = DieCostInputs{}.defects_per_cm2;
};

// The page of --html: the report and, with --scaling, the scaling picture (the --gpu overlaid).
std::string train_html(const TrainArgs& a, const accel::AcceleratorConfig& config,
                       const RunConfig& run, const TrainOptions& o, const std::string& table,
                       const std::optional<DeviceSpec>& device) {
  plot::Page page;
  page.title = "Headroom train: " + run.name + " on " + config.name;
  page.report_text = table;
  if (a.scaling) {
    accel::Simulator simulator;
    std::vector<DeviceSpec> gpus;
    if (device) gpus.push_back(*device);
    page.figures.push_back(plot::scaling(
        plot::scaling_series(simulator, config, run, o, 1, gpus), run.name,
        config.name +
            "; data parallel over the split's dp; link and cost inputs as in the report"));
  }
  page.notes.push_back(
      "step time: the simulated training step of one chip's micro-batch, composed over the "
      "parallel split with closed-form collectives (docs/time-to-train.md)");
  page.files.emplace_back(config.source_file, plot::file_text(config.source_file));
  page.files.emplace_back(a.run, plot::file_text(a.run));
  return plot::html_page(page);
}

void execute(const TrainArgs& a) {
  const accel::AcceleratorConfig config = load_accelerator(a.accel);
  std::map<std::string, std::string> overrides;
  if (a.global_batch) overrides["global_batch"] = std::to_string(*a.global_batch);
  const RunConfig run = load_run_config(a.run, overrides);
  TrainOptions o;
  o.chips = a.chips;
  o.parallel = a.parallel;
  o.micro_batch = a.micro_batch;
  if (!a.precision.empty()) {
    o.precision = accel::parse_precision(a.precision);
    if (!o.precision)
      throw InputError(
          input_error_message("--precision", 0, "", "fp32, fp16, bf16, int8, ...", a.precision));
  }
  if (a.link_gbps <= 0 || a.link_latency_us < 0)
    throw InputError(input_error_message(
        "--link-gbps/--link-latency-us", 0, "", "a bandwidth > 0 and a latency >= 0",
        std::to_string(a.link_gbps) + " GB/s, " + std::to_string(a.link_latency_us) + " us"));
  o.link = {.bandwidth_bytes_per_s = a.link_gbps * 1e9,
            .latency_s = a.link_latency_us * 1e-6,
            .topology = parse_topology(a.topology)};
  o.cost.pue = a.pue;
  o.cost.price_per_kwh = a.price_per_kwh;
  o.cost.grid_kg_per_kwh = a.grid_kg_per_kwh;
  o.cost.chip_price = a.chip_price;
  o.cost.amortisation_years = a.amortisation_years;
  o.recompute_activations = a.recompute;
  if (a.wafer_cost && !a.chip_price) {
    // Die cost from the estimated die area when no chip price is given (train_cost.hpp).
    const auto area = accel::estimate_area(config, o.precision.value_or(config.precision));
    DieCostInputs die;
    die.die_mm2 = units::to_mm2(area.total);
    die.wafer_cost = *a.wafer_cost;
    die.defects_per_cm2 = a.defects_per_cm2;
    o.cost.chip_price = die_cost(die);
  }

  // Resolved first, so a bad device name fails before any report is printed.
  std::optional<DeviceSpec> device;
  if (!a.gpu.empty()) device = load_device(a.gpu);
  accel::Simulator simulator;
  const TrainReport report = plan_training(simulator, config, run, o);
  std::vector<ScalingPoint> scaling;
  if (a.scaling) scaling = scaling_table(simulator, config, run, o);
  // `--json -` puts the JSON on stdout in place of the table, as `headroom run` does.
  const bool json_to_stdout = a.json == "-";
  std::string table = format_train(report);
  if (a.scaling) table += format_scaling(scaling);
  nlohmann::json j = train_to_json(report, scaling);
  if (device) {
    const TrainReport gpu = plan_training_on_device(*device, run, o);
    table += format_comparison(report, gpu);
    j["gpu"] = train_to_json(gpu, {});
  }
  const std::string html = a.html.empty() ? "" : train_html(a, config, run, o, table, device);
  if (!a.json.empty() && !json_to_stdout) write_file_atomically(a.json, j.dump(2) + "\n");
  if (!a.html.empty()) write_file_atomically(a.html, html);
  std::cout << (json_to_stdout ? j.dump(2) + "\n" : table);
}

}  // namespace

void add_train_command(CLI::App& app) {
  auto args = std::make_shared<TrainArgs>();
  CLI::App* cmd = app.add_subcommand(
      "train", "Time, energy, cost and CO2 to train a run config on N accelerator chips");
  cmd->add_option("--accel", args->accel, "Accelerator config (.yaml or SCALE-Sim .cfg)")
      ->required();
  cmd->add_option("--run", args->run, "Run config (configs/runs/*.yaml)")->required();
  cmd->add_option("--global-batch", args->global_batch,
                  "Examples (sequences) per optimizer step, overriding the run's global_batch");
  cmd->add_option("--chips", args->chips, "Number of chips")->capture_default_str();
  cmd->add_option("--parallel", args->parallel, "Split, e.g. dp=8,tp=8,pp=4 (default all dp)");
  cmd->add_option("--micro-batch", args->micro_batch,
                  "Per-chip micro-batch (default: the replica batch, 1 with pp > 1)");
  cmd->add_option("--precision", args->precision, "Compute precision (default: the config's)");
  cmd->add_option("--link-gbps", args->link_gbps, "Chip-to-chip link bandwidth per direction, GB/s")
      ->capture_default_str();
  cmd->add_option("--link-latency-us", args->link_latency_us, "Link latency per hop, us")
      ->capture_default_str();
  cmd->add_option("--topology", args->topology, "ring or torus")->capture_default_str();
  cmd->add_option("--pue", args->pue, "Data-centre PUE (default: LaMDA's, Thoppilan et al. 2022)")
      ->capture_default_str();
  cmd->add_option("--price-per-kwh", args->price_per_kwh,
                  "Electricity price, USD/kWh (default: EIA US industrial average 2023)")
      ->capture_default_str();
  cmd->add_option("--grid-kg-per-kwh", args->grid_kg_per_kwh,
                  "Grid carbon intensity, kg/kWh (default: GPT-3's, Patterson et al. 2021)")
      ->capture_default_str();
  cmd->add_option("--chip-price", args->chip_price, "Price of one chip, USD (hardware cost)");
  cmd->add_option("--wafer-cost", args->wafer_cost,
                  "Without --chip-price: price a chip as wafer cost / good dies (300 mm wafer)");
  cmd->add_option("--defect-density", args->defects_per_cm2,
                  "Defects per cm2 for the die yield with --wafer-cost")
      ->capture_default_str();
  cmd->add_option("--amortisation-years", args->amortisation_years,
                  "Years over which a chip's price is written off")
      ->capture_default_str();
  cmd->add_option("--json", args->json, "Write the report as JSON to this file ('-' for stdout)");
  cmd->add_option("--html", args->html,
                  "Write a self-contained HTML report (report, scaling picture, configs) here");
  cmd->add_option("--gpu", args->gpu, "Compare with the same run on this device (configs/gpus)");
  cmd->add_flag("--recompute", args->recompute,
                "Recompute activations in the backward pass (Megatron-style)");
  cmd->add_flag("--scaling", args->scaling, "Print data-parallel scaling from 1 chip to --chips");
  cmd->callback([args] { execute(*args); });
}

}  // namespace headroom::sim::cli
