// SPDX-License-Identifier: MIT
// An ONNX model checked, its symbolic dims fixed and its shapes inferred, with the facts the
// layer mapping needs: producers, consumers, topological order, which tensors are weights or
// compile-time constants.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "headroom/models/workload.hpp"

namespace headroom::models::onnx_import {

struct TensorInfo {
  std::vector<std::int64_t> dims;  // -1 where unknown
  bool has_shape = false;          // rank known
  int elem_type = 0;               // onnx::TensorProto_DataType

  [[nodiscard]] bool known() const;
  [[nodiscard]] std::uint64_t elements() const;  // requires known()
};

struct Graph {
  std::string path;
  onnx::ModelProto model;
  std::int64_t opset = 0;  // of the default domain
  // --batch applied per example on top of the graph's own batch (see fix_input_shapes).
  std::uint64_t batch_scale = 1;
  std::vector<int> order;  // node indices, producers before consumers
  std::unordered_map<std::string, TensorInfo> tensors;
  std::unordered_map<std::string, int> producer;
  std::unordered_map<std::string, std::vector<int>> consumers;
  std::unordered_set<std::string> weights;  // initializers and graph inputs that hold weights
  std::vector<std::string> data_inputs;     // graph inputs that are real data, in order
  // Known only at compile time: weights, Constants, shapes and everything computed only from
  // them. A node whose inputs are all static is folded away and costs nothing.
  std::unordered_set<std::string> statics;
  // For a tensor that is a weight seen through layout ops (Transpose, Reshape, Cast...): the
  // weight it comes from, so a tied table is counted once.
  std::unordered_map<std::string, std::string> weight_root;
  // Shape computations folded into initializers (onnx_fold.cpp): constants, not weights.
  std::unordered_set<std::string> folded;

  [[nodiscard]] const onnx::NodeProto& node(int i) const { return model.graph().node(i); }
  [[nodiscard]] const TensorInfo* info(const std::string& name) const;
  [[nodiscard]] std::string node_label(int i) const;  // "'name' (Op)"
};

// Replaces nodes whose outputs are computable from constants and known shapes by initializers;
// returns how many. The node list changes: producers, consumers and order must be rebuilt.
int fold_shape_constants(Graph& g);

// Throws InputError naming the file for every way a file can be broken.
[[nodiscard]] Graph load_graph(const std::string& path, std::uint64_t batch,
                               const OnnxOptions& options);

}  // namespace headroom::models::onnx_import
