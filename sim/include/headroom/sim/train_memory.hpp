// SPDX-License-Identifier: MIT
// Memory one chip needs to train: model states (weights, gradients, optimizer state) and the
// activations the backward pass reads. Byte counts per parameter follow ZeRO (Rajbhandari et al.,
// "ZeRO: Memory Optimizations Toward Training Trillion Parameter Models", SC20, Sec. 3.1).
#pragma once

#include <cstdint>
#include <string>

#include "headroom/models/lowering.hpp"

namespace headroom::sim {

struct MemoryInputs {
  std::uint64_t parameters = 0;               // held by this chip (after the tp x pp split)
  std::uint64_t activation_elements = 0;      // stored for backward, per micro-batch on this chip
  std::uint64_t micro_batches_in_flight = 1;  // 1F1B keeps up to pp micro-batches alive
  models::Optimizer optimizer = models::Optimizer::Adam;
  std::uint32_t compute_bytes = 2;  // bytes per element of weights/activations in compute
  // BF16/FP16 compute with an FP32 master copy of the weights and FP32 optimizer state
  // (Micikevicius et al., "Mixed Precision Training", ICLR 2018).
  bool mixed_precision = true;
  // ZeRO (Rajbhandari et al., SC20, Sec. 5) / FSDP sharding over the data-parallel degree: stage 1
  // shards the optimizer state (the FP32 master weights with it), 2 the gradients too, 3 the
  // compute copy of the weights too. 0: every replica keeps everything.
  std::uint64_t zero_stage = 0;
  std::uint64_t data_parallel = 1;
  // Library workspace (cuBLAS, cuDNN) and runtime reserve, beside the tensors.
  std::uint64_t workspace_bytes = 0;
};

struct MemoryFootprint {
  std::uint64_t weights_bytes = 0;  // compute copy + FP32 master copy when mixed
  std::uint64_t gradients_bytes = 0;
  std::uint64_t optimizer_bytes = 0;
  std::uint64_t activations_bytes = 0;
  std::uint64_t workspace_bytes = 0;
  [[nodiscard]] std::uint64_t model_state_bytes() const {
    return weights_bytes + gradients_bytes + optimizer_bytes;
  }
  [[nodiscard]] std::uint64_t total_bytes() const {
    return model_state_bytes() + activations_bytes + workspace_bytes;
  }
};

// Optimizer state tensors per parameter: SGD 0, momentum 1, Adam 2 (first and second moment).
[[nodiscard]] std::uint64_t optimizer_state_tensors(models::Optimizer optimizer);

// Bytes of model state per parameter: 16 for Adam in mixed precision (ZeRO Sec. 3.1: 2 + 2 + 12).
[[nodiscard]] std::uint64_t model_state_bytes_per_parameter(const MemoryInputs& in);

[[nodiscard]] MemoryFootprint memory_footprint(const MemoryInputs& in);

struct FitAdvice {
  bool fits = true;
  // When it does not fit: the smallest model-parallel degree (tp x pp, a power of two) whose
  // model-state share fits beside one example's activations, and the largest micro-batch that
  // fits at the current split (0 when even one example does not).
  std::uint64_t min_model_parallel = 1;
  std::uint64_t max_micro_batch = 0;
  std::string message{};  // empty when it fits
};

// `model_parallel` (tp x pp) and `micro_batch` are the split and micro-batch `footprint` was
// computed at; activations are taken to scale linearly with the micro-batch.
[[nodiscard]] FitAdvice check_fit(const MemoryFootprint& footprint, std::uint64_t capacity_bytes,
                                  std::uint64_t model_parallel, std::uint64_t micro_batch);

}  // namespace headroom::sim
