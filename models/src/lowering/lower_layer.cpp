// SPDX-License-Identifier: MIT
// Per-kind lowering rules; docs/layer-ir.md explains them with the shapes.
#include "lower_layer.hpp"

#include "headroom/models/checked.hpp"

namespace headroom::models::detail {

namespace {

constexpr const char* kRows = "GEMM operand size";

VectorShape vector_of(const Layer& layer, std::uint64_t batch, VectorKind kind) {
  const LayerCounts c = layer.counts(batch);
  return {kind, c.output_elements, c.vector_ops, c.input_elements};
}

// im2col: every output pixel of every image is a row of A (M = batch*Eh*Ew), every filter of the
// group a column of B (N = filters/groups), K = R*S*C/groups. A has M*K entries but the DRAM sees
// only the group's slice of the input feature maps.
LoweredLayer lower(const Conv2d& c, const Layer&, std::uint64_t b) {
  GemmShape g;
  g.m = checked_product(kRows, b, c.out_h(), c.out_w());
  g.n = c.out_channels / c.groups;
  g.k = checked_product(kRows, c.kernel_h, c.kernel_w, c.in_channels / c.groups);
  g.count = c.groups;
  g.depthwise = c.groups > 1 && c.groups == c.in_channels;
  g.a_unique_elements = checked_product(kRows, b, c.in_channels / c.groups, c.in_h, c.in_w);
  if (g.a_unique_elements >= checked_mul(g.m, g.k, kRows))
    g.a_unique_elements = 0;  // 1x1 stride-1: A is the map
  // An output row's window spans the dilated kernel's height.
  const std::uint64_t window =
      checked_add(checked_mul(c.dilation_h, c.kernel_h - 1, kRows), std::uint64_t{1}, kRows);
  g.rows = {c.in_h, c.in_w, c.in_channels, c.out_h(), c.out_w(), window, c.stride_h};
  return {{{g}}, {}};
}

LoweredLayer lower(const Dense& d, const Layer&, std::uint64_t b) {
  return {{{GemmShape{checked_mul(b, d.rows, kRows), d.out_features, d.in_features}}}, {}};
}

LoweredLayer lower(const BatchMatmul& m, const Layer&, std::uint64_t b) {
  GemmShape g{m.m, m.n, m.k, checked_mul(b, m.heads, kRows)};
  return {{{g, false}}, {}};
}

// One GEMM per timestep and direction for the input projection and for the recurrent one
// (count = steps x directions, M = batch); the gate arithmetic is one vector op.
LoweredLayer lower(const Recurrent& r, const Layer& layer, std::uint64_t b) {
  const std::uint64_t n = checked_mul(r.gates(), r.hidden_size, kRows);
  const std::uint64_t count = checked_mul(r.steps, r.directions(), kRows);
  LoweredLayer out;
  out.gemms.push_back({GemmShape{b, n, r.input_size, count}, true, true});
  out.gemms.push_back({GemmShape{b, n, r.hidden_size, count}, true, false});
  out.vectors.push_back(vector_of(layer, b, VectorKind::Activation));
  return out;
}

LoweredLayer lower(const Pool&, const Layer& layer, std::uint64_t b) {
  return {{}, {vector_of(layer, b, VectorKind::Pool)}};
}
LoweredLayer lower(const Elementwise& e, const Layer& layer, std::uint64_t b) {
  return {{}, {vector_of(layer, b, e.kind)}};
}
LoweredLayer lower(const Norm&, const Layer& layer, std::uint64_t b) {
  return {{}, {vector_of(layer, b, VectorKind::Norm)}};
}
LoweredLayer lower(const Softmax&, const Layer& layer, std::uint64_t b) {
  return {{}, {vector_of(layer, b, VectorKind::Softmax)}};
}
LoweredLayer lower(const Embedding&, const Layer& layer, std::uint64_t b) {
  return {{}, {vector_of(layer, b, VectorKind::Embedding)}};
}

LoweredLayer lower(const ExplicitGemm& e, const Layer&, std::uint64_t b) {
  GemmShape g = e.shape;
  g.m *= b;
  g.a_unique_elements *= b;
  return {{{g}}, {}};
}

}  // namespace

LoweredLayer lower_layer(const Layer& layer, std::uint64_t batch) {
  return std::visit([&](const auto& p) { return lower(p, layer, batch); }, layer.params);
}

}  // namespace headroom::models::detail
