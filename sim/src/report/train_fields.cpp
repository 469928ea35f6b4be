// SPDX-License-Identifier: MIT
// The fields of the `headroom train` report: every JSON key but `headroom_version`, and the rows
// of `scaling`.
#include "report/field_builders.hpp"

namespace headroom::sim {

namespace {

using namespace fields;
using F = Field<TrainReport>;
using R = TrainReport;

// A real whose field name is the last part of its JSON key.
template <class Get>
F r_(std::string key, std::string unit, std::string description, Get get) {
  std::string name = key.substr(key.rfind('.') + 1);
  return real<R>(std::move(name), std::move(unit), std::move(key), std::move(description),
                 std::move(get));
}

template <class Get>
F n_(std::string key, std::string unit, std::string description, Get get) {
  std::string name = key.substr(key.rfind('.') + 1);
  return integer<R>(std::move(name), std::move(unit), std::move(key), std::move(description),
                    std::move(get));
}

std::vector<F> workload() {
  return {
      text<R>("config_name", "config.name", "accelerator or device name",
              [](const R& r) { return r.accelerator; }),
      r_("config.peak_flops_per_chip", "FLOP/s", "peak of one chip in the run's precision",
         [](const R& r) { return r.peak_flops_per_chip; }),
      text<R>("run", "workload.run", "training run name", [](const R& r) { return r.run_name; }),
      text<R>("network", "workload.network", "network trained",
              [](const R& r) { return r.network; }),
      text<R>("precision", "workload.precision", "compute precision, e.g. bf16",
              [](const R& r) { return r.precision_name; }),
      text<R>("device_model", "config.device_model",
              "a datasheet device's model line: precision and why, calibration (empty for an "
              "accelerator)",
              [](const R& r) { return r.device_model; }),
      text<R>("optimizer", "workload.optimizer", "optimizer (sets its state and update work)",
              [](const R& r) { return std::string(models::to_string(r.optimizer)); }),
      text<R>("mode", "workload.mode", "always time_to_train",
              [](const R&) { return std::string("time_to_train"); }),
      n_("workload.global_batch", "1", "examples per step, all replicas",
         [](const R& r) { return r.global_batch; }),
      n_("workload.micro_batch", "1", "examples per micro-batch on one replica",
         [](const R& r) { return r.micro_batch; }),
      n_("workload.micro_batches", "1", "micro-batches per step on one replica",
         [](const R& r) { return r.step.micro_batches; }),
  };
}

std::vector<F> parallel() {
  return {
      n_("parallel.dp", "1", "data-parallel replicas", [](const R& r) { return r.split.dp; }),
      n_("parallel.tp", "1", "tensor-parallel degree", [](const R& r) { return r.split.tp; }),
      n_("parallel.pp", "1", "pipeline stages", [](const R& r) { return r.split.pp; }),
      n_("parallel.chips", "1", "dp x tp x pp", [](const R& r) { return r.split.chips(); }),
      text<R>("topology", "parallel.topology", "ring or torus",
              [](const R& r) { return std::string(to_string(r.link.topology)); }),
      r_("parallel.link_bandwidth_gbps", "GB/s", "one direction of one chip-to-chip link",
         [](const R& r) { return r.link.bandwidth_bytes_per_s * 1e-9; }),
      r_("parallel.link_latency_s", "s", "per-message link latency",
         [](const R& r) { return r.link.latency_s; }),
  };
}

std::vector<F> step() {
  return {
      r_("step.step_s", "s", "one training step", [](const R& r) { return r.step.step_s; }),
      r_("step.compute_s", "s", "stage compute over all micro-batches, bubble included",
         [](const R& r) { return r.step.compute_s; }),
      r_("step.bubble_s", "s", "pipeline bubble", [](const R& r) { return r.step.bubble_s; }),
      r_("step.update_s", "s", "optimizer update", [](const R& r) { return r.step.update_s; }),
      r_("step.dp_comm_s", "s", "data-parallel gradient all-reduce",
         [](const R& r) { return r.step.dp_comm_s; }),
      r_("step.dp_exposed_s", "s", "the part of it not hidden behind back-propagation",
         [](const R& r) { return r.step.dp_exposed_s; }),
      n_("step.dp_buckets", "1",
         "gradient buckets of the NCCL all-reduce (train --nccl); 0 under the link model",
         [](const R& r) { return r.step.dp_buckets; }),
      r_("step.dp_bus_bandwidth_gbps", "GB/s",
         "NCCL bus bandwidth of one full bucket's all-reduce (train --nccl); 0 otherwise",
         [](const R& r) { return r.step.dp_bucket.bus_bytes_per_s * 1e-9; }),
      r_("step.tp_comm_s", "s", "tensor-parallel all-reduces on the critical path",
         [](const R& r) { return r.step.tp_comm_s; }),
      r_("step.pp_comm_s", "s", "pipeline transfers", [](const R& r) { return r.step.pp_comm_s; }),
      r_("step.communication_share", "1", "exposed communication / step",
         [](const R& r) { return r.communication_share(); }),
  };
}

std::vector<F> memory() {
  return {
      n_("memory.weights_bytes", "bytes", "per chip: compute copy (+ FP32 master copy if mixed)",
         [](const R& r) { return r.memory.weights_bytes; }),
      n_("memory.gradients_bytes", "bytes", "per chip",
         [](const R& r) { return r.memory.gradients_bytes; }),
      n_("memory.optimizer_bytes", "bytes", "per chip: optimizer state",
         [](const R& r) { return r.memory.optimizer_bytes; }),
      n_("memory.activations_bytes", "bytes", "per chip: activations kept for back-propagation",
         [](const R& r) { return r.memory.activations_bytes; }),
      n_("memory.workspace_bytes", "bytes", "per chip: library workspace (train --workspace)",
         [](const R& r) { return r.memory.workspace_bytes; }),
      n_("memory.zero_stage", "1",
         "ZeRO/FSDP sharding stage over the data-parallel chips (0: none)",
         [](const R& r) { return r.zero_stage; }),
      integer<R>("memory_total_bytes", "bytes", "memory.total_bytes", "per chip: all of the above",
                 [](const R& r) { return r.memory.total_bytes(); }),
      n_("memory.capacity_bytes", "bytes", "the chip's DRAM",
         [](const R& r) { return r.capacity_bytes; }),
      boolean<R>("fits", "memory.fits", "whether the footprint fits the capacity",
                 [](const R& r) { return r.fit.fits; }),
      text<R>("advice", "memory.advice", "when it does not fit: what would (else empty)",
              [](const R& r) { return r.fit.message; }),
  };
}

std::vector<F> totals() {
  return {
      boolean<R>("valid", "valid",
                 "false when the result rests on an impossible premise (see why): then no total "
                 "below is a time to train",
                 [](const R& r) { return r.valid(); }),
      text<R>("why", "why", "why the result is invalid (else empty)",
              [](const R& r) { return r.invalid_why; }),
      r_("totals.steps", "1", "training steps", [](const R& r) { return r.steps; }),
      r_("totals.time_to_train_s", "s", "steps x step time",
         [](const R& r) { return r.time_to_train_s; }),
      r_("totals.sustained_flops", "FLOP/s", "executed FLOPs / time, all chips",
         [](const R& r) { return r.sustained_flops(); }),
      r_("totals.utilization", "1", "sustained / (chips x peak)",
         [](const R& r) { return r.utilization(); }),
      r_("totals.executed_pfs_days", "PFLOP/s-day", "compute executed",
         [](const R& r) { return r.executed_pfs_days(); }),
      r_("totals.energy_j", "J", "chips only, before PUE", [](const R& r) { return r.energy_j; }),
      null_when_missing(r_("totals.tdp_energy_j", "J",
                           "a datasheet device's TDP x time x chips, the upper bound of energy_j; "
                           "null for an accelerator",
                           [](const R& r) { return maybe(r.tdp_energy_j); })),
      r_("totals.method1_pfs_days", "PFLOP/s-day",
         "6 x parameters x tokens (Method 1), when the run has a token count",
         [](const R& r) { return maybe(r.method1_pfs_days); }),
  };
}

std::vector<F> cost() {
  return {
      r_("cost.facility_energy_kwh", "kWh", "chip energy x PUE",
         [](const R& r) { return r.cost.facility_energy_kwh; }),
      r_("cost.energy_cost_usd", "USD", "facility energy x price",
         [](const R& r) { return r.cost.energy_cost; }),
      r_("cost.chip_price_usd", "USD", "price per chip (0 when not given)",
         [](const R& r) { return r.cost.chip_price; }),
      r_("cost.hardware_cost_usd", "USD", "chips amortised over the run (0 without a price)",
         [](const R& r) { return r.cost.hardware_cost; }),
      r_("cost.total_cost_usd", "USD", "energy + hardware",
         [](const R& r) { return r.cost.total_cost(); }),
      r_("cost.co2_kg", "kg", "facility energy x grid intensity",
         [](const R& r) { return r.cost.co2_kg; }),
      r_("cost.pue", "1", "power usage effectiveness used", [](const R& r) { return r.cost.pue; }),
      r_("cost.price_per_kwh_usd", "USD/kWh", "electricity price used",
         [](const R& r) { return r.cost.price_per_kwh; }),
      r_("cost.grid_kg_co2_per_kwh", "kg/kWh", "grid carbon intensity used",
         [](const R& r) { return r.cost.grid_kg_per_kwh; }),
  };
}

}  // namespace

const std::vector<Field<TrainReport>>& train_fields() {
  static const std::vector<F> all = [] {
    std::vector<F> out;
    for (auto* part : {workload, parallel, step, memory, totals, cost})
      for (auto& f : part()) out.push_back(std::move(f));
    return out;
  }();
  return all;
}

const std::vector<Field<ScalingPoint>>& scaling_fields() {
  using P = ScalingPoint;
  static const std::vector<Field<P>> all{
      integer<P>("chips", "1", "chips", "dp x tp x pp at this point",
                 [](const P& p) { return p.chips; }),
      real<P>("step_s", "s", "step_s", "one training step", [](const P& p) { return p.step_s; }),
      real<P>("time_to_train_s", "s", "time_to_train_s", "steps x step time",
              [](const P& p) { return p.time_to_train_s; }),
      real<P>("efficiency", "1", "efficiency", "throughput / (chips x one replica's throughput)",
              [](const P& p) { return p.efficiency; }),
      real<P>("communication_share", "1", "communication_share", "exposed communication / step",
              [](const P& p) { return p.communication_share; }),
  };
  return all;
}

}  // namespace headroom::sim
