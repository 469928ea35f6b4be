// SPDX-License-Identifier: MIT
// The default table of `headroom trends fit`: the project's own run configs, their compute
// recomputed the way `headroom compute` does, never typed in.
#include <algorithm>
#include <filesystem>

#include "headroom/models/compute.hpp"
#include "headroom/models/data_files.hpp"
#include "headroom/models/error.hpp"
#include "headroom/sim/run_config.hpp"
#include "headroom/sim/trends.hpp"

namespace headroom::sim::trends {

Table project_table() {
  namespace fs = std::filesystem;
  const auto dir = models::find_data("configs/runs");
  if (!dir)
    throw InputError("configs/runs: expected the project's run configs under " +
                     models::describe_data_roots() + ", found none");
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(*dir))
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  Table t;
  t.source = dir->string() + "/*.yaml";
  for (const auto& f : files) {
    const RunConfig run = load_run_config(f.string());
    if (!run.date) {
      ++t.skipped["run config without a date: key (a re-count of a system already dated)"];
      continue;
    }
    const ResolvedRun resolved = resolve_run(run);
    System s;
    s.name = run.name;
    s.date = *run.date;
    s.year = *parse_date(*run.date);  // checked when the run was read
    // The AI-and-Compute chart plots the hardware-time figure where there is one.
    const bool by_time = resolved.method2.has_value();
    s.flop = by_time ? models::hardware_time(*resolved.method2).flop
                     : models::count_operations(*resolved.method1).flop;
    s.columns = {{"System", run.name},
                 {"Publication date", *run.date},
                 {"file", f.filename().string()},
                 {"method", by_time ? "method 2 (hardware time)" : "method 1 (counting)"},
                 {"dataset", run.dataset}};
    t.systems.push_back(std::move(s));
  }
  return t;
}

}  // namespace headroom::sim::trends
