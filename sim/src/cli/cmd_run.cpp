// SPDX-License-Identifier: MIT
// `headroom run`: one network (or SCALE-Sim topology) on one target, an accelerator or a
// datasheet device (target.hpp); a table on stdout, optionally JSON and per-layer CSV files.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/compare_rows.hpp"
#include "cli/device_options.hpp"
#include "cli/workload_options.hpp"
#include "headroom/accel/simulator.hpp"
#include "headroom/models/data_files.hpp"
#include "headroom/models/error.hpp"
#include "headroom/sim/atomic_file.hpp"
#include "headroom/sim/device_run.hpp"
#include "headroom/sim/report.hpp"
#include "headroom/sim/run.hpp"
#include "headroom/sim/target.hpp"
#include "headroom/sim/train.hpp"
#include "plot/html.hpp"
#include "run/battery.hpp"

namespace headroom::sim::cli {

namespace {

struct RunOptions {
  RunRequest request;
  std::string device;
  std::string precision;
  DeviceFlagText devices;  // --framework only: --precision names the device's
  std::string optimizer = "momentum";
  std::string json_path;
  std::string csv_path;
  std::string html_path;
  WorkloadFlags workload;
  bool no_fuse = false;
  bool no_depth_first = false;
  std::string rate;
  std::string battery;
  std::string idle = "leak";
};

std::vector<Output> outputs(const RunOptions& o, std::string json = "", std::string csv = "",
                            std::string html = "") {
  return {{"--json", o.json_path, std::move(json)},
          {"--csv", o.csv_path, std::move(csv)},
          {"--html", o.html_path, std::move(html)}};
}

// Every output is formatted before any is written, and all files go before stdout, so a failure
// leaves no file behind and prints no report that was not saved.
void emit(const RunOptions& o, const std::string& json, const std::string& csv,
          const std::string& html, const std::string& table) {
  write_outputs(outputs(o, json, csv, html), table);
}

void run_device(const RunOptions& o, const Target& target, const std::optional<Precision>& flag) {
  const DeviceSpec& device = *target.device();
  if (!o.csv_path.empty())
    throw InputError(input_error_message("--csv", 0, "", "an accelerator target (per-layer CSV)",
                                         "device " + device.name));
  // The page's pictures (roofline, layers, energy) are per-layer simulator results.
  if (!o.html_path.empty())
    throw InputError(input_error_message("--html", 0, "", "an accelerator target (per-layer pages)",
                                         "device " + device.name));
  // Duty-cycled power needs a device that idles between inferences at a known power: the
  // embedded CPUs (their measured busy power, their idle_w); a GPU's TDP says nothing of it.
  if (!o.rate.empty() && device.kind != "embedded_cpu")
    throw InputError(input_error_message(
        "--rate", 0, "", "an accelerator target or an embedded CPU device (configs/cpus)",
        "device " + device.name + " (kind " + device.kind + ")"));
  // A datasheet device times the network as written, as `compare` does (the fused graph is an
  // accelerator's: its output stage and buffers decide what fuses).
  RunRequest as_written = o.request;
  as_written.fuse = false;
  const models::Trace trace = load_workload(as_written);
  const std::string workload = o.request.network.empty() ? o.request.topology : o.request.network;
  // The spec's precision ("a100:tf32") first, then --precision, else the framework default.
  const DevicePrecision chosen =
      target.precision
          ? choose_device_precision(device, target.precision, "its spec " + target.spec)
          : choose_device_precision(device, flag, "--precision");
  const DeviceResult r =
      run_on_device(device, trace, chosen.precision, workload, o.request.training, chosen.basis,
                    device_flags(o.devices).framework);
  if (o.rate.empty()) {
    emit(o, o.json_path.empty() ? "" : format_device_json(r), "", "", format_device_table(r));
    return;
  }
  const BatteryReport b = device_duty_cycle(
      r, {parse_rate(o.rate),
          o.battery.empty() ? std::nullopt : std::optional<double>(parse_battery(o.battery)),
          o.idle == "gated"});
  std::string json;
  if (!o.json_path.empty()) {
    nlohmann::json j = nlohmann::json::parse(format_device_json(r));
    j["battery"] = battery_json(b);
    json = j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }
  emit(o, json, "", "", format_device_table(r) + format_battery(b));
}

void execute(RunOptions& o) {
  check_outputs(outputs(o));
  // Any precision here, so a bad name fails before the target is read; one an array cannot run
  // (tf32, a device mode) is refused below once the target is known to be an accelerator.
  const std::optional<Precision> precision = array_precision_flag(o.precision, false);
  o.request.optimizer = parse_optimizer(o.optimizer);
  if (!o.request.topology.empty())
    o.request.topology = models::resolve_user_path(o.request.topology);
  o.request.onnx = onnx_options(o.workload);
  o.request.fuse = !o.no_fuse;
  o.request.depth_first = !o.no_depth_first;
  const Target target = o.device.empty() ? load_target(o.request.accel_path)
                                         : load_target(o.device, TargetKind::Device);
  if (target.device() != nullptr) return run_device(o, target, precision);
  o.request.precision = array_precision_flag(o.precision, true);
  const accel::AcceleratorConfig& config = *target.accelerator();
  std::optional<models::FusionSummary> fusion;
  models::Trace trace = load_workload(o.request, &fusion);
  const accel::Precision array_precision = o.request.precision.value_or(config.precision);
  if (fusion) keep_maps_on_chip(trace, config, array_precision, *fusion, o.request.depth_first);
  accel::Simulator simulator;
  simulator.set_progress(progress_on_stderr());
  Result result = [&] {
    try {
      return run_network(simulator, config, trace, array_precision, o.request.training);
    } catch (const accel::RunTooLongError& e) {
      // A run too long to count is the pair's problem, the workload's size as much as the
      // config's: name the workload too, so that it is not blamed on the config alone.
      const std::string workload =
          o.request.network.empty() ? o.request.topology : o.request.network;
      throw InputError(workload + ": too long a run for this accelerator: " + e.what());
    }
  }();
  result.fusion = fusion;
  if (!o.rate.empty())
    result.battery = duty_cycle(
        result,
        {parse_rate(o.rate),
         o.battery.empty() ? std::nullopt : std::optional<double>(parse_battery(o.battery)),
         o.idle == "gated"},
        config);
  print_skipped(result.skipped_nodes);
  emit(o, o.json_path.empty() ? "" : format_json(result),
       o.csv_path.empty() ? "" : format_csv(result),
       o.html_path.empty() ? "" : plot::html_page(plot::run_page(result, format_table(result))),
       format_table(result));
}

}  // namespace

void add_run_command(CLI::App& app) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run",
                                     "Simulate one network on one accelerator (cycles, "
                                     "utilization, traffic, energy) or time it on a device.");
  options->request.accel_path = "configs/accel/default.yaml";
  auto* accel = cmd->add_option("--accel", options->request.accel_path,
                                "Target: an accelerator name (configs/accel) or file (.yaml, "
                                "SCALE-Sim .cfg); a device file (configs/gpus) is run as a device")
                    ->capture_default_str();
  cmd->add_option("--device", options->device,
                  "Run on a datasheet device instead, e.g. h100-sxm or a100:tf32 (configs/gpus, "
                  "name or file, optionally with its precision)")
      ->excludes(accel);
  auto* network =
      cmd->add_option("--network", options->request.network,
                      "Network: a zoo name (e.g. resnet50), an .onnx file or a trace (.jsonl, "
                      "torch.profiler .json)");
  auto* topology = cmd->add_option("--topology", options->request.topology,
                                   "SCALE-Sim topology .csv instead of a zoo network");
  add_workload_flags(*cmd, options->workload);
  network->excludes(topology);
  topology->excludes(network);
  cmd->add_option("--batch", options->request.batch, "Examples per inference or training step")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 20))
      ->capture_default_str();
  cmd->add_option(
      "--precision", options->precision,
      "fp32, fp16, bf16, int8, fp8_e4m3, fp8_e5m2, int16 or int4 (edge NPUs), tf32 on a "
      "device (default: the config's; a device's: what frameworks run on it)");
  add_device_flags(*cmd, options->devices,
                   {.gpu_precision = "",
                    .framework = "With --device: how its kernels are submitted, none, graph or "
                                 "eager (docs/gpu-model.md)"});
  auto* training =
      cmd->add_flag("--training", options->request.training,
                    "Simulate one training step (forward, backward, update) instead of inference");
  cmd->add_option("--optimizer", options->optimizer, "Optimizer of the training step's update")
      ->check(CLI::IsMember({"sgd", "momentum", "adam"}))
      ->needs(training)
      ->capture_default_str();
  cmd->add_flag("--no-fuse", options->no_fuse,
                "Inference: run the network as written instead of the deployment graph "
                "(BatchNorm folded, activations, bias and residual adds in the GEMM output stage)")
      ->excludes(training);
  cmd->add_flag("--no-depth-first", options->no_depth_first,
                "Inference: keep only whole maps on chip; no depth-first chains of convolutions "
                "run in row bands (docs/accelerator-model.md)")
      ->excludes(training);
  auto* rate = cmd->add_option("--rate", options->rate,
                               "Inferences per second the application needs (30/s): average "
                               "power with the chip idle between them, energy per inference")
                   ->excludes(training);
  cmd->add_option("--battery", options->battery,
                  "Battery energy (1000mWh, 1.5 Wh, 3600 J): hours of operation at --rate")
      ->needs(rate);
  cmd->add_option("--idle", options->idle,
                  "Between inferences: leak (leakage power) or gated (power-gated, a wake-up "
                  "cost per inference)")
      ->check(CLI::IsMember({"leak", "gated"}))
      ->needs(rate)
      ->capture_default_str();
  add_json_option(*cmd, options->json_path);
  cmd->add_option("--csv", options->csv_path, "Write the per-layer CSV here ('-': to stdout)");
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
