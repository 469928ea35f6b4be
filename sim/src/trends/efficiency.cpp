// SPDX-License-Identifier: MIT
// AI and Efficiency (Hernandez & Brown 2020): the compute each ImageNet architecture needs to
// reach AlexNet-level accuracy, counted with Headroom's zoo.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "headroom/models/compute.hpp"
#include "headroom/models/error.hpp"
#include "headroom/models/zoo.hpp"
#include "headroom/sim/trends.hpp"

namespace headroom::sim::trends {

namespace {

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(input_error_message(path, 0, "table", "a readable CSV file", "none"));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

Efficiency efficiency(const std::string& path, double images_per_epoch) {
  const auto records = parse_csv(file_text(path), path);
  if (records.empty())
    throw InputError(input_error_message(path, 0, "header", "zoo,paper_name,date,epochs", "none"));
  const auto& header = records.front().cells;
  auto col = [&](const std::string& name) {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end())
      throw InputError(input_error_message(path, records.front().line, "header",
                                           "a column named '" + name + "'", "none"));
    return static_cast<std::size_t>(it - header.begin());
  };
  const std::size_t zoo_col = col("zoo");
  const std::size_t name_col = col("paper_name");
  const std::size_t date_col = col("date");
  const std::size_t epochs_col = col("epochs");
  std::set<std::string> zoo;
  for (const auto& e : models::zoo_entries()) zoo.insert(e.name);

  Efficiency out;
  out.source = path;
  out.images_per_epoch = images_per_epoch;
  for (std::size_t i = 1; i < records.size(); ++i) {
    const auto& r = records[i];
    auto cell = [&](std::size_t c) { return c < r.cells.size() ? r.cells[c] : std::string(); };
    EfficiencyRow row;
    row.network = cell(zoo_col);
    row.paper_name = cell(name_col);
    row.date = cell(date_col);
    const auto year = parse_date(row.date);
    if (!year)
      throw InputError(
          input_error_message(path, r.line, "date", "YYYY-MM-DD", "\"" + row.date + "\""));
    row.year = *year;
    const std::string epochs = cell(epochs_col);
    const auto [ptr, ec] =
        std::from_chars(epochs.data(), epochs.data() + epochs.size(), row.epochs);
    if (ec != std::errc() || ptr != epochs.data() + epochs.size() || !(row.epochs > 0))
      throw InputError(
          input_error_message(path, r.line, "epochs", "a positive number", "\"" + epochs + "\""));
    if (!zoo.count(row.network)) {
      out.notes.push_back(fmt::format("{} ({}) left out: '{}' is not in this build's zoo",
                                      row.paper_name, path, row.network));
      continue;
    }
    row.forward_macs = static_cast<double>(models::make_network(row.network).totals().macs);
    models::OperationCount count;
    count.forward_macs_per_example = row.forward_macs;
    count.examples_per_epoch = images_per_epoch;
    count.epochs = row.epochs;
    row.training_flop = models::count_operations(count).flop;
    out.rows.push_back(row);
  }
  const auto alexnet = std::find_if(out.rows.begin(), out.rows.end(),
                                    [](const auto& r) { return r.paper_name == "AlexNet"; });
  if (alexnet == out.rows.end())
    throw InputError(
        input_error_message(path, 0, "paper_name", "a row for AlexNet (the baseline)", "none"));
  const double base = alexnet->training_flop;
  std::sort(out.rows.begin(), out.rows.end(),
            [](const auto& a, const auto& b) { return a.year < b.year; });
  double best = std::numeric_limits<double>::infinity();
  std::vector<double> x;
  std::vector<double> y;
  for (auto& r : out.rows) {
    r.reduction_vs_alexnet = base / r.training_flop;
    r.frontier = r.training_flop < best;
    if (!r.frontier) continue;
    best = r.training_flop;
    x.push_back(r.year);
    y.push_back(std::log10(r.reduction_vs_alexnet));
  }
  if (x.size() < 2)
    throw InputError(path +
                     ": expected at least 2 architectures on the efficiency frontier, "
                     "found " +
                     std::to_string(x.size()));
  out.frontier_fit = fit_line(x, y);
  return out;
}

}  // namespace headroom::sim::trends
