// SPDX-License-Identifier: MIT
// Lowering a network to the flat trace the accelerator executes (rules in docs/layer-ir.md).
#pragma once

#include <cstdint>

#include "headroom/models/network.hpp"
#include "headroom/models/trace.hpp"

namespace headroom::models {

// Forward pass at the network's batch: convolutions im2col (count = groups), batched matmuls
// count = batch x heads, recurrent layers per-timestep GEMMs, everything else vector ops.
Trace lower_forward(const Network& network);

enum class Optimizer { Sgd, SgdMomentum, Adam };

// Arithmetic ops per parameter of one optimizer update (see optimizer.cpp for the counts' source).
std::uint64_t optimizer_ops_per_parameter(Optimizer optimizer);
// Parameter-sized tensors the update reads: weights, gradient and optimizer state.
std::uint64_t optimizer_tensors_read(Optimizer optimizer);
const char* to_string(Optimizer optimizer);

// One training step: the forward ops, then per layer in reverse order its backward GEMMs
// (activation gradient dX = dY·Wᵀ as GEMM (M, K, N), weight gradient dW = Xᵀ·dY as GEMM (K, N, M))
// and backward vector ops, then the optimizer update over every parameter. The first layer's
// activation gradient is skipped: nothing upstream consumes it.
Trace lower_training_step(const Network& network, Optimizer optimizer);

}  // namespace headroom::models
