// SPDX-License-Identifier: MIT
#include <algorithm>

#include "headroom/sim/train_step.hpp"

namespace headroom::sim {

StepTime compose_step(const ChipStepProfile& chip, const ParallelSplit& split,
                      std::uint64_t micro_batches, const CommVolumes& volumes,
                      const LinkModel& link, const GpuCollectives* collectives) {
  StepTime t;
  t.micro_batches = micro_batches;
  const double pp = static_cast<double>(split.pp);
  const double m = static_cast<double>(micro_batches);

  // Per stage and micro-batch: its share of forward+backward, its share of the tensor-parallel
  // all-reduces, and one activation send forward plus one gradient send backward.
  const double stage_compute = (chip.forward_s + chip.backward_s) / pp;
  const double stage_tp = static_cast<double>(volumes.tp_allreduces) / pp *
                          allreduce_s(volumes.tp_allreduce_bytes, split.tp, link);
  const double stage_p2p =
      split.pp > 1 ? 2.0 * (volumes.pipeline_bytes / link.bandwidth_bytes_per_s + link.latency_s)
                   : 0.0;
  // 1F1B: m micro-batches plus (pp - 1) slots of fill and drain.
  const double slots = m + pp - 1.0;
  t.compute_s = slots * stage_compute;
  t.bubble_s = (pp - 1.0) * (stage_compute + stage_tp + stage_p2p);
  t.tp_comm_s = slots * stage_tp;
  t.pp_comm_s = slots * stage_p2p;
  t.update_s = chip.update_s / pp;

  // The gradient all-reduce overlaps the last micro-batch's backward pass except its first
  // layer, whose gradients are the last to appear.
  if (collectives) {
    const BucketedAllReduce b =
        bucketed_allreduce(volumes.gradient_bytes, split.dp, collectives->interconnect,
                           std::max(0.0, chip.backward_s / pp), collectives->bucket_bytes);
    t.dp_comm_s = b.comm_s;
    t.dp_exposed_s = b.exposed_s;
    t.dp_buckets = b.buckets;
    t.dp_bucket = b.per_bucket;
  } else {
    t.dp_comm_s = allreduce_s(volumes.gradient_bytes, split.dp, link);
    const double overlap = std::max(0.0, (chip.backward_s - chip.first_layer_backward_s) / pp);
    t.dp_exposed_s = exposed_communication_s(t.dp_comm_s, overlap);
  }

  t.step_s = t.compute_s + t.tp_comm_s + t.pp_comm_s + t.dp_exposed_s + t.update_s;
  t.flop_per_chip = (m * chip.forward_backward_flop + chip.update_flop) / pp;
  const double busy = m * stage_compute + t.update_s;
  t.energy_per_chip_j = (m * chip.forward_backward_energy_j + chip.update_energy_j) / pp +
                        chip.static_power_w * std::max(0.0, t.step_s - busy);
  return t;
}

}  // namespace headroom::sim
