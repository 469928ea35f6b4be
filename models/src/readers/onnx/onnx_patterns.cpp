// SPDX-License-Identifier: MIT
// Facts about the whole graph, found before any node is lowered: the batch, what one example
// is, and the LayerNorm and attention patterns whose nodes become one layer or get a role.
#include <algorithm>
#include <filesystem>

#include "onnx_lowering.hpp"

namespace headroom::models::onnx_import {

// The leading dim of the first data input, except where it feeds a sequence-first recurrent
// layer (ONNX LSTM/GRU/RNN default layout: seq x batch x features).
std::uint64_t Lowering::leading_batch() const {
  const std::string& input = g_.data_inputs.front();
  const TensorInfo* t = g_.info(input);
  if (!t || !t->known() || t->dims.empty()) return 1;
  std::size_t at = 0;
  for (const int c : consumers(input)) {
    const auto& op = g_.node(c).op_type();
    if ((op == "LSTM" || op == "GRU" || op == "RNN") && attr_i(g_.node(c), "layout", 0) == 0 &&
        t->dims.size() == 3)
      at = 1;
  }
  return std::max<std::uint64_t>(1, static_cast<std::uint64_t>(t->dims[at]));
}

NetworkInfo Lowering::info() const {
  NetworkInfo i;
  i.name = std::filesystem::path(g_.path).stem().string();
  i.batch = batch_ * g_.batch_scale;
  const TensorInfo* t = g_.info(g_.data_inputs.front());
  const Dims d = t && t->known() ? t->dims : Dims{};
  const bool ids = t && !floating(t->elem_type) && d.size() == 2;
  if (ids) {
    i.unit_of_work = "token";
    i.units_per_item = static_cast<std::uint64_t>(d[1]);
    i.input = "sequence of " + std::to_string(d[1]) + " tokens";
  } else {
    i.unit_of_work = d.size() == 4 ? "image" : "example";
    Dims item = d;
    if (item.size() > 1) item.erase(item.begin());
    i.input = join(item);
  }
  if (g_.data_inputs.size() > 1)
    i.input += " (+" + std::to_string(g_.data_inputs.size() - 1) + " more inputs)";
  return i;
}

// ReduceMean, Sub, Pow, ReduceMean, Add(eps), Sqrt, Div, Mul(gamma), Add(beta): LayerNorm as
// exported at opset < 17. Fused into one Norm layer.
void Lowering::find_layer_norms() {
  for (const int i : g_.order) {
    const auto& rm = g_.node(i);
    if (rm.op_type() != "ReduceMean" || is_static(rm.output(0))) continue;
    const std::string x = rm.input(0);
    const auto sub = only_consumer(rm.output(0), "Sub");
    if (!sub || g_.node(*sub).input(0) != x) continue;
    const std::string d = g_.node(*sub).output(0);
    std::optional<int> pow, div;
    for (const int c : consumers(d)) {
      if (g_.node(c).op_type() == "Pow") pow = c;
      if (g_.node(c).op_type() == "Div" && g_.node(c).input(0) == d) div = c;
    }
    if (!pow || !div || consumers(d).size() != 2) continue;
    const auto rm2 = only_consumer(g_.node(*pow).output(0), "ReduceMean");
    if (!rm2) continue;
    const auto eps = only_consumer(g_.node(*rm2).output(0), "Add");
    if (!eps) continue;
    const auto sqrt = only_consumer(g_.node(*eps).output(0), "Sqrt");
    if (!sqrt || g_.node(*div).input(1) != g_.node(*sqrt).output(0)) continue;
    const auto mul = only_consumer(g_.node(*div).output(0), "Mul");
    if (!mul) continue;
    const auto add = only_consumer(g_.node(*mul).output(0), "Add");
    if (!add) continue;
    const std::string gamma = other_input(*mul, g_.node(*div).output(0));
    const std::string beta = other_input(*add, g_.node(*mul).output(0));
    if (!is_static(gamma) || !is_static(beta)) continue;
    const Dims& xd = dims(x, i);
    const std::uint64_t features = static_cast<std::uint64_t>(xd.back());
    Norm n{NormKind::Layer, per_example(product(xd), x, i), features};
    (void)take_params({gamma, beta});
    emit_at_[i] = Layer{layer_name(i), n};
    for (const int f : {*sub, *pow, *div, *rm2, *eps, *sqrt, *mul, *add}) fused_.insert(f);
  }
}

// A Softmax between two activation x activation MatMuls is attention: the one before computes
// the scores (QK^T, through scaling and masking ops), the one after applies them (AV).
void Lowering::find_attention() {
  static const std::set<std::string> kBetween = {"Mul", "Div", "Add", "Sub", "Where", "Cast"};
  static const std::set<std::string> kAfter = {"Dropout", "Cast", "Identity"};
  for (const int s : g_.order) {
    if (g_.node(s).op_type() != "Softmax") continue;
    std::string t = g_.node(s).input(0);
    std::optional<int> scores;
    while (const auto p = producer(t)) {
      const auto& n = g_.node(*p);
      if (n.op_type() == "MatMul") {
        if (!is_static(n.input(0)) && !is_static(n.input(1))) scores = *p;
        break;
      }
      if (!kBetween.contains(n.op_type())) break;
      // Follow the full-size operand; a mask broadcast into the scores is smaller.
      const TensorInfo* out = g_.info(n.output(0));
      std::vector<std::string> live;
      for (const auto& in : n.input()) {
        const TensorInfo* t = g_.info(in);
        const bool full =
            !out || !out->known() || !t || !t->known() || t->elements() == out->elements();
        if (!is_static(in) && full) live.push_back(in);
      }
      if (live.size() != 1) break;
      t = live[0];
    }
    t = g_.node(s).output(0);
    std::optional<int> context;
    for (;;) {
      const auto c = consumers(t);
      if (c.size() != 1) break;
      const auto& n = g_.node(c[0]);
      if (n.op_type() == "MatMul" && n.input(0) == t && !is_static(n.input(1))) {
        context = c[0];
        break;
      }
      if (!kAfter.contains(n.op_type())) break;
      t = n.output(0);
    }
    if (scores && context) {
      roles_[*scores] = AttentionRole::Scores;
      roles_[*context] = AttentionRole::Context;
    }
  }
}

}  // namespace headroom::models::onnx_import
