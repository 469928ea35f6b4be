// SPDX-License-Identifier: MIT
// `headroom train`: time, energy, cost and CO2 to train a run config on N chips of a target, an
// simulated accelerator or a datasheet device (target.hpp), optionally compared with a device.
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "cli/commands.hpp"
#include "cli/compare_rows.hpp"
#include "cli/device_options.hpp"
#include "cli/workload_options.hpp"
#include "config/quantity.hpp"
#include "headroom/accel/energy.hpp"
#include "headroom/models/data_files.hpp"
#include "headroom/models/error.hpp"
#include "headroom/sim/atomic_file.hpp"
#include "headroom/sim/device_spec.hpp"
#include "headroom/sim/run.hpp"
#include "headroom/sim/run_config.hpp"
#include "headroom/sim/target.hpp"
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
  DeviceFlagText devices;
  std::string link_bandwidth = "100";  // GB/s when bare
  std::string link_latency = "1";      // us when bare
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
  bool nccl = false;
  std::uint64_t zero_stage = 0;
  std::string workspace = "0";  // GB when bare
  std::string gpu;
  std::string network;
  WorkloadFlags workload;
  std::optional<std::uint64_t> global_batch;
  std::optional<double> wafer_cost;
  double defects_per_cm2 = DieCostInputs{}.defects_per_cm2;
};

// The primary target: --accel, else --device. A second target (--device beside --accel) is the
// device the report is compared with.
Target primary_target(const TrainArgs& a) {
  if (!a.accel.empty()) return load_target(a.accel);
  if (!a.gpu.empty()) return load_target(a.gpu, TargetKind::Device);
  throw InputError(
      input_error_message("headroom train", 0, "", "--accel SPEC or --device SPEC", "neither"));
}

// A device's precision: its spec's ("a100:tf32"), else --precision (the primary target's), else
// --gpu-precision; none leaves the run's, as frameworks run it (choose_device_precision).
void set_device_precision(TrainOptions& o, const Target& device,
                          const std::optional<Precision>& flag,
                          const std::optional<Precision>& gpu_flag) {
  if (device.precision) {
    o.device_precision = device.precision;
    o.device_precision_by = "its spec " + device.spec;
  } else if (flag) {
    o.device_precision = flag;
    o.device_precision_by = "--precision";
  } else if (gpu_flag) {
    o.device_precision = gpu_flag;
    o.device_precision_by = "--gpu-precision";
  }
}

// Price of a chip from wafer cost and die yield (train_cost.hpp): the estimated die area of an
// accelerator, the datasheet's of a device.
double chip_price_from_wafer(const TrainArgs& a, const Target& target, const TrainOptions& o) {
  DieCostInputs die;
  if (const auto* config = target.accelerator()) {
    const auto area = accel::estimate_area(*config, o.precision.value_or(config->precision));
    die.die_mm2 = units::to_mm2(area.total);
  } else {
    const DeviceSpec& d = *target.device();
    if (!d.die_mm2)
      throw InputError(input_error_message(d.file, 0, "die_mm2", "a die area for --wafer-cost",
                                           "none (give --chip-price instead)"));
    die.die_mm2 = *d.die_mm2 * static_cast<double>(d.dies);
  }
  die.wafer_cost = *a.wafer_cost;
  die.defects_per_cm2 = a.defects_per_cm2;
  return die_cost(die);
}

// The page of --html: the report and, for an accelerator with --scaling, the scaling picture
// (the compared device overlaid).
std::string train_html(const TrainArgs& a, const Target& target, const RunConfig& run,
                       const TrainOptions& o, const std::string& table,
                       const std::optional<DeviceSpec>& device) {
  plot::Page page;
  page.title = "Headroom train: " + run.name + " on " + target.name();
  page.report_text = table;
  const auto* config = target.accelerator();
  if (config != nullptr && a.scaling) {
    accel::Simulator simulator;
    std::vector<DeviceSpec> gpus;
    if (device) gpus.push_back(*device);
    page.figures.push_back(plot::scaling(
        plot::scaling_series(simulator, *config, run, o, 1, gpus), run.name,
        config->name +
            "; data parallel over the split's dp; link and cost inputs as in the report"));
  }
  page.notes.push_back(
      "step time: the simulated training step of one chip's micro-batch, composed over the "
      "parallel split with closed-form collectives (docs/time-to-train.md)");
  if (config != nullptr && !config->source_file.empty())
    page.files.emplace_back(config->source_file, plot::file_text(config->source_file));
  const std::string run_file = models::resolve_user_path(a.run);
  page.files.emplace_back(run_file, plot::file_text(run_file));
  return plot::html_page(page);
}

