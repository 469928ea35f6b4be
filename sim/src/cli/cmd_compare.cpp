// SPDX-License-Identifier: MIT
// `headroom compare`: simulated accelerators beside datasheet GPUs on the same forward trace of
// one network; a side-by-side table and the accelerator-over-GPU ratios ("headroom").
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "headroom/models/error.hpp"
#include "headroom/models/lowering.hpp"
#include "headroom/models/zoo.hpp"
#include "headroom/sim/atomic_file.hpp"
#include "headroom/sim/device_spec.hpp"
#include "headroom/sim/gpu_model.hpp"
#include "headroom/sim/result_fields.hpp"
#include "headroom/sim/run.hpp"
#include "plot/html.hpp"
#include "plot/pictures.hpp"

namespace headroom::sim::cli {

namespace {

struct CompareOptions {
  std::vector<std::string> accels;
  std::vector<std::string> gpus;
  std::string network;
  std::uint64_t batch = 1;
  std::string precision;
  std::string json_path;
  std::string html_path;
};

using Row = CompareRow;  // result_fields.hpp declares its fields

constexpr const char* kConventions =
    "1 MAC = 2 FLOPs; FLOPS/W = achieved ops / total energy; accelerator energy from the "
    "technology model incl. DRAM and static; GPU energy = TDP x time (an upper bound)";
constexpr const char* kGpuModel =
    "GPU time per op = launch + max(waves x tile time at a calibrated fraction of peak, bytes / "
    "achievable bandwidth); no fusion, no caches beyond one read and write per op "
    "(docs/gpu-model.md)";
constexpr const char* kBounds =
    "dp-only, +SRAM: accelerator GFLOPS/W bounds with MAC energy alone at full utilization, and "
    "MACs + SRAM without DRAM";

std::string resolve_in_source(const std::string& path) {
  namespace fs = std::filesystem;
  if (fs::exists(path) || fs::path(path).is_absolute()) return path;
  const fs::path in_source = fs::path(HEADROOM_SOURCE_DIR) / path;
  return fs::exists(in_source) ? in_source.string() : path;
}

Row accelerator_row(const std::string& path, const models::Trace& trace,
                    const std::optional<accel::Precision>& precision) {
  const accel::AcceleratorConfig config = load_accelerator(resolve_in_source(path));
  const Result r = run_network(config, trace, precision.value_or(config.precision));
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

// The accelerator's precision where the GPU has a peak for it, else FP32 (every GPU has one).
std::string gpu_precision(const DeviceSpec& device, const std::string& wanted, bool explicit_) {
  const std::string name = wanted.starts_with("fp8") ? "fp8" : wanted;
  if (explicit_ || device.peak_for(name)) return name;
  return "fp32";
}

Row gpu_row(const std::string& name, const models::Trace& trace,
            const std::string& wanted_precision, bool explicit_precision) {
  const DeviceSpec device = load_device(name);
  const std::string precision = gpu_precision(device, wanted_precision, explicit_precision);
  // Only the forward time of the profile is used: the backward and update are training.
  const GpuModel model = make_gpu_model(device, precision);
  double latency_s = 0;
  for (const auto& op : trace.ops) latency_s += op_time(model, op).total_s();
  const double flop = 2.0 * static_cast<double>(trace.total_macs());
  Row row;
  row.name = device.name;
  row.kind = "gpu";
  row.precision = precision;
  row.gpu_model = describe(model);
  row.latency_s = latency_s;
  row.throughput = static_cast<double>(trace.batch) / latency_s;
  row.achieved_flops = flop / latency_s;
  if (device.tdp_w) {
    row.power_w = *device.tdp_w;
    row.energy_per_inference_j = *device.tdp_w * latency_s / static_cast<double>(trace.batch);
    row.flops_per_w = flop / (*device.tdp_w * latency_s);
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
  out += fmt::format("{:<28} {:<9} {:>11} {:>12} {:>10} {:>9} {:>9} {:>10} {:>9} {:>9} {:>9}\n",
                     "device", "precision", "latency_ms", "inferences/s", "mJ/inf", "power_W",
                     "TFLOP/s", "GFLOPS/W", "dp-only", "+SRAM", "TOPS/mm2");
  for (const Row& r : rows)
    out += fmt::format(
        "{:<28} {:<9} {:>11.4f} {:>12.1f} {:>10} {:>9} {:>9.2f} {:>10} {:>9} {:>9} {:>9}\n", r.name,
        r.precision, r.latency_s * 1e3, r.throughput, cell(r.energy_per_inference_j, 1e3, "{:.3f}"),
        cell(r.power_w, 1, "{:.1f}"), r.achieved_flops * 1e-12, cell(r.flops_per_w, 1e-9, "{:.1f}"),
        cell(r.datapath_only_flops_per_w, 1e-9, "{:.1f}"),
        cell(r.with_sram_flops_per_w, 1e-9, "{:.1f}"), cell(r.tops_per_mm2, 1, "{:.3f}"));
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
  return j.dump(2) + "\n";
}

}  // namespace

std::vector<CompareRow> compare_rows(const std::vector<std::string>& accels,
                                     const std::vector<std::string>& gpus,
                                     const std::string& network_name, std::uint64_t batch,
                                     const std::string& precision_name) {
  const CompareOptions o{accels, gpus, network_name, batch, precision_name, "", ""};
  std::optional<accel::Precision> precision;
  if (!o.precision.empty()) {
    precision = accel::parse_precision(o.precision);
    if (!precision)
      throw InputError(input_error_message(
          "--precision", 0, "", "one of fp32, fp16, bf16, int8, fp8_e4m3, fp8_e5m2", o.precision));
  }
  models::ZooOptions zoo;
  zoo.batch = o.batch;
  const models::Network network = models::make_network(o.network, zoo);
  const models::Trace trace = models::lower_forward(network);
  std::vector<Row> rows;
  for (const std::string& path : o.accels) rows.push_back(accelerator_row(path, trace, precision));
  // Without --precision each GPU runs in the first accelerator's precision where it can.
  const std::string wanted = o.precision.empty() ? rows.front().precision : o.precision;
  for (const std::string& name : o.gpus)
    rows.push_back(gpu_row(name, trace, wanted, !o.precision.empty()));
  return rows;
}

namespace {

// The page of --html: the table, the comparison and the accelerators' energy by component.
std::string html_page(const CompareOptions& o, const std::vector<Row>& rows) {
  plot::Page page;
  page.title = fmt::format("Headroom compare: {} at batch {}", o.network, o.batch);
  page.report_text = format_table(o.network, o.batch, rows);
  page.figures.push_back(plot::compare(rows, o.network, o.batch));
  const auto precision = o.precision.empty() ? std::nullopt : accel::parse_precision(o.precision);
  std::vector<Result> results;
  models::ZooOptions zoo;
  zoo.batch = o.batch;
  const models::Trace trace = models::lower_forward(models::make_network(o.network, zoo));
  for (const std::string& path : o.accels) {
    const accel::AcceleratorConfig config = load_accelerator(resolve_in_source(path));
    results.push_back(run_network(config, trace, precision.value_or(config.precision)));
    page.files.emplace_back(config.source_file, plot::file_text(config.source_file));
  }
  bool all_have_energy = true;
  for (const Result& r : results) all_have_energy = all_have_energy && r.energy.has_value();
  if (all_have_energy) page.figures.push_back(plot::energy(results));
  page.notes = {kConventions, kGpuModel, kBounds};
  for (const Row& r : rows)
    if (r.kind == "gpu") page.notes.push_back(r.name + ": " + r.gpu_model);
  return plot::html_page(page);
}

void execute(const CompareOptions& o) {
  const std::vector<Row> rows = compare_rows(o.accels, o.gpus, o.network, o.batch, o.precision);
  const std::string json = o.json_path.empty() ? "" : format_json(o.network, o.batch, rows);
  const std::string html = o.html_path.empty() ? "" : html_page(o, rows);
  if (!o.json_path.empty() && o.json_path != "-") write_file_atomically(o.json_path, json);
  if (!o.html_path.empty()) write_file_atomically(o.html_path, html);
  std::cout << (o.json_path == "-" ? json : format_table(o.network, o.batch, rows));
}

}  // namespace

void add_compare_command(CLI::App& app) {
  auto options = std::make_shared<CompareOptions>();
  CLI::App* cmd = app.add_subcommand(
      "compare", "Simulated accelerators beside datasheet GPUs on one network's inference.");
  cmd->add_option("--accel", options->accels, "Accelerator .yaml or .cfg (repeatable)")->required();
  cmd->add_option("--gpu", options->gpus, "GPU or TPU from configs/gpus, e.g. h100 (repeatable)")
      ->required();
  cmd->add_option("--network", options->network, "Network from the zoo, e.g. resnet50")->required();
  cmd->add_option("--batch", options->batch, "Examples per inference")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 20))
      ->capture_default_str();
  cmd->add_option("--precision", options->precision,
                  "fp32, fp16, bf16, int8, fp8_e4m3 or fp8_e5m2 for every device (default: the "
                  "accelerator's; a GPU without it runs fp32)");
  cmd->add_option("--json", options->json_path, "Write the JSON report here ('-' for stdout)");
  cmd->add_option("--html", options->html_path,
                  "Write a self-contained HTML report (table, pictures, configs) here");
  cmd->callback([options] { execute(*options); });
}

}  // namespace headroom::sim::cli
