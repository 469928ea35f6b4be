// SPDX-License-Identifier: MIT
// `headroom sweep SPEC --db FILE`: design-space exploration into a SQLite database;
// `headroom sweep export DB --csv F | --json F`; `headroom pareto DB`. See docs/sweeps.md.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/plot_pareto.hpp"
#include "headroom/models/error.hpp"
#include "headroom/sim/atomic_file.hpp"
#include "plot/html.hpp"
#include "sweep/export.hpp"
#include "sweep/pareto.hpp"
#include "sweep/run_sweep.hpp"

namespace headroom::sim::cli {

namespace {

struct ExportOptions {
  std::string db;
  std::string csv;
  std::string json;
};

void run(const sweep::SweepOptions& o) {
  const sweep::SweepSummary s = sweep::run_sweep(o, std::cerr);
  if (!s.coordinator) return;
  const double rate = s.seconds > 0 ? static_cast<double>(s.evaluated) / s.seconds : 0;
  std::cout << fmt::format(
      "sweep: {} points x {} workloads = {} tasks; {} already in {}, {} evaluated ({} infeasible) "
      "by {} {} in {:.2f} s ({:.0f} per minute; CPU: workers {:.2f} s, coordinator {:.2f} s); {} "
      "rows in the database\n",
      s.points, s.points ? s.tasks / s.points : 0, s.tasks, s.skipped, o.db_path, s.evaluated,
      s.infeasible, s.workers, s.mpi ? "MPI ranks" : "worker processes", s.seconds, rate * 60,
      s.workers_cpu_s, s.coordinator_cpu_s, s.rows);
}

void export_db(const ExportOptions& o) {
  if (o.csv.empty() && o.json.empty())
    throw InputError(input_error_message("headroom sweep export", 0, "",
                                         "--csv FILE or --json FILE", "neither"));
  // Both are formatted before either is written, so a failure leaves no file behind.
  const std::string csv = o.csv.empty() ? "" : sweep::export_csv(o.db);
  const std::string json = o.json.empty() ? "" : sweep::export_json(o.db);
  if (!o.csv.empty()) o.csv == "-" ? void(std::cout << csv) : write_file_atomically(o.csv, csv);
  if (!o.json.empty())
    o.json == "-" ? void(std::cout << json) : write_file_atomically(o.json, json);
}

}  // namespace

void add_sweep_command(CLI::App& app) {
  auto options = std::make_shared<sweep::SweepOptions>();
  CLI::App* cmd = app.add_subcommand(
      "sweep",
      "Explore a design space: every point of a sweep spec on its workloads, into SQLite.");
  cmd->add_option("spec", options->spec_path, "Sweep spec (YAML, docs/sweeps.md)");
  cmd->add_option("--db", options->db_path, "Results database (SQLite); created, or resumed");
  cmd->add_option("-j,--jobs", options->jobs, "Worker processes (default: one per core)")
      ->check(CLI::Range(1, 4096));
  cmd->add_flag("--quiet", options->quiet, "No progress bar");
  cmd->add_option("--chunk", options->chunk,
                  "Tasks per chunk handed to a worker (default: automatic)")
      ->check(CLI::Range(1, 1 << 20));

  auto exported = std::make_shared<ExportOptions>();
  CLI::App* exp = cmd->add_subcommand("export", "Write a sweep database's rows as CSV or JSON.");
  exp->add_option("db", exported->db, "Results database")->required();
  exp->add_option("--csv", exported->csv, "CSV file to write ('-' for stdout)");
  exp->add_option("--json", exported->json, "JSON file to write ('-' for stdout)");
  exp->callback([exported] { export_db(*exported); });

  cmd->callback([cmd, exp, options] {
    if (exp->parsed()) return;
    if (options->spec_path.empty() || options->db_path.empty())
      throw InputError(input_error_message("headroom sweep", 0, "", "SPEC.yaml --db FILE",
                                           options->spec_path.empty() ? "no spec" : "no --db"));
    (void)cmd;
    run(*options);
  });
}

namespace {

// The page of `headroom pareto --html`: the table and, for two objectives or more, the picture of
// the first two (drawn only when it shows the same front: one workload and no --where filter).
std::string pareto_page(const sweep::ParetoOptions& o, const sweep::ParetoFront& front,
                        const std::string& table) {
  plot::Page page;
  page.title = "Headroom pareto: " + o.db_path;
  page.report_text = table;
  const auto named = [](const sweep::Objective& ob) { return (ob.maximise ? "-" : "") + ob.field; };
  const bool one_workload = !front.workload.starts_with("weighted geometric mean");
  if (front.objectives.size() >= 2 && one_workload && o.where.empty())
    page.figures.push_back(pareto_picture(o.db_path, named(front.objectives[0]),
                                          named(front.objectives[1]), "", front.workload));
  else
    page.notes.push_back(
        "No picture: it needs two objectives, one workload (--workload) and no --where filter.");
  return plot::html_page(page);
}

}  // namespace

void add_pareto_command(CLI::App& app) {
  auto o = std::make_shared<sweep::ParetoOptions>();
  auto json = std::make_shared<std::string>();
  auto html = std::make_shared<std::string>();
  auto objectives = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "pareto", "The non-dominated designs of a sweep database (feasible points only).");
  cmd->add_option("db", o->db_path, "Results database of `headroom sweep`")->required();
  cmd->add_option(
      "--objectives", *objectives,
      "Comma-separated fields to minimise, '-' in front to maximise (default: the spec's)");
  cmd->add_option("--workload", o->workload,
                  "One workload (default: all, weighted geometric mean)");
  cmd->add_option("--where", o->where, "A filter such as \"area_mm2 <= 50\" (repeatable)");
  cmd->add_option("--top", o->top, "Show the first N points of the front");
  cmd->add_option("--json", *json, "Write the front as JSON to FILE ('-' for stdout)");
  cmd->add_option("--html", *html,
                  "Write a self-contained page (table and picture of the first two objectives)");
  cmd->callback([o, json, html, objectives] {
    check_outputs({{"--json", *json, ""}, {"--html", *html, ""}});
    o->objectives.clear();
    std::string rest = *objectives;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      o->objectives.push_back(rest.substr(0, comma));
      rest = comma == std::string::npos ? "" : rest.substr(comma + 1);
    }
    const sweep::ParetoFront front = sweep::pareto(*o);
    const std::string text =
        sweep::to_json(front).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    const std::string table = sweep::format_pareto_table(front);
    write_outputs({{"--json", *json, text},
                   {"--html", *html, html->empty() ? "" : pareto_page(*o, front, table)}},
                  table);
  });
}

}  // namespace headroom::sim::cli
