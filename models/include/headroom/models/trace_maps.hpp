// SPDX-License-Identifier: MIT
// The maps a trace op reads and writes, by element count: the trace is a sequence of ops without
// tensor names, so the inter-layer reuse passes (fuse.cpp, depth_first.cpp) match maps by size,
// and the accelerator's planner counts what must fit or stay on chip (on_chip_fit.cpp,
// parameter_cache.cpp).
#pragma once

#include <cstdint>

#include "headroom/models/checked.hpp"
#include "headroom/models/trace.hpp"

namespace headroom::models {

// Elements of an op's output.
inline std::uint64_t output_elements(const TraceOp& op) {
  return op.kind == TraceOp::Kind::Gemm
             ? checked_mul(op.gemm.c_elements(), op.gemm.count, "GEMM outputs")
             : op.vector.elements;
}

// Elements of a GEMM's weights (its B operand); 0 for a vector op.
inline std::uint64_t weight_elements(const TraceOp& op) {
  return op.kind == TraceOp::Kind::Gemm
             ? checked_mul(op.gemm.b_elements(), op.gemm.count, "GEMM weights")
             : 0;
}

// A residual add: a vector op (not a pooling) that reads more than it writes.
inline bool reads_second_operand(const TraceOp& op) {
  return op.kind == TraceOp::Kind::Vector && op.vector.kind != VectorKind::Pool &&
         op.vector.input_elements > op.vector.elements;
}

// The input an op reads from the op before it: a GEMM's A operand as DRAM delivers it, a
// two-operand op's map of its own size (the other operand is separate).
inline std::uint64_t main_input_elements(const TraceOp& op) {
  if (op.kind == TraceOp::Kind::Gemm)
    return checked_mul(op.gemm.a_elements(), op.gemm.count, "GEMM inputs");
  return reads_second_operand(op) ? op.vector.elements : op.vector.input_elements;
}

}  // namespace headroom::models
