// SPDX-License-Identifier: MIT
// `headroom compute`: training compute of a run, both ways of "AI and Compute" (OpenAI 2018):
// counting operations (method 1) and multiplying hardware time (method 2), side by side.
#include <fmt/format.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "headroom/models/compute.hpp"
#include "headroom/models/data_files.hpp"
#include "headroom/sim/run_config.hpp"

namespace headroom::sim::cli {

namespace {

// A stated figure this far from the recomputation is a discrepancy worth showing.
constexpr double kNoteThreshold = 0.10;

struct ComputeOptions {
  std::string run;
  std::string json_path;
  // Flag values stay text so the run-config validator checks them like a file's values.
  std::map<std::string, std::string> values;
};

struct MethodReport {
  std::string label;
  models::ComputeAmount amount;
  std::optional<double> stated_pfs_days;
  std::string inputs;
  nlohmann::json inputs_json;
};

MethodReport method1_report(const models::OperationCount& m, const std::optional<double>& stated) {
  return {"method 1, counting operations",
          models::count_operations(m),
          stated,
          fmt::format("{:.4g} MACs/example x {:g} FLOP/MAC x {:g} (forward+backward) x {:.4g} "
                      "examples x {:g} epochs{}",
                      m.forward_macs_per_example, m.flops_per_mac, m.fwd_bwd_factor,
                      m.examples_per_epoch, m.epochs,
                      m.extra_factor == 1 ? "" : fmt::format(" x {:.4g} extra", m.extra_factor)),
          {{"forward_macs_per_example", m.forward_macs_per_example},
           {"flops_per_mac", m.flops_per_mac},
           {"fwd_bwd_factor", m.fwd_bwd_factor},
           {"examples_per_epoch", m.examples_per_epoch},
           {"epochs", m.epochs},
           {"extra_factor", m.extra_factor}}};
}

MethodReport method2_report(const models::HardwareTime& m, const std::string& device_name,
                            const std::optional<double>& stated) {
  return {"method 2, hardware time",
          models::hardware_time(m),
          stated,
          fmt::format("{:g} x {} at {:g} TFLOPS x {:g} days x 86400 s x {:g} utilization{}",
                      m.devices, device_name, m.peak_tflops_per_device, m.days, m.utilization,
                      m.extra_factor == 1 ? "" : fmt::format(" x {:.4g} extra", m.extra_factor)),
          {{"devices", m.devices},
           {"device", device_name},
           {"device_peak_tflops", m.peak_tflops_per_device},
           {"days", m.days},
           {"utilization", m.utilization},
           {"extra_factor", m.extra_factor}}};
}

std::vector<std::string> notes_for(const RunConfig& run, const ResolvedRun& resolved,
                                   const std::vector<MethodReport>& methods) {
  std::vector<std::string> notes;
  if (resolved.network_macs_per_example && run.forward_macs_per_example &&
      models::relative_difference(*run.forward_macs_per_example,
                                  *resolved.network_macs_per_example) > 0.005)
    notes.push_back(fmt::format(
        "the zoo's {} counts {:.4g} MACs/example; the run's own forward_macs_per_example {:.4g} "
        "is used",
        *run.network, *resolved.network_macs_per_example, *run.forward_macs_per_example));
  for (const auto& m : methods) {
    if (!m.stated_pfs_days) continue;
    const double diff = models::relative_difference(m.amount.pfs_days, *m.stated_pfs_days);
    if (diff > kNoteThreshold)
      notes.push_back(fmt::format(
          "{}: the source states {:.3g} pfs-days but its own inputs give {:.3g} ({:+.0f}%); "
          "the source's arithmetic does not follow from its inputs",
          m.label, *m.stated_pfs_days, m.amount.pfs_days,
          100 * (m.amount.pfs_days / *m.stated_pfs_days - 1)));
  }
  return notes;
}

std::string device_label(const RunConfig& run, const ResolvedRun& resolved) {
  if (resolved.device) return resolved.device->name;
  return run.device.value_or("device");
}

void print_text(std::ostream& os, const RunConfig& run, const std::vector<MethodReport>& methods,
                const std::vector<std::string>& notes) {
  os << run.name << " (" << run.file << ")\n";
  os << "  source: " << run.source << "\n\n";
  os << fmt::format("  {:<31} {:>10} {:>12} {:>12} {:>16}\n", "", "FLOP", "PF", "pfs-days",
                    "stated pfs-days");
  for (const auto& m : methods)
    os << fmt::format("  {:<31} {:>10.3e} {:>12.4g} {:>12.4g} {:>16}\n", m.label, m.amount.flop,
                      m.amount.pf, m.amount.pfs_days,
                      m.stated_pfs_days ? fmt::format("{:g}", *m.stated_pfs_days) : "-");
  if (methods.size() == 2)
    os << fmt::format("\n  method 2 / method 1: {:.3g}\n",
                      methods[1].amount.flop / methods[0].amount.flop);
  os << "\n";
  for (const auto& m : methods) os << "  " << m.label.substr(0, 8) << ": " << m.inputs << "\n";
  for (const auto& n : notes) os << "  note: " << n << "\n";
}

void print_json(std::ostream& os, const RunConfig& run, const std::vector<MethodReport>& methods,
                const std::vector<std::string>& notes) {
  nlohmann::json out = {{"name", run.name}, {"file", run.file}, {"source", run.source}};
  for (std::size_t i = 0; i < methods.size(); ++i) {
    const auto& m = methods[i];
    nlohmann::json j = {{"flop", m.amount.flop},
                        {"pf", m.amount.pf},
                        {"pfs_days", m.amount.pfs_days},
                        {"inputs", m.inputs_json}};
    j["stated_pfs_days"] =
        m.stated_pfs_days ? nlohmann::json(*m.stated_pfs_days) : nlohmann::json(nullptr);
    out[m.label.starts_with("method 1") ? "method1" : "method2"] = j;
  }
  if (methods.size() == 2)
    out["ratio_method2_to_method1"] = methods[1].amount.flop / methods[0].amount.flop;
  out["notes"] = notes;
  os << out.dump(2) << "\n";
}

void run_compute(const ComputeOptions& o) {
  const RunConfig run = o.run.empty() ? run_config_from_values(o.values, "command line")
                                      : load_run_config(models::resolve_user_path(o.run), o.values);
  const ResolvedRun resolved = resolve_run(run);
  std::vector<MethodReport> methods;
  if (resolved.method1)
    methods.push_back(method1_report(*resolved.method1, run.stated_pfs_days.method1));
  if (resolved.method2)
    methods.push_back(method2_report(*resolved.method2, device_label(run, resolved),
                                     run.stated_pfs_days.method2));
  const auto notes = notes_for(run, resolved, methods);
  std::ostringstream json;
  std::ostringstream table;
  if (!o.json_path.empty()) print_json(json, run, methods, notes);
  print_text(table, run, methods, notes);
  emit_report(o.json_path, json.str(), table.str());
}

}  // namespace

void add_compute_command(CLI::App& app) {
  auto o = std::make_shared<ComputeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "compute",
      "Training compute of a run in FLOP, PF and petaflop/s-days, by counting operations "
      "(network MACs x 2 x 3 x examples x epochs) and by hardware time (devices x peak x days x "
      "utilization), as in OpenAI's 'AI and Compute'. Flags override the run file's keys.");
  cmd->add_option("--run", o->run, "a run description, e.g. configs/runs/alexnet.yaml");
  // Each flag sets the run-file key of the same meaning.
  const std::vector<std::pair<std::string, std::string>> flags = {
      {"--network", "network"},
      {"--macs", "forward_macs_per_example"},
      {"--examples", "examples_per_epoch"},
      {"--epochs", "epochs"},
      {"--tokens", "tokens"},
      {"--devices", "devices"},
      {"--device", "device"},
      {"--peak-tflops", "device_peak_tflops"},
      {"--days", "days"},
      {"--utilization", "utilization"},
      {"--precision", "precision"}};
  // Not a structured binding: clang 14 (the fuzz preset) cannot capture one in a lambda.
  for (const auto& flag_key : flags) {
    const std::string& flag = flag_key.first;
    const std::string key = flag_key.second;
    cmd->add_option_function<std::string>(
        flag, [o, key](const std::string& v) { o->values[key] = v; },
        "sets the run key '" + key + "'");
  }
  add_json_option(*cmd, o->json_path);
  cmd->callback([o] {
    if (o->run.empty() && !o->values.count("name")) {
      o->values["name"] = "command-line estimate";
      o->values["source"] = "command-line inputs";
    }
    run_compute(*o);
  });
}

}  // namespace headroom::sim::cli
