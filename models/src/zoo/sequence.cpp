// SPDX-License-Identifier: MIT
#include "sequence.hpp"

#include "headroom/models/error.hpp"

namespace headroom::models::zoo {

std::uint64_t sequence_length(const ZooOptions& o, const std::string& network,
                              std::uint64_t fallback, std::uint64_t max_context) {
  const std::uint64_t len = o.seq_len.value_or(fallback);
  if (len == 0 || len > max_context)
    throw InputError(input_error_message(
        "", 0, "--seq-len",
        "1.." + std::to_string(max_context) + " (the context of " + network + ")",
        std::to_string(len)));
  return len;
}

void attention(std::vector<Layer>& out, const std::string& name, const TransformerDims& d,
               std::uint64_t q_len, std::uint64_t kv_len, bool self) {
  const std::uint64_t dh = d.d_model / d.heads;
  if (self) {
    out.push_back({name + ".qkv", Dense{q_len, d.d_model, 3 * d.d_model}});
  } else {
    out.push_back({name + ".q", Dense{q_len, d.d_model, d.d_model}});
    out.push_back({name + ".kv", Dense{kv_len, d.d_model, 2 * d.d_model}});
  }
  out.push_back({name + ".scores", BatchMatmul{d.heads, q_len, kv_len, dh, AttentionRole::Scores}});
  out.push_back({name + ".softmax", Softmax{d.heads * q_len, kv_len}});
  out.push_back(
      {name + ".context", BatchMatmul{d.heads, q_len, dh, kv_len, AttentionRole::Context}});
  out.push_back({name + ".out", Dense{q_len, d.d_model, d.d_model}});
}

void feed_forward(std::vector<Layer>& out, const std::string& name, const TransformerDims& d,
                  std::uint64_t len) {
  out.push_back({name + ".fc1", Dense{len, d.d_model, d.d_ff}});
  out.push_back(
      {name + ".act", Elementwise{VectorKind::Activation, len * d.d_ff, d.activation_ops, 1}});
  out.push_back({name + ".fc2", Dense{len, d.d_ff, d.d_model}});
}

void add_norm(std::vector<Layer>& out, const std::string& name, std::uint64_t len,
              std::uint64_t d) {
  out.push_back({name + ".add", Elementwise{VectorKind::Elementwise, len * d, 1, 2}});
  out.push_back({name + ".norm", Norm{NormKind::Layer, len * d, d}});
}

Network sequence_network(const std::string& name, const ZooOptions& o, std::uint64_t len,
                         std::vector<Layer> layers, const std::string& unit) {
  NetworkInfo info{name, o.batch, len, unit,
                   "sequence of " + std::to_string(len) + " " + unit + "s"};
  return Network(std::move(info), std::move(layers));
}

}  // namespace headroom::models::zoo
