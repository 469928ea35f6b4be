// SPDX-License-Identifier: MIT
// `headroom models`: the network zoo as a table or JSON; `headroom models show NAME`: one
// network layer by layer with its shapes and MACs.
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>

#include "cli/commands.hpp"
#include "cli/workload_options.hpp"
#include "headroom/models/zoo.hpp"

namespace headroom::sim::cli {

namespace {

struct ModelsOptions {
  std::string json_path;
  std::string name;
  std::uint64_t batch = 1;
  std::optional<std::uint64_t> image_size;
  std::optional<std::uint64_t> seq_len;
  std::optional<double> width_multiplier;
  WorkloadFlags workload;
};

constexpr double kGiga = 1e9;
constexpr double kMega = 1e6;

void list_zoo(std::ostream& os, bool json) {
  nlohmann::json out = nlohmann::json::array();
  if (!json)
    os << fmt::format("{:<20} {:<28} {:<11} {:>16} {:>10}  {}\n", "name", "input", "unit",
                      "fwd GMACs/unit", "params M", "description");
  for (const auto& e : models::zoo_entries()) {
    const models::Network n = models::load_network({.network = e.name,
                                                    .batch = 1,
                                                    .image_size = std::nullopt,
                                                    .seq_len = std::nullopt,
                                                    .onnx = {}});
    const double gmacs =
        static_cast<double>(n.forward_macs()) / static_cast<double>(n.examples()) / kGiga;
    const double params_m = static_cast<double>(n.parameters()) / kMega;
    if (json) {
      out.push_back({{"name", e.name},
                     {"description", e.description},
                     {"input", n.input_description()},
                     {"unit_of_work", n.unit_of_work()},
                     {"forward_macs_per_unit", gmacs * kGiga},
                     {"forward_gmacs_per_unit", gmacs},
                     {"parameters", n.parameters()},
                     {"params_millions", params_m}});
    } else {
      os << fmt::format("{:<20} {:<28} {:<11} {:>16.4g} {:>10.2f}  {}\n", e.name,
                        n.input_description(), n.unit_of_work(), gmacs, params_m, e.description);
    }
  }
  if (json) os << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void show_network(std::ostream& os, const ModelsOptions& o, bool json) {
  const models::Network n = load_workload_network({.network = o.name,
                                                   .batch = o.batch,
                                                   .image_size = o.image_size,
                                                   .seq_len = o.seq_len,
                                                   .width_multiplier = o.width_multiplier,
                                                   .onnx = onnx_options(o.workload)});
  const models::LayerCounts total = n.totals();
  if (json) {
    nlohmann::json layers = nlohmann::json::array();
    for (const auto& l : n.layers()) {
      const models::LayerCounts c = l.counts(n.batch());
      layers.push_back({{"name", l.name},
                        {"kind", l.kind_name()},
                        {"input", l.input_shape()},
                        {"weights", l.weight_shape()},
                        {"output", l.output_shape()},
                        {"macs", c.macs},
                        {"vector_ops", c.vector_ops},
                        {"parameters", c.parameters}});
    }
    nlohmann::json skipped = nlohmann::json::array();
    for (const auto& s : n.skipped())
      skipped.push_back(
          {{"node", s.node}, {"op_type", s.op_type}, {"output_bytes", s.output_bytes}});
    const nlohmann::json out = {{"name", n.name()},
                                {"batch", n.batch()},
                                {"input", n.input_description()},
                                {"unit_of_work", n.unit_of_work()},
                                {"units_per_item", n.units_per_item()},
                                {"forward_macs", total.macs},
                                {"forward_macs_per_unit", n.forward_macs_per_example()},
                                {"forward_vector_ops", total.vector_ops},
                                {"parameters", total.parameters},
                                {"layers", layers},
                                {"skipped_nodes", skipped}};
    os << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return;
  }
  os << fmt::format("{}: batch {} x {} ({} per item: {})\n", n.name(), n.batch(),
                    n.input_description(), n.unit_of_work(), n.units_per_item());
  os << fmt::format("{:<34} {:<14} {:<26} {:<24} {:<18} {:>16} {:>12}\n", "layer", "kind",
                    "input (per item)", "weights", "output (per item)", "MACs (batch)", "params");
  for (const auto& l : n.layers()) {
    const models::LayerCounts c = l.counts(n.batch());
    os << fmt::format("{:<34} {:<14} {:<26} {:<24} {:<18} {:>16} {:>12}\n", l.name, l.kind_name(),
                      l.input_shape(), l.weight_shape(), l.output_shape(), c.macs, c.parameters);
  }
  os << fmt::format(
      "total: {} layers, {} MACs ({:.4g} GMACs per {}), {} vector ops, {} parameters "
      "({:.2f} M)\n",
      n.layers().size(), total.macs,
      static_cast<double>(total.macs) / static_cast<double>(n.examples()) / kGiga, n.unit_of_work(),
      total.vector_ops, total.parameters, static_cast<double>(total.parameters) / kMega);
}

}  // namespace

void add_models_command(CLI::App& app) {
  auto opts = std::make_shared<ModelsOptions>();
  CLI::App* cmd = app.add_subcommand(
      "models", "List the built-in networks (forward MACs, parameters), or show one by layer");
  add_json_option(*cmd, opts->json_path);
  CLI::App* show = cmd->add_subcommand("show", "Per-layer shapes and MACs of one network");
  show->add_option("name", opts->name,
                   "Network: a zoo name (see 'headroom models'), an .onnx file or a SCALE-Sim "
                   "topology .csv")
      ->required();
  show->add_option("--batch", opts->batch, "Items per batch (images, sequences)")
      ->check(positive_count());
  show->add_option("--image-size", opts->image_size, "Square input side for CNNs")
      ->check(positive_count());
  show->add_option("--seq-len", opts->seq_len, "Tokens / timesteps per sequence")
      ->check(positive_count());
  show->add_option("--width-multiplier", opts->width_multiplier,
                   "MobileNet v1's width multiplier alpha (channels scaled to int(alpha * c))");
  add_json_option(*show, opts->json_path);
  add_workload_flags(*show, opts->workload);
  cmd->callback([opts, show] {
    const auto render = [&](bool json) {
      std::ostringstream os;
      if (show->parsed())
        show_network(os, *opts, json);
      else
        list_zoo(os, json);
      return os.str();
    };
    const std::string& path = opts->json_path;
    emit_report(path, path.empty() ? "" : render(true), path == "-" ? "" : render(false));
  });
}

}  // namespace headroom::sim::cli
