// SPDX-License-Identifier: MIT
#include "headroom/models/network.hpp"

#include <utility>

#include "headroom/models/checked.hpp"

namespace headroom::models {

Network::Network(NetworkInfo info, std::vector<Layer> layers, std::vector<SkippedNode> skipped)
    : info_(std::move(info)), layers_(std::move(layers)), skipped_(std::move(skipped)) {}

Network::Network(NetworkInfo info, LoweredWorkload lowered)
    : info_(std::move(info)),
      skipped_(lowered.trace.skipped),
      lowered_(std::make_shared<const LoweredWorkload>(std::move(lowered))) {}

std::uint64_t Network::examples() const {
  return checked_mul(info_.batch, info_.units_per_item, "examples per batch");
}

std::string Network::input_description() const { return info_.input; }

namespace {

// A trace's totals are its forward ops': GEMM operands as inputs and weights, vector outputs.
LayerCounts lowered_totals(const LoweredWorkload& w) {
  LayerCounts t;
  t.parameters = w.parameters;
  for (const auto& op : w.trace.ops) {
    if (op.phase != Phase::Forward) continue;
    if (op.kind == TraceOp::Kind::Vector) {
      t.vector_ops = checked_add(t.vector_ops, op.vector.ops, "total vector operations");
      t.input_elements =
          checked_add(t.input_elements, op.vector.input_elements, "total input elements");
      t.output_elements =
          checked_add(t.output_elements, op.vector.elements, "total output elements");
      continue;
    }
    const GemmShape& g = op.gemm;
    t.macs = checked_add(t.macs, g.macs(), "total MACs");
    t.input_elements = checked_add(
        t.input_elements, checked_mul(g.a_elements(), g.count, "GEMM inputs"), "total inputs");
    t.weight_elements = checked_add(
        t.weight_elements, checked_mul(g.b_elements(), g.count, "GEMM weights"), "total weights");
    t.output_elements = checked_add(
        t.output_elements, checked_mul(g.c_elements(), g.count, "GEMM outputs"), "total outputs");
  }
  return t;
}

}  // namespace

LayerCounts Network::totals() const {
  if (lowered_) return lowered_totals(*lowered_);
  LayerCounts t;
  for (const auto& l : layers_) {
    const LayerCounts c = l.counts(info_.batch);
    t.macs = checked_add(t.macs, c.macs, "total MACs");
    t.vector_ops = checked_add(t.vector_ops, c.vector_ops, "total vector operations");
    t.parameters = checked_add(t.parameters, c.parameters, "total parameters");
    t.input_elements = checked_add(t.input_elements, c.input_elements, "total input elements");
    t.weight_elements = checked_add(t.weight_elements, c.weight_elements, "total weight elements");
    t.output_elements = checked_add(t.output_elements, c.output_elements, "total output elements");
  }
  return t;
}

std::uint64_t Network::forward_macs() const { return totals().macs; }

std::uint64_t Network::forward_macs_per_example() const {
  return examples() == 0 ? 0 : forward_macs() / examples();
}

std::uint64_t Network::forward_vector_ops() const { return totals().vector_ops; }

std::uint64_t Network::parameters() const { return totals().parameters; }

}  // namespace headroom::models
