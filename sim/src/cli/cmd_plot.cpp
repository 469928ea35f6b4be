// SPDX-License-Identifier: MIT
// `headroom plot KIND`: the standard pictures (roofline, per-layer latency, energy by component,
// accelerators beside GPUs, training scaling), drawn by gnuplot from Headroom's results.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "headroom/models/error.hpp"
#include "headroom/sim/run.hpp"
#include "headroom/sim/run_config.hpp"
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
};

std::string resolve_in_source(const std::string& path) {
  namespace fs = std::filesystem;
  if (fs::exists(path) || fs::path(path).is_absolute()) return path;
  const fs::path in_source = fs::path(HEADROOM_SOURCE_DIR) / path;
  return fs::exists(in_source) ? in_source.string() : path;
}

std::optional<accel::Precision> precision_of(const std::string& name) {
  if (name.empty()) return std::nullopt;
  const auto p = accel::parse_precision(name);
  if (!p)
    throw InputError(input_error_message(
        "--precision", 0, "", "one of fp32, fp16, bf16, int8, fp8_e4m3, fp8_e5m2", name));
  return p;
}

RunRequest request_for(const PlotArgs& a, const std::string& accel_path) {
  if (a.network.empty() && a.topology.empty())
    throw InputError(input_error_message("headroom plot", 0, "",
                                         "--network NAME or --topology FILE", "neither"));
  RunRequest q;
  q.accel_path = resolve_in_source(accel_path);
  q.network = a.network;
  q.topology = a.topology;
  q.batch = a.batch;
  q.precision = precision_of(a.precision);
  return q;
}

std::vector<std::string> accel_paths(const PlotArgs& a) {
  return a.accels.empty() ? std::vector<std::string>{"configs/accel/default.yaml"} : a.accels;
}

std::vector<DeviceSpec> devices(const std::vector<std::string>& names) {
  std::vector<DeviceSpec> out;
  for (const auto& n : names) out.push_back(load_device(n));
  return out;
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
  if (kind == "roofline" || kind == "layers") {
    if (a.accels.size() > 1)
      throw InputError(
          fmt::format("headroom plot {}: expected one --accel, found {}", kind, a.accels.size()));
    const RunRequest q = request_for(a, accel_paths(a).front());
    const Result r = run(q);
    if (kind == "layers") return plot::layers(r);
    return plot::roofline(r, load_accelerator(q.accel_path), devices(a.gpus));
  }
  if (kind == "energy") {
    std::vector<Result> results;
    for (const auto& path : accel_paths(a)) results.push_back(run(request_for(a, path)));
    return plot::energy(results);
  }
  if (kind == "compare") {
    if (a.network.empty())
      throw InputError(
          input_error_message("headroom plot compare", 0, "", "--network NAME", "none"));
    if (a.gpus.empty())
      throw InputError(input_error_message("headroom plot compare", 0, "", "--gpu NAME", "none"));
    std::vector<std::string> paths;
    for (const auto& p : accel_paths(a)) paths.push_back(resolve_in_source(p));
    return plot::compare(compare_rows(paths, a.gpus, a.network, a.batch, a.precision), a.network,
                         a.batch);
  }
  // scaling
  if (a.run.empty())
    throw InputError(input_error_message("headroom plot scaling", 0, "", "--run FILE", "none"));
  const auto [lo, hi] = chip_range(a.chips);
  const accel::AcceleratorConfig config =
      load_accelerator(resolve_in_source(accel_paths(a).front()));
  const RunConfig run_config = load_run_config(resolve_in_source(a.run), {});
  TrainOptions o;
  o.chips = hi;
  o.precision = precision_of(a.precision);
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
                  many_accels ? "Accelerator .yaml or .cfg (repeatable; default "
                                "configs/accel/default.yaml)"
                              : "Accelerator .yaml or .cfg (default configs/accel/default.yaml)");
  if (kind == "scaling") {
    cmd->add_option("--run", a->run, "Run config (configs/runs/*.yaml)")->required();
    cmd->add_option("--chips", a->chips, "Chip counts LOW..HIGH, powers of two between")
        ->capture_default_str();
  } else {
    cmd->add_option("--network", a->network, "Network from the zoo, e.g. resnet50");
    if (kind != "compare")
      cmd->add_option("--topology", a->topology, "SCALE-Sim topology .csv instead of --network");
    cmd->add_option("--batch", a->batch, "Examples per inference")
        ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 20))
        ->capture_default_str();
  }
  cmd->add_option("--precision", a->precision,
                  "fp32, fp16, bf16, int8, ... (default: the config's)");
  if (kind == "roofline" || kind == "compare" || kind == "scaling")
    cmd->add_option("--gpu", a->gpus, "GPU from configs/gpus to overlay, e.g. h100 (repeatable)");
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
      "plot",
      "Draw a picture of a run through gnuplot: roofline, layers, energy, compare, scaling");
  cmd->require_subcommand(1);
  add_kind(*cmd, "roofline",
           "The accelerator's roofline with each GEMM layer; GPUs' rooflines overlaid");
  add_kind(*cmd, "layers", "Per-layer latency split into compute and stall, with utilization");
  add_kind(*cmd, "energy", "Energy per inference stacked by component for one or more configs");
  add_kind(*cmd, "compare", "Throughput and GFLOPS/W of accelerators beside GPUs (log scale)");
  add_kind(*cmd, "scaling", "Time-to-train and parallel efficiency against chip count");
}

}  // namespace headroom::sim::cli
