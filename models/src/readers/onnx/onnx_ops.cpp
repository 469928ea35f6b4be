// SPDX-License-Identifier: MIT
#include "onnx_ops.hpp"

#include <algorithm>
#include <numeric>

namespace headroom::models::onnx_import {

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

std::uint64_t product(const Dims& d, std::size_t from, std::size_t to) {
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

}  // namespace headroom::models::onnx_import
