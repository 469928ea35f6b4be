// SPDX-License-Identifier: MIT
// ONNX nodes -> layer IR. How each op class is costed is in docs/layer-ir.md ("Imported ONNX").
#include <algorithm>
#include <filesystem>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <tuple>

#include "headroom/models/error.hpp"
#include "headroom/models/workload.hpp"
#include "onnx_graph.hpp"

namespace headroom::models {

namespace {

using onnx_import::Graph;
using onnx_import::TensorInfo;
using Dims = std::vector<std::int64_t>;

// Element-wise ops per output element. Cheap arithmetic and comparisons are 1; sigmoid-like
// functions exp, add, divide (3); GELU as the zoo counts it (tanh form, 8); HardSwish
// add, clamp (2), multiply, divide -> 5; Clip is two compares.
const std::map<std::string, std::uint64_t>& unary_ops() {
  static const std::map<std::string, std::uint64_t> k = {
      {"Relu", 1},     {"LeakyRelu", 2},  {"PRelu", 2}, {"Clip", 2},      {"Sigmoid", 3},
      {"Tanh", 3},     {"Erf", 3},        {"Gelu", 8},  {"HardSwish", 5}, {"HardSigmoid", 3},
      {"Softplus", 3}, {"Elu", 3},        {"Selu", 3},  {"Exp", 1},       {"Log", 1},
      {"Sqrt", 1},     {"Reciprocal", 1}, {"Neg", 1},   {"Abs", 1},       {"Not", 1},
      {"Floor", 1},    {"Ceil", 1},       {"Round", 1}, {"Sign", 1}};
  return k;
}

const std::set<std::string>& binary_ops() {
  static const std::set<std::string> k = {
      "Add",  "Sub",     "Mul", "Div", "Pow", "Where", "Max",  "Min",         "Equal",
      "Less", "Greater", "And", "Or",  "Mod", "Sum",   "Mean", "LessOrEqual", "GreaterOrEqual"};
  return k;
}

// Shape and layout ops that move no data in an inference engine (views, metadata, constants).
const std::set<std::string>& zero_cost_ops() {
  static const std::set<std::string> k = {
      "Reshape",  "Flatten",         "Squeeze", "Unsqueeze", "Slice",   "Split", "Shape", "Size",
      "Constant", "ConstantOfShape", "Expand",  "Identity",  "Dropout", "Cast",  "Range"};
  return k;
}

const std::set<std::string>& other_ops() {
  static const std::set<std::string> k = {"Conv",
                                          "ConvTranspose",
                                          "Gemm",
                                          "MatMul",
                                          "BatchNormalization",
                                          "LayerNormalization",
                                          "Softmax",
                                          "LogSoftmax",
                                          "MaxPool",
                                          "AveragePool",
                                          "GlobalAveragePool",
                                          "GlobalMaxPool",
                                          "Gather",
                                          "LSTM",
                                          "GRU",
                                          "RNN",
                                          "Resize",
                                          "Upsample",
                                          "Transpose",
                                          "Concat",
                                          "Pad",
                                          "ReduceMean",
                                          "ReduceSum",
                                          "ReduceMax",
                                          "ReduceMin",
                                          "ReduceSumSquare",
                                          "ReduceL2",
                                          "ArgMax"};
  return k;
}

std::string supported_list() {
  std::set<std::string> all = zero_cost_ops();
  for (const auto& [k, v] : unary_ops()) all.insert(k);
  all.insert(binary_ops().begin(), binary_ops().end());
  all.insert(other_ops().begin(), other_ops().end());
  std::string s;
  for (const auto& o : all) s += (s.empty() ? "" : " ") + o;
  return s;
}

std::uint64_t dtype_bytes(int t) {
  switch (t) {
    case onnx::TensorProto_DataType_DOUBLE:
    case onnx::TensorProto_DataType_INT64:
    case onnx::TensorProto_DataType_UINT64:
      return 8;
    case onnx::TensorProto_DataType_FLOAT16:
    case onnx::TensorProto_DataType_BFLOAT16:
    case onnx::TensorProto_DataType_INT16:
    case onnx::TensorProto_DataType_UINT16:
      return 2;
    case onnx::TensorProto_DataType_INT8:
    case onnx::TensorProto_DataType_UINT8:
    case onnx::TensorProto_DataType_BOOL:
      return 1;
    default:
      return 4;
  }
}

bool floating(int t) {
  return t == onnx::TensorProto_DataType_FLOAT || t == onnx::TensorProto_DataType_FLOAT16 ||
         t == onnx::TensorProto_DataType_BFLOAT16 || t == onnx::TensorProto_DataType_DOUBLE;
}

std::string join(const Dims& d) {
  std::string s;
  for (const auto v : d) s += (s.empty() ? "" : "x") + std::to_string(v);
  return s;
}

std::uint64_t product(const Dims& d, std::size_t from = 0, std::size_t to = SIZE_MAX) {
  to = std::min(to, d.size());
  if (from >= to) return 1;
  return std::accumulate(
      d.begin() + static_cast<std::ptrdiff_t>(from), d.begin() + static_cast<std::ptrdiff_t>(to),
      std::uint64_t{1},
      [](std::uint64_t a, std::int64_t v) { return a * static_cast<std::uint64_t>(v); });
}

const onnx::AttributeProto* attr(const onnx::NodeProto& n, const std::string& name) {
  for (const auto& a : n.attribute())
    if (a.name() == name) return &a;
  return nullptr;
}

std::int64_t attr_i(const onnx::NodeProto& n, const std::string& name, std::int64_t def) {
  const auto* a = attr(n, name);
  return a ? a->i() : def;
}

std::vector<std::int64_t> attr_ints(const onnx::NodeProto& n, const std::string& name) {
  const auto* a = attr(n, name);
  if (!a) return {};
  return {a->ints().begin(), a->ints().end()};
}

std::string attr_s(const onnx::NodeProto& n, const std::string& name, const std::string& def) {
  const auto* a = attr(n, name);
  return a ? a->s() : def;
}

class Lowering {
 public:
  Lowering(const Graph& g, std::uint64_t batch, const OnnxOptions& o)
      : g_(g), batch_(batch), options_(o) {}

