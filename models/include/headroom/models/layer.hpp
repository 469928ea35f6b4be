// SPDX-License-Identifier: MIT
// The layer IR: one struct of shape parameters per layer kind, held in a std::variant. Shapes are
// per example; counts() scales them by the network's batch. Adding a kind = one struct here, one
// alternative in LayerParams, one counts/lowering/describe case (the compiler lists what is
// missing).
#pragma once

#include <cstdint>
#include <string>
#include <variant>

#include "headroom/models/trace.hpp"

namespace headroom::models {

// 2-D convolution over a C x H x W input. groups == in_channels == out_channels is depthwise.
struct Conv2d {
  std::uint64_t in_channels = 0, in_h = 0, in_w = 0;
  std::uint64_t out_channels = 0;
  std::uint64_t kernel_h = 1, kernel_w = 1;
  std::uint64_t stride_h = 1, stride_w = 1;
  std::uint64_t pad_h = 0, pad_w = 0;
  std::uint64_t dilation_h = 1, dilation_w = 1;
  std::uint64_t groups = 1;
  bool bias = true;

  [[nodiscard]] std::uint64_t out_h() const;
  [[nodiscard]] std::uint64_t out_w() const;
};

// Fully connected / GEMM: `rows` vectors per example (1 for a classifier, tokens for a
// transformer) times an in x out weight matrix.
struct Dense {
  std::uint64_t rows = 1;
  std::uint64_t in_features = 0, out_features = 0;
  bool bias = true;
  // Reuses an embedding table (GPT-2 LM head, Transformer pre-softmax): no parameters of its own.
  bool weights_tied = false;
};

// What a batched matmul is in an attention block. Builders and readers that know set it, so that
// tensor-parallel splitting need not guess attention from the order of the matmuls.
enum class AttentionRole { None, Scores, Context };

// Activation x activation matmul, no weights: per example `heads` independent (m x k)(k x n).
// Attention scores are QK^T (m = n = seq, k = d_head); attention output is AV (m = seq,
// n = d_head, k = seq).
struct BatchMatmul {
  std::uint64_t heads = 1;
  std::uint64_t m = 0, n = 0, k = 0;
  AttentionRole role = AttentionRole::None;
};

enum class RecurrentCell { Vanilla, Lstm, Gru };

// A recurrent layer unrolled over `steps`; every step is an input GEMM and a recurrent GEMM per
// gate group (LSTM 4 gates, GRU 3, vanilla 1) and per direction.
struct Recurrent {
  RecurrentCell cell = RecurrentCell::Lstm;
  std::uint64_t steps = 1;
  std::uint64_t input_size = 0, hidden_size = 0;
  bool bidirectional = false;
  bool bias = true;

  [[nodiscard]] std::uint64_t gates() const;
  [[nodiscard]] std::uint64_t directions() const { return bidirectional ? 2 : 1; }
};

enum class PoolKind { Max, Average, GlobalAverage };

struct Pool {
  PoolKind kind = PoolKind::Max;
  std::uint64_t channels = 0, in_h = 0, in_w = 0;
  std::uint64_t kernel_h = 1, kernel_w = 1;
  std::uint64_t stride_h = 1, stride_w = 1;
  std::uint64_t pad_h = 0, pad_w = 0;

  [[nodiscard]] std::uint64_t out_h() const;
  [[nodiscard]] std::uint64_t out_w() const;
};

// Element-wise arithmetic (residual add, scaling) or an activation function over `elements`
// outputs per example; `operands` input tensors of that size.
struct Elementwise {
  VectorKind kind = VectorKind::Activation;  // Elementwise or Activation
  std::uint64_t elements = 0;
  std::uint64_t ops_per_element = 1;
  std::uint64_t operands = 1;
  // Learned tensors the op applies (an imported bias add or scale not fused into a GEMM or norm).
  std::uint64_t parameters = 0;
};

enum class NormKind { Batch, Layer };

// Normalization over `elements` per example with a learned scale and shift per feature.
struct Norm {
  NormKind kind = NormKind::Batch;
  std::uint64_t elements = 0;
  std::uint64_t features = 0;
};

// `rows` independent softmaxes of `width` each, per example.
struct Softmax {
  std::uint64_t rows = 0, width = 0;
};

// Table lookup of `tokens` rows of a vocab x dim table per example: moves data, no MACs.
struct Embedding {
  std::uint64_t vocab = 0, dim = 0, tokens = 0;
  // A second lookup into a table owned by another layer (shared source/target vocabulary).
  bool weights_tied = false;
};

// A GEMM given as such by a workload file (a SCALE-Sim topology row): lowered exactly as given,
// its M scaled by the batch. B holds the layer's weights (filters).
struct ExplicitGemm {
  GemmShape shape;
};

using LayerParams = std::variant<Conv2d, Dense, BatchMatmul, Recurrent, Pool, Elementwise, Norm,
                                 Softmax, Embedding, ExplicitGemm>;

// What a layer costs and holds at a given batch. Element counts are activations/weights, not
// bytes (the datatype is the accelerator's business).
struct LayerCounts {
  std::uint64_t macs = 0;
  std::uint64_t vector_ops = 0;
  std::uint64_t parameters = 0;
  std::uint64_t input_elements = 0;
  std::uint64_t weight_elements = 0;
  std::uint64_t output_elements = 0;
};

struct Layer {
  std::string name;
  LayerParams params;

  [[nodiscard]] LayerCounts counts(std::uint64_t batch) const;
  [[nodiscard]] const char* kind_name() const;
  // Human-readable per-example shapes, e.g. "3x224x224"; weight_shape() is "-" without weights.
  [[nodiscard]] std::string input_shape() const;
  [[nodiscard]] std::string output_shape() const;
  [[nodiscard]] std::string weight_shape() const;
};

}  // namespace headroom::models
