// SPDX-License-Identifier: MIT
// ONNX nodes -> layer IR: the walk over the graph, the tensor facts every op needs, and the
// dispatch to onnx_layers.cpp. How each op class is costed is in docs/layer-ir.md ("Imported
// ONNX").
#include <algorithm>

#include "headroom/models/error.hpp"
#include "headroom/models/workload.hpp"
#include "onnx_lowering.hpp"

namespace headroom::models::onnx_import {

Network Lowering::run() {
  batch_ = leading_batch();
  find_layer_norms();
  find_attention();
  for (const int i : g_.order) lower_node(i);
  return Network(info(), std::move(layers_), std::move(skipped_));
}

void Lowering::fail(const std::string& key, const std::string& expected,
                    const std::string& found) const {
  throw InputError(input_error_message(g_.path, 0, key, expected, found));
}

const Dims& Lowering::dims(const std::string& tensor, int node) const {
  const TensorInfo* t = g_.info(tensor);
  const std::optional<int> origin = !t || !t->known() ? skipped_origin(tensor) : std::nullopt;
  if (origin)
    fail("node " + g_.node_label(node),
         "a known shape for tensor '" + tensor + "'; it depends on skipped node " +
             g_.node_label(*origin) +
             ", whose shape ONNX cannot infer (an op Headroom does not map cannot be skipped "
             "when later layers need its output's shape)",
         "no shape");
  if (!t || !t->known())
    fail("node " + g_.node_label(node),
         "a known shape for tensor '" + tensor +
             "' after shape inference (give the graph inputs' shapes with --input-shape "
             "NAME=DIMS or --dim NAME=N)",
         t && t->has_shape ? join(t->dims) + " (? = unknown)" : "no shape");
  return t->dims;
}

// The skipped node an unknown shape comes from, if any: walks back through producers whose
// outputs have no shape either.
std::optional<int> Lowering::skipped_origin(const std::string& tensor) const {
  std::vector<std::string> todo{tensor};
  std::set<std::string> seen;
  while (!todo.empty()) {
    const std::string t = todo.back();
    todo.pop_back();
    if (!seen.insert(t).second) continue;
    const auto p = producer(t);
    if (!p) continue;
    if (skipped_nodes_.contains(*p)) return p;
    for (const auto& in : g_.node(*p).input()) {
      const TensorInfo* i = g_.info(in);
      if (!in.empty() && (!i || !i->known())) todo.push_back(in);
    }
  }
  return std::nullopt;
}

std::uint64_t Lowering::per_example(std::uint64_t total, const std::string& tensor,
                                    int node) const {
  if (total % batch_ != 0)
    fail("node " + g_.node_label(node),
         "tensor '" + tensor + "' to hold a multiple of the batch (" + std::to_string(batch_) +
             ") elements",
         std::to_string(total));
  return total / batch_;
}

const std::set<std::string>& Lowering::sources(const std::string& t) {
  static const std::set<std::string> kNone;
  if (!is_static(t)) return kNone;
  if (const auto it = sources_.find(t); it != sources_.end()) return it->second;
  std::set<std::string> s;
  if (g_.weights.contains(t)) {
    s.insert(t);
  } else if (const auto p = g_.producer.find(t); p != g_.producer.end()) {
    for (const auto& in : g_.node(p->second).input())
      if (!in.empty()) {
        const auto& sub = sources(in);
        s.insert(sub.begin(), sub.end());
      }
  }
  return sources_[t] = std::move(s);
}

// Parameters held by these inputs that no earlier layer counted; marks them counted.
std::uint64_t Lowering::take_params(const std::vector<std::string>& inputs) {
  std::uint64_t p = 0;
  for (const auto& in : inputs)
    for (const auto& w : sources(in)) {
      const TensorInfo* t = g_.info(w);
      if (!t || !t->known() || !floating(t->elem_type) || counted_.contains(w)) continue;
      counted_.insert(w);
      p += t->elements();
    }
  return p;
}

bool Lowering::all_counted(const std::string& input) {
  const auto& s = sources(input);
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [this](const std::string& w) { return counted_.contains(w); });
}

std::vector<int> Lowering::consumers(const std::string& t) const {
  const auto it = g_.consumers.find(t);
  return it == g_.consumers.end() ? std::vector<int>{} : it->second;
}

