// SPDX-License-Identifier: MIT
#include "sweep/evaluate.hpp"

#include "headroom/models/error.hpp"
#include "headroom/sim/accel_config.hpp"
#include "headroom/sim/run.hpp"
#include "sweep/hash.hpp"

namespace headroom::sim::sweep {

std::vector<models::Trace> lower_workloads(const SweepSpec& spec) {
  std::vector<models::Trace> traces;
  for (const auto& w : spec.workloads) {
    RunRequest request;
    request.network = w.network;
    request.topology = w.topology;
    request.batch = w.batch;
    request.training = w.training;
    try {
      traces.push_back(load_workload(request));
    } catch (const InputError& e) {
      throw InputError(spec.file + ": workloads: '" + w.label + "': " + e.what());
    }
  }
  return traces;
}

Evaluator::Evaluator(const SweepSpec& spec, const Space& space,
                     const std::vector<models::Trace>& traces)
    : spec_(spec),
      space_(space),
      traces_(traces),
      simulator_(std::make_unique<accel::Simulator>()) {}

void Evaluator::resolve(std::uint64_t point) {
  if (point_ == point) return;
  point_ = point;
  config_.reset();
  config_error_.clear();
  const YAML::Node node = space_.config_node(point);
  try {
    config_ = parse_accel_config_node(node, spec_.base_path);
    config_hash_ = hash128(canonical_text(*config_));
  } catch (const InputError& e) {
    config_error_ = e.what();
    // An invalid config has no resolved form; its key is what was asked for: the base and the
    // axis values (a dump of the node can lose values the loader touched before it threw).
    config_hash_ = hash128("invalid\n" + space_.point_key(point));
  }
}

TaskResult Evaluator::evaluate(const Task& task) {
  resolve(task.point);
  TaskResult out;
  out.task = task;
  out.config_hash = config_hash_;
  if (!config_) {
    out.error = config_error_;
    return out;
  }
  const WorkloadSpec& w = spec_.workloads[task.workload];
  try {
    const Result result =
        run_network(*simulator_, *config_, traces_[task.workload], config_->precision, w.training);
    out.values.reserve(run_fields().size());
    for (const auto& f : run_fields()) out.values.push_back(f.get(result));
  } catch (const InputError& e) {
    out.error = e.what();
    out.values.clear();
    simulator_ = std::make_unique<accel::Simulator>();
  } catch (const std::exception& e) {
    out.error = std::string("internal error: ") + e.what();
    out.values.clear();
    // The kernel's state after a failed run is not to be trusted (SYSTEMC.md section 1).
    simulator_ = std::make_unique<accel::Simulator>();
  }
  return out;
}

}  // namespace headroom::sim::sweep
