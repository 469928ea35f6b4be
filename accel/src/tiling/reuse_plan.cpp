// SPDX-License-Identifier: MIT
// Inter-layer reuse (models::keep_on_chip): a map handed on chip from one op to the next is
// neither written to DRAM nor read back; what DRAM still moves is the rest (weights, a residual).
#include <algorithm>

#include "tiling/plan.hpp"

namespace headroom::accel {

namespace {

// Spreads `total` over the steps in proportion to `bytes_of`, keeping the tiles' timing shape.
template <class Member>
void rescale(std::vector<Step>& steps, Member member, std::uint64_t total) {
  std::uint64_t old_total = 0;
  for (const Step& st : steps) old_total += st.*member;
  if (old_total == 0) return;
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

}  // namespace

void apply_on_chip_reuse(OpPlan& plan, const models::TraceOp& op, Precision precision) {
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
        op.kind == models::TraceOp::Kind::Gemm
            ? bytes_for(op.gemm.b_elements() * op.gemm.count, precision)
            : (op.vector.input_elements > op.vector.elements &&
                       op.vector.kind != models::VectorKind::Pool
                   ? bytes_for(op.vector.input_elements - op.vector.elements, precision)
                   : 0);
    rescale(plan.steps, &Step::read_bytes, std::min(rest, s.dram_read_bytes));
  }
  s.dram_read_bytes = 0;
  s.dram_write_bytes = 0;
  for (const Step& st : plan.steps) {
    s.dram_read_bytes += st.read_bytes;
    s.dram_write_bytes += st.write_bytes;
  }
}

}  // namespace headroom::accel
