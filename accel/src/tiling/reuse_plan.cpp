// SPDX-License-Identifier: MIT
// Inter-layer reuse (models::keep_on_chip): a map handed on chip from one op to the next is
// neither written to DRAM nor read back; what DRAM still moves is the rest (weights, a residual).
// A depth-first chain moves its input, its output and its weights (once or once per band).
#include <algorithm>

#include "headroom/models/trace_maps.hpp"
#include "tiling/plan.hpp"

namespace headroom::accel {

namespace {

// Spreads `total` over the steps in proportion to `bytes_of`, keeping the tiles' timing shape.
template <class Member>
void rescale(std::vector<Step>& steps, Member member, std::uint64_t total) {
  std::uint64_t old_total = 0;
  for (const Step& st : steps) old_total += st.*member;
  if (old_total == 0) {
    if (!steps.empty()) steps.front().*member = total;
    return;
  }
  std::uint64_t done = 0, cumulative = 0;
  for (Step& st : steps) {
    cumulative += st.*member;
    // Cumulative shares sum to `total` exactly, whatever the rounding.
    const auto upto = static_cast<std::uint64_t>(static_cast<long double>(total) *
                                                 static_cast<long double>(cumulative) /
                                                 static_cast<long double>(old_total));
    st.*member = upto - done;
    done = upto;
  }
}

void sum_dram_bytes(OpPlan& plan) {
  OpStats& s = plan.stats;
  s.dram_read_bytes = 0;
  s.dram_write_bytes = 0;
  for (const Step& st : plan.steps) {
    s.dram_read_bytes += st.read_bytes;
    s.dram_write_bytes += st.write_bytes;
  }
}

// A GEMM of a depth-first chain (models::depth_first_chains): the chain's input read once (by
// its first op), its output written once (by its last), every op's weights `weight_passes`
// times; nothing in between. Compute is the op's own, tile by tile, as planned.
void apply_depth_first(OpPlan& plan, const models::TraceOp& op, Precision precision) {
  const models::GemmShape& g = op.gemm;
  const std::uint64_t weights =
      bytes_for(models::weight_elements(op), precision) * op.depth_first.weight_passes;
  const std::uint64_t input = op.input_on_chip ? 0 : bytes_for(g.a_elements() * g.count, precision);
  const std::uint64_t output =
      op.output_on_chip ? 0 : bytes_for(g.c_elements() * g.count, precision);
  rescale(plan.steps, &Step::read_bytes, weights + input);
  rescale(plan.steps, &Step::write_bytes, output);
  OpStats& s = plan.stats;
  s.input_on_chip = op.input_on_chip;
  s.output_on_chip = op.output_on_chip;
  s.depth_first_chain = op.depth_first.chain;
  s.band_rows = op.depth_first.band_rows;
  s.weight_passes = op.depth_first.weight_passes;
  sum_dram_bytes(plan);
}

}  // namespace

void apply_on_chip_reuse(OpPlan& plan, const models::TraceOp& op, Precision precision) {
  if (op.depth_first.chain != 0 && op.kind == models::TraceOp::Kind::Gemm)
    return apply_depth_first(plan, op, precision);
  if (!op.input_on_chip && !op.output_on_chip) return;
  OpStats& s = plan.stats;
  s.input_on_chip = op.input_on_chip;
  s.output_on_chip = op.output_on_chip;
  if (op.output_on_chip)
    for (Step& st : plan.steps) st.write_bytes = 0;
  if (op.input_on_chip) {
    // What is left to read: a GEMM's weights, once (the whole input being on chip, no order
    // needs them twice); a vector op's second operand.
    const std::uint64_t rest =
        op.kind == models::TraceOp::Kind::Gemm ? bytes_for(models::weight_elements(op), precision)
        : models::reads_second_operand(op)
            ? bytes_for(op.vector.input_elements - op.vector.elements, precision)
            : 0;
    rescale(plan.steps, &Step::read_bytes, std::min(rest, s.dram_read_bytes));
  }
  sum_dram_bytes(plan);
}

}  // namespace headroom::accel
