// SPDX-License-Identifier: MIT
#include "headroom/sim/run_config.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <limits>
#include <vector>

#include "config/field_reader.hpp"
#include "config/yaml_file.hpp"
#include "headroom/models/error.hpp"
#include "headroom/models/workload.hpp"
#include "headroom/sim/trends.hpp"

namespace headroom::sim {

namespace {

constexpr double kHuge = std::numeric_limits<double>::max();

const std::vector<std::string>& run_keys() {
  static const std::vector<std::string> keys = {"name",
                                                "source",
                                                "year",
                                                "date",
                                                "dataset",
                                                "network",
                                                "forward_macs_per_example",
                                                "examples_per_epoch",
                                                "epochs",
                                                "tokens",
                                                "flops_per_mac",
                                                "fwd_bwd_factor",
                                                "extra_factor",
                                                "devices",
                                                "device",
                                                "device_peak_tflops",
                                                "days",
                                                "utilization",
                                                "global_batch",
                                                "seq_len",
                                                "image_size",
                                                "optimizer",
                                                "precision",
                                                "stated_pfs_days"};
  return keys;
}

// A method with some of its inputs is an unfinished description, not a choice of method.
void check_methods(config::FieldReader& r, const YAML::Node& root, const RunConfig& c) {
  const bool has_macs = c.network || c.forward_macs_per_example;
  const bool has_amount = c.tokens || c.examples_per_epoch || c.epochs;
  if (c.tokens && (c.examples_per_epoch || c.epochs))
    r.error(root["tokens"], "tokens", "either tokens or examples_per_epoch with epochs", "both");
  if (has_macs || has_amount) {
    if (!has_macs)
      r.error(root, "network", "network or forward_macs_per_example (method 1 inputs)", "neither");
    if (!c.tokens && !c.examples_per_epoch)
      r.error(root, "examples_per_epoch", "examples_per_epoch or tokens (method 1 inputs)",
              "neither");
    if (c.examples_per_epoch && !c.epochs)
      r.error(root, "epochs", "a number of epochs (method 1 inputs)", "no value");
  }
  if (c.days) {
    if (!c.devices) r.error(root, "devices", "a device count (method 2 inputs)", "no value");
    if (!c.device && !c.device_peak_tflops)
      r.error(root, "device", "device or device_peak_tflops (method 2 inputs)", "neither");
  }
  if (!has_macs && !has_amount && !c.days)
    r.error(root, "(top level)",
            "method 1 inputs (network or forward_macs_per_example, examples_per_epoch, epochs) "
            "or method 2 inputs (devices, device or device_peak_tflops, days)",
            "neither");
}

void read_stated(config::FieldReader& r, const YAML::Node& node, StatedPfsDays& stated) {
  if (!node.IsDefined() || !r.check_map(node, "stated_pfs_days", {"method1", "method2"})) return;
  stated.method1 = r.number(node, "stated_pfs_days", "method1", false, 0, kHuge);
  stated.method2 = r.number(node, "stated_pfs_days", "method2", false, 0, kHuge);
}

RunConfig parse(const YAML::Node& root, const std::string& file) {
  config::FieldReader r(file);
  RunConfig c;
  c.file = file;
  if (!r.check_map(root, "", run_keys())) r.throw_if_errors();
  for (const auto& kv : root)
    if (kv.first.Mark().line >= 0) c.lines[kv.first.Scalar()] = kv.first.Mark().line + 1;
  c.name = r.text(root, "", "name", true).value_or("");
  c.source = r.text(root, "", "source", true).value_or("");
  if (const auto y = r.count(root, "", "year", false, 1940, 2100)) c.year = static_cast<int>(*y);
  c.date = r.text(root, "", "date", false);
  if (c.date && !trends::parse_date(*c.date))
    r.error(root["date"], "date", "a publication date YYYY-MM-DD", "\"" + *c.date + "\"");
  c.dataset = r.text(root, "", "dataset", false).value_or("");
  c.network = r.text(root, "", "network", false);
  // A network file (ONNX, topology CSV) is found relative to the run config, like an include.
  if (c.network && models::workload_kind(*c.network) != models::WorkloadKind::Zoo &&
      std::filesystem::path(*c.network).is_relative() && file != "command line")
    c.network = (std::filesystem::path(file).parent_path() / *c.network).string();
  c.forward_macs_per_example = r.number(root, "", "forward_macs_per_example", false, 0, kHuge);
  c.examples_per_epoch = r.number(root, "", "examples_per_epoch", false, 0, kHuge);
  c.epochs = r.number(root, "", "epochs", false, 0, 1e9);
  c.tokens = r.number(root, "", "tokens", false, 0, kHuge);
  c.flops_per_mac = r.number(root, "", "flops_per_mac", false, 0, 1e3).value_or(kFlopsPerMac);
  c.fwd_bwd_factor = r.number(root, "", "fwd_bwd_factor", false, 0, 1e3).value_or(3);
  c.extra_factor = r.number(root, "", "extra_factor", false, 0, kHuge).value_or(1);
  c.devices = r.number(root, "", "devices", false, 0, 1e9);
  c.device = r.text(root, "", "device", false);
  c.device_peak_tflops = r.number(root, "", "device_peak_tflops", false, 0, kHuge);
  c.days = r.number(root, "", "days", false, 0, 1e6);
  c.utilization = r.number(root, "", "utilization", false, 0, 1);
  c.global_batch = r.count(root, "", "global_batch", false, 1, std::uint64_t{1} << 40);
  c.seq_len = r.count(root, "", "seq_len", false, 1, std::uint64_t{1} << 30);
  c.image_size = r.count(root, "", "image_size", false, 1, 1 << 20);
  c.optimizer = r.choice(root, "", "optimizer", false, {"sgd", "momentum", "adam"});
  std::vector<std::string> precisions;
  for (const PrecisionInfo& p : headroom::precisions()) {
    precisions.emplace_back(p.name);
    if (*p.alias != '\0') precisions.emplace_back(p.alias);
  }
  if (const auto v = r.choice(root, "", "precision", false, precisions))
    c.precision = parse_precision(*v);
  read_stated(r, root["stated_pfs_days"], c.stated_pfs_days);
  if (r.ok()) check_methods(r, root, c);
  r.throw_if_errors();
  return c;
}

void apply(YAML::Node& root, const std::map<std::string, std::string>& values) {
  for (const auto& [key, value] : values) root[key] = value;
}

// Re-throws an error found after parsing (a name looked up elsewhere) at the key's line.
[[noreturn]] void rethrow_at(const RunConfig& run, const std::string& key, const InputError& e) {
  const auto it = run.lines.find(key);
  const std::string where =
      run.file + (it == run.lines.end() ? "" : ":" + std::to_string(it->second));
  throw InputError(where + ": " + e.what());
}

}  // namespace

std::optional<double> RunConfig::total_examples() const {
  if (tokens) return tokens;
  if (examples_per_epoch && epochs) return *examples_per_epoch * *epochs;
  return std::nullopt;
}

bool RunConfig::has_method1() const {
  return (network || forward_macs_per_example) && total_examples();
}

bool RunConfig::has_method2() const { return days && devices && (device || device_peak_tflops); }

RunConfig load_run_config(const std::string& path,
                          const std::map<std::string, std::string>& overrides) {
  YAML::Node root = config::load_yaml_file(path, "a run YAML file");
  if (root.IsMap()) apply(root, overrides);
  return parse(root, path);
}

RunConfig run_config_from_values(const std::map<std::string, std::string>& values,
                                 const std::string& label) {
  YAML::Node root(YAML::NodeType::Map);
  apply(root, values);
  return parse(root, label);
}

ResolvedRun resolve_run(const RunConfig& run) {
  ResolvedRun out;
  if (run.device) {
    try {
      out.device = load_device(*run.device);
    } catch (const InputError& e) {
      rethrow_at(run, "device", e);
    }
  }
  if (run.network) {
    try {
      const models::Network net = models::load_network({.network = *run.network,
                                                        .batch = 1,
                                                        .image_size = run.image_size,
                                                        .seq_len = run.seq_len,
                                                        .onnx = {}});
      out.network_macs_per_example = static_cast<double>(net.forward_macs_per_example());
    } catch (const InputError& e) {
      rethrow_at(run, "network", e);
    }
  }
  if (run.has_method1()) {
    models::OperationCount m;
    m.forward_macs_per_example =
        run.forward_macs_per_example.value_or(out.network_macs_per_example.value_or(0));
    // A token budget is one pass over that many tokens.
    m.examples_per_epoch = run.tokens ? *run.tokens : *run.examples_per_epoch;
    m.epochs = run.tokens ? 1 : *run.epochs;
    m.flops_per_mac = run.flops_per_mac;
    m.fwd_bwd_factor = run.fwd_bwd_factor;
    m.extra_factor = run.extra_factor;
    out.method1 = m;
  }
  if (run.has_method2()) {
    models::HardwareTime m;
    m.devices = *run.devices;
    m.days = *run.days;
    m.extra_factor = run.extra_factor;
    if (run.device_peak_tflops) {
      m.peak_tflops_per_device = *run.device_peak_tflops;
    } else {
      const Precision precision = run.precision.value_or(Precision::FP32);
      const auto peak = out.device->peak_for(precision);
      if (!peak)
        rethrow_at(
            run, "device",
            InputError(input_error_message("", 0, "device_peak_tflops",
                                           "a value, since " + out.device->name + " has no " +
                                               peak_key(precision) + " peak in " + out.device->file,
                                           "none")));
      m.peak_tflops_per_device = *peak;
    }
    m.utilization = run.utilization.value_or(out.device ? out.device->default_utilization()
                                                        : models::kDefaultGpuUtilization);
    out.method2 = m;
  }
  return out;
}

}  // namespace headroom::sim
