// SPDX-License-Identifier: MIT
#include "sweep/evaluate.hpp"

#include <algorithm>

#include "headroom/models/error.hpp"
#include "headroom/sim/accel_config.hpp"
#include "headroom/sim/device_run.hpp"
#include "headroom/sim/run.hpp"
#include "headroom/sim/target.hpp"
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
    // As written: what device rows time (as `run --device`); accelerator rows lower the fused
    // inference graph per task (evaluate), as `run` does.
    request.fuse = false;
    request.as_written = true;
    try {
      traces.push_back(load_workload(request));
    } catch (const InputError& e) {
      throw InputError(spec.file + ": workloads: '" + w.label + "': " + e.what());
    }
    // Device rows time the naive graph (as `run --device`); a trace written fused has its batch
    // norms folded away, so its device rows would not be the network's.
    const auto& ops = traces.back().ops;
    if (!spec.devices.empty() &&
        std::any_of(ops.begin(), ops.end(), [](const auto& op) { return op.fused; }))
      throw InputError(spec.file + ": workloads: '" + w.label +
                       "': expected a trace of the naive graph for the sweep's devices (they run "
                       "it as written), found a fused inference trace; write it with `headroom "
                       "trace --no-fuse`");
  }
  return traces;
}

Evaluator::Evaluator(const SweepSpec& spec, const Space& space,
                     const std::vector<models::Trace>& traces)
    : spec_(spec),
      space_(space),
      traces_(traces),
      simulator_(std::make_unique<accel::Simulator>()) {}

namespace {

// For each run field, its index in device_sweep_fields() (same name), or -1: a device row's columns
// are filled by name, so neither list is written twice.
const std::vector<int>& device_field_of_run_field() {
  static const std::vector<int> map = [] {
    std::vector<int> out;
    const auto& device = device_sweep_fields();
    for (const auto& f : run_fields()) {
      int index = -1;
      for (std::size_t d = 0; d < device.size(); ++d)
        if (device[d].name == f.name) index = static_cast<int>(d);
      out.push_back(index);
    }
    return out;
  }();
  return map;
}

}  // namespace

namespace {

// As `headroom run` on the config: the deployment graph, what fits kept on chip.
Result run_fused(accel::Simulator& simulator, const accel::AcceleratorConfig& config,
                 const WorkloadSpec& w) {
  RunRequest request;
  request.network = w.network;
  request.batch = w.batch;
  std::optional<models::FusionSummary> fusion;
  models::Trace trace = load_workload(request, &fusion);
  if (fusion) keep_maps_on_chip(trace, config, config.precision, *fusion);
  Result r = run_network(simulator, config, trace, config.precision, false);
  r.fusion = fusion;
  return r;
}

}  // namespace

std::vector<FieldValue> device_row(const DeviceRecord& record) {
  std::vector<FieldValue> values;
  for (int d : device_field_of_run_field())
    values.push_back(d < 0 ? FieldValue()
                           : device_sweep_fields()[static_cast<std::size_t>(d)].get(record));
  return values;
}

TaskResult Evaluator::evaluate_device(const Task& task, const DeviceTarget& device) {
  TaskResult out;
  out.task = task;
  out.config_hash = hash128("device\n" + device.spec.file + "\n" + device.spec.name);
  const WorkloadSpec& w = spec_.workloads[task.workload];
  try {
    // As `headroom run --device`: the precision its entry names ("a100:tf32"), else what
    // frameworks run on it; the workload by network or file.
    const DevicePrecision chosen =
        choose_device_precision(device.spec, device.precision, "its entry " + device.text);
    const DeviceResult r =
        run_on_device(device.spec, traces_[task.workload], chosen.precision,
                      w.network.empty() ? w.topology : w.network, w.training, chosen.basis);
    std::optional<double> die;
    if (device.spec.die_mm2) die = *device.spec.die_mm2 * device.spec.dies;
    out.values = device_row(DeviceRecord{r, die});
  } catch (const InputError& e) {
    out.error = e.what();
  }
  return out;
}

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
  if (const DeviceTarget* d = space_.device(task.point)) return evaluate_device(task, *d);
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
    const Result result = w.training || !w.topology.empty()
                              ? run_network(*simulator_, *config_, traces_[task.workload],
                                            config_->precision, w.training)
                              : run_fused(*simulator_, *config_, w);
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
