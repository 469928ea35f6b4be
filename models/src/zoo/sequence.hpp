// SPDX-License-Identifier: MIT
// Building blocks shared by the sequence models: attention, feed-forward, embeddings.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "builder.hpp"
#include "headroom/models/layer.hpp"
#include "headroom/models/network.hpp"
#include "headroom/models/zoo.hpp"

namespace headroom::models::zoo {

struct TransformerDims {
  std::uint64_t d_model = 0, heads = 0, d_ff = 0;
  std::uint64_t activation_ops = 1;  // ReLU (Vaswani) or GELU (BERT, GPT)
};

// Sequence length from the options (default `fallback`), checked against the model's context.
std::uint64_t sequence_length(const ZooOptions& o, const std::string& network,
                              std::uint64_t fallback, std::uint64_t max_context);

// Multi-head attention of `q_len` queries over `kv_len` keys/values: Q projection on the query
// side, K and V projections on the memory side (fused when it is the same sequence), scores
// QKᵀ (heads x q_len x kv_len x d_head), softmax, AV, output projection. Full (unmasked)
// matmuls: a causal mask does not shrink the GEMMs an accelerator runs.
void attention(std::vector<Layer>& out, const std::string& name, const TransformerDims& d,
               std::uint64_t q_len, std::uint64_t kv_len, bool self);
// Position-wise feed-forward d -> d_ff -> d with its activation.
void feed_forward(std::vector<Layer>& out, const std::string& name, const TransformerDims& d,
                  std::uint64_t len);
// Residual add and layer norm over len x d.
void add_norm(std::vector<Layer>& out, const std::string& name, std::uint64_t len, std::uint64_t d);

Network sequence_network(const std::string& name, const ZooOptions& o, std::uint64_t len,
                         std::vector<Layer> layers, const std::string& unit = "token");

}  // namespace headroom::models::zoo
