// SPDX-License-Identifier: MIT
// The inference graph a deployment toolchain runs (TensorRT, TFLite, the NVDLA and Edge TPU
// compilers): BatchNorm folded into the weights, the element-wise work after a GEMM done in its
// output stage. Training keeps the naive graph (the backward pass needs every op).
#pragma once

#include <cstdint>

#include "headroom/models/network.hpp"
#include "headroom/models/trace.hpp"

namespace headroom::models {

struct FusionSummary {
  std::uint64_t batchnorms_folded = 0;
  std::uint64_t ops_fused = 0;    // activations, bias, residual adds into a GEMM's output stage
  std::uint64_t pools_fused = 0;  // pooling right after a GEMM (taken where hardware pools)
  std::uint64_t maps_kept_on_chip = 0;  // outputs handed to the next op on chip (keep_on_chip)
};

// Every batch norm directly after a convolution or dense layer, over that layer's output, folded
// into its weights and bias: the norm disappears and the layer gains a bias if it had none
// (y = (Wx + b - mean) * gamma / sigma + beta is one affine map per channel). MACs unchanged.
[[nodiscard]] Network fold_batchnorm(const Network& network, std::uint64_t* folded = nullptr);

// fold_batchnorm, lower_forward, then every activation, bias or element-wise op (a residual
// add) and every pooling that consumes the output of the GEMM just before it (or of an op
// already fused into that GEMM) is marked TraceOp::fused. Ops over a different tensor (a
// squeeze-excite scale, a concatenation) stay separate passes.
[[nodiscard]] Trace lower_inference(const Network& network, FusionSummary* summary = nullptr);

// Inter-layer reuse on an inference trace: marks an op's output to stay on chip
// (TraceOp::output_on_chip, and input_on_chip on its reader) when the next separate op reads
// exactly that map as its main input, that map and the reader's output fit together in
// `activation_bytes` of on-chip buffer, and no later op reads a map of that size as a second
// operand (a residual add, which needs it in DRAM). The trace is a sequence, not a graph: a
// branch other than a residual add (an inception block's other paths) that reads a kept map later
// is still charged its DRAM read. Returns the maps kept.
std::uint64_t keep_on_chip(Trace& trace, std::uint64_t activation_bytes,
                           std::uint32_t bytes_per_element);

}  // namespace headroom::models
