// SPDX-License-Identifier: MIT
// The vector unit: `lanes` operations per cycle (docs/accelerator-model.md, "Vector unit").
#include <algorithm>

#include "tiling/plan.hpp"

namespace headroom::accel {

bool fusable(models::VectorKind kind) {
  // Element-wise work can consume a GEMM's outputs as they drain from the array. Pooling,
  // normalization and softmax need a window, a whole row or statistics over it first.
  return kind == models::VectorKind::Elementwise || kind == models::VectorKind::Activation;
}

bool fused_pool(const AcceleratorConfig& config, const models::TraceOp& op) {
  return op.fused && op.vector.kind == models::VectorKind::Pool && config.post_processing.pooling;
}

bool in_post_processing(const AcceleratorConfig& config, const models::TraceOp& op, bool fused) {
  return fused && op.fused && config.post_processing.elements_per_cycle > 0;
}

OpPlan plan_vector(const AcceleratorConfig& config, const models::TraceOp& op, Precision precision,
                   bool fused, std::uint64_t fused_after, std::uint64_t stage_before) {
  const auto& v = op.vector;
  const ElementSize bpe = element_size(precision);
  OpPlan plan;
  OpStats& s = plan.stats;
  s.layer = op.layer;
  s.phase = op.phase;
  s.kind = op.kind;
  s.vector_ops = v.ops;
  s.behind_gemm = fused;
  // The inference graph's fused ops go through the output stage, when there is one, at its rate
  // per element taken in (all of an element's ops pipelined), not the lanes'.
  const std::uint64_t stage = config.post_processing.elements_per_cycle;
  const bool in_stage = in_post_processing(config, op, fused);
  // No vector unit (e.g. a SCALE-Sim array-only config): like SCALE-Sim, the op is not timed.
  const std::uint64_t lanes = config.vector.lanes;
  if (lanes == 0 && !in_stage) return plan;
  const std::uint64_t taken_in = v.kind == models::VectorKind::Pool ? v.input_elements : v.elements;
  // Each output takes at least one lane-cycle, so data movement (embedding) is not free.
  // In the stage, an element passes every op of the chain in one go (NVDLA's SDP runs bias,
  // BatchNorm, add and ReLU in its sub-units X1, X2, Y in series, then PDP pools): the chain takes
  // as long as its longest op, so this op adds only its time beyond the earlier ops'.
  const std::uint64_t own = in_stage ? (taken_in + stage - 1) / stage : 0;
  const std::uint64_t busy = in_stage ? own - std::min(own, stage_before)
                                      : (std::max(v.ops, v.elements) + lanes - 1) / lanes;
  plan.vector_busy_cycles = busy;
  if (fused) {
    // Pipelined behind the GEMM: only the part longer than the GEMM shows. Its input is the
    // GEMM's output still on chip; a second operand (a residual) still comes from DRAM, and the
    // result leaves with the GEMM's write-back.
    Step st;
    st.compute_cycles = busy > fused_after ? busy - fused_after : 0;
    // A pooling window reads only the GEMM's output, however many inputs each output has.
    const bool second_operand = v.kind != models::VectorKind::Pool && v.input_elements > v.elements;
    st.read_bytes = second_operand ? bpe.bytes(v.input_elements - v.elements) : 0;
    plan.steps.push_back(st);
  } else {
    // Streamed through the ifmap buffer in chunks that fit its half. Beyond kMaxVectorSteps
    // chunks, consecutive chunks are merged into one step (an LLM's softmax at a large batch
    // has tens of millions); the merged steps sum the chunks' shares exactly.
    const std::uint64_t cap =
        std::max<std::uint64_t>(1, bpe.elements_in(buffer_budget(config.sram).ifmap));
    const std::uint64_t chunks = std::max<std::uint64_t>(1, (v.input_elements + cap - 1) / cap);
    const std::uint64_t steps = std::min(chunks, kMaxVectorSteps);
    __extension__ using U128 = unsigned __int128;
    for (std::uint64_t i = 0; i < steps; ++i) {
      const U128 from = static_cast<U128>(chunks) * i / steps;
      const U128 to = static_cast<U128>(chunks) * (i + 1) / steps;
      // The elements of chunks [from, to): cumulative shares, in 128 bits so they cannot wrap.
      auto share = [&](std::uint64_t total) {
        return static_cast<std::uint64_t>(total * to / chunks - total * from / chunks);
      };
      plan.steps.push_back(
          {bpe.bytes(share(v.input_elements)), share(busy), bpe.bytes(share(v.elements))});
    }
  }
  for (const auto& st : plan.steps) {
    s.dram_read_bytes += st.read_bytes;
    s.dram_write_bytes += st.write_bytes;
    s.compute_cycles += st.compute_cycles;
  }
  return plan;
}

}  // namespace headroom::accel
