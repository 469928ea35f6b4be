// SPDX-License-Identifier: MIT
#include "sweep/pareto.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <numeric>

#include "headroom/models/error.hpp"
#include "sweep/columns.hpp"
#include "sweep/condition.hpp"
#include "sweep/sqlite.hpp"

namespace headroom::sim::sweep {

bool dominates(const std::vector<double>& a, const std::vector<double>& b) {
  bool better = false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] > b[i]) return false;
    better = better || a[i] < b[i];
  }
  return better;
}

std::vector<std::size_t> non_dominated(const std::vector<std::vector<double>>& points) {
  std::vector<std::size_t> order(points.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return points[a] < points[b]; });
  std::vector<std::size_t> front;
  for (std::size_t i : order) {
    bool dominated = false;
    for (std::size_t f : front)
      if (dominates(points[f], points[i])) {
        dominated = true;
        break;
      }
    if (!dominated) front.push_back(i);
  }
  return front;
}

namespace {

std::string meta(Database& db, const std::string& key) {
  Statement st = db.prepare("SELECT value FROM meta WHERE key = ?");
  st.bind(1, key);
  return st.step() ? st.text(0) : "";
}

std::string cell_text(const Statement& st, int c) {
  switch (st.column_type(c)) {
    case SQLITE_NULL:
      return "";
    case SQLITE_FLOAT:
      return fmt::format("{:.6g}", st.real(c));
    default:
      return st.text(c);
  }
}

}  // namespace

ParetoFront pareto(const ParetoOptions& o) {
  if (!std::filesystem::exists(o.db_path))
    throw InputError(input_error_message(o.db_path, 0, "", "a sweep database", "no such file"));
  Database db(o.db_path, false);
  if (meta(db, "format").rfind("headroom-sweep-", 0) != 0)
    throw InputError(
        input_error_message(o.db_path, 0, "", "a Headroom sweep database", "another file"));
  ParetoFront front;
  std::vector<std::string> axis_keys;
  // Named values: GCC 12 warns (falsely) when a range-for walks a temporary json.
  const nlohmann::json stored_axes = nlohmann::json::parse(meta(db, "axes"));
  const nlohmann::json stored_objectives = nlohmann::json::parse(meta(db, "objectives"));
  const nlohmann::json stored_weights = nlohmann::json::parse(meta(db, "weights"));
  for (const auto& k : stored_axes) axis_keys.push_back(k.get<std::string>());
  for (const auto& k : axis_keys) front.axis_columns.push_back(axis_column(k));

  std::vector<std::string> objective_texts = o.objectives;
  if (objective_texts.empty())
    for (const auto& t : stored_objectives) objective_texts.push_back(t.get<std::string>());
  if (objective_texts.empty())
    throw InputError(input_error_message(
        "--objectives", 0, "", "objectives (the spec has none), e.g. latency_s,energy_j", "none"));
  for (const auto& t : objective_texts)
    front.objectives.push_back(parse_objective(t, "--objectives"));

  // --where may name a result field, an axis by its column or by its key.
  std::vector<std::string> columns = field_names();
  std::vector<std::string> numeric = numeric_field_names();
  for (std::size_t a = 0; a < axis_keys.size(); ++a) {
    for (const auto& name : {axis_keys[a], front.axis_columns[a]}) {
      columns.push_back(name);
      numeric.push_back(name);
    }
  }
  std::string sql_where = "feasible = 1";
  for (const auto& w : o.where) {
    Condition c = parse_condition(w, "--where", columns, numeric);
    for (std::size_t a = 0; a < axis_keys.size(); ++a)
      if (c.column == axis_keys[a]) c.column = front.axis_columns[a];
    sql_where += " AND " + to_sql(c);
  }

  std::map<std::string, double> weights;
  for (const auto& [label, w] : stored_weights.items()) weights[label] = w.get<double>();
  if (!o.workload.empty()) {
    if (!weights.contains(o.workload)) {
      std::vector<std::string> labels;
      for (const auto& [l, w] : weights) labels.push_back(l);
      const std::string close = close_matches(o.workload, labels);
      throw InputError(input_error_message(
          "--workload", 0, "", "a workload of the sweep",
          "'" + o.workload + "'" + (close.empty() ? "" : "; did you mean " + close + "?")));
    }
    weights = {{o.workload, 1.0}};
  }
  std::string workload_list;
  for (const auto& [l, w] : weights) workload_list += (workload_list.empty() ? "" : ", ") + l;
  front.workload = weights.size() == 1 ? weights.begin()->first
                                       : "weighted geometric mean over " + workload_list;

  std::string sql = "SELECT config_hash, workload";
  for (const auto& c : front.axis_columns) sql += ", " + quote_identifier(c);
  for (const auto& ob : front.objectives) sql += ", " + quote_identifier(ob.field);
  sql += " FROM points WHERE " + sql_where + " ORDER BY config_hash, workload";
  Statement st = db.prepare(sql);

  // Per config: the axis values and, per objective, sum of weight x ln(value) over workloads.
  struct Candidate {
    std::vector<std::string> axes;
    std::vector<double> log_sum;
    std::vector<double> value;  // the single workload's value
    double weight = 0;
    std::size_t workloads = 0;
    bool usable = true;
  };
  std::map<std::string, Candidate> candidates;
  const auto n_axes = static_cast<int>(front.axis_columns.size());
  const auto n_obj = front.objectives.size();
  while (st.step()) {
    const auto w = weights.find(st.text(1));
    if (w == weights.end()) continue;
    Candidate& c = candidates[st.text(0)];
    if (c.axes.empty() && c.workloads == 0) {
      for (int a = 0; a < n_axes; ++a) c.axes.push_back(cell_text(st, 2 + a));
      c.log_sum.assign(n_obj, 0);
      c.value.assign(n_obj, 0);
    }
    ++c.workloads;
    c.weight += w->second;
    for (std::size_t i = 0; i < n_obj; ++i) {
      const int col = 2 + n_axes + static_cast<int>(i);
      if (st.column_type(col) == SQLITE_NULL) {
        c.usable = false;  // the objective is not available for this point
        continue;
      }
      const double v = st.real(col);
      c.value[i] = v;
      if (weights.size() > 1 && !(v > 0))
        throw InputError(input_error_message(
            o.db_path, 0, front.objectives[i].field,
            "positive values to average geometrically over workloads (or pick one with --workload)",
            fmt::format("{:g} for config {}", v, st.text(0))));
      if (weights.size() > 1) c.log_sum[i] += w->second * std::log(v);
    }
  }

  std::vector<std::string> hashes;
  std::vector<std::vector<double>> values;  // as reported
  std::vector<std::vector<double>> keys;    // minimised
  for (auto& [hash, c] : candidates) {
    if (!c.usable || c.workloads != weights.size()) continue;  // feasible on every workload only
    std::vector<double> v = c.value;
    if (weights.size() > 1)
      for (std::size_t i = 0; i < n_obj; ++i) v[i] = std::exp(c.log_sum[i] / c.weight);
    std::vector<double> k = v;
    for (std::size_t i = 0; i < n_obj; ++i)
      if (front.objectives[i].maximise) k[i] = -k[i];
    hashes.push_back(hash);
    values.push_back(std::move(v));
    keys.push_back(std::move(k));
  }
  front.candidates = keys.size();
  const std::vector<std::size_t> nd = non_dominated(keys);
  front.front_size = nd.size();
  for (std::size_t i : nd) {
    if (o.top && front.rows.size() >= o.top) break;
    front.rows.push_back({hashes[i], candidates[hashes[i]].axes, values[i]});
  }
  return front;
}

