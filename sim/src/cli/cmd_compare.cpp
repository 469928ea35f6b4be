// SPDX-License-Identifier: MIT
// `headroom compare`: targets (target.hpp) in any mix, simulated accelerators beside datasheet
// GPUs, on the same forward trace of one network; a side-by-side table and the
// accelerator-over-GPU ratios ("headroom").
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/compare_rows.hpp"
#include "cli/device_options.hpp"
#include "cli/workload_options.hpp"
#include "headroom/models/error.hpp"
#include "headroom/models/fuse.hpp"
#include "headroom/models/lowering.hpp"
#include "headroom/models/zoo.hpp"
#include "headroom/sim/atomic_file.hpp"
#include "headroom/sim/device_run.hpp"
#include "headroom/sim/device_spec.hpp"
#include "headroom/sim/result_fields.hpp"
#include "headroom/sim/run.hpp"
#include "headroom/sim/target.hpp"
#include "plot/html.hpp"
#include "plot/pictures.hpp"

namespace headroom::sim::cli {

namespace {

struct CompareOptions {
  std::vector<std::string> accels;
  std::vector<std::string> gpus;
  std::string network;
  std::uint64_t batch = 1;
  WorkloadFlags workload;
  std::string precision;
  DeviceFlagText devices;
  std::string json_path;
  std::string html_path;
};

using Row = CompareRow;  // result_fields.hpp declares its fields

constexpr const char* kConventions =
    "1 MAC = 2 FLOPs; FLOPS/W = achieved ops / total energy; accelerator energy from the "
    "technology model incl. DRAM and static; GPU energy = (idle + (TDP - idle) x activity) x "
    "time, activity = time-weighted max(compute, DRAM bandwidth use); power_W and mJ/inf of "
    "GPUs are TDP x time (the upper bound), TDP-GFLOPS/W the matching lower bound; embedded CPUs "
    "(configs/cpus) are timed by their kernels' cycles per MAC and their energy is measured "
    "average power x time (their model line says which)";
constexpr const char* kGpuModel =
    "GPU time per op = launch + max(waves x tile time at a calibrated fraction of peak, bytes / "
    "achievable bandwidth); no fusion, no caches beyond one read and write per op "
    "(docs/gpu-model.md)";
constexpr const char* kBounds =
    "MAC-only, +SRAM: accelerator GFLOPS/W bounds with MAC energy alone at full utilization, and "
    "MACs + SRAM without DRAM";

Row accelerator_row(const Result& r, const models::Trace& trace) {
  Row row;
  row.name = r.config_name;
  row.kind = "accelerator";
  row.precision = accel::to_string(r.precision);
  row.latency_s = r.latency_s();
  row.throughput = r.examples_per_s();
  row.achieved_flops = r.achieved_tflops() * 1e12;
  if (r.energy) {
    row.energy_per_inference_j = r.energy->total.total.value() / static_cast<double>(trace.batch);
    row.power_w = r.energy->total.average_power.value();
    row.flops_per_w = r.energy->total.flops_per_w;
    row.datapath_only_flops_per_w = r.energy->total.datapath_only_flops_per_w;
    row.with_sram_flops_per_w = r.energy->total.with_sram_flops_per_w;
  }
  if (r.area) row.tops_per_mm2 = r.area->tops_per_mm2;
  return row;
}

Row gpu_row(const DeviceSpec& device, const models::Trace& trace, const DevicePrecision& chosen,
            Framework framework) {
  const Precision precision = chosen.precision;
  const DeviceResult r =
      run_on_device(device, trace, precision, trace.network, false, chosen.basis, framework);
  Row row;
  row.name = device.name;
  row.kind = "gpu";
  row.precision = r.precision;
  row.gpu_model = r.model;
  row.latency_s = r.latency_s;
  row.throughput = r.examples_per_s();
  row.achieved_flops = r.achieved_flops();
  if (r.energy_j) {
    row.power_w = *r.power_w;
    row.energy_per_inference_j = *r.energy_j / static_cast<double>(trace.batch);
    row.tdp_flops_per_w = r.flop / *r.energy_j;
    row.active_power_w = *r.active_power_w;
    row.active_energy_per_inference_j = *r.active_energy_j / static_cast<double>(trace.batch);
    row.flops_per_w = r.flop / *r.active_energy_j;
    row.idle_power_basis = r.idle_power_basis;
  }
  const auto peak = device.peak_for(precision);
  if (peak && device.die_mm2)
    row.tops_per_mm2 = *peak / (*device.die_mm2 * static_cast<double>(device.dies));
  return row;
}

std::optional<double> ratio(const std::optional<double>& a, const std::optional<double>& b) {
  if (!a || !b || *b == 0) return std::nullopt;
  return *a / *b;
}

std::string cell(const std::optional<double>& v, double scale, const char* spec) {
  return v ? fmt::format(fmt::runtime(spec), *v * scale) : std::string("-");
}

std::string format_table(const std::string& network, std::uint64_t batch,
                         const std::vector<Row>& rows) {
  std::string out =
      fmt::format("{} at batch {}, inference\n{}\n{}\n", network, batch, kConventions, kGpuModel);
  for (const Row& r : rows)
    if (r.kind == "gpu") out += "  " + r.gpu_model + "\n";
  out += fmt::format("{}\n\n", kBounds);
  out += fmt::format(
      "{:<34} {:<9} {:>11} {:>12} {:>10} {:>9} {:>9} {:>9} {:>10} {:>12} {:>9} {:>9} {:>9}\n",
      "device", "precision", "latency_ms", "inferences/s", "mJ/inf", "power_W", "active_W",
      "TFLOP/s", "GFLOPS/W", "TDP-GFLOPS/W", "MAC-only", "+SRAM", "TOPS/mm2");
  for (const Row& r : rows)
    out += fmt::format(
        "{:<34} {:<9} {:>11.4f} {:>12.1f} {:>10} {:>9} {:>9} {:>9.3g} {:>10} {:>12} {:>9} {:>9} "
        "{:>9}\n",
        r.name, r.precision, r.latency_s * 1e3, r.throughput,
        cell(r.energy_per_inference_j, 1e3, "{:.3f}"), cell(r.power_w, 1, "{:.3g}"),
        cell(r.active_power_w, 1, "{:.3g}"), r.achieved_flops * 1e-12,
        cell(r.flops_per_w, 1e-9, "{:.1f}"), cell(r.tdp_flops_per_w, 1e-9, "{:.1f}"),
        cell(r.datapath_only_flops_per_w, 1e-9, "{:.1f}"),
        cell(r.with_sram_flops_per_w, 1e-9, "{:.1f}"), cell(r.tops_per_mm2, 1, "{:.3f}"));
  const auto has = [&](const char* kind) {
    return std::any_of(rows.begin(), rows.end(), [&](const Row& r) { return r.kind == kind; });
  };
  if (!has("accelerator") || !has("gpu")) return out;
  out += "\nheadroom (accelerator / GPU)\n";
  for (const Row& a : rows) {
    if (a.kind != "accelerator") continue;
    for (const Row& g : rows) {
      if (g.kind != "gpu") continue;
      out += fmt::format("  {} over {}: throughput {:.3g}x, GFLOPS/W {}\n", a.name, g.name,
                         a.throughput / g.throughput,
                         cell(ratio(a.flops_per_w, g.flops_per_w), 1, "{:.3g}x"));
    }
  }
  return out;
}

std::string format_json(const std::string& network, std::uint64_t batch,
                        const std::vector<Row>& rows) {
  nlohmann::json j;
  j["network"] = network;
  j["batch"] = batch;
  j["conventions"] = kConventions;
  j["gpu_model"] = kGpuModel;
  j["accelerators"] = nlohmann::json::array();
  j["gpus"] = nlohmann::json::array();
  j["ratios"] = nlohmann::json::array();
  for (const Row& r : rows) {
    nlohmann::json e = nlohmann::json::object();
    put_json(compare_fields(), r, e);
    j[r.kind == "gpu" ? "gpus" : "accelerators"].push_back(e);
  }
  for (const Row& a : rows) {
    if (a.kind != "accelerator") continue;
    for (const Row& g : rows) {
      if (g.kind != "gpu") continue;
      const CompareRatio q{a.name, g.name, a.throughput / g.throughput,
                           ratio(a.flops_per_w, g.flops_per_w)};
      nlohmann::json e = nlohmann::json::object();
      put_json(compare_ratio_fields(), q, e);
      j["ratios"].push_back(std::move(e));
    }
  }
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// The page of --html: the table, the comparison and the accelerators' energy by component.
std::string html_page(const CompareOptions& o, const CompareRun& run) {
  plot::Page page;
  page.title = fmt::format("Headroom compare: {} at batch {}", o.network, o.batch);
  page.report_text = format_table(o.network, o.batch, run.rows);
  page.figures.push_back(plot::compare(run.rows, o.network, o.batch));
  const bool all_have_energy =
      !run.results.empty() && std::all_of(run.results.begin(), run.results.end(),
                                          [](const Result& r) { return r.energy.has_value(); });
  if (all_have_energy) page.figures.push_back(plot::energy(run.results));
  for (const std::string& file : run.config_files)
    if (!file.empty()) page.files.emplace_back(file, plot::file_text(file));
  page.notes = {kConventions, kGpuModel, kBounds};
  for (const Row& r : run.rows)
    if (r.kind == "gpu") page.notes.push_back(r.name + ": " + r.gpu_model);
  return plot::html_page(page);
}

void execute(const CompareOptions& o) {
  check_outputs({{"--json", o.json_path, ""}, {"--html", o.html_path, ""}});
  const std::optional<Precision> precision = compare_precision(o.precision);
  const DeviceFlags devices = device_flags(o.devices);
  const models::Network network = load_workload_network({.network = o.network,
                                                         .batch = o.batch,
                                                         .image_size = std::nullopt,
                                                         .seq_len = std::nullopt,
                                                         .onnx = onnx_options(o.workload)});
  const CompareRun run = compare_run(o.accels, o.gpus, network, precision, devices);
  // Every output is formatted before any is written.
  const std::string json = o.json_path.empty() ? "" : format_json(o.network, o.batch, run.rows);
  const std::string html = o.html_path.empty() ? "" : html_page(o, run);
  write_outputs({{"--json", o.json_path, json}, {"--html", o.html_path, html}},
                format_table(o.network, o.batch, run.rows));
}

}  // namespace

std::optional<Precision> compare_precision(const std::string& name) {
  if (name.empty()) return std::nullopt;
  const std::optional<Precision> precision = accel::parse_precision(name, true);
  if (!precision)
    throw InputError(
        input_error_message("--precision", 0, "", "one of " + precision_list(true), name));
  return precision;
}

std::optional<Precision> array_precision_flag(const std::string& name, bool for_accelerator) {
  if (name.empty()) return std::nullopt;
  const std::optional<Precision> precision = parse_precision(name);
  if (!precision)
    throw InputError(
        input_error_message("--precision", 0, "", "one of " + precision_list(true), name));
  if (for_accelerator && !info(*precision).on_array)
    throw InputError(input_error_message("--precision", 0, "",
                                         "one of " + precision_list(true) + " for an accelerator",
                                         name + " (a GPU mode: give it with --device)"));
  return precision;
}

CompareRun compare_run(const std::vector<std::string>& accels, const std::vector<std::string>& gpus,
                       const models::Network& network, const std::optional<Precision>& precision,
                       const DeviceFlags& devices) {
  // Every target times the naive graph (a fused trace file is an error).
  const models::Trace trace = models::lower_inference_graph(network, false);
  // Every target is read before any is run, so a bad name fails at once; each bad target is
  // reported, not only the first.
  std::vector<Target> targets;
  std::vector<std::string> problems;
  const auto load = [&](const std::string& spec, std::optional<TargetKind> kind) {
    try {
      targets.push_back(kind ? load_target(spec, *kind) : load_target(spec));
    } catch (const InputError& e) {
      problems.emplace_back(e.what());
    }
  };
  for (const std::string& spec : accels) load(spec, std::nullopt);
  for (const std::string& spec : gpus) load(spec, TargetKind::Device);
  if (problems.size() == 1) throw InputError(problems.front());
  if (!problems.empty()) {
    std::string msg = std::to_string(problems.size()) + " targets have problems:";
    for (const auto& p : problems) msg += "\n" + p;
    throw InputError(msg);
  }
  CompareRun run;
  for (const Target& t : targets)
    if (const auto* config = t.accelerator()) {
      run.results.push_back(run_network(*config, trace, precision.value_or(config->precision)));
      run.rows.push_back(accelerator_row(run.results.back(), trace));
      run.config_files.push_back(config->source_file);
    }
  // A device runs what its spec or --gpu-precision names, else what frameworks run on it; the
  // accelerators' --precision reaches the devices only when no accelerator is compared.
  const bool any_accelerator = !run.rows.empty();
  for (const Target& t : targets) {
    const DeviceSpec* device = t.device();
    if (device == nullptr) continue;
    DevicePrecision chosen;
    if (t.precision)
      chosen = choose_device_precision(*device, t.precision, "its spec " + t.spec);
    else if (devices.precision)
      chosen = choose_device_precision(*device, devices.precision, "--gpu-precision");
    else
      chosen = choose_device_precision(*device, any_accelerator ? std::nullopt : precision,
                                       "--precision");
    run.rows.push_back(gpu_row(*device, trace, chosen, devices.framework));
  }
  return run;
}

void add_compare_command(CLI::App& app) {
  auto options = std::make_shared<CompareOptions>();
  CLI::App* cmd = app.add_subcommand(
      "compare", "Simulated accelerators beside datasheet GPUs on one network's inference.");
  cmd->add_option("--accel", options->accels,
                  "Target: an accelerator name (configs/accel) or file, or a device file "
                  "(repeatable)");
  cmd->add_option("--device,--gpu", options->gpus,
                  "GPU or TPU from configs/gpus, e.g. h100, optionally with its precision: "
                  "a100:tf32 (repeatable)");
  cmd->add_option(
         "--network", options->network,
         "Network: a zoo name (e.g. resnet50), an .onnx file, a SCALE-Sim topology .csv or "
         "a trace (.jsonl, torch.profiler .json)")
      ->required();
  add_workload_flags(*cmd, options->workload);
  cmd->add_option("--batch", options->batch, "Examples per inference")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 20))
      ->capture_default_str();
  cmd->add_option(
      "--precision", options->precision,
      "The accelerators' precision: fp32, fp16, bf16, int8, fp8_e4m3, fp8_e5m2, int16 or int4 "
      "(default: each config's); the devices' too when no accelerator is compared");
  add_device_flags(*cmd, options->devices,
                   {.gpu_precision = "The devices' precision where --gpu names none (tf32 too; "
                                     "default: what frameworks run on each device, "
                                     "docs/gpu-model.md)",
                    .framework = "How the devices' kernels are submitted: none (back to back, "
                                 "CUDA graphs, TensorRT), graph (a graph runtime's host cost per "
                                 "op) or eager (PyTorch eager's), docs/gpu-model.md"});
  add_json_option(*cmd, options->json_path);
  cmd->add_option("--html", options->html_path,
                  "Write a self-contained HTML report (table, pictures, configs) here");
  cmd->callback([options] {
    if (options->accels.empty() && options->gpus.empty())
      throw InputError(input_error_message("headroom compare", 0, "",
                                           "at least one --accel or --device", "neither"));
    execute(*options);
  });
}

}  // namespace headroom::sim::cli
