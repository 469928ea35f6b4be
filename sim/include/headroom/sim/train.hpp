// SPDX-License-Identifier: MIT
// Time-to-train: a run config (network, data, batch, optimizer) on N accelerator chips.
// The step time is the SIMULATED training step of one chip's micro-batch, composed over the
// parallel split with closed-form collectives; see docs/time-to-train.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "headroom/accel/config.hpp"
#include "headroom/accel/simulator.hpp"
#include "headroom/models/lowering.hpp"
#include "headroom/models/network.hpp"
#include "headroom/models/workload.hpp"
#include "headroom/sim/device_spec.hpp"
#include "headroom/sim/gpu_model.hpp"
#include "headroom/sim/run_config.hpp"
#include "headroom/sim/train_cost.hpp"
#include "headroom/sim/train_memory.hpp"
#include "headroom/sim/train_parallel.hpp"
#include "headroom/sim/train_step.hpp"

namespace headroom::sim {

struct TrainOptions {
  std::uint64_t chips = 1;
  std::string parallel;                         // "dp=8,tp=8,pp=4"; empty = all data parallel
  std::optional<std::uint64_t> micro_batch;     // default: the replica batch (1 with pp > 1)
  std::optional<accel::Precision> precision{};  // default: the accelerator's
  // A datasheet device's precision as the user named it (`device_precision_by` says where:
  // "--gpu a100:tf32"); default: the run's, as frameworks run it (target.hpp).
  std::optional<Precision> device_precision{};
  std::string device_precision_by;
  // How a datasheet device's kernels are submitted (gpu_model.hpp): none, graph or eager.
  Framework framework = Framework::None;
  // Design assumption, not a product figure: a 100 GB/s, 1 us chip-to-chip link per direction.
  LinkModel link{.bandwidth_bytes_per_s = 100e9, .latency_s = 1e-6, .topology = Topology::Ring};
  CostInputs cost{};  // chips, energy and time are filled in by plan_training
  // Megatron's activation recomputation (Narayanan et al. SC21, Sec. 3.5): the forward pass is
  // run again before the backward pass; only each transformer layer's input is stored.
  bool recompute_activations = false;
  // A datasheet device's gradient all-reduce as NCCL runs it over the interconnect of its file
  // (train_step.hpp's GpuCollectives) instead of `link`.
  bool nccl = false;
  // ZeRO/FSDP stage 1, 2 or 3 (train_memory.hpp); 0 none. Stage 3 all-gathers the weights in the
  // forward and backward passes: 1.5x the data-parallel traffic (ZeRO, Sec. 7.2.2).
  std::uint64_t zero_stage = 0;
  std::uint64_t workspace_bytes = 0;  // per chip, beside the tensors (--workspace)
  // Shapes and op handling when the run's network is an ONNX file.
  models::OnnxOptions onnx;
};

// What the tensor- and pipeline-parallel split needs to know about a network's structure.
struct NetworkShape {
  std::uint64_t attention_layers = 0;   // batched-matmul pairs (scores, context)
  std::uint64_t min_heads = 0;          // smallest head count of any attention
  std::uint64_t hidden_elements = 0;    // b x s x h of one transformer activation, per micro-batch
  std::uint64_t boundary_elements = 0;  // activation crossing a pipeline stage boundary
};

[[nodiscard]] NetworkShape network_shape(const models::Network& network);

// The network one tensor-parallel rank holds: heads, dense outputs (column split) or inputs
// (row split), embedding tables, softmax rows and activations divided by tp. Throws InputError
// when tp does not divide the attention heads or pp does not divide the attention layers (or
// exceeds the layer count of a network without attention).
[[nodiscard]] models::Network split_network(const models::Network& network,
                                            const ParallelSplit& split);

// Simulates one training step of `network` (one chip, one micro-batch): every distinct op shape
// once, times its multiplicity, so a 96-layer model costs one layer's simulation.
[[nodiscard]] ChipStepProfile simulate_step(accel::Simulator& simulator,
                                            const accel::AcceleratorConfig& config,
                                            accel::Precision precision,
                                            const models::Network& network,
                                            models::Optimizer optimizer);

// A datasheet device (GPU, TPU) on the same training step, op by op through the shared model of
// gpu_model.hpp (tile/wave quantization, calibrated fraction of peak, per-kernel launch; see
// docs/gpu-model.md). Energy is activity-based (idle + (busy - idle) x activity per op, idle while
// waiting, as run --device); upper_bound_power_w keeps the TDP. Throws InputError when the device
// has no peak for the precision, no bandwidth or no sm_count.
[[nodiscard]] ChipStepProfile device_step(const DeviceSpec& device, Precision precision,
                                          const models::Network& network,
                                          models::Optimizer optimizer,
                                          Framework framework = Framework::None);

[[nodiscard]] models::Optimizer parse_optimizer(const std::string& name);  // sgd|momentum|adam

struct TrainReport {
  std::string run_name;
  std::string network;
  std::string accelerator;
  std::string precision_name;  // compute precision, e.g. "bf16"
  // A datasheet device's model line (gpu_model.hpp describe(): precision, why it, calibration);
  // empty for a simulated accelerator.
  std::string device_model;
  // TDP x time x chips for a datasheet device: the upper bound beside the activity-based energy_j.
  std::optional<double> tdp_energy_j;
  models::Optimizer optimizer = models::Optimizer::SgdMomentum;
  ParallelSplit split;
  std::uint64_t zero_stage = 0;  // ZeRO/FSDP stage the memory was counted with
  LinkModel link;
  std::uint64_t global_batch = 0;
  std::uint64_t micro_batch = 0;
  std::uint64_t units_per_item = 1;  // tokens per sequence (1 for images)
  double steps = 0;
  StepTime step;
  MemoryFootprint memory;
  std::uint64_t capacity_bytes = 0;  // the chip's DRAM
  FitAdvice fit;
  double time_to_train_s = 0;
  double executed_flop = 0;  // all chips, all steps, as simulated
  double peak_flops_per_chip = 0;
  std::optional<double> method1_pfs_days;
  double energy_j = 0;  // chips only, before PUE
  CostReport cost;
  // Empty when the result stands; else why it rests on an impossible premise (the model does not
  // fit, a step larger than the dataset...): the report labels every total invalid.
  std::string invalid_why;