  Network run() {
    batch_ = leading_batch();
    find_layer_norms();
    find_attention();
    for (const int i : g_.order) lower_node(i);
    return Network(info(), std::move(layers_), std::move(skipped_));
  }

 private:
  const Graph& g_;
  std::uint64_t batch_;
  const OnnxOptions& options_;
  std::vector<Layer> layers_;
  std::vector<SkippedNode> skipped_;
  std::set<int> skipped_nodes_;
  std::set<int> fused_;                 // nodes folded into another node's layer
  std::map<int, Layer> emit_at_;        // fused layers, emitted at their first node
  std::map<int, AttentionRole> roles_;  // attention matmuls
  std::set<std::string> counted_;       // weights already counted as some layer's parameters
  std::map<std::string, std::set<std::string>> sources_;  // static tensor -> weights feeding it

  // ---- tensors -------------------------------------------------------------------------------
  [[noreturn]] void fail(const std::string& key, const std::string& expected,
                         const std::string& found) const {
    throw InputError(input_error_message(g_.path, 0, key, expected, found));
  }

  const Dims& dims(const std::string& tensor, int node) const {
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
  std::optional<int> skipped_origin(const std::string& tensor) const {
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

  std::uint64_t per_example(std::uint64_t total, const std::string& tensor, int node) const {
    if (total % batch_ != 0)
      fail("node " + g_.node_label(node),
           "tensor '" + tensor + "' to hold a multiple of the batch (" + std::to_string(batch_) +
               ") elements",
           std::to_string(total));
    return total / batch_;
  }

  bool is_static(const std::string& t) const { return t.empty() || g_.statics.contains(t); }

  const std::set<std::string>& sources(const std::string& t) {
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
  std::uint64_t take_params(const std::vector<std::string>& inputs) {
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

  bool all_counted(const std::string& input) {
    const auto& s = sources(input);
    return !s.empty() && std::all_of(s.begin(), s.end(),
                                     [this](const std::string& w) { return counted_.contains(w); });
  }

  std::vector<int> consumers(const std::string& t) const {
    const auto it = g_.consumers.find(t);
    return it == g_.consumers.end() ? std::vector<int>{} : it->second;
  }

  std::optional<int> only_consumer(const std::string& t, const std::string& op) const {
    const auto c = consumers(t);
    if (c.size() != 1 || g_.node(c[0]).op_type() != op) return std::nullopt;
    return c[0];
  }

  std::string layer_name(int i) const {
    const auto& n = g_.node(i);
    return n.name().empty() ? n.op_type() + "_" + std::to_string(i) : n.name();
  }

  // ---- network-level facts -------------------------------------------------------------------
  // The leading dim of the first data input, except where it feeds a sequence-first recurrent
  // layer (ONNX LSTM/GRU/RNN default layout: seq x batch x features).
  std::uint64_t leading_batch() const {
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

  NetworkInfo info() const {
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
  void find_layer_norms() {
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

  std::string other_input(int node, const std::string& one) const {
    const auto& n = g_.node(node);
    if (n.input_size() < 2) return "";
    return n.input(0) == one ? n.input(1) : n.input(0);
  }

  // A Softmax between two activation x activation MatMuls is attention: the one before computes
  // the scores (QK^T, through scaling and masking ops), the one after applies them (AV).
  void find_attention() {
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

  std::optional<int> producer(const std::string& t) const {
    const auto it = g_.producer.find(t);
    return it == g_.producer.end() ? std::nullopt : std::optional<int>(it->second);
  }

  // ---- nodes ---------------------------------------------------------------------------------
  void add(int i, LayerParams p) { layers_.push_back({layer_name(i), std::move(p)}); }

  void lower_node(int i) {
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

  void skip(int i) {
    const auto& n = g_.node(i);
    std::uint64_t bytes = 0;
    for (const auto& out : n.output()) {
      const TensorInfo* t = g_.info(out);
      if (t && t->known()) bytes += t->elements() * dtype_bytes(t->elem_type);
    }
    skipped_.push_back({layer_name(i), n.op_type(), bytes});
    skipped_nodes_.insert(i);
  }

  std::vector<std::string> inputs_from(int i, int first) const {
    const auto& n = g_.node(i);
    std::vector<std::string> v;
    for (int s = first; s < n.input_size(); ++s) v.push_back(n.input(s));
    return v;
  }

  bool has_input(int i, int slot) const {
    const auto& n = g_.node(i);
    return n.input_size() > slot && !n.input(slot).empty();
  }

  // The symmetric padding that gives ONNX's inferred output size (covers explicit and auto_pad
  // SAME pads, and ceil_mode). An odd total padding (pads 0 and 1) cannot be symmetric: the
  // extra padded row or column is counted as part of the input, which is what the window reads.
  struct Fit {
    std::uint64_t in, pad;
  };
  Fit fit_window(int i, std::uint64_t in, std::uint64_t k, std::uint64_t s, std::uint64_t dil,
                 std::uint64_t out) const {
    const std::uint64_t span = dil * (k - 1) + 1;
    for (const std::uint64_t extra : {0, 1})
      for (std::uint64_t p = 0; p <= span + s; ++p) {
        const std::uint64_t padded = in + extra + 2 * p;
        if (s > 0 && padded >= span && (padded - span) / s + 1 == out) return {in + extra, p};
      }
    fail("node " + g_.node_label(i), "a window whose output size some padding gives",
         "input " + std::to_string(in) + ", kernel " + std::to_string(k) + ", stride " +
             std::to_string(s) + ", output " + std::to_string(out));
  }

  // N x C x H x W (or N x C x L as H = 1).
  struct Map {
    std::uint64_t n, c, h, w;
  };
  Map image(const std::string& t, int i) const {
    const Dims& d = dims(t, i);
    if (d.size() != 3 && d.size() != 4)
      fail("node " + g_.node_label(i), "a 1-D or 2-D feature map (N x C x [H x] W)",
           "tensor '" + t + "' of shape " + join(d));
    const auto u = [&](std::size_t k) { return static_cast<std::uint64_t>(d[k]); };
    const Map m = d.size() == 4 ? Map{u(0), u(1), u(2), u(3)} : Map{u(0), u(1), 1, u(2)};
    if (m.n != batch_)
      fail("node " + g_.node_label(i),
           "its feature map's batch to be the network's (" + std::to_string(batch_) + ")",
           "tensor '" + t + "' of shape " + join(d));
    return m;
  }

  // Kernel-shaped attribute as (h, w), 1-D ones as (1, w).
  static std::pair<std::uint64_t, std::uint64_t> hw(const std::vector<std::int64_t>& v,
                                                    std::uint64_t def) {
    if (v.empty()) return {def, def};
    if (v.size() == 1) return {1, static_cast<std::uint64_t>(v[0])};
    return {static_cast<std::uint64_t>(v[0]), static_cast<std::uint64_t>(v[1])};
  }

  void conv(int i) {
    const auto& n = g_.node(i);
    const Map x = image(n.input(0), i);
    const Map y = image(n.output(0), i);
    const Dims& w = dims(n.input(1), i);
    Conv2d c;
    c.in_channels = x.c;
    c.in_h = x.h;
    c.in_w = x.w;
    c.out_channels = y.c;
    c.groups = static_cast<std::uint64_t>(attr_i(n, "group", 1));
    std::tie(c.kernel_h, c.kernel_w) = hw(attr_ints(n, "kernel_shape"), 1);
    if (!attr(n, "kernel_shape") && w.size() == 4) {
      c.kernel_h = static_cast<std::uint64_t>(w[2]);
      c.kernel_w = static_cast<std::uint64_t>(w[3]);
    } else if (!attr(n, "kernel_shape") && w.size() == 3) {
      c.kernel_w = static_cast<std::uint64_t>(w[2]);
    }
    std::tie(c.stride_h, c.stride_w) = hw(attr_ints(n, "strides"), 1);
    std::tie(c.dilation_h, c.dilation_w) = hw(attr_ints(n, "dilations"), 1);
    const Fit fh = fit_window(i, c.in_h, c.kernel_h, c.stride_h, c.dilation_h, y.h);
    const Fit fw = fit_window(i, c.in_w, c.kernel_w, c.stride_w, c.dilation_w, y.w);
    c.in_h = fh.in;
    c.pad_h = fh.pad;
    c.in_w = fw.in;
    c.pad_w = fw.pad;
    c.bias = has_input(i, 2);
    (void)take_params(inputs_from(i, 1));
    add(i, c);
  }

  // Each input pixel scatters a kernel-sized patch: a 1x1 convolution to C_out*kh*kw channels
  // (the same MACs and weights), then the overlapping patches summed (col2im) plus bias.
  void conv_transpose(int i) {
    const auto& n = g_.node(i);
    const Map x = image(n.input(0), i);
    const Map y = image(n.output(0), i);
    const Dims& w = dims(n.input(1), i);
    const std::uint64_t groups = static_cast<std::uint64_t>(attr_i(n, "group", 1));
    if (w.size() < 3)
      fail("node " + g_.node_label(i), "a weight C_in x C_out/group x kernel", join(w));
    const std::uint64_t patch = product(w, 2);
    Conv2d c;
    c.in_channels = x.c;
    c.in_h = x.h;
    c.in_w = x.w;
    c.out_channels = static_cast<std::uint64_t>(w[1]) * groups * patch;
    c.groups = groups;
    c.bias = false;
    const std::uint64_t params = take_params(inputs_from(i, 1));
    const std::uint64_t conv_weights = c.out_channels * (c.in_channels / groups);
    add(i, c);
    layers_.push_back(
        {layer_name(i) + ".col2im", Elementwise{VectorKind::Elementwise, y.c * y.h * y.w, 1, 1,
                                                params - std::min(params, conv_weights)}});
  }

  void gemm(int i) {
    const auto& n = g_.node(i);
    const Dims& a = dims(n.input(0), i);
    const Dims& b = dims(n.input(1), i);
    if (a.size() != 2 || b.size() != 2)
      fail("node " + g_.node_label(i), "2-D Gemm operands", join(a) + " and " + join(b));
    const bool ta = attr_i(n, "transA", 0) != 0, tb = attr_i(n, "transB", 0) != 0;
    const auto m = static_cast<std::uint64_t>(ta ? a[1] : a[0]);
    const auto k = static_cast<std::uint64_t>(ta ? a[0] : a[1]);
    const auto cols = static_cast<std::uint64_t>(tb ? b[0] : b[1]);
    if (!is_static(n.input(1))) {
      add(i, BatchMatmul{1, per_example(m, n.input(0), i), cols, k, role(i)});
      return;
    }
    Dense d{per_example(m, n.input(0), i), k, cols, has_input(i, 2), all_counted(n.input(1))};
    (void)take_params(inputs_from(i, 1));
    add(i, d);
  }

  AttentionRole role(int i) const {
    const auto it = roles_.find(i);
    return it == roles_.end() ? AttentionRole::None : it->second;
  }

  void matmul(int i) {
    const auto& n = g_.node(i);
    Dims a = dims(n.input(0), i);
    Dims b = dims(n.input(1), i);
    if (a.empty() || b.empty())
      fail("node " + g_.node_label(i), "MatMul operands of rank 1 or more",
           join(a) + " and " + join(b));
    if (a.size() == 1) a.insert(a.begin(), 1);
    if (b.size() == 1) b.push_back(1);
    const auto m = static_cast<std::uint64_t>(a[a.size() - 2]);
    const auto k = static_cast<std::uint64_t>(a.back());
    const auto cols = static_cast<std::uint64_t>(b.back());
    const bool weight = is_static(n.input(1)) && product(b, 0, b.size() - 2) == 1;
    if (weight) {
      const std::uint64_t rows = per_example(product(a, 0, a.size() - 1), n.input(0), i);
      Dense d{rows, k, cols, false, all_counted(n.input(1))};
      std::vector<std::string> params{n.input(1)};
      // A bias added right after (Linear on 3-D input exports as MatMul + Add).
      if (const auto bias = only_consumer(n.output(0), "Add")) {
        const std::string other = other_input(*bias, n.output(0));
        const TensorInfo* t = g_.info(other);
        if (is_static(other) && !sources(other).empty() && t && t->known() &&
            t->elements() == cols) {
          d.bias = true;
          fused_.insert(*bias);
          params.push_back(other);
        }
      }
      (void)take_params(params);
      add(i, d);
      return;
    }
    // Batch dims broadcast; every one of them is an independent (m x k)(k x n) product.
    const Dims ab(a.begin(), a.end() - 2), bb(b.begin(), b.end() - 2);
    const std::size_t rank = std::max(ab.size(), bb.size());
    std::uint64_t heads = 1;
    for (std::size_t r = 0; r < rank; ++r) {
      const auto at = [&](const Dims& d) -> std::int64_t {
        const std::size_t off = rank - d.size();
        return r < off ? 1 : d[r - off];
      };
      heads *= static_cast<std::uint64_t>(std::max(at(ab), at(bb)));
    }
    (void)take_params({n.input(1)});
    add(i, BatchMatmul{per_example(heads, n.output(0), i), m, cols, k, role(i)});
  }

  void batch_norm(int i) {
    const auto& n = g_.node(i);
    const Dims& x = dims(n.input(0), i);
    (void)take_params({n.input(1), n.input(2)});
    counted_.insert(n.input(3));  // running statistics are state, not parameters
    counted_.insert(n.input(4));
    add(i, Norm{NormKind::Batch, per_example(product(x), n.input(0), i),
                static_cast<std::uint64_t>(x.size() > 1 ? x[1] : 1)});
  }

  void layer_norm(int i) {
    const auto& n = g_.node(i);
    const Dims& x = dims(n.input(0), i);
    auto axis = attr_i(n, "axis", -1);
    if (axis < 0) axis += static_cast<std::int64_t>(x.size());
    (void)take_params(inputs_from(i, 1));
    add(i, Norm{NormKind::Layer, per_example(product(x), n.input(0), i),
                product(x, static_cast<std::size_t>(axis))});
  }

  void softmax(int i) {
    const auto& n = g_.node(i);
    const Dims& x = dims(n.input(0), i);
    // Opset 13 normalises one axis (default last); older opsets flatten from `axis` (default 1).
    const bool one_axis = g_.opset >= 13;
    auto axis = attr_i(n, "axis", one_axis ? -1 : 1);
    if (axis < 0) axis += static_cast<std::int64_t>(x.size());
    if (axis < 0 || axis >= static_cast<std::int64_t>(x.size()))
      fail("node " + g_.node_label(i), "an axis within the input's rank", join(x));
    const auto ax = static_cast<std::size_t>(axis);
    const std::uint64_t width = one_axis ? static_cast<std::uint64_t>(x[ax]) : product(x, ax);
    const std::uint64_t rows = product(x) / std::max<std::uint64_t>(1, width);
    add(i, Softmax{per_example(rows, n.input(0), i), width});
  }

  void pool(int i) {
    const auto& n = g_.node(i);
    const Map x = image(n.input(0), i);
    const Map y = image(n.output(0), i);
    Pool p;
    p.kind = n.op_type() == "MaxPool" ? PoolKind::Max : PoolKind::Average;
    p.channels = x.c;
    p.in_h = x.h;
    p.in_w = x.w;
    std::tie(p.kernel_h, p.kernel_w) = hw(attr_ints(n, "kernel_shape"), 1);
    std::tie(p.stride_h, p.stride_w) = hw(attr_ints(n, "strides"), 1);
    const Fit fh = fit_window(i, p.in_h, p.kernel_h, p.stride_h, 1, y.h);
    const Fit fw = fit_window(i, p.in_w, p.kernel_w, p.stride_w, 1, y.w);
    p.in_h = fh.in;
    p.pad_h = fh.pad;
    p.in_w = fw.in;
    p.pad_w = fw.pad;
    add(i, p);
  }

  void global_pool(int i) {
    const Map x = image(g_.node(i).input(0), i);
    add(i, Pool{PoolKind::GlobalAverage, x.c, x.h, x.w});
  }

  // A reduction reads every input element once: a global pool from the input to the output.
  void reduce(int i) {
    const auto& n = g_.node(i);
    const std::uint64_t in = product(dims(n.input(0), i));
    const std::uint64_t out = std::max<std::uint64_t>(1, product(dims(n.output(0), i)));
    add(i, Pool{PoolKind::GlobalAverage, per_example(out, n.output(0), i), in / out, 1});
  }

  void gather(int i) {
    const auto& n = g_.node(i);
    const Dims& table = dims(n.input(0), i);
    const Dims& out = dims(n.output(0), i);
    if (is_static(n.input(0)) && !sources(n.input(0)).empty() && table.size() == 2 &&
        attr_i(n, "axis", 0) == 0) {
      const std::uint64_t tokens = product(dims(n.input(1), i));
      Embedding e{static_cast<std::uint64_t>(table[0]), static_cast<std::uint64_t>(table[1]),
                  per_example(tokens, n.input(1), i), all_counted(n.input(0))};
      (void)take_params({n.input(0)});
      add(i, e);
      return;
    }
    add(i, Elementwise{VectorKind::Elementwise, per_example(product(out), n.output(0), i), 0, 1,
                       take_params({n.input(0)})});
  }

  void recurrent(int i) {
    const auto& n = g_.node(i);
    const Dims& x = dims(n.input(0), i);
    const bool batch_first = attr_i(n, "layout", 0) != 0;
    if (x.size() != 3) fail("node " + g_.node_label(i), "a 3-D sequence input", join(x));
    const auto steps = static_cast<std::uint64_t>(batch_first ? x[1] : x[0]);
    const auto n_batch = static_cast<std::uint64_t>(batch_first ? x[0] : x[1]);
    if (n_batch != batch_)
      fail("node " + g_.node_label(i),
           "its batch dim to be the network's (" + std::to_string(batch_) + ")", join(x));
    Recurrent r;
    r.cell = n.op_type() == "LSTM"  ? RecurrentCell::Lstm
             : n.op_type() == "GRU" ? RecurrentCell::Gru
                                    : RecurrentCell::Vanilla;
    r.steps = steps;
    r.input_size = static_cast<std::uint64_t>(x[2]);
    r.hidden_size = static_cast<std::uint64_t>(attr_i(n, "hidden_size", 0));
    if (r.hidden_size == 0) {
      const Dims& rw = dims(n.input(2), i);
      if (rw.size() != 3)
        fail("node " + g_.node_label(i), "a recurrence weight dirs x gates*hidden x hidden",
             join(rw));
      r.hidden_size = static_cast<std::uint64_t>(rw[2]);
    }
    r.bidirectional = attr_s(n, "direction", "forward") == "bidirectional";
    r.bias = has_input(i, 3);
    (void)take_params(inputs_from(i, 1));
    add(i, r);
  }

  // Nearest neighbour copies; linear interpolation blends 2 (1-D) to 8 (3-D) neighbours, taken
  // as 4 multiply-adds for the usual 2-D bilinear; cubic as 16.
  void resize(int i) {
    const auto& n = g_.node(i);
    const std::string mode = attr_s(n, "mode", "nearest");
    const std::uint64_t ops = mode == "nearest" ? 0 : mode == "cubic" ? 16 : 4;
    add(i, Elementwise{VectorKind::Elementwise,
                       per_example(product(dims(n.output(0), i)), n.output(0), i), ops, 1});
  }

  // A Transpose that only moves size-1 dims, or whose result feeds GEMMs (which read either
  // operand layout), moves no data; any other materialises a copy.
  void transpose(int i) {
    const auto& n = g_.node(i);
    const Dims& x = dims(n.input(0), i);
    std::vector<std::int64_t> perm = attr_ints(n, "perm");
    if (perm.empty())
      for (std::int64_t d = static_cast<std::int64_t>(x.size()) - 1; d >= 0; --d) perm.push_back(d);
    const auto rank = static_cast<std::int64_t>(x.size());
    if (static_cast<std::int64_t>(perm.size()) != rank ||
        std::any_of(perm.begin(), perm.end(),
                    [rank](std::int64_t p) { return p < 0 || p >= rank; }))
      fail("node " + g_.node_label(i),
           "a permutation of the input's " + std::to_string(rank) + " dims",
           "perm of " + std::to_string(perm.size()) + " entries");
    std::vector<std::int64_t> moved;
    for (const auto p : perm)
      if (x[static_cast<std::size_t>(p)] != 1) moved.push_back(p);
    if (std::is_sorted(moved.begin(), moved.end())) return;
    const auto cs = consumers(n.output(0));
    const bool into_gemm = !cs.empty() && std::all_of(cs.begin(), cs.end(), [this](int c) {
      const auto& op = g_.node(c).op_type();
      return op == "MatMul" || op == "Gemm";
    });
    if (into_gemm) return;
    copy(i);
  }

  // Concat, Pad, a materialising Transpose: read and write every output element, no arithmetic.
  void copy(int i) {
    const auto& n = g_.node(i);
    std::vector<std::string> statics;
    for (const auto& in : n.input())
      if (is_static(in)) statics.push_back(in);
    add(i, Elementwise{VectorKind::Elementwise,
                       per_example(product(dims(n.output(0), i)), n.output(0), i), 0, 1,
                       take_params(statics)});
  }

  void elementwise(int i, VectorKind kind, std::uint64_t ops) {
    const auto& n = g_.node(i);
    std::uint64_t operands = 0;
    std::vector<std::string> statics;
    for (const auto& in : n.input()) {
      if (in.empty()) continue;
      ++operands;
      if (is_static(in)) statics.push_back(in);
    }
    // An activation reads one tensor (Clip's bounds and PRelu's slope are scalars or weights).
    if (kind == VectorKind::Activation) operands = 1;
    add(i, Elementwise{kind, per_example(product(dims(n.output(0), i)), n.output(0), i), ops,
                       std::max<std::uint64_t>(1, operands), take_params(statics)});
  }
};

}  // namespace

Network read_onnx_network(const std::string& path, std::uint64_t batch,
                          const OnnxOptions& options) {
  const onnx_import::Graph g = onnx_import::load_graph(path, batch, options);
  return Lowering(g, batch, options).run();
}

}  // namespace headroom::models
