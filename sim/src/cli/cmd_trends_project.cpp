// SPDX-License-Identifier: MIT
// `headroom trends project`: if the compute trend holds, what the frontier training run of a
// year costs on a chip, priced with the sustained FLOP/s and energy per FLOP of a simulated
// training step (`headroom train`'s machinery), beside a GPU.
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/trends_options.hpp"
#include "headroom/models/data_files.hpp"
#include "headroom/models/error.hpp"
#include "headroom/sim/device_spec.hpp"
#include "headroom/sim/result_fields.hpp"
#include "headroom/sim/run_config.hpp"
#include "headroom/sim/target.hpp"
#include "headroom/sim/train.hpp"
#include "headroom/sim/train_cost.hpp"
#include "headroom/sim/trend_projection.hpp"

namespace headroom::sim::cli {

namespace {

constexpr double kFlopPerPfsDay = 1e15 * 86400;

struct ProjectOptions : TrendTableOptions {
  int year = 0;
  std::string era;  // empty: large-scale when the table labels it, else deep-learning
  std::string doubling;
  std::string algorithmic_halving;
  std::string accel;
  std::uint64_t chips = 1;
  std::string gpu;
  std::string run = "configs/runs/gpt3-175b.yaml";
  std::string parallel;
  bool recompute = false;
  CostInputs cost;
  std::string json_path;
};

// "6mo", "6 months", "6": months.
double parse_months(const std::string& flag, const std::string& text) {
  double v = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  std::string unit(ptr, end);
  unit.erase(0, unit.find_first_not_of(' '));
  if (ec != std::errc() || !(v > 0) || !std::isfinite(v) ||
      !(unit.empty() || unit == "mo" || unit == "months" || unit == "month"))
    throw InputError(input_error_message(flag, 0, "", "a positive number of months, e.g. 6mo",
                                         "\"" + text + "\""));
  return v;
}

ProjectedRun price(const TrainReport& r, double flop, const ProjectOptions& o) {
  if (!r.valid())
    throw InputError(
        fmt::format("{} on {} chips cannot run {}: {} (choose --parallel, --chips or --recompute)",
                    r.accelerator, o.chips, o.run, r.invalid_why));
  ProjectedRun p;
  p.name = r.accelerator;
  p.chips = o.chips;
  p.sustained_flops = r.sustained_flops();
  p.utilization = r.utilization();
  p.joules_per_flop = r.energy_j / (r.executed_pfs_days() * kFlopPerPfsDay);
  p.time_to_train_s = flop / p.sustained_flops;
  p.energy_j = flop * p.joules_per_flop;
  CostInputs in = o.cost;
  in.chip_energy_j = p.energy_j;
  in.time_s = p.time_to_train_s;
  in.chips = static_cast<double>(o.chips);
  p.cost = training_cost(in);
  return p;
}

std::string priced_line(const ProjectedRun& p) {
  return fmt::format("  {:<28} {:>5} {:>11.3g} {:>10.1f} {:>12.4g} {:>12.4g} {:>12.4g}\n", p.name,
                     p.chips, p.sustained_flops, p.time_to_train_s / 86400,
                     p.cost.facility_energy_kwh / 1e3, p.cost.total_cost(), p.cost.co2_kg / 1e3);
}

void run_project(const ProjectOptions& o) {
  check_outputs({{"--json", o.json_path, ""}});
  std::vector<std::string> notes;
  const trends::Table table = load_trend_table(o, notes);
  const bool labelled = std::any_of(table.systems.begin(), table.systems.end(),
                                    [](const trends::System& s) { return s.large_scale; });
  const std::string era_name = !o.era.empty() ? o.era : labelled ? "large-scale" : "deep-learning";
  trends::Subset era;
  for (const auto& s : trends::three_eras())
    if (s.era == era_name) era = s;
  if (!labelled && era.scale != trends::Subset::Scale::Any) {
    if (era.scale == trends::Subset::Scale::Large)
      throw InputError(input_error_message("--era", 0, "",
                                           "a table that labels large-scale "
                                           "systems (--large-scale FILE)",
                                           "none labelled"));
    era.scale = trends::Subset::Scale::Any;
    era.scope = "all systems (none labelled large-scale)";
  }
  const trends::Fit fit = trends::fit_subset(table, era, o.bootstrap);

  // The trend's value at its last system is today's frontier run; the projection grows from it.
  const double anchor_flop = std::pow(10.0, fit.line.intercept + fit.line.slope * fit.last_year);
  const double target_year = o.year + 0.5;  // the middle of the year asked for
  if (target_year <= fit.last_year)
    throw InputError(input_error_message(
        "--year", 0, "", "a year after the trend's last system (" + fit.last_date + ")",
        std::to_string(o.year)));
  const double months = 12 * (target_year - fit.last_year);
  const bool given = !o.doubling.empty();
  const double doubling = given ? parse_months("--doubling", o.doubling) : fit.doubling();
  const double projected = anchor_flop * std::exp2(months / doubling);
  double band_low = projected;
  double band_high = projected;
  if (given) {
    notes.push_back("--doubling given: no band (the band is the fitted era's bootstrap interval)");
  } else {
    band_low = anchor_flop * std::exp2(months / fit.ci95_months.high);
    band_high = anchor_flop * std::exp2(months / fit.ci95_months.low);
  }
  double executed = projected;
  std::optional<double> halving;
  if (!o.algorithmic_halving.empty()) {
    halving = parse_months("--algorithmic-halving", o.algorithmic_halving);
    executed = projected / std::exp2(months / *halving);
    notes.push_back(fmt::format(
        "algorithmic progress: the projected run's capability needs {:.3g}x less compute by then "
        "(halving every {:g} months, Hernandez & Brown 2020); the executed FLOP are divided by it",
        std::exp2(months / *halving), *halving));
  }
  // Same chip, same energy per FLOP: keeping the run's energy at today's frontier run's needs
  // FLOPS/W to grow by the ratio of the two runs' compute.
  const double improvement = executed / anchor_flop;

  RunConfig run = load_run_config(models::resolve_user_path(o.run));
  TrainOptions t;
  t.chips = o.chips;
  t.parallel = o.parallel;
  t.recompute_activations = o.recompute;
  t.cost = o.cost;
  const Target target = load_target(o.accel);
  TrainReport chip;
  if (const auto* config = target.accelerator()) {
    accel::Simulator simulator;
    simulator.set_progress(progress_on_stderr());
    chip = plan_training(simulator, *config, run, t);
  } else {
    chip = plan_training_on_device(*target.device(), run, t);
  }
  std::vector<ProjectedRun> priced{price(chip, executed, o)};
  if (!o.gpu.empty())
    priced.push_back(price(plan_training_on_device(load_device(o.gpu), run, t), executed, o));
  for (auto& p : priced) p.flops_per_w_improvement = improvement;

  std::ostringstream text;
  text << fmt::format(
      "Projected frontier training run of {} ({} era of {}: {} systems, {} to {})\n", o.year,
      fit.era, table.source, fit.line.n, fit.first_date, fit.last_date);
  text << fmt::format("  today's frontier (the trend at {}): {:.3g} FLOP\n", fit.last_date,
                      anchor_flop);
  text << fmt::format("  doubling: {:.1f} months ({})\n", doubling,
                      given ? "--doubling" : "fitted");
  text << fmt::format("  projected compute in mid-{}: {:.3g} FLOP (95% band {:.3g} to {:.3g})\n",
                      o.year, projected, band_low, band_high);
  if (halving)
    text << fmt::format("  executed after algorithmic progress: {:.3g} FLOP\n", executed);
  text << fmt::format("  priced with a simulated training step of {} ({})\n\n", run.name, o.run);
  text << fmt::format("  {:<28} {:>5} {:>11} {:>10} {:>12} {:>12} {:>12}\n", "chip", "chips",
                      "FLOP/s", "days", "MWh", "USD", "t CO2");
  for (const auto& p : priced) text << priced_line(p);
  text << fmt::format(
      "\n  to keep the run's energy at today's frontier run's, FLOPS/W must improve {:.3g}x\n",
      improvement);
  for (const auto& n : notes) text << "  note: " << n << "\n";

  std::string json;
  if (!o.json_path.empty()) {
    TrendProjection projection{.year = o.year,
                               .era = fit.era,
                               .data = table.source,
                               .anchor_date = fit.last_date,
                               .anchor_flop = anchor_flop,
                               .fit_doubling_months = fit.doubling(),
                               .doubling_months = doubling,
                               .projected_flop = projected,
                               .band_low = band_low,
                               .band_high = band_high,
                               .algorithmic_halving_months = halving,
                               .executed_flop = executed,
                               .flops_per_w_improvement = improvement,
                               .run_file = o.run,
                               .run_name = run.name};
    nlohmann::json j = nlohmann::json::object();
    put_json(trend_projection_fields(), projection, j);
    j["projected_flop_band"] = {band_low, band_high};
    for (std::size_t i = 0; i < priced.size(); ++i) {
      nlohmann::json chip_json = nlohmann::json::object();
      put_json(projected_run_fields(), priced[i], chip_json);
      j[i == 0 ? "accelerator" : "gpu"] = chip_json;
    }
    j["notes"] = notes;
    json = j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }
  write_outputs({{"--json", o.json_path, json}}, text.str());
}

}  // namespace

void add_trends_project_command(CLI::App& parent) {
  auto o = std::make_shared<ProjectOptions>();
  CLI::App* cmd = parent.add_subcommand(
      "project",
      "If the compute trend holds: the frontier training compute of a year, with its band, and "
      "what it costs (days, MWh, USD, CO2) at the sustained FLOP/s and energy per FLOP of a "
      "simulated GPT-class training step on a chip, beside a GPU.");
  cmd->add_option("--year", o->year, "the year projected to (its middle)")
      ->required()
      ->check(CLI::Range(1950, 2200));
  cmd->add_option("--era", o->era,
                  "the fitted era the trend comes from (default: large-scale when the table "
                  "labels it, else deep-learning)")
      ->check(CLI::IsMember({"pre-deep-learning", "deep-learning", "large-scale"}));
  cmd->add_option("--doubling", o->doubling, "a doubling time instead of the fit's, e.g. 6mo");
  cmd->add_option("--algorithmic-halving", o->algorithmic_halving,
                  "divide the executed compute by algorithmic progress halving it, e.g. 16mo");
  cmd->add_option("--accel", o->accel, "an accelerator (configs/accel) or a device (configs/gpus)")
      ->required();
  cmd->add_option("--chips", o->chips, "chips of each kind")->check(positive_count());
  cmd->add_option("--gpu,--device", o->gpu, "a device priced beside it, e.g. h100");
  cmd->add_option("--run", o->run, "the training run whose step is simulated")->default_str(o->run);
  cmd->add_option("--parallel", o->parallel, "the split, e.g. dp=8,tp=8,pp=4 (as in train)");
  cmd->add_flag("--recompute", o->recompute, "recompute activations (as in train)");
  cmd->add_option("--pue", o->cost.pue, "data-centre PUE")->default_str("1.1");
  cmd->add_option("--price-per-kwh", o->cost.price_per_kwh, "USD per kWh")->default_str("0.08");
  cmd->add_option("--grid-kg-per-kwh", o->cost.grid_kg_per_kwh, "kg CO2 per kWh")
      ->default_str("0.429");
  add_trend_table_options(*cmd, *o);
  add_json_option(*cmd, o->json_path);
  cmd->callback([o] { run_project(*o); });
}

}  // namespace headroom::sim::cli
