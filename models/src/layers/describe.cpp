// SPDX-License-Identifier: MIT
// Per-example shapes for listings: CxHxW for images, rows x features for matrices.
#include <string>

#include "headroom/models/layer.hpp"

namespace headroom::models {

namespace {

std::string dims(std::initializer_list<std::uint64_t> d) {
  std::string s;
  for (const auto v : d) s += (s.empty() ? "" : "x") + std::to_string(v);
  return s;
}

struct Describe {
  const char* kind;
  std::string in, out, weights = "-";
};

Describe describe(const Conv2d& c) {
  Describe d{c.groups == 1 ? "conv" : (c.groups == c.in_channels ? "conv_dw" : "conv_grouped"),
             dims({c.in_channels, c.in_h, c.in_w}), dims({c.out_channels, c.out_h(), c.out_w()})};
  d.weights = dims({c.out_channels, c.in_channels / c.groups, c.kernel_h, c.kernel_w});
  if (c.groups > 1) d.weights += " g" + std::to_string(c.groups);
  if (c.stride_h > 1 || c.stride_w > 1) d.weights += " /" + std::to_string(c.stride_h);
  return d;
}

Describe describe(const Dense& l) {
  Describe d{"dense", dims({l.rows, l.in_features}), dims({l.rows, l.out_features})};
  d.weights = dims({l.in_features, l.out_features}) + (l.weights_tied ? " tied" : "");
  return d;
}

Describe describe(const BatchMatmul& m) {
  return {"matmul",
          std::to_string(m.heads) + "x(" + dims({m.m, m.k}) + " . " + dims({m.k, m.n}) + ")",
          dims({m.heads, m.m, m.n})};
}

Describe describe(const Recurrent& r) {
  static constexpr const char* kNames[] = {"rnn", "lstm", "gru"};
  Describe d{kNames[static_cast<int>(r.cell)], dims({r.steps, r.input_size}),
             dims({r.steps, r.directions() * r.hidden_size})};
  d.weights = dims({r.directions(), r.gates() * r.hidden_size, r.input_size + r.hidden_size});
  return d;
}

Describe describe(const Pool& p) {
  static constexpr const char* kNames[] = {"maxpool", "avgpool", "global_avgpool"};
  return {kNames[static_cast<int>(p.kind)], dims({p.channels, p.in_h, p.in_w}),
          dims({p.channels, p.out_h(), p.out_w()})};
}

Describe describe(const Elementwise& e) {
  return {e.kind == VectorKind::Activation ? "activation" : "elementwise",
          std::to_string(e.operands) + "x" + std::to_string(e.elements),
          std::to_string(e.elements)};
}

Describe describe(const Norm& n) {
  Describe d{n.kind == NormKind::Batch ? "batchnorm" : "layernorm", std::to_string(n.elements),
             std::to_string(n.elements)};
  d.weights = dims({2, n.features});
  return d;
}

Describe describe(const Softmax& s) {
  return {"softmax", dims({s.rows, s.width}), dims({s.rows, s.width})};
}

Describe describe(const Embedding& e) {
  Describe d{"embedding", std::to_string(e.tokens), dims({e.tokens, e.dim})};
  d.weights = dims({e.vocab, e.dim});
  return d;
}

Describe describe(const ExplicitGemm& e) {
  const GemmShape& g = e.shape;
  std::string reps = g.count > 1 ? std::to_string(g.count) + "x" : "";
  Describe d{"gemm", reps + dims({g.m, g.k}), reps + dims({g.m, g.n})};
  d.weights = reps + dims({g.k, g.n});
  return d;
}

Describe describe_layer(const Layer& l) {
  return std::visit([](const auto& p) { return describe(p); }, l.params);
}

}  // namespace

const char* Layer::kind_name() const { return describe_layer(*this).kind; }
std::string Layer::input_shape() const { return describe_layer(*this).in; }
std::string Layer::output_shape() const { return describe_layer(*this).out; }
std::string Layer::weight_shape() const { return describe_layer(*this).weights; }

}  // namespace headroom::models
