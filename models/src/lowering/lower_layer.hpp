// SPDX-License-Identifier: MIT
// Forward ops of one layer, shared by the inference and training lowerings.
#pragma once

#include <cstdint>
#include <vector>

#include "headroom/models/layer.hpp"
#include "headroom/models/trace.hpp"

namespace headroom::models::detail {

// A forward GEMM and whether its B operand is a weight (else both operands are activations).
struct ForwardGemm {
  GemmShape shape;
  bool b_is_weight = true;
  // False for the input GEMM of a network's first recurrent/dense layer: no gradient is needed
  // w.r.t. the network input. The recurrent GEMM keeps it (backprop through time).
  bool a_is_layer_input = true;
};

struct LoweredLayer {
  std::vector<ForwardGemm> gemms;
  std::vector<VectorShape> vectors;
};

LoweredLayer lower_layer(const Layer& layer, std::uint64_t batch);

}  // namespace headroom::models::detail
