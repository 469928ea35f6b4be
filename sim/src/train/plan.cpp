// SPDX-License-Identifier: MIT
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "headroom/models/checked.hpp"
#include "headroom/models/compute.hpp"
#include "headroom/models/error.hpp"
#include "headroom/models/workload.hpp"
#include "headroom/models/zoo.hpp"
#include "headroom/sim/gpu_model.hpp"
#include "headroom/sim/target.hpp"
#include "headroom/sim/train.hpp"

namespace headroom::sim {

namespace {

double ratio(double num, double den) { return den > 0 ? num / den : 0.0; }

InputError run_error(const RunConfig& run, const std::string& key, const std::string& expected,
                     const std::string& found) {
  const auto line = run.lines.find(key);
  return InputError(input_error_message(run.file, line == run.lines.end() ? 0 : line->second, key,
                                        expected, found));
}

// Optimizer steps: a token budget for language models, examples x epochs otherwise.
double count_steps(const RunConfig& run, std::uint64_t global_batch, std::uint64_t units_per_item) {
  const double per_step = static_cast<double>(global_batch) * static_cast<double>(units_per_item);
  if (run.tokens) return std::ceil(*run.tokens / per_step);
  if (run.examples_per_epoch && run.epochs)
    return std::ceil(*run.examples_per_epoch / static_cast<double>(global_batch)) * *run.epochs;
  throw run_error(run, "tokens", "tokens, or examples_per_epoch and epochs", "neither");
}

// Steps beyond 2^53 are no longer exact integers in a double; no real run comes near.
constexpr double kMaxExactSteps = 9007199254740992.0;

// A time to train resting on one of these is not a number to print as if it were one.
std::string invalid_premise(const RunConfig& run, const TrainReport& rep) {
  if (!rep.fit.fits) return "the model does not fit in the chip's memory (" + rep.fit.message + ")";
  const double batch_items = static_cast<double>(rep.global_batch);
  if (!run.tokens && run.examples_per_epoch && batch_items > *run.examples_per_epoch)
    return fmt::format("global batch {} is larger than the dataset ({:.0f} examples per epoch)",
                       rep.global_batch, *run.examples_per_epoch);
  if (!(rep.steps < kMaxExactSteps))
    return fmt::format("{:.3g} steps is beyond what a count of steps can mean", rep.steps);
  return "";
}

}  // namespace

double TrainReport::sustained_flops() const { return ratio(executed_flop, time_to_train_s); }

double TrainReport::utilization() const {
  return ratio(sustained_flops(), static_cast<double>(split.chips()) * peak_flops_per_chip);
}

double TrainReport::executed_pfs_days() const { return executed_flop / models::kFlopPerPfsDay; }

double TrainReport::communication_share() const {
  return ratio(step.exposed_communication_s(), step.step_s);
}

namespace {

// Bytes per element of a training step's weights, gradients and activations. The memory and
// communication model counts whole bytes; INT4 (two values to a byte) is an inference format
// here, as no training recipe keeps weights and gradients at 4 bits.
std::uint32_t training_bytes(Precision p) {
  const ElementSize size = element_size(p);
  if (!size.whole_bytes())
    throw InputError(input_error_message(
        "precision", 0, "",
        "a precision of whole bytes for training (int4 runs inference only: headroom run)",
        to_string(p)));
  return size.bits / 8;
}

// What differs between the simulated accelerator and a datasheet device.
struct Target {
  std::string name;
  std::string precision;     // its name, for reports and device peaks
  std::string device_model;  // a device's model line; empty for an accelerator
  std::uint32_t bytes = 2;
  std::uint64_t capacity_bytes = 0;
  std::function<ChipStepProfile(const models::Network&, models::Optimizer)> step;
  std::optional<GpuCollectives> collectives{};
  // Bytes per gradient element all-reduced, when not the memory model's: frameworks' automatic
  // mixed precision (autocast, TensorFlow's AMP rewrite) keeps FP32 weights, so FP32 gradients.
  std::uint32_t gradient_comm_bytes = 0;
};

// FLOP of the forward GEMMs of one training step of `network` (vector ops count no FLOP).
double forward_gemm_flop(const models::Network& network, models::Optimizer optimizer) {
  double flop = 0;
  for (const auto& op : models::lower_training_step(network, optimizer).ops)
    if (op.phase == models::Phase::Forward && op.kind == models::TraceOp::Kind::Gemm)
      flop += kFlopsPerMac * static_cast<double>(op.gemm.macs());
  return flop;
}

// The forward pass runs twice: its time and FLOP are added once more. Energy is not kept apart
// per phase, so it grows in proportion to the added time (exact when both phases run at the same
// power).
void add_recomputation(ChipStepProfile& p, double forward_flop) {
  const double growth = 1.0 + ratio(p.forward_s, p.forward_s + p.backward_s);
  p.backward_s += p.forward_s;
  p.forward_backward_energy_j *= growth;
  p.forward_backward_flop += forward_flop;
}

// A ReLU (one op per element, one operand) overwrites its input: frameworks run it in place
// (torchvision's ReLU(inplace=True), XLA's fusion), and its backward needs only its output, so it
// keeps no tensor of its own. Other activations (GELU, tanh) keep their input.
bool relu_in_place(const models::Layer& layer) {
  const auto* e = std::get_if<models::Elementwise>(&layer.params);
  return e != nullptr && e->kind == models::VectorKind::Activation && e->ops_per_element == 1 &&
         e->operands == 1;
}

// The same count for a trace read from a file (already lowered, no layers): every forward op's
// output except a ReLU's, recognised by its shape (an activation of one op per element that reads
// only its own output's worth of elements), so a trace and its network need the same memory.
std::uint64_t kept_activation_elements(const models::Trace& trace) {
  std::uint64_t kept = 0;
  for (const auto& op : trace.ops) {
    if (op.phase != models::Phase::Forward) continue;
    if (op.kind == models::TraceOp::Kind::Gemm) {
      kept = models::checked_add(
          kept, models::checked_mul(op.gemm.c_elements(), op.gemm.count, "GEMM outputs"),
          "activation elements");
      continue;
    }
    const auto& v = op.vector;
    const bool relu = v.kind == models::VectorKind::Activation && v.ops == v.elements &&
                      v.input_elements == v.elements;
    if (!relu) kept = models::checked_add(kept, v.elements, "activation elements");
  }
  return kept;
}

// Chip counts (dp x tp x pp with this tp and pp) whose data-parallel degree divides the batch.
std::string chip_counts_dividing(std::uint64_t batch, std::uint64_t model_parallel) {
  std::string out;
  for (std::uint64_t dp = 1; dp <= batch; ++dp) {
    if (batch % dp != 0) continue;
    out += (out.empty() ? "" : ", ") + std::to_string(dp * model_parallel);
    if (out.size() > 60) return out + ", ...";
  }
  return out;
}

// The network of a trace file (.jsonl, torch.profiler .json), or nothing for any other workload.
std::optional<models::Network> trace_network(const std::string& network, const ParallelSplit& s,
                                             const TrainOptions& options) {
  const models::WorkloadKind kind = models::workload_kind(network);
  if (kind != models::WorkloadKind::Trace && kind != models::WorkloadKind::TorchProfile)
    return std::nullopt;
  if (s.tp > 1 || s.pp > 1)
    throw InputError(
        input_error_message("--parallel", 0, "",
                            "data parallelism only (tp=1, pp=1): " + network +
                                " is a trace, whose ops cannot be split over chips",
                            "tp=" + std::to_string(s.tp) + ", pp=" + std::to_string(s.pp)));
  return models::load_network({.network = network,
                               .batch = 1,
                               .image_size = std::nullopt,
                               .seq_len = std::nullopt,
                               .onnx = options.onnx});
}

TrainReport plan(const Target& target, const RunConfig& run, const TrainOptions& options) {
  if (!run.network)
    throw run_error(run, "network", "a zoo network to simulate (train needs layer shapes)", "none");
  if (!run.global_batch) throw run_error(run, "global_batch", "a global batch", "none");
  if (options.chips == 0)
    throw InputError(input_error_message("--chips", 0, "", "at least 1 chip", "0"));
  TrainReport rep;
  rep.run_name = run.name;
  rep.network = *run.network;
  rep.accelerator = target.name;
  rep.precision_name = target.precision;
  rep.device_model = target.device_model;
  rep.optimizer = parse_optimizer(run.optimizer.value_or("momentum"));
  rep.split = parse_parallel(options.parallel, options.chips);
  rep.link = options.link;
  rep.zero_stage = options.zero_stage;
  rep.global_batch = *run.global_batch;
  const ParallelSplit& s = rep.split;
  if (rep.global_batch % s.dp != 0)
    throw run_error(run, "global_batch",
                    "a global batch divisible by dp=" + std::to_string(s.dp) + "; with " +
                        std::to_string(rep.global_batch) + " use --chips " +
                        chip_counts_dividing(rep.global_batch, s.tp * s.pp) +
                        ", or --global-batch " + std::to_string(s.dp) + " (or a multiple)",
                    std::to_string(rep.global_batch));
  const std::uint64_t replica_batch = rep.global_batch / s.dp;
  // A trace file is one micro-batch as written: its batch is fixed and it has no layers to split.
  const std::optional<models::Network> trace = trace_network(*run.network, s, options);
  rep.micro_batch = options.micro_batch.value_or(trace      ? trace->batch()
                                                 : s.pp > 1 ? 1
                                                            : replica_batch);
  if (trace && rep.micro_batch != trace->batch())
    throw InputError(input_error_message(
        "--micro-batch", 0, "",
        std::to_string(trace->batch()) + ", the batch " + *run.network + " was written at",
        std::to_string(rep.micro_batch)));
  if (rep.micro_batch == 0 || replica_batch % rep.micro_batch != 0)
    throw InputError(input_error_message(
        "--micro-batch", 0, "",
        "a micro-batch dividing the replica batch " + std::to_string(replica_batch),
        std::to_string(rep.micro_batch)));

  auto network_at = [&](std::uint64_t micro_batch) {
    if (trace) return *trace;
    return models::load_network({.network = *run.network,
                                 .batch = micro_batch,
                                 .image_size = run.image_size,
                                 .seq_len = run.seq_len,
                                 .onnx = options.onnx});
  };
  models::Network full = network_at(rep.micro_batch);
  models::Network rank = split_network(full, s);
  ChipStepProfile chip = target.step(rank, rep.optimizer);
  const std::uint64_t micro_batches = replica_batch / rep.micro_batch;
  rep.units_per_item = full.units_per_item();
  if (options.recompute_activations)
    add_recomputation(chip, forward_gemm_flop(rank, rep.optimizer));
  rep.peak_flops_per_chip = chip.peak_flops;

  const std::uint32_t bytes = target.bytes;
  const NetworkShape shape = network_shape(full);
  std::uint64_t activations = 0;
  if (rank.lowered()) activations = kept_activation_elements(rank.lowered()->trace);
  for (const auto& layer : rank.layers())
    if (!relu_in_place(layer)) activations += layer.counts(rep.micro_batch).output_elements;
  if (options.recompute_activations && shape.attention_layers > 0)
    activations = shape.hidden_elements * shape.attention_layers;
  rep.memory = memory_footprint({.parameters = rank.parameters() / s.pp,
                                 .activation_elements = activations / s.pp,
                                 .micro_batches_in_flight = std::min(s.pp, micro_batches),
                                 .optimizer = rep.optimizer,
                                 .compute_bytes = bytes,
                                 .mixed_precision = bytes < 4,
                                 .zero_stage = options.zero_stage,
                                 .data_parallel = s.dp,
                                 .workspace_bytes = options.workspace_bytes});
  rep.capacity_bytes = target.capacity_bytes;
  // A config without a capacity cannot be checked; the footprint is still reported.
  if (rep.capacity_bytes > 0)
    rep.fit = check_fit(rep.memory, rep.capacity_bytes, s.tp * s.pp, rep.micro_batch);
  if (!rep.fit.fits && !options.recompute_activations && shape.attention_layers > 0)
    rep.fit.message += "; --recompute keeps only each layer's input";

  // Gradients all-reduced per replica: the unsharded gradient tensor (ZeRO-1/2 reduce-scatter
  // it and all-gather the updated weights, the same traffic; ZeRO-3 also all-gathers the weights
  // for the backward pass: 1.5x, ZeRO Sec. 7.2.2).
  const double gradient_elements = static_cast<double>(rank.parameters() / s.pp);
  const double gradient_element_bytes = target.gradient_comm_bytes > 0
                                            ? target.gradient_comm_bytes
                                            : static_cast<double>(bytes < 4 ? bytes : 4);
  const CommVolumes volumes{
      .gradient_bytes =
          gradient_elements * gradient_element_bytes * (options.zero_stage >= 3 ? 1.5 : 1.0),
      .tp_allreduces = s.tp > 1 ? 4 * shape.attention_layers : 0,
      .tp_allreduce_bytes = static_cast<double>(shape.hidden_elements * bytes),
      .pipeline_bytes = static_cast<double>(shape.boundary_elements * bytes / s.tp)};
  rep.step = compose_step(chip, s, micro_batches, volumes, options.link,
                          target.collectives ? &*target.collectives : nullptr);

  rep.steps = count_steps(run, rep.global_batch, rep.units_per_item);
  rep.invalid_why = invalid_premise(run, rep);
  rep.time_to_train_s = rep.steps * rep.step.step_s;
  const double chips = static_cast<double>(s.chips());
  rep.executed_flop = rep.steps * rep.step.flop_per_chip * chips;
  rep.energy_j = rep.steps * rep.step.energy_per_chip_j * chips;
  if (chip.upper_bound_power_w > 0)
    rep.tdp_energy_j = chip.upper_bound_power_w * rep.time_to_train_s * chips;
  const ResolvedRun resolved = resolve_run(run);
  if (resolved.method1) rep.method1_pfs_days = models::count_operations(*resolved.method1).pfs_days;
  CostInputs cost = options.cost;
  cost.chip_energy_j = rep.energy_j;
  cost.time_s = rep.time_to_train_s;
  cost.chips = chips;
  rep.cost = training_cost(cost);
  return rep;
}

}  // namespace

TrainReport plan_training(accel::Simulator& simulator, const accel::AcceleratorConfig& config,
                          const RunConfig& run, const TrainOptions& options) {
  const accel::Precision precision = options.precision.value_or(config.precision);
  return plan({.name = config.name,
               .precision = accel::to_string(precision),
               .device_model = "",
               .bytes = training_bytes(precision),
               .capacity_bytes = config.dram.capacity_bytes,
               .step =
                   [&](const models::Network& net, models::Optimizer optimizer) {
                     return simulate_step(simulator, config, precision, net, optimizer);
                   }},
              run, options);
}

TrainReport plan_training_on_device(const DeviceSpec& device, const RunConfig& run,
                                    const TrainOptions& options) {
  const DevicePrecision chosen = choose_device_precision(
      device, options.device_precision, options.device_precision_by, run.precision);
  const Precision precision = chosen.precision;
  GpuModel model = make_gpu_model(device, precision, options.framework);
  model.precision_basis = chosen.basis;
  std::optional<GpuCollectives> collectives;
  if (options.nccl) {
    if (!device.interconnect)
      throw InputError(input_error_message(
          device.file, 0, "interconnect",
          "the GPUs' interconnect (gpus_per_node, intra_node, intra_node_gb_s, inter_node_gb_s) "
          "for --nccl",
          "none"));
    // Horovod (TensorFlow's graph runtime here) fuses gradients into 64 MiB buffers; PyTorch
    // DDP (eager) buckets them by 25 MiB.
    collectives =
        GpuCollectives{.interconnect = *device.interconnect,
                       .bucket_bytes = options.framework == Framework::Graph ? kHorovodFusionBytes
                                                                             : kDdpBucketBytes};
  }
  return plan(
      {.name = device.name,
       .precision = peak_key(precision),  // as the device file names it
       .device_model = describe(model),
       .bytes = training_bytes(precision),
       .capacity_bytes = static_cast<std::uint64_t>(device.memory_gb.value_or(0) * 1e9),
       .step =
           [&](const models::Network& net, models::Optimizer optimizer) {
             return device_step(device, precision, net, optimizer, options.framework);
           },
       .collectives = collectives,
       .gradient_comm_bytes = options.nccl && options.framework != Framework::None ? 4u : 0u},
      run, options);
}

std::vector<ScalingPoint> scaling_table(accel::Simulator& simulator,
                                        const accel::AcceleratorConfig& config,
                                        const RunConfig& run, const TrainOptions& options) {
  const ParallelSplit target = parse_parallel(options.parallel, options.chips);
  std::vector<ScalingPoint> out;
  double base_throughput = 0;
  for (std::uint64_t dp = 1; dp <= target.dp; dp *= 2) {
    if (run.global_batch && *run.global_batch % dp != 0) break;
    TrainOptions o = options;
    o.chips = dp * target.tp * target.pp;
    o.parallel = "dp=" + std::to_string(dp) + ",tp=" + std::to_string(target.tp) +
                 ",pp=" + std::to_string(target.pp);
    if (options.micro_batch && *run.global_batch / dp % *options.micro_batch != 0) break;
    const TrainReport r = plan_training(simulator, config, run, o);
    const double throughput = 1.0 / r.step.step_s;  // global batches per second
    if (dp == 1) base_throughput = throughput;
    out.push_back({.chips = o.chips,
                   .step_s = r.step.step_s,
                   .time_to_train_s = r.time_to_train_s,
                   .efficiency = ratio(throughput, static_cast<double>(dp) * base_throughput),
                   .communication_share = r.communication_share()});
  }
  return out;
}

}  // namespace headroom::sim
