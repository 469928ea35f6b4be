// SPDX-License-Identifier: MIT
// One optimizer step on dp x tp x pp chips, composed from what one chip takes for one
// micro-batch (simulated, see train.hpp) and the collectives of train_parallel.hpp.
#pragma once

#include <cstdint>
#include <string>

#include "headroom/sim/train_collective.hpp"
#include "headroom/sim/train_parallel.hpp"

namespace headroom::sim {

// One chip running the whole (tp-split) network on one micro-batch. The pipeline gives each
// stage 1/pp of it (stages assumed balanced).
struct ChipStepProfile {
  double forward_s = 0;
  double backward_s = 0;
  double update_s = 0;                // one optimizer update over the chip's tp share
  double first_layer_backward_s = 0;  // nothing is left to overlap the last gradients with
  double forward_backward_energy_j = 0;
  double update_energy_j = 0;
  double static_power_w = 0;  // burnt while the chip waits (bubble, exposed communication)
  double forward_backward_flop = 0;
  double update_flop = 0;
  double peak_flops = 0;
  // A datasheet device's TDP: TDP x time bounds its energy from above; 0 for an accelerator.
  double upper_bound_power_w = 0;
};

// Bytes the collectives move, per chip.
struct CommVolumes {
  double gradient_bytes = 0;  // data-parallel all-reduce, once per step
  // Tensor parallel: all-reduces of b x s x h activations per micro-batch over the whole
  // network (Megatron: 2 per transformer layer forward, 2 backward).
  std::uint64_t tp_allreduces = 0;
  double tp_allreduce_bytes = 0;
  double pipeline_bytes = 0;  // activations sent to the next stage per micro-batch
};

struct StepTime {
  std::uint64_t micro_batches = 1;
  double compute_s = 0;  // stage compute over all micro-batches, bubble included
  double bubble_s = 0;
  double update_s = 0;
  double dp_comm_s = 0;
  double dp_exposed_s = 0;
  double tp_comm_s = 0;  // on the critical path, all micro-batches
  double pp_comm_s = 0;
  // The gradient all-reduce as NCCL runs it (GpuCollectives); 0 buckets under the link model.
  std::uint64_t dp_buckets = 0;
  CollectiveCost dp_bucket{};
  double step_s = 0;
  double flop_per_chip = 0;
  double energy_per_chip_j = 0;

  [[nodiscard]] double communication_s() const { return dp_comm_s + tp_comm_s + pp_comm_s; }
  [[nodiscard]] double exposed_communication_s() const {
    return dp_exposed_s + tp_comm_s + pp_comm_s;
  }
};

// GPUs' gradient all-reduce as NCCL runs it (train_collective.hpp) in place of the link model:
// the device's interconnect, in buckets of `bucket_bytes` overlapped with the last micro-batch's
// backward pass.
struct GpuCollectives {
  Interconnect interconnect;
  double bucket_bytes = kDdpBucketBytes;
};

[[nodiscard]] StepTime compose_step(const ChipStepProfile& chip, const ParallelSplit& split,
                                    std::uint64_t micro_batches, const CommVolumes& volumes,
                                    const LinkModel& link,
                                    const GpuCollectives* collectives = nullptr);

}  // namespace headroom::sim
