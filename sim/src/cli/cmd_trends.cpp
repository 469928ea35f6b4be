// SPDX-License-Identifier: MIT
// `headroom trends fit`: log-linear trends of training compute against publication date, by the
// eras of Sevilla et al. 2022 or by a date range, with a seeded bootstrap interval.
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/trends_options.hpp"
#include "headroom/models/data_files.hpp"
#include "headroom/models/error.hpp"
#include "headroom/sim/result_fields.hpp"
#include "headroom/sim/trends.hpp"
#include "plot/figure.hpp"
#include "plot/pictures.hpp"

namespace headroom::sim::cli {

namespace {

using trends::Subset;

struct FitOptions : TrendTableOptions {
  std::string era = "all";
  std::string from;
  std::string to;
  std::string json_path;
  std::string plot_path;
};

void check_date(const std::string& flag, const std::string& value) {
  if (!value.empty() && !trends::parse_date(value))
    throw InputError(input_error_message(flag, 0, "", "a date YYYY-MM-DD", "\"" + value + "\""));
}

std::vector<Subset> subsets(const FitOptions& o) {
  if (!o.from.empty() || !o.to.empty()) {
    if (o.era != "all")
      throw InputError(input_error_message("--era", 0, "", "--era or --from/--to", "both"));
    return {{"range", "all systems", o.from, o.to, Subset::Scale::Any}};
  }
  std::vector<Subset> out;
  for (const Subset& s : trends::three_eras())
    if (o.era == "all" || o.era == s.era) out.push_back(s);
  return out;
}

}  // namespace

trends::Table load_trend_table(const TrendTableOptions& o, std::vector<std::string>& notes) {
  trends::Columns columns = o.columns;
  if (o.compute_unit == "pfs-days") columns.flop_per_unit = 1e15 * 86400;
  trends::Table table = o.data.empty()
                            ? trends::project_table()
                            : trends::read_csv(models::resolve_user_path(o.data), columns);
  if (!o.large_scale.empty()) {
    const auto labels = trends::read_csv(models::resolve_user_path(o.large_scale));
    const std::size_t marked = trends::mark_large_scale(table, labels);
    notes.push_back(fmt::format("{} systems marked large-scale by {}", marked, o.large_scale));
  }
  for (const std::string& text : o.where) {
    const trends::Where w = trends::parse_where(text);
    std::set<std::string> known;
    for (const auto& s : table.systems)
      for (const auto& kv : s.columns) known.insert(kv.first);
    if (!known.count(w.column))
      throw InputError(input_error_message(
          "--where", 0, text, "a column of " + table.source, "no column '" + w.column + "'" + [&] {
            const std::string close =
                close_matches(w.column, std::vector<std::string>(known.begin(), known.end()));
            return close.empty() ? std::string() : " (did you mean " + close + "?)";
          }()));
    std::vector<trends::System> kept;
    for (auto& s : table.systems)
      if (w.matches(s)) kept.push_back(std::move(s));
    table.skipped["not matching --where " + text] += table.systems.size() - kept.size();
    table.systems = std::move(kept);
  }
  if (o.drop_outliers) {
    const auto dropped = trends::drop_low_outliers(table);
    std::string names;
    for (const auto& n : dropped) names += (names.empty() ? "" : ", ") + n;
    notes.push_back(fmt::format("low outliers dropped (Sevilla et al. App. A): {}",
                                names.empty() ? "none" : names));
  }
  return table;
}

void add_trend_table_options(CLI::App& cmd, TrendTableOptions& o) {
  cmd.add_option("--data", o.data,
                 "a CSV in Epoch's format (System/Model, Publication date, Training compute "
                 "(FLOP[s])); default: the project's run configs");
  cmd.add_option("--large-scale", o.large_scale,
                 "a CSV whose rows with Domain 'Large Scale' name the large-scale systems (the "
                 "79-system split of Epoch's 2022 data)");
  cmd.add_option("--system-column", o.columns.system, "column of the system's name");
  cmd.add_option("--date-column", o.columns.date, "column of the publication date");
  cmd.add_option("--compute-column", o.columns.compute, "column of the training compute");
  cmd.add_option("--compute-unit", o.compute_unit, "unit of the compute column")
      ->check(CLI::IsMember({"flop", "pfs-days"}))
      ->default_str("flop");
  cmd.add_option("--where", o.where,
                 "keep rows where COLUMN == 'v', COLUMN != 'v' or COLUMN contains 'v' "
                 "(repeatable)");
  cmd.add_flag("--drop-outliers", o.drop_outliers,
               "drop low outliers as Sevilla et al. (Z < -2 within 1.5 years)");
  cmd.add_option("--bootstrap", o.bootstrap.resamples, "bootstrap resamples")
      ->check(positive_count())
      ->default_str("1000");
  cmd.add_option("--seed", o.bootstrap.seed, "bootstrap seed")->default_str("1");
  cmd.add_option("--noise", o.bootstrap.noise_factor,
                 "each resampled compute x a log-uniform factor in [1/F, F]; 1 for none")
      ->check(CLI::Range(1.0, 1e6))
      ->default_str("2");
}

namespace {

std::string text_report(const trends::Table& table, const std::vector<trends::Fit>& fits,
                        const FitOptions& o, const std::vector<std::string>& notes) {
  std::ostringstream os;
  os << "Compute trends: " << table.source << "\n";
  os << fmt::format("  {} systems", table.systems.size());
  for (const auto& [why, count] : table.skipped)
    if (count) os << fmt::format("; {} skipped ({})", count, why);
  os << "\n  bootstrap: " << trends::describe(o.bootstrap) << "\n\n";
  os << fmt::format("  {:<18} {:<23} {:>4} {:>8} {:>9} {:>17} {:>10} {:>5}\n", "era",
                    "systems fitted", "n", "OOM/yr", "doubling", "95% CI (months)", "growth", "R2");
  for (const auto& f : fits)
    os << fmt::format("  {:<18} {:<23} {:>4} {:>8.3f} {:>8.1f}m {:>17} {:>10.3g} {:>5.2f}\n", f.era,
                      f.first_date + ".." + f.last_date, f.line.n, f.slope_oom_per_year(),
                      f.doubling(),
                      fmt::format("[{:.1f}, {:.1f}]", f.ci95_months.low, f.ci95_months.high),
                      f.growth_factor(), f.line.r2);
  for (const auto& n : notes) os << "  note: " << n << "\n";
  return os.str();
}

std::string json_report(const trends::Table& table, const std::vector<trends::Fit>& fits,
                        const FitOptions& o, const std::vector<std::string>& notes) {
  nlohmann::json out;
  out["data"] = {
      {"source", table.source}, {"systems", table.systems.size()}, {"skipped", table.skipped}};
  out["points"] = nlohmann::json::array();
  for (const auto& s : table.systems)
    out["points"].push_back({{"system", s.name},
                             {"date", s.date},
                             {"training_flop", s.flop},
                             {"large_scale", s.large_scale}});
  out["bootstrap"] = {{"n", o.bootstrap.resamples},
                      {"seed", o.bootstrap.seed},
                      {"noise_factor", o.bootstrap.noise_factor},
                      {"method", trends::describe(o.bootstrap)}};
  out["fits"] = nlohmann::json::array();
  for (const auto& f : fits) {
    nlohmann::json j = nlohmann::json::object();
    put_json(trend_fit_fields(), f, j);
    j["ci95_months"] = {f.ci95_months.low, f.ci95_months.high};
    out["fits"].push_back(j);
  }
  out["notes"] = notes;
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void run_fit(const FitOptions& o) {
  check_date("--from", o.from);
  check_date("--to", o.to);
  if (!o.plot_path.empty() && !o.plot_path.ends_with(".svg") && !o.plot_path.ends_with(".png"))
    throw InputError(input_error_message("--plot", 0, "", "a file name ending in .svg or .png",
                                         "'" + o.plot_path + "'"));
  const auto wanted = subsets(o);
  std::vector<Output> outputs{{"--json", o.json_path, ""}, {"--plot", o.plot_path, ""}};
  check_outputs(outputs);
  std::vector<std::string> notes;
  const trends::Table table = load_trend_table(o, notes);
  const bool any_large = std::any_of(table.systems.begin(), table.systems.end(),
                                     [](const trends::System& s) { return s.large_scale; });
  std::vector<trends::Fit> fits;
  std::vector<Subset> used;
  for (Subset s : wanted) {
    if (s.scale != Subset::Scale::Any && !any_large) {
      if (s.scale == Subset::Scale::Large) {
        notes.push_back(
            "large-scale era left out: no system is labelled large-scale (Domain 'Large Scale' "
            "in the table, or --large-scale FILE)");
        continue;
      }
      s.scope = "all systems (none labelled large-scale)";
      s.scale = Subset::Scale::Any;
    }
    // A built-in era the data does not reach is left out; a range the user chose must fit.
    if (s.era != "range" && trends::select(table, s).size() < 3) {
      notes.push_back(
          fmt::format("{} era left out: {} systems in it", s.era, trends::select(table, s).size()));
      continue;
    }
    fits.push_back(trends::fit_subset(table, s, o.bootstrap));
    used.push_back(s);
  }
  if (fits.empty())
    throw InputError(table.source + ": expected an era with at least 3 systems, found none");
  outputs[0].content = o.json_path.empty() ? "" : json_report(table, fits, o, notes);
  outputs.pop_back();  // the picture is rendered by gnuplot and written by write_figure
  const std::string text = text_report(table, fits, o, notes);
  if (!o.plot_path.empty())
    plot::write_figure(
        plot::trends(table, fits, used,
                     fmt::format("bands: 95% bootstrap interval, {} resamples, seed {} (Sevilla "
                                 "et al. 2022, App. A)",
                                 o.bootstrap.resamples, o.bootstrap.seed)),
        o.plot_path, false);
  write_outputs(outputs, text);
}

void add_fit_command(CLI::App& parent) {
  auto o = std::make_shared<FitOptions>();
  CLI::App* cmd = parent.add_subcommand(
      "fit",
      "Log-linear fit of training compute against publication date by era (Sevilla et al. 2022's "
      "pre-deep-learning, deep-learning and large-scale eras) or date range: slope in orders of "
      "magnitude a year, doubling time, growth, R2 and a seeded bootstrap 95% interval. The "
      "default table is computed from configs/runs/*.yaml with a date:.");
  add_trend_table_options(*cmd, *o);
  cmd->add_option("--era", o->era, "one built-in era, or all")
      ->check(CLI::IsMember({"all", "pre-deep-learning", "deep-learning", "large-scale"}))
      ->default_str("all");
  cmd->add_option("--from", o->from, "fit one range from this date (YYYY-MM-DD, inclusive)");
  cmd->add_option("--to", o->to, "fit one range to this date (YYYY-MM-DD, exclusive)");
  add_json_option(*cmd, o->json_path);
  cmd->add_option("--plot", o->plot_path,
                  "draw compute against date, eras coloured, each fit with its band (gnuplot; "
                  ".svg or .png)");
  cmd->callback([o] { run_fit(*o); });
}

struct EfficiencyOptions {
  std::string data = "configs/trends/ai_and_efficiency_imagenet.csv";
  // Hernandez & Brown 2020, App. B: compute = 3 x epochs x GFLOPs/img x 1.28e6 images.
  double images = 1.28e6;
  std::string json_path;
};

void run_efficiency(const EfficiencyOptions& o) {
  check_outputs({{"--json", o.json_path, ""}});
  const trends::Efficiency e = trends::efficiency(models::resolve_user_path(o.data), o.images);
  std::ostringstream table;
  table << "Compute to AlexNet-level ImageNet accuracy (Hernandez & Brown 2020): " << e.source
        << "\n  training FLOP = zoo forward MACs x 2 x 3 x " << fmt::format("{:.4g}", o.images)
        << " images x epochs\n\n";
  table << fmt::format("  {:<18} {:<11} {:>6} {:>12} {:>12} {:>10} {}\n", "network", "date",
                       "epochs", "GMACs/img", "train FLOP", "reduction", "frontier");
  for (const auto& r : e.rows)
    table << fmt::format("  {:<18} {:<11} {:>6g} {:>12.3f} {:>12.3e} {:>9.1f}x {}\n", r.network,
                         r.date, r.epochs, r.forward_macs * 1e-9, r.training_flop,
                         r.reduction_vs_alexnet, r.frontier ? "*" : "");
  table << fmt::format("\n  halving time of the frontier's compute: {:.1f} months (R2 {:.2f})\n",
                       e.halving_months(), e.frontier_fit.r2);
  for (const auto& n : e.notes) table << "  note: " << n << "\n";
  std::string json;
  if (!o.json_path.empty()) {
    nlohmann::json j;
    j["source"] = e.source;
    j["images_per_epoch"] = e.images_per_epoch;
    j["rows"] = nlohmann::json::array();
    for (const auto& r : e.rows) {
      nlohmann::json row = nlohmann::json::object();
      put_json(efficiency_row_fields(), r, row);
      j["rows"].push_back(row);
    }
    j["halving_months"] = e.halving_months();
    j["frontier_r2"] = e.frontier_fit.r2;
    j["notes"] = e.notes;
    json = j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }
  write_outputs({{"--json", o.json_path, json}}, table.str());
}

void add_efficiency_command(CLI::App& parent) {
  auto o = std::make_shared<EfficiencyOptions>();
  CLI::App* cmd = parent.add_subcommand(
      "efficiency",
      "AI and Efficiency (Hernandez & Brown 2020): training compute to reach AlexNet-level "
      "ImageNet accuracy per architecture (the zoo's MACs x epochs from the paper), its "
      "reduction against AlexNet and the halving time of the efficiency frontier.");
  cmd->add_option("--data", o->data, "epochs-to-accuracy table (zoo,paper_name,date,epochs)")
      ->default_str(o->data);
  cmd->add_option("--images", o->images, "images per epoch")
      ->check(CLI::Range(1.0, 1e12))
      ->default_str("1.28e6");
  add_json_option(*cmd, o->json_path);
  cmd->callback([o] { run_efficiency(*o); });
}

}  // namespace

void add_trends_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "trends",
      "Compute trends: fit training compute against date (fit), algorithmic efficiency on "
      "ImageNet (efficiency), and what the trend's future run costs on a chip (project).");
  cmd->require_subcommand(1);
  add_fit_command(*cmd);
  add_efficiency_command(*cmd);
  add_trends_project_command(*cmd);
}

}  // namespace headroom::sim::cli
