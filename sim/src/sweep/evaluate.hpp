// SPDX-License-Identifier: MIT
// A worker's side of a sweep: evaluates (point, workload) tasks in process with one reused
// simulator, each workload lowered once (before the workers fork, so they share it).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "headroom/accel/config.hpp"
#include "headroom/accel/simulator.hpp"
#include "headroom/models/trace.hpp"
#include "headroom/sim/result_fields.hpp"
#include "sweep/space.hpp"
#include "sweep/spec.hpp"

namespace headroom::sim::sweep {

struct Task {
  std::uint64_t point = 0;
  std::uint32_t workload = 0;
};

struct TaskResult {
  Task task;
  std::string config_hash;
  std::string error;               // why the point could not run; empty when it ran
  std::vector<FieldValue> values;  // one per run_fields() entry (empty when it did not run)
};

// The trace of each workload of the spec, in order. Throws InputError for an unknown network.
[[nodiscard]] std::vector<models::Trace> lower_workloads(const SweepSpec& spec);

class Evaluator {
 public:
  Evaluator(const SweepSpec& spec, const Space& space, const std::vector<models::Trace>& traces);
  [[nodiscard]] TaskResult evaluate(const Task& task);

 private:
  void resolve(std::uint64_t point);

  const SweepSpec& spec_;
  const Space& space_;
  const std::vector<models::Trace>& traces_;
  std::unique_ptr<accel::Simulator> simulator_;
  // The last point resolved: tasks come point by point, each with all its workloads.
  std::optional<std::uint64_t> point_;
  std::optional<accel::AcceleratorConfig> config_;
  std::string config_hash_;
  std::string config_error_;
};

}  // namespace headroom::sim::sweep
