// SPDX-License-Identifier: MIT
// ONNX nodes -> layer IR: one Lowering walks a loaded Graph (onnx_graph.hpp) in topological order
// and emits the layers. How each op class is costed is in docs/layer-ir.md ("Imported ONNX").
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "headroom/models/network.hpp"
#include "headroom/models/workload.hpp"
#include "onnx_graph.hpp"
#include "onnx_ops.hpp"

namespace headroom::models::onnx_import {

class Lowering {
 public:
  Lowering(const Graph& g, std::uint64_t batch, const OnnxOptions& o)
      : g_(g), batch_(batch), options_(o) {}

  Network run();

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

  // ---- tensors (onnx_network.cpp) -------------------------------------------------------
  [[noreturn]] void fail(const std::string& key, const std::string& expected,
                         const std::string& found) const;
  const Dims& dims(const std::string& tensor, int node) const;
  std::optional<int> skipped_origin(const std::string& tensor) const;
  std::uint64_t per_example(std::uint64_t total, const std::string& tensor, int node) const;
  bool is_static(const std::string& t) const { return t.empty() || g_.statics.contains(t); }
  const std::set<std::string>& sources(const std::string& t);
  std::uint64_t take_params(const std::vector<std::string>& inputs);
  bool all_counted(const std::string& input);
  std::vector<int> consumers(const std::string& t) const;
  std::optional<int> only_consumer(const std::string& t, const std::string& op) const;
  std::string layer_name(int i) const;
  std::optional<int> producer(const std::string& t) const;
  std::string other_input(int node, const std::string& one) const;

  // ---- network-level facts (onnx_patterns.cpp) -----------------------------------------
  std::uint64_t leading_batch() const;
  NetworkInfo info() const;
  void find_layer_norms();
  void find_attention();

  // ---- nodes: the dispatch in onnx_network.cpp, one method per op class in onnx_layers.cpp
  void add(int i, LayerParams p) { layers_.push_back({layer_name(i), std::move(p)}); }
  void lower_node(int i);
  void skip(int i);
  std::vector<std::string> inputs_from(int i, int first) const;
  bool has_input(int i, int slot) const;

  // The symmetric padding that gives ONNX's inferred output size (covers explicit and auto_pad
  // SAME pads, and ceil_mode). An odd total padding (pads 0 and 1) cannot be symmetric: the
  // extra padded row or column is counted as part of the input, which is what the window reads.
  struct Fit {
    std::uint64_t in, pad;
  };
  Fit fit_window(int i, std::uint64_t in, std::uint64_t k, std::uint64_t s, std::uint64_t dil,
                 std::uint64_t out) const;
  // N x C x H x W (or N x C x L as H = 1).
  struct Map {
    std::uint64_t n, c, h, w;
  };
  Map image(const std::string& t, int i) const;
  static std::pair<std::uint64_t, std::uint64_t> hw(const std::vector<std::int64_t>& v,
                                                    std::uint64_t def);
  void conv(int i);
  void conv_transpose(int i);
  void gemm(int i);
  AttentionRole role(int i) const;
  void matmul(int i);
  void batch_norm(int i);
  void layer_norm(int i);
  void softmax(int i);
  void pool(int i);
  void global_pool(int i);
  void reduce(int i);
  void gather(int i);
  void recurrent(int i);
  void resize(int i);
  void transpose(int i);
  void copy(int i);
  void elementwise(int i, VectorKind kind, std::uint64_t ops);
};

}  // namespace headroom::models::onnx_import
