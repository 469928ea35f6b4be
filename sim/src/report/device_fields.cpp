// SPDX-License-Identifier: MIT
// The fields of `headroom run --device` (and a device target of `run`): one workload on a
// datasheet device, time from the per-op model, energy as TDP x time and activity-based.
#include "headroom/sim/device_run.hpp"
#include "report/field_builders.hpp"

namespace headroom::sim {

namespace {

using namespace fields;
using D = DeviceResult;
using F = Field<D>;

F nullable(std::string name, std::string unit, std::string description,
           std::optional<double> D::*member) {
  std::string key = name;
  return null_when_missing(real<D>(std::move(name), std::move(unit), std::move(key),
                                   std::move(description),
                                   [member](const D& r) { return maybe(r.*member); }));
}

std::vector<F> declare() {
  return {
      text<D>("target", "target", "always device", [](const D&) { return std::string("device"); }),
      text<D>("device_name", "device.name", "the datasheet name",
              [](const D& r) { return r.device; }),
      text<D>("device_file", "device.file", "the device file", [](const D& r) { return r.file; }),
      text<D>("model", "device.model", "the model's figures and defaults, one line",
              [](const D& r) { return r.model; }),
      text<D>("workload", "workload.name", "network or topology",
              [](const D& r) { return r.workload; }),
      integer<D>("batch", "1", "workload.batch", "examples per inference or step",
                 [](const D& r) { return r.batch; }),
      boolean<D>("training", "workload.training", "one training step instead of inference",
                 [](const D& r) { return r.training; }),
      text<D>("precision", "precision", "precision the device ran",
              [](const D& r) { return r.precision; }),
      real<D>("latency_s", "s", "latency_s", "sum of the per-op times",
              [](const D& r) { return r.latency_s; }),
      real<D>("examples_per_s", "1/s", "examples_per_s", "batch / latency",
              [](const D& r) { return r.examples_per_s(); }),
      real<D>("flop", "FLOP", "flop", "useful FLOPs, 1 MAC = 2", [](const D& r) { return r.flop; }),
      real<D>("achieved_flops", "FLOP/s", "achieved_flops", "flop / latency",
              [](const D& r) { return r.achieved_flops(); }),
      real<D>("peak_flops", "FLOP/s", "peak_flops", "the datasheet's dense peak at the precision",
              [](const D& r) { return r.peak_flops; }),
      real<D>("utilization", "1", "utilization", "achieved / peak",
              [](const D& r) { return r.utilization(); }),
      nullable("power_w", "W", "TDP; null when the datasheet has none", &D::power_w),
      nullable("energy_j", "J", "TDP x time, the upper bound", &D::energy_j),
      text<D>("energy_basis", "energy_basis", "what energy_j is",
              [](const D& r) {
                return r.energy_basis.empty()
                           ? std::string("TDP x time (upper bound; no host, network or PUE)")
                           : r.energy_basis;
              }),
      real<D>("activity", "1", "activity",
              "time-weighted max(compute use, DRAM bandwidth use) over the ops",
              [](const D& r) { return r.activity; }),
      nullable("idle_power_w", "W", "measured idle_w, else the assumed fraction of TDP",
               &D::idle_power_w),
      text<D>("idle_power_basis", "idle_power_basis", "where the idle power comes from",
              [](const D& r) { return r.idle_power_basis; }),
      nullable("active_power_w", "W", "idle + (busy or TDP - idle) x activity (docs/gpu-model.md)",
               &D::active_power_w),
      nullable("active_energy_j", "J", "active power x time", &D::active_energy_j),
  };
}

}  // namespace

const std::vector<Field<DeviceResult>>& device_fields() {
  static const std::vector<F> all = declare();
  return all;
}

}  // namespace headroom::sim