std::string format_pareto_table(const ParetoFront& f) {
  std::vector<std::string> header{"#"};
  for (const auto& a : f.axis_columns) header.push_back(a);
  for (const auto& o : f.objectives) header.push_back(o.maximise ? o.field + " (max)" : o.field);
  header.emplace_back("config_hash");
  std::vector<std::vector<std::string>> cells;
  for (std::size_t r = 0; r < f.rows.size(); ++r) {
    std::vector<std::string> row{std::to_string(r + 1)};
    for (const auto& a : f.rows[r].axis_values) row.push_back(a);
    for (double v : f.rows[r].objectives) row.push_back(fmt::format("{:.6g}", v));
    row.push_back(f.rows[r].config_hash.substr(0, 12));
    cells.push_back(std::move(row));
  }
  std::vector<std::size_t> width(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) {
    width[c] = header[c].size();
    for (const auto& row : cells) width[c] = std::max(width[c], row[c].size());
  }
  const std::string shown =
      f.rows.size() < f.front_size ? fmt::format(" (the first {} shown)", f.rows.size()) : "";
  std::string out = fmt::format("Pareto front: {} of {} feasible points{}; workload: {}\n\n",
                                f.front_size, f.candidates, shown, f.workload);
  auto line = [&](const std::vector<std::string>& row) {
    for (std::size_t c = 0; c < row.size(); ++c)
      out += fmt::format("{}{:<{}}", c ? "  " : "", row[c], c + 1 < row.size() ? width[c] : 0);
    out += "\n";
  };
  line(header);
  for (const auto& row : cells) line(row);
  return out;
}

nlohmann::json to_json(const ParetoFront& f) {
  nlohmann::json objectives = nlohmann::json::array();
  for (const auto& o : f.objectives)
    objectives.push_back({{"field", o.field}, {"goal", o.maximise ? "max" : "min"}});
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : f.rows) {
    nlohmann::json axes = nlohmann::json::object();
    for (std::size_t a = 0; a < f.axis_columns.size(); ++a)
      axes[f.axis_columns[a]] = r.axis_values[a];
    nlohmann::json values = nlohmann::json::object();
    for (std::size_t i = 0; i < f.objectives.size(); ++i)
      values[f.objectives[i].field] = r.objectives[i];
    rows.push_back({{"config_hash", r.config_hash}, {"axes", axes}, {"objectives", values}});
  }
  return {{"workload", f.workload},
          {"candidates", f.candidates},
          {"objectives", objectives},
          {"front", rows}};
}

}  // namespace headroom::sim::sweep
