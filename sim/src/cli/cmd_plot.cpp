// SPDX-License-Identifier: MIT
// `headroom plot KIND`: the standard pictures (roofline, per-layer latency, energy by component,
// accelerators beside GPUs, training scaling), drawn by gnuplot from Headroom's results.
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/compare_rows.hpp"
#include "cli/plot_pareto.hpp"
#include "cli/workload_options.hpp"
#include "headroom/models/data_files.hpp"
#include "headroom/models/error.hpp"
#include "headroom/sim/run.hpp"
#include "headroom/sim/run_config.hpp"
#include "headroom/sim/target.hpp"
#include "plot/pictures.hpp"

namespace headroom::sim::cli {

namespace {

struct PlotArgs {
  std::vector<std::string> accels;
  std::string network;
  std::string topology;
  std::uint64_t batch = 1;
  std::string precision;
  std::vector<std::string> gpus;
  std::string run;
  std::string chips = "1..64";
  std::string out;
  bool keep_script = false;
  WorkloadFlags workload;
};

std::vector<std::string> accel_specs(const PlotArgs& a) {
  return a.accels.empty() ? std::vector<std::string>{"configs/accel/default.yaml"} : a.accels;
}

// Targets as every command reads them (load_target); these pictures need the simulator's
// per-layer results, so a device is refused here (`plot compare` takes devices).
accel::AcceleratorConfig accelerator(const std::string& kind, const std::string& spec) {
  Target t = load_target(spec);
  if (const auto* config = t.accelerator()) return *config;
  throw InputError(input_error_message("headroom plot " + kind + " --accel", 0, "",
                                       "an accelerator target (put devices in --gpu)",
                                       "device " + t.name()));
}

std::vector<DeviceSpec> devices(const std::vector<std::string>& specs) {
  std::vector<DeviceSpec> out;
  for (const auto& s : specs) out.push_back(*load_target(s, TargetKind::Device).device());
  return out;
}

// `fusion` receives what the inference graph pass did, as for `run`.
models::Trace workload(const PlotArgs& a, std::optional<models::FusionSummary>& fusion) {
  if (a.network.empty() && a.topology.empty())
    throw InputError(input_error_message("headroom plot", 0, "",
                                         "--network NAME or --topology FILE", "neither"));
  RunRequest q;
  q.network = a.network;
  q.topology = a.topology.empty() ? "" : models::resolve_user_path(a.topology);
  q.batch = a.batch;
  q.onnx = onnx_options(a.workload);
  return load_workload(q, &fusion);
}

// As `run` does: a fused inference trace keeps on chip what fits this config's buffers.
Result simulate(const accel::AcceleratorConfig& config, models::Trace trace,
                std::optional<models::FusionSummary> fusion,
                const std::optional<Precision>& precision) {
  const Precision p = precision.value_or(config.precision);
  if (fusion) keep_maps_on_chip(trace, config, p, *fusion);
  Result r = run_network(config, trace, p);
  r.fusion = fusion;
  print_skipped(r.skipped_nodes);
  return r;
}

// "1..1024" or "1024" (meaning 1..1024).
std::pair<std::uint64_t, std::uint64_t> chip_range(const std::string& text) {
  const auto bad = [&] {
    return InputError(
        input_error_message("--chips", 0, "", "a range LOW..HIGH of chip counts >= 1", text));
  };
  try {
    const auto dots = text.find("..");
    std::size_t used = 0;
    const std::uint64_t lo = dots == std::string::npos ? 1 : std::stoull(text.substr(0, dots));
    const std::string tail = dots == std::string::npos ? text : text.substr(dots + 2);
    const std::uint64_t hi = std::stoull(tail, &used);
    if (used != tail.size() || lo < 1 || hi < lo || text.starts_with("-")) throw bad();
    return {lo, hi};
  } catch (const std::logic_error&) {
    throw bad();
  }
}

plot::Figure make_figure(const std::string& kind, const PlotArgs& a) {
  const std::optional<Precision> precision = compare_precision(a.precision);
  if (kind == "roofline" || kind == "layers") {
    if (a.accels.size() > 1)
      throw InputError(
          fmt::format("headroom plot {}: expected one --accel, found {}", kind, a.accels.size()));
    const accel::AcceleratorConfig config = accelerator(kind, accel_specs(a).front());
    const std::vector<DeviceSpec> gpus = devices(a.gpus);
    std::optional<models::FusionSummary> fusion;
    models::Trace trace = workload(a, fusion);
    const Result r = simulate(config, std::move(trace), fusion, precision);
    if (kind == "layers") return plot::layers(r);
    return plot::roofline(r, config, gpus);
  }
  if (kind == "energy") {
    std::vector<accel::AcceleratorConfig> configs;
    for (const auto& spec : accel_specs(a)) configs.push_back(accelerator(kind, spec));
    std::optional<models::FusionSummary> fusion;
    const models::Trace trace = workload(a, fusion);
    std::vector<Result> results;
    for (const auto& config : configs)
      results.push_back(simulate(config, trace, fusion, precision));
    return plot::energy(results);
  }
  if (kind == "compare") {
    if (a.network.empty())
      throw InputError(
          input_error_message("headroom plot compare", 0, "", "--network NAME", "none"));
    if (a.gpus.empty())
      throw InputError(input_error_message("headroom plot compare", 0, "", "--gpu NAME", "none"));
    const models::Network network = load_workload_network({.network = a.network,
                                                           .batch = a.batch,
                                                           .image_size = std::nullopt,
                                                           .seq_len = std::nullopt,
                                                           .onnx = onnx_options(a.workload)});
    return plot::compare(compare_run(accel_specs(a), a.gpus, network, precision).rows, a.network,
                         a.batch);
  }
  // scaling
  if (a.run.empty())
    throw InputError(input_error_message("headroom plot scaling", 0, "", "--run FILE", "none"));
  const auto [lo, hi] = chip_range(a.chips);
  const accel::AcceleratorConfig config = accelerator(kind, accel_specs(a).front());
  const RunConfig run_config = load_run_config(models::resolve_user_path(a.run), {});
  TrainOptions o;
  o.chips = hi;
  o.precision = precision;
  accel::Simulator simulator;
  const auto series = plot::scaling_series(simulator, config, run_config, o, lo, devices(a.gpus));
  return plot::scaling(
      series, run_config.name,
      fmt::format("{} ({}); all data parallel; link {:.0f} GB/s, {:.0f} us per hop "
                  "(ring); GPUs through the same split and link",
                  config.name, config.source_file, o.link.bandwidth_bytes_per_s * 1e-9,
                  o.link.latency_s * 1e6));
}

void add_kind(CLI::App& plot_cmd, const std::string& kind, const std::string& help) {
  auto a = std::make_shared<PlotArgs>();
  CLI::App* cmd = plot_cmd.add_subcommand(kind, help);
  const bool many_accels = kind == "energy" || kind == "compare";
  cmd->add_option("--accel", a->accels,
                  many_accels ? "Target: an accelerator name (configs/accel) or file (repeatable; "
                                "default configs/accel/default.yaml)"
                              : "Target: an accelerator name (configs/accel) or file (default "
                                "configs/accel/default.yaml)");
  if (kind == "scaling") {
    cmd->add_option("--run", a->run, "Run config (configs/runs/*.yaml)")->required();
    cmd->add_option("--chips", a->chips, "Chip counts LOW..HIGH, powers of two between")
        ->capture_default_str();
  } else {
    cmd->add_option("--network", a->network,
                    "Network: a zoo name (e.g. resnet50) or an .onnx file");
    if (kind != "compare")
      cmd->add_option("--topology", a->topology, "SCALE-Sim topology .csv instead of --network");
    add_workload_flags(*cmd, a->workload);
    cmd->add_option("--batch", a->batch, "Examples per inference")
        ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 20))
        ->capture_default_str();
  }
  cmd->add_option("--precision", a->precision,
                  "fp32, fp16, bf16, int8, ... (default: the config's)");
  if (kind == "roofline" || kind == "compare" || kind == "scaling")
    cmd->add_option("--gpu,--device", a->gpus,
                    "GPU or TPU from configs/gpus to overlay, e.g. h100 (repeatable)");
  cmd->add_option("--out", a->out, "Picture file, .svg or .png (default " + kind + ".svg)");
  cmd->add_flag("--keep-script", a->keep_script,
                "Also write the gnuplot script beside the picture (FILE.gp), to restyle it");
  cmd->callback([a, kind] {
    const std::string out = a->out.empty() ? kind + ".svg" : a->out;
    plot::write_figure(make_figure(kind, *a), out, a->keep_script);
    std::cout << "wrote " << out << (a->keep_script ? " and its gnuplot script" : "") << "\n";
  });
}

}  // namespace

void add_plot_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "plot", "Draw a picture through gnuplot: roofline, layers, energy, compare, scaling, pareto");
  cmd->require_subcommand(1);
  add_kind(*cmd, "roofline",
           "The accelerator's roofline with each GEMM layer; GPUs' rooflines overlaid");
  add_kind(*cmd, "layers", "Per-layer latency split into compute and stall, with utilization");
  add_kind(*cmd, "energy", "Energy per inference stacked by component for one or more configs");
  add_kind(*cmd, "compare", "Throughput and GFLOPS/W of accelerators beside GPUs (log scale)");
  add_kind(*cmd, "scaling", "Time-to-train and parallel efficiency against chip count");
  add_plot_pareto(*cmd);
}

}  // namespace headroom::sim::cli