  [[nodiscard]] bool valid() const { return invalid_why.empty(); }

  [[nodiscard]] double sustained_flops() const;  // executed FLOP / time, all chips
  [[nodiscard]] double utilization() const;      // sustained / (chips x peak)
  [[nodiscard]] double executed_pfs_days() const;
  [[nodiscard]] double communication_share() const;  // exposed communication / step
};

// Plans `run` on `config`. Throws InputError for a run without a network, global batch or
// data size, a batch the split does not divide, or a split the network does not divide.
[[nodiscard]] TrainReport plan_training(accel::Simulator& simulator,
                                        const accel::AcceleratorConfig& config,
                                        const RunConfig& run, const TrainOptions& options);

// The same run on `device` (configs/gpus), with the same split, link and cost inputs. Precision:
// the run's (fp16 where a device lacks bf16), else bf16.
[[nodiscard]] TrainReport plan_training_on_device(const DeviceSpec& device, const RunConfig& run,
                                                  const TrainOptions& options);

struct ScalingPoint {
  std::uint64_t chips = 0;
  double step_s = 0;
  double time_to_train_s = 0;
  double efficiency = 0;  // throughput / (chips x single-replica throughput)
  double communication_share = 0;
};

// Data-parallel scaling from dp = 1 to options' dp in powers of two (tp and pp held).
[[nodiscard]] std::vector<ScalingPoint> scaling_table(accel::Simulator& simulator,
                                                      const accel::AcceleratorConfig& config,
                                                      const RunConfig& run,
                                                      const TrainOptions& options);

}  // namespace headroom::sim
