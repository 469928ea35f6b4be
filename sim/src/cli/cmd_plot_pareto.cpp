// SPDX-License-Identifier: MIT
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli/plot_pareto.hpp"
#include "headroom/models/error.hpp"
#include "plot/pictures.hpp"
#include "sweep/columns.hpp"
#include "sweep/pareto.hpp"
#include "sweep/sqlite.hpp"

namespace headroom::sim::cli {

namespace {

struct PlotParetoArgs {
  std::string db;
  std::string x, y, color;
  std::string workload;
  std::string out = "pareto.svg";
  bool keep_script = false;
};

std::optional<double> number_in(const sweep::Statement& st, int column) {
  const int type = st.column_type(column);
  if (type != SQLITE_INTEGER && type != SQLITE_FLOAT) return std::nullopt;
  return st.real(column);
}

// The device as the spec wrote it: a name (a100) as is, a file (../gpus/h100-sxm.yaml) by its stem.
std::string device_label(const std::string& target) {
  return target.ends_with(".yaml") ? std::filesystem::path(target).stem().string() : target;
}

}  // namespace

plot::Figure pareto_picture(const std::string& db_path, const std::string& x, const std::string& y,
                            const std::string& color, const std::string& workload) {
  const PlotParetoArgs a{db_path, x, y, color, workload};
  const auto& numeric = sweep::numeric_field_names();
  if (!a.color.empty() && std::find(numeric.begin(), numeric.end(), a.color) == numeric.end())
    throw InputError(input_error_message(
        "--color", 0, "", "a numeric result field (headroom fields)", "'" + a.color + "'"));
  // The front is what `headroom pareto` returns for the same objectives and workload (it also
  // checks the database, the field names and the workload).
  const sweep::ParetoFront front = sweep::pareto(
      {.db_path = a.db, .objectives = {a.x, a.y}, .workload = a.workload, .where = {}, .top = 0});
  if (front.workload.starts_with("weighted geometric mean"))
    throw InputError(input_error_message(
        "--workload", 0, "", "one workload of the sweep (points are drawn per workload)",
        "none: " + front.workload));
  std::set<std::string> on_front;
  for (const auto& r : front.rows) on_front.insert(r.config_hash);

  sweep::Database db(a.db, false);
  const std::string color_column = a.color.empty() ? "NULL" : sweep::quote_identifier(a.color);
  sweep::Statement st =
      db.prepare(fmt::format("SELECT config_hash, {}, {}, {}, target_kind, target FROM points "
                             "WHERE feasible = 1 AND workload = ? ORDER BY "
                             "config_hash",
                             sweep::quote_identifier(front.objectives[0].field),
                             sweep::quote_identifier(front.objectives[1].field), color_column));
  st.bind(1, front.workload);
  std::vector<plot::ParetoPoint> points;
  std::size_t drawn_on_front = 0;
  while (st.step()) {
    const auto x = number_in(st, 1), y = number_in(st, 2);
    if (!x || !y) continue;  // `headroom pareto` leaves these out too
    plot::ParetoPoint p;
    p.x = *x;
    p.y = *y;
    p.color = number_in(st, 3);
    p.on_front = on_front.contains(st.text(0));
    // A datasheet device is drawn as a labelled marker; it still competes for the front.
    p.gpu = st.text(4) == "device";
    if (p.gpu) p.label = device_label(st.text(5));
    drawn_on_front += p.on_front ? 1 : 0;
    points.push_back(std::move(p));
  }
  if (drawn_on_front != on_front.size())
    throw std::logic_error("plot pareto: the drawn front differs from `headroom pareto`'s");
  return plot::pareto(
      points, {a.x, a.y, a.color},
      fmt::format("{}: {} feasible points of workload {}; {} on the Pareto front\n"
                  "(the rows of headroom pareto --objectives {},{} --workload {})",
                  a.db, points.size(), front.workload, on_front.size(), a.x, a.y, front.workload));
}

void add_plot_pareto(CLI::App& plot_cmd) {
  auto a = std::make_shared<PlotParetoArgs>();
  CLI::App* cmd = plot_cmd.add_subcommand(
      "pareto", "A sweep's feasible points on two result fields, the Pareto front highlighted");
  cmd->add_option("db", a->db, "Sweep database (headroom sweep --db)")->required();
  cmd->add_option("--x", a->x, "Result field on the x axis, e.g. latency_s (minimised)")
      ->required();
  cmd->add_option("--y", a->y, "Result field on the y axis, e.g. energy_j (minimised)")->required();
  cmd->add_option("--color", a->color, "Result field that colours the points, e.g. area_mm2");
  cmd->add_option("--workload", a->workload,
                  "The sweep's workload to draw (needed when it has several)");
  cmd->add_option("--out", a->out, "Picture file, .svg or .png")->capture_default_str();
  cmd->add_flag("--keep-script", a->keep_script,
                "Also write the gnuplot script beside the picture (FILE.gp), to restyle it");
  cmd->callback([a] {
    plot::write_figure(pareto_picture(a->db, a->x, a->y, a->color, a->workload), a->out,
                       a->keep_script);
    std::cout << "wrote " << a->out << (a->keep_script ? " and its gnuplot script" : "") << "\n";
  });
}

}  // namespace headroom::sim::cli
