// SPDX-License-Identifier: MIT
// Training-step expansion. For a forward GEMM C[MxN] = A[MxK]·B[KxN]:
//   activation gradient dA[MxK] = dC[MxN]·Bᵀ[NxK] -> GEMM (M, K, N)
//   weight gradient     dB[KxN] = Aᵀ[KxM]·dC[MxN] -> GEMM (K, N, M)
// so a weight layer costs 2x its forward MACs backward and a step ~3x forward.
#include "headroom/models/checked.hpp"
#include "headroom/models/error.hpp"
#include "headroom/models/lowering.hpp"
#include "lower_layer.hpp"

namespace headroom::models {

namespace {

TraceOp gemm_op(const std::string& layer, Phase phase, GemmShape shape) {
  return {layer, phase, TraceOp::Kind::Gemm, shape, {}};
}

void add_backward_gemms(const std::string& layer, const detail::ForwardGemm& f, bool first_layer,
                        std::vector<TraceOp>& ops) {
  const GemmShape& g = f.shape;
  // Nothing upstream of the first layer consumes the gradient w.r.t. the network's input.
  if (!(first_layer && f.a_is_layer_input))
    ops.push_back(gemm_op(layer, Phase::BackwardData, GemmShape{g.m, g.k, g.n, g.count}));
  // Aᵀ as the A operand: for an im2col conv it still holds only the input map's elements.
  GemmShape w{g.k, g.n, g.m, g.count};
  w.a_unique_elements = g.a_unique_elements;
  // Without weights (attention QKᵀ, AV) the "B" gradient is an activation gradient too.
  const bool needed = f.b_is_weight || !first_layer;
  if (needed)
    ops.push_back(gemm_op(layer, f.b_is_weight ? Phase::BackwardWeight : Phase::BackwardData, w));
}

// Backward of a vector op reads the output gradient and the saved input and writes the input
// gradient; its arithmetic is taken as equal to the forward's (ReLU mask, pooling scatter, norm
// and softmax Jacobian-vector products are all within ~2x of it). An embedding's backward is a
// scatter-add of the output gradient into the table.
TraceOp backward_vector(const std::string& layer, const VectorShape& v) {
  if (v.kind == VectorKind::Embedding)
    return {layer,
            Phase::BackwardWeight,
            TraceOp::Kind::Vector,
            {},
            VectorShape{v.kind, v.elements, v.elements, v.elements}};
  return {layer,
          Phase::BackwardData,
          TraceOp::Kind::Vector,
          {},
          VectorShape{v.kind, v.input_elements, v.ops, v.elements + v.input_elements}};
}

}  // namespace

Trace lower_training_step(const Network& network, Optimizer optimizer) {
  // A trace file is the step as written: its backward and update ops are not derived again.
  if (const LoweredWorkload* w = network.lowered()) {
    if (!w->training)
      throw InputError(input_error_message(
          w->source, 0, "mode",
          "a training trace for --training (write it with `headroom trace --training`)",
          "an inference trace"));
    if (w->optimizer != optimizer)
      throw InputError(input_error_message(
          w->source, 0, "optimizer",
          std::string("the optimizer the trace's update ops were written for, ") +
              to_string(*w->optimizer) + " (run --optimizer " + to_string(*w->optimizer) +
              ", or optimizer: " + to_string(*w->optimizer) + " in a run config)",
          to_string(optimizer)));
    return w->trace;
  }
  Trace t = lower_forward(network);
  const auto& layers = network.layers();
  for (std::size_t i = layers.size(); i-- > 0;) {
    const auto lowered = detail::lower_layer(layers[i], network.batch());
    for (auto v = lowered.vectors.rbegin(); v != lowered.vectors.rend(); ++v)
      t.ops.push_back(backward_vector(layers[i].name, *v));
    for (auto g = lowered.gemms.rbegin(); g != lowered.gemms.rend(); ++g)
      add_backward_gemms(layers[i].name, *g, i == 0, t.ops);
  }
  const std::uint64_t ops = optimizer_ops_per_parameter(optimizer);
  const std::uint64_t reads = optimizer_tensors_read(optimizer);
  for (const auto& layer : layers) {
    const std::uint64_t p = layer.counts(network.batch()).parameters;
    if (p == 0) continue;
    t.ops.push_back(
        {layer.name,
         Phase::Update,
         TraceOp::Kind::Vector,
         {},
         VectorShape{VectorKind::OptimizerUpdate, p, checked_mul(p, ops, "optimizer operations"),
                     checked_mul(p, reads, "optimizer reads")}});
  }
  return t;
}

}  // namespace headroom::models