std::optional<int> Lowering::only_consumer(const std::string& t, const std::string& op) const {
  const auto c = consumers(t);
  if (c.size() != 1 || g_.node(c[0]).op_type() != op) return std::nullopt;
  return c[0];
}

std::string Lowering::layer_name(int i) const {
  const auto& n = g_.node(i);
  return n.name().empty() ? n.op_type() + "_" + std::to_string(i) : n.name();
}

std::string Lowering::other_input(int node, const std::string& one) const {
  const auto& n = g_.node(node);
  if (n.input_size() < 2) return "";
  return n.input(0) == one ? n.input(1) : n.input(0);
}

std::optional<int> Lowering::producer(const std::string& t) const {
  const auto it = g_.producer.find(t);
  return it == g_.producer.end() ? std::nullopt : std::optional<int>(it->second);
}

void Lowering::lower_node(int i) {
  if (const auto it = emit_at_.find(i); it != emit_at_.end()) {
    layers_.push_back(it->second);
    return;
  }
  if (fused_.contains(i)) return;
  const auto& n = g_.node(i);
  const std::string& op = n.op_type();
  bool folded = true;  // computed at compile time from constants and shapes
  for (const auto& in : n.input())
    if (!is_static(in)) folded = false;
  if (op == "Shape" || op == "Size") folded = true;
  const bool known_op = zero_cost_ops().contains(op) || unary_ops().contains(op) ||
                        binary_ops().contains(op) || other_ops().contains(op);
  const bool default_domain = n.domain().empty() || n.domain() == "ai.onnx";
  if (!known_op || !default_domain) {
    if (!options_.skip_unsupported)
      fail("node " + g_.node_label(i),
           "an op Headroom maps (" + supported_list() +
               "; or pass --unsupported-ops skip to leave such nodes out)",
           "op type '" + (default_domain ? op : n.domain() + "::" + op) + "'");
    skip(i);
    return;
  }
  if (folded || zero_cost_ops().contains(op)) return;
  if (op == "Conv") return conv(i);
  if (op == "ConvTranspose") return conv_transpose(i);
  if (op == "Gemm") return gemm(i);
  if (op == "MatMul") return matmul(i);
  if (op == "BatchNormalization") return batch_norm(i);
  if (op == "LayerNormalization") return layer_norm(i);
  if (op == "Softmax" || op == "LogSoftmax") return softmax(i);
  if (op == "MaxPool" || op == "AveragePool") return pool(i);
  if (op == "GlobalAveragePool" || op == "GlobalMaxPool") return global_pool(i);
  if (op.starts_with("Reduce") || op == "ArgMax") return reduce(i);
  if (op == "Gather") return gather(i);
  if (op == "LSTM" || op == "GRU" || op == "RNN") return recurrent(i);
  if (op == "Resize" || op == "Upsample") return resize(i);
  if (op == "Transpose") return transpose(i);
  if (op == "Concat" || op == "Pad") return copy(i);
  if (unary_ops().contains(op)) return elementwise(i, VectorKind::Activation, unary_ops().at(op));
  return elementwise(i, VectorKind::Elementwise, 1);
}

void Lowering::skip(int i) {
  const auto& n = g_.node(i);
  std::uint64_t bytes = 0;
  for (const auto& out : n.output()) {
    const TensorInfo* t = g_.info(out);
    if (t && t->known()) bytes += t->elements() * dtype_bytes(t->elem_type);
  }
  skipped_.push_back({layer_name(i), n.op_type(), bytes});
  skipped_nodes_.insert(i);
}

std::vector<std::string> Lowering::inputs_from(int i, int first) const {
  const auto& n = g_.node(i);
  std::vector<std::string> v;
  for (int s = first; s < n.input_size(); ++s) v.push_back(n.input(s));
  return v;
}

bool Lowering::has_input(int i, int slot) const {
  const auto& n = g_.node(i);
  return n.input_size() > slot && !n.input(slot).empty();
}

}  // namespace headroom::models::onnx_import

namespace headroom::models {

Network read_onnx_network(const std::string& path, std::uint64_t batch,
                          const OnnxOptions& options) {
  const onnx_import::Graph g = onnx_import::load_graph(path, batch, options);
  return onnx_import::Lowering(g, batch, options).run();
}

}  // namespace headroom::models
