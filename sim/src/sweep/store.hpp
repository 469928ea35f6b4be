// SPDX-License-Identifier: MIT
// The results database (SQLite, WAL): table `points`, one row per (resolved config, workload),
// keyed by (config_hash, workload); table `tasks`, the (point, workload) pairs already
// evaluated, so a restarted sweep skips them; table `meta`, what the sweep was. Only the
// coordinator (the parent process, or MPI rank 0) opens it for writing.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sweep/evaluate.hpp"
#include "sweep/space.hpp"
#include "sweep/spec.hpp"
#include "sweep/sqlite.hpp"

namespace headroom::sim::sweep {

using TaskKey = std::array<std::uint64_t, 2>;

// The key of (point, workload) in `tasks`: stable across runs of the same spec.
[[nodiscard]] TaskKey task_key(const std::string& point_key, const std::string& workload);

class Store {
 public:
  // Creates the database or opens one written by the same sweep (same axes, same result
  // columns); anything else is an InputError before a byte is written.
  Store(const std::string& path, const SweepSpec& spec);
  ~Store();

  // The tasks already in the database, sorted (for binary search).
  [[nodiscard]] std::vector<TaskKey> done_tasks();
  // Writes results in one transaction; returns how many of them are infeasible.
  std::uint64_t write(const std::vector<TaskResult>& results, const Space& space);
  [[nodiscard]] std::uint64_t rows();

 private:
  void create();
  void check_identity();
  void save_meta();
  void apply_constraints(const std::string& where);

  const SweepSpec& spec_;
  std::unique_ptr<Database> db_;
  std::vector<std::string> columns_;
  std::unique_ptr<Statement> insert_point_;
  std::unique_ptr<Statement> insert_task_;
};

// The `points` column names of a spec, in table order.
[[nodiscard]] std::vector<std::string> point_columns(const SweepSpec& spec);

}  // namespace headroom::sim::sweep
