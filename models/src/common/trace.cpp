// SPDX-License-Identifier: MIT
#include "headroom/models/trace.hpp"

namespace headroom::models {

const char* to_string(Phase p) {
  switch (p) {
    case Phase::Forward:
      return "forward";
    case Phase::BackwardData:
      return "backward_data";
    case Phase::BackwardWeight:
      return "backward_weight";
    case Phase::Update:
      return "update";
  }
  return "?";
}

const char* to_string(VectorKind k) {
  switch (k) {
    case VectorKind::Elementwise:
      return "elementwise";
    case VectorKind::Activation:
      return "activation";
    case VectorKind::Pool:
      return "pool";
    case VectorKind::Norm:
      return "norm";
    case VectorKind::Softmax:
      return "softmax";
    case VectorKind::Embedding:
      return "embedding";
    case VectorKind::OptimizerUpdate:
      return "optimizer_update";
  }
  return "?";
}

}  // namespace headroom::models
