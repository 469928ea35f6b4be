// SPDX-License-Identifier: MIT
// The fields of one `headroom compare` row (an object of the JSON `accelerators` or `gpus`) and
// of one accelerator-over-GPU ratio.
#include "report/field_builders.hpp"

namespace headroom::sim {

namespace {

using namespace fields;
using F = Field<CompareRow>;
using Row = CompareRow;

bool is_gpu(const Row& r) { return r.kind == "gpu"; }
bool is_accelerator(const Row& r) { return !is_gpu(r); }

template <class Get>
F optional_real(std::string name, std::string unit, std::string description, Get get) {
  std::string key = name;
  return null_when_missing(real<Row>(std::move(name), std::move(unit), std::move(key),
                                     std::move(description),
                                     [get](const Row& r) { return maybe(get(r)); }));
}

std::vector<F> declare() {
  return {
      text<Row>("name", "name", "config or device name", [](const Row& r) { return r.name; }),
      text<Row>("kind", "", "accelerator or gpu (the JSON array the row is in)",
                [](const Row& r) { return r.kind; }),
      text<Row>("precision", "precision", "precision the device ran",
                [](const Row& r) { return r.precision; }),
      real<Row>("latency_s", "s", "latency_s", "one inference of the batch",
                [](const Row& r) { return r.latency_s; }),
      real<Row>("throughput_per_s", "1/s", "throughput_per_s", "inferences per second",
                [](const Row& r) { return r.throughput; }),
      real<Row>("achieved_flops", "FLOP/s", "achieved_flops", "2 x MACs / latency",
                [](const Row& r) { return r.achieved_flops; }),
      optional_real("energy_per_inference_j", "J",
                    "accelerators: technology model; GPUs: TDP x time (an upper bound)",
                    [](const Row& r) { return r.energy_per_inference_j; }),
      optional_real("power_w", "W", "average power (GPUs: TDP)",
                    [](const Row& r) { return r.power_w; }),
      optional_real("flops_per_w", "FLOP/J",
                    "achieved FLOPs / energy (GPUs: activity-based energy, like with like)",
                    [](const Row& r) { return r.flops_per_w; }),
      only_for(optional_real("active_power_w", "W",
                             "GPUs: idle + (TDP - idle) x activity (docs/gpu-model.md)",
                             [](const Row& r) { return r.active_power_w; }),
               is_gpu),
      only_for(optional_real("active_energy_per_inference_j", "J",
                             "GPUs: active power x time, per inference",
                             [](const Row& r) { return r.active_energy_per_inference_j; }),
               is_gpu),
      only_for(optional_real("tdp_flops_per_w", "FLOP/J",
                             "GPUs: achieved FLOPs / (TDP x time), the efficiency's lower bound",
                             [](const Row& r) { return r.tdp_flops_per_w; }),
               is_gpu),
      only_for(text<Row>("idle_power_basis", "idle_power_basis",
                         "GPUs: where the idle power comes from (measured or assumed)",
                         [](const Row& r) { return r.idle_power_basis; }),
               is_gpu),
      optional_real("tops_per_mm2", "TOP/s/mm2", "peak ops per second over die area",
                    [](const Row& r) { return r.tops_per_mm2; }),
      only_for(text<Row>("model", "model", "GPUs: the model's figures and defaults, one line",
                         [](const Row& r) { return r.gpu_model; }),
               is_gpu),
      only_for(optional_real("datapath_only_flops_per_w", "FLOP/J",
                             "accelerators: bound with MAC energy alone at full utilization",
                             [](const Row& r) { return r.datapath_only_flops_per_w; }),
               is_accelerator),
      only_for(optional_real("with_sram_flops_per_w", "FLOP/J",
                             "accelerators: bound with MACs and SRAM, no DRAM",
                             [](const Row& r) { return r.with_sram_flops_per_w; }),
               is_accelerator),
  };
}

}  // namespace

const std::vector<Field<CompareRow>>& compare_fields() {
  static const std::vector<F> all = declare();
  return all;
}

const std::vector<Field<CompareRatio>>& compare_ratio_fields() {
  using Q = CompareRatio;
  static const std::vector<Field<Q>> all{
      text<Q>("accelerator", "accelerator", "accelerator name",
              [](const Q& q) { return q.accelerator; }),
      text<Q>("gpu", "gpu", "GPU name", [](const Q& q) { return q.gpu; }),
      real<Q>("throughput_ratio", "1", "throughput_ratio",
              "accelerator / GPU inferences per second",
              [](const Q& q) { return q.throughput_ratio; }),
      null_when_missing(real<Q>("flops_per_w_ratio", "1", "flops_per_w_ratio",
                                "accelerator / GPU FLOPS per W; null without both energies",
                                [](const Q& q) { return maybe(q.flops_per_w_ratio); })),
  };
  return all;
}

}  // namespace headroom::sim
