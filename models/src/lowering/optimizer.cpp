// SPDX-License-Identifier: MIT
#include "headroom/models/lowering.hpp"

namespace headroom::models {

// Arithmetic per parameter, from the update rules:
// SGD w -= lr*g: multiply, subtract (2).
// Momentum (PyTorch SGD form) v = mu*v + g; w -= lr*v: 2 + 2 (4).
// Adam (Kingma & Ba, ICLR 2015, Algorithm 1 with the bias corrections folded into the step size
// as their Sec. 2 suggests): m = b1*m + (1-b1)*g (3), v = b2*v + (1-b2)*g*g (4),
// w -= a_t * m / (sqrt(v) + eps): sqrt, add, divide, multiply, subtract (5) -> 12.
std::uint64_t optimizer_ops_per_parameter(Optimizer optimizer) {
  switch (optimizer) {
    case Optimizer::Sgd:
      return 2;
    case Optimizer::SgdMomentum:
      return 4;
    case Optimizer::Adam:
      return 12;
  }
  return 0;
}

// Weights and gradient, plus one state tensor for momentum, two (m, v) for Adam.
std::uint64_t optimizer_tensors_read(Optimizer optimizer) {
  switch (optimizer) {
    case Optimizer::Sgd:
      return 2;
    case Optimizer::SgdMomentum:
      return 3;
    case Optimizer::Adam:
      return 4;
  }
  return 0;
}

const char* to_string(Optimizer optimizer) {
  switch (optimizer) {
    case Optimizer::Sgd:
      return "sgd";
    case Optimizer::SgdMomentum:
      return "momentum";
    case Optimizer::Adam:
      return "adam";
  }
  return "?";
}

}  // namespace headroom::models
