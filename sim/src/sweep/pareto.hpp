// SPDX-License-Identifier: MIT
// `headroom pareto`: the exact non-dominated set of a sweep's feasible points over any number of
// objectives, one workload at a time or over all of them by weighted geometric mean.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sweep/spec.hpp"

namespace headroom::sim::sweep {

// True when `a` is no worse than `b` everywhere and better somewhere (all minimised).
[[nodiscard]] bool dominates(const std::vector<double>& a, const std::vector<double>& b);

// Indices of the points no other point dominates (all objectives minimised), in the order of
// their objective vectors (lexicographic). Equal points are all kept. Sort-filter: after a
// lexicographic sort a dominating point always comes before the points it dominates, so each
// point is compared with the front found so far only.
[[nodiscard]] std::vector<std::size_t> non_dominated(
    const std::vector<std::vector<double>>& points);

struct ParetoOptions {
  std::string db_path;
  std::vector<std::string> objectives;  // empty: the spec's (stored in the database)
  std::string workload;                 // empty: all, aggregated when there are several
  std::vector<std::string> where;
  std::size_t top = 0;  // 0: all
};

struct ParetoRow {
  std::string config_hash;
  std::vector<std::string> axis_values;  // as stored (text form)
  std::vector<double> objectives;        // as stored (or aggregated), not negated
};

struct ParetoFront {
  std::vector<Objective> objectives;
  std::vector<std::string> axis_columns;
  std::string workload;         // the workload, or "weighted geometric mean over ..."
  std::size_t candidates = 0;   // feasible points considered
  std::size_t front_size = 0;   // before --top
  std::vector<ParetoRow> rows;  // the front, best first in the first objective
};

[[nodiscard]] ParetoFront pareto(const ParetoOptions& options);
[[nodiscard]] std::string format_pareto_table(const ParetoFront& front);
[[nodiscard]] nlohmann::json to_json(const ParetoFront& front);

}  // namespace headroom::sim::sweep
