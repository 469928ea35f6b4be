// SPDX-License-Identifier: MIT
// MACs, vector ops, parameters and element counts per layer kind. Bias adds ride on the MAC
// accumulation and are not counted as vector ops (the convention of networks.csv).
#include <type_traits>

#include "headroom/models/checked.hpp"
#include "headroom/models/layer.hpp"

namespace headroom::models {

namespace {

// Element-wise operations per hidden unit per timestep, counted from the cell equations:
// vanilla h = act(Wx + Uh + b): add, activation. LSTM (Hochreiter & Schmidhuber; Graves 2013
// form): add of the two GEMM results for 4 gates (4), 3 sigmoids + 1 tanh (4),
// c = f*c + i*g (3), h = o*tanh(c) (2) -> 13. GRU (Cho et al. 2014): 3 adds, 2 sigmoids,
// r*(Uh) (1), tanh (1), h = (1-z)*n + z*h (4) -> 11.
std::uint64_t recurrent_ops_per_unit(RecurrentCell cell) {
  switch (cell) {
    case RecurrentCell::Vanilla:
      return 2;
    case RecurrentCell::Lstm:
      return 13;
    case RecurrentCell::Gru:
      return 11;
  }
  return 0;
}

// Per element: batch norm x*scale + shift with statistics folded (2) plus mean/variance
// accumulation (2) as in training; layer norm always computes its statistics: sum, square,
// sum, subtract, multiply by rsqrt, scale, shift (7).
std::uint64_t norm_ops_per_element(NormKind kind) { return kind == NormKind::Batch ? 4 : 7; }

// Per element: running max, subtract, exp, running sum, divide (the numerically safe softmax).
constexpr std::uint64_t kSoftmaxOpsPerElement = 5;

// Every product goes through checked_product: a count that needs more than 64 bits is an error.
constexpr const char* kMacs = "MACs";
constexpr const char* kVectorOps = "vector operations";
constexpr const char* kParameters = "parameters";
constexpr const char* kInputs = "input elements";
constexpr const char* kOutputs = "output elements";

LayerCounts count(const Conv2d& c, std::uint64_t b) {
  const std::uint64_t k = checked_product(kParameters, c.kernel_h, c.kernel_w,
                                          c.groups == 0 ? 0 : c.in_channels / c.groups);
  const std::uint64_t out = checked_product(kOutputs, c.out_channels, c.out_h(), c.out_w());
  LayerCounts r;
  r.weight_elements = checked_product(kParameters, k, c.out_channels);
  r.parameters = checked_add(r.weight_elements, c.bias ? c.out_channels : 0, kParameters);
  r.macs = checked_product(kMacs, b, out, k);
  r.input_elements = checked_product(kInputs, b, c.in_channels, c.in_h, c.in_w);
  r.output_elements = checked_product(kOutputs, b, out);
  return r;
}

LayerCounts count(const Dense& d, std::uint64_t b) {
  LayerCounts r;
  r.weight_elements = checked_product(kParameters, d.in_features, d.out_features);
  r.parameters =
      d.weights_tied ? 0 : checked_add(r.weight_elements, d.bias ? d.out_features : 0, kParameters);
  r.macs = checked_product(kMacs, b, d.rows, d.in_features, d.out_features);
  r.input_elements = checked_product(kInputs, b, d.rows, d.in_features);
  r.output_elements = checked_product(kOutputs, b, d.rows, d.out_features);
  return r;
}

LayerCounts count(const BatchMatmul& m, std::uint64_t b) {
  LayerCounts r;
  r.macs = checked_product(kMacs, b, m.heads, m.m, m.n, m.k);
  r.input_elements = checked_product(
      kInputs, b, m.heads,
      checked_add(checked_product(kInputs, m.m, m.k), checked_product(kInputs, m.k, m.n), kInputs));
  r.output_elements = checked_product(kOutputs, b, m.heads, m.m, m.n);
  return r;
}

LayerCounts count(const Recurrent& l, std::uint64_t b) {
  const std::uint64_t per_dir = checked_product(
      kParameters, l.gates(), l.hidden_size, checked_add(l.input_size, l.hidden_size, kParameters));
  LayerCounts r;
  r.weight_elements = checked_product(kParameters, l.directions(), per_dir);
  r.parameters = checked_add(
      r.weight_elements,
      l.bias ? checked_product(kParameters, l.directions(), l.gates(), l.hidden_size) : 0,
      kParameters);
  r.macs = checked_product(kMacs, b, l.steps, r.weight_elements);
  r.vector_ops = checked_product(kVectorOps, b, l.steps, l.directions(), l.hidden_size,
                                 recurrent_ops_per_unit(l.cell));
  r.input_elements = checked_product(kInputs, b, l.steps, l.input_size);
  r.output_elements = checked_product(kOutputs, b, l.steps, l.directions(), l.hidden_size);
  return r;
}

LayerCounts count(const Pool& p, std::uint64_t b) {
  const std::uint64_t window = p.kind == PoolKind::GlobalAverage
                                   ? checked_product(kVectorOps, p.in_h, p.in_w)
                                   : checked_product(kVectorOps, p.kernel_h, p.kernel_w);
  LayerCounts r;
  r.output_elements = checked_product(kOutputs, b, p.channels, p.out_h(), p.out_w());
  r.vector_ops = checked_product(kVectorOps, r.output_elements, window);
  r.input_elements = checked_product(kInputs, b, p.channels, p.in_h, p.in_w);
  return r;
}

LayerCounts count(const Elementwise& e, std::uint64_t b) {
  LayerCounts r;
  r.output_elements = checked_product(kOutputs, b, e.elements);
  r.vector_ops = checked_product(kVectorOps, r.output_elements, e.ops_per_element);
  r.input_elements = checked_product(kInputs, r.output_elements, e.operands);
  r.parameters = e.parameters;
  r.weight_elements = e.parameters;
  return r;
}

LayerCounts count(const Norm& n, std::uint64_t b) {
  LayerCounts r;
  r.parameters = checked_product(kParameters, 2, n.features);
  r.weight_elements = r.parameters;
  r.output_elements = checked_product(kOutputs, b, n.elements);
  r.input_elements = r.output_elements;
  r.vector_ops = checked_product(kVectorOps, r.output_elements, norm_ops_per_element(n.kind));
  return r;
}

LayerCounts count(const Softmax& s, std::uint64_t b) {
  LayerCounts r;
  r.output_elements = checked_product(kOutputs, b, s.rows, s.width);
  r.input_elements = r.output_elements;
  r.vector_ops = checked_product(kVectorOps, r.output_elements, kSoftmaxOpsPerElement);
  return r;
}

LayerCounts count(const Embedding& e, std::uint64_t b) {
  LayerCounts r;
  r.weight_elements = checked_product(kParameters, e.vocab, e.dim);
  r.parameters = e.weights_tied ? 0 : r.weight_elements;
  r.input_elements = checked_product(kInputs, b, e.tokens);  // token ids
  r.output_elements = checked_product(kOutputs, b, e.tokens, e.dim);
  return r;
}

LayerCounts count(const ExplicitGemm& g, std::uint64_t b) {
  LayerCounts r;
  r.macs = checked_mul(b, g.shape.macs(), kMacs);
  r.weight_elements = checked_mul(g.shape.count, g.shape.b_elements(), kParameters);
  r.parameters = r.weight_elements;
  r.input_elements = checked_product(kInputs, b, g.shape.count, g.shape.a_elements());
  r.output_elements = checked_product(kOutputs, b, g.shape.count, g.shape.c_elements());
  return r;
}

}  // namespace

LayerCounts Layer::counts(std::uint64_t batch) const {
  try {
    return std::visit([batch](const auto& p) { return count(p, batch); }, params);
  } catch (const CountOverflow& e) {
    throw CountOverflow("layer " + name + ": " + e.what());
  }
}

}  // namespace headroom::models