void execute(const TrainArgs& a) {
  check_outputs({{"--json", a.json, ""}, {"--html", a.html, ""}});
  const Target target = primary_target(a);
  std::map<std::string, std::string> overrides;
  if (a.global_batch) overrides["global_batch"] = std::to_string(*a.global_batch);
  RunConfig run = load_run_config(models::resolve_user_path(a.run), overrides);
  if (!a.network.empty()) run.network = a.network;
  TrainOptions o;
  o.onnx = onnx_options(a.workload);
  // Planning does not print; listing the skipped nodes loads the file once more.
  if (o.onnx.skip_unsupported && run.network)
    (void)load_workload_network({.network = *run.network,
                                 .batch = 1,
                                 .image_size = std::nullopt,
                                 .seq_len = std::nullopt,
                                 .onnx = o.onnx});
  o.chips = a.chips;
  o.parallel = a.parallel;
  o.micro_batch = a.micro_batch;
  // --precision is the primary target's (tf32 only on a device); a device's spec suffix
  // ("a100:tf32") and --gpu-precision name the device's.
  const std::optional<Precision> precision =
      array_precision_flag(a.precision, target.accelerator() != nullptr);
  const DeviceFlags devices = device_flags(a.devices);
  const std::optional<Precision>& gpu_precision = devices.precision;
  if (target.accelerator() != nullptr) o.precision = precision;
  o.framework = devices.framework;
  using config::Dimension;
  o.link = {.bandwidth_bytes_per_s = config::parse_flag_quantity(
                "--link-bandwidth/--link-gbps", a.link_bandwidth, Dimension::ByteRate, 1e9, false),
            .latency_s = config::parse_flag_quantity("--link-latency/--link-latency-us",
                                                     a.link_latency, Dimension::Time, 1e-6, true),
            .topology = parse_topology(a.topology)};
  o.cost.pue = a.pue;
  o.cost.price_per_kwh = a.price_per_kwh;
  o.cost.grid_kg_per_kwh = a.grid_kg_per_kwh;
  o.cost.chip_price = a.chip_price;
  o.cost.amortisation_years = a.amortisation_years;
  o.recompute_activations = a.recompute;
  o.nccl = a.nccl;
  o.zero_stage = a.zero_stage;
  const double workspace =
      config::parse_flag_quantity("--workspace", a.workspace, Dimension::Bytes, 1e9, true);
  if (workspace > 1e18)
    throw InputError(
        input_error_message("--workspace", 0, "", "at most 1 EB (1e18 bytes)", a.workspace));
  o.workspace_bytes = static_cast<std::uint64_t>(workspace);
  if (a.nccl && target.accelerator() != nullptr && a.gpu.empty())
    throw InputError(input_error_message("--nccl", 0, "",
                                         "a datasheet device (--device, or --gpu beside --accel)",
                                         "accelerator " + target.name() + " alone"));
  if (a.wafer_cost && !a.chip_price) o.cost.chip_price = chip_price_from_wafer(a, target, o);

  // Resolved first, so a bad device name fails before any report is printed.
  std::optional<DeviceSpec> device;
  TrainOptions device_options = o;  // the compared device's precision
  if (!a.accel.empty() && !a.gpu.empty()) {
    const Target compared = load_target(a.gpu, TargetKind::Device);
    device = *compared.device();
    set_device_precision(device_options, compared, std::nullopt, gpu_precision);
  }
  accel::Simulator simulator;
  simulator.set_progress(progress_on_stderr());
  TrainReport report;
  std::vector<ScalingPoint> scaling;
  if (const auto* config = target.accelerator()) {
    report = plan_training(simulator, *config, run, o);
    if (a.scaling) scaling = scaling_table(simulator, *config, run, o);
  } else {
    if (a.scaling)
      throw InputError(input_error_message("--scaling", 0, "", "an accelerator target",
                                           "device " + target.name()));
    set_device_precision(o, target, precision, gpu_precision);
    report = plan_training_on_device(*target.device(), run, o);
  }
  std::string table = format_train(report);
  if (a.scaling) table += format_scaling(scaling);
  nlohmann::json j = train_to_json(report, scaling);
  if (device) {
    const TrainReport gpu = plan_training_on_device(*device, run, device_options);
    table += format_comparison(report, gpu);
    j["gpu"] = train_to_json(gpu, {});
  }
  const std::string html = a.html.empty() ? "" : train_html(a, target, run, o, table, device);
  write_outputs(
      {{"--json", a.json, j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"},
       {"--html", a.html, html}},
      table);
}

}  // namespace

