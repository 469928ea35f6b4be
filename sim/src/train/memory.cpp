// SPDX-License-Identifier: MIT
#include <cstdint>
#include <string>

#include "headroom/sim/byte_text.hpp"
#include "headroom/sim/train_memory.hpp"

namespace headroom::sim {

namespace {
constexpr std::uint64_t kFp32Bytes = 4;

std::string gigabytes(std::uint64_t bytes) { return format_bytes(static_cast<double>(bytes)); }
}  // namespace

std::uint64_t optimizer_state_tensors(models::Optimizer optimizer) {
  switch (optimizer) {
    case models::Optimizer::Sgd:
      return 0;
    case models::Optimizer::SgdMomentum:
      return 1;
    case models::Optimizer::Adam:
      return 2;
  }
  return 0;
}

std::uint64_t model_state_bytes_per_parameter(const MemoryInputs& in) {
  const MemoryFootprint f = memory_footprint({.parameters = 1,
                                              .optimizer = in.optimizer,
                                              .compute_bytes = in.compute_bytes,
                                              .mixed_precision = in.mixed_precision});
  return f.model_state_bytes();
}

MemoryFootprint memory_footprint(const MemoryInputs& in) {
  const std::uint64_t p = in.parameters;
  MemoryFootprint f;
  // Mixed precision keeps weights and gradients in the compute type and an FP32 master copy
  // beside the FP32 optimizer state; pure FP32 training has no second copy.
  const std::uint64_t weight_bytes = in.mixed_precision ? in.compute_bytes : kFp32Bytes;
  // ZeRO shards: each replica keeps 1/dp of what its stage partitions (rounded up).
  const std::uint64_t dp = in.data_parallel > 0 ? in.data_parallel : 1;
  auto shard = [&](std::uint64_t bytes, std::uint64_t from_stage) {
    return in.zero_stage >= from_stage ? (bytes + dp - 1) / dp : bytes;
  };
  // The FP32 master copy belongs to the optimizer state (ZeRO Sec. 3.1's K = 12 bytes).
  f.weights_bytes = shard(p * weight_bytes, 3) + shard(in.mixed_precision ? p * kFp32Bytes : 0, 1);
  f.gradients_bytes = shard(p * weight_bytes, 2);
  f.optimizer_bytes = shard(p * kFp32Bytes * optimizer_state_tensors(in.optimizer), 1);
  f.activations_bytes = in.activation_elements * in.compute_bytes * in.micro_batches_in_flight;
  f.workspace_bytes = in.workspace_bytes;
  return f;
}

FitAdvice check_fit(const MemoryFootprint& footprint, std::uint64_t capacity_bytes,
                    std::uint64_t model_parallel, std::uint64_t micro_batch) {
  FitAdvice a;
  if (footprint.total_bytes() <= capacity_bytes) return a;
  a.fits = false;
  const std::uint64_t states = footprint.model_state_bytes();
  const std::uint64_t per_example = footprint.activations_bytes / (micro_batch ? micro_batch : 1);
  // The workspace stays whatever the split or micro-batch: it comes off the capacity first.
  const std::uint64_t room =
      capacity_bytes > footprint.workspace_bytes ? capacity_bytes - footprint.workspace_bytes : 0;
  if (states < room && per_example > 0) a.max_micro_batch = (room - states) / per_example;
  constexpr std::uint64_t kMaxDegree = std::uint64_t{1} << 24;
  a.min_model_parallel = 0;
  for (std::uint64_t n = model_parallel; n <= kMaxDegree; n *= 2) {
    if (states * model_parallel / n + per_example <= room) {
      a.min_model_parallel = n;
      break;
    }
  }
  a.message = "needs " + gigabytes(footprint.total_bytes()) + " per chip (model states " +
              gigabytes(states) + ", activations " + gigabytes(footprint.activations_bytes) +
              (footprint.workspace_bytes > 0 ? ", workspace " + gigabytes(footprint.workspace_bytes)
                                             : std::string()) +
              "), the chip has " + gigabytes(capacity_bytes) + ";";
  if (a.max_micro_batch > 0)
    a.message += " a micro-batch of at most " + std::to_string(a.max_micro_batch) + " fits;";
  if (a.min_model_parallel > model_parallel)
    a.message += " splitting the model over tp x pp >= " + std::to_string(a.min_model_parallel) +
                 " chips fits one example;";
  if (per_example >= room)
    a.message +=
        " one example's activations (" + gigabytes(per_example) + ") alone exceed the chip;";
  else if (a.max_micro_batch == 0 && a.min_model_parallel == 0)
    a.message += " no split up to " + std::to_string(kMaxDegree) + " chips fits;";
  a.message.pop_back();
  return a;
}

}  // namespace headroom::sim