void add_train_command(CLI::App& app) {
  auto args = std::make_shared<TrainArgs>();
  CLI::App* cmd = app.add_subcommand(
      "train",
      "Time, energy, cost and CO2 to train a run config on N chips (accelerators or devices)");
  cmd->add_option("--accel", args->accel,
                  "Target: an accelerator name (configs/accel) or file; a device file "
                  "(configs/gpus) trains on that device");
  cmd->add_option("--device,--gpu", args->gpu,
                  "A device (configs/gpus, e.g. a100 or a100:tf32): the target without --accel, "
                  "else the device the accelerator is compared with");
  cmd->add_option("--run", args->run, "Run config (configs/runs/*.yaml)")->required();
  cmd->add_option("--network", args->network,
                  "Train this network instead of the run config's: a zoo name, an .onnx file or a "
                  "training trace (.jsonl)");
  add_workload_flags(*cmd, args->workload);
  cmd->add_option("--global-batch", args->global_batch,
                  "Examples (sequences) per optimizer step, overriding the run's global_batch")
      ->check(positive_count());
  cmd->add_option("--chips", args->chips, "Number of chips")
      ->capture_default_str()
      ->check(positive_count());
  cmd->add_option("--parallel", args->parallel, "Split, e.g. dp=8,tp=8,pp=4 (default all dp)");
  cmd->add_option("--micro-batch", args->micro_batch,
                  "Per-chip micro-batch (default: the replica batch, 1 with pp > 1)")
      ->check(positive_count());
  cmd->add_option("--precision", args->precision,
                  "Compute precision of the primary target (default: the config's; a device's: "
                  "the run's as frameworks run it, docs/gpu-model.md); tf32 on a device only");
  add_device_flags(*cmd, args->devices,
                   {.gpu_precision = "Precision of a device whose spec names none (a100:tf32 "
                                     "names one); default: the run's as frameworks run it",
                    .framework = "How a device's kernels are submitted: none, graph or eager "
                                 "(docs/gpu-model.md)"});
  cmd->add_option(
         "--link-bandwidth,--link-gbps", args->link_bandwidth,
         "Chip-to-chip link bandwidth per direction: \"1.6 TB/s\", or a bare number in GB/s")
      ->capture_default_str();
  cmd->add_option("--link-latency,--link-latency-us", args->link_latency,
                  "Link latency per hop: \"500 ns\", or a bare number in us")
      ->capture_default_str();
  cmd->add_option("--topology", args->topology, "ring or torus")->capture_default_str();
  cmd->add_option("--pue", args->pue, "Data-centre PUE (default: LaMDA's, Thoppilan et al. 2022)")
      ->capture_default_str()
      ->check(finite_non_negative());
  cmd->add_option("--price-per-kwh", args->price_per_kwh,
                  "Electricity price, USD/kWh (default: EIA US industrial average 2023)")
      ->capture_default_str()
      ->check(finite_non_negative());
  cmd->add_option("--grid-kg-per-kwh", args->grid_kg_per_kwh,
                  "Grid carbon intensity, kg/kWh (default: GPT-3's, Patterson et al. 2021)")
      ->capture_default_str()
      ->check(finite_non_negative());
  cmd->add_option("--chip-price", args->chip_price, "Price of one chip, USD (hardware cost)")
      ->check(finite_non_negative());
  cmd->add_option("--wafer-cost", args->wafer_cost,
                  "Without --chip-price: price a chip as wafer cost / good dies (300 mm wafer)")
      ->check(finite_non_negative());
  cmd->add_option("--defect-density", args->defects_per_cm2,
                  "Defects per cm2 for the die yield with --wafer-cost")
      ->capture_default_str()
      ->check(finite_non_negative());
  cmd->add_option("--amortisation-years", args->amortisation_years,
                  "Years over which a chip's price is written off")
      ->capture_default_str()
      ->check(finite_non_negative());
  add_json_option(*cmd, args->json);
  cmd->add_option("--html", args->html,
                  "Write a self-contained HTML report (report, scaling picture, configs) here");
  cmd->add_flag("--recompute", args->recompute,
                "Recompute activations in the backward pass (Megatron-style)");
  cmd->add_flag("--scaling", args->scaling, "Print data-parallel scaling from 1 chip to --chips");
  cmd->add_option("--zero", args->zero_stage,
                  "ZeRO/FSDP sharding over the data-parallel chips: 1 optimizer state, 2 and "
                  "gradients, 3 and weights (0: none)")
      ->capture_default_str()
      ->check(CLI::Range(0, 3));
  cmd->add_option("--workspace", args->workspace,
                  "Library workspace and runtime reserve per chip, counted in its memory "
                  "(\"2 GB\", or a bare number in GB)")
      ->capture_default_str();
  cmd->add_flag("--nccl", args->nccl,
                "A device's gradient all-reduce as NCCL runs it over the interconnect of its file "
                "(NVLink/PCIe in a node, InfiniBand across, ring or tree, bucketed), not --link-*");
  cmd->callback([args] { execute(*args); });
}

}  // namespace headroom::sim::cli
