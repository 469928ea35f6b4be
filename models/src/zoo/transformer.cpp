// SPDX-License-Identifier: MIT
// Transformer base (Vaswani et al., NeurIPS 2017, Table 3: N = 6, d = 512, d_ff = 2048, h = 8)
// for WMT14 EN-DE: one item is a sentence pair of seq_len source and seq_len target tokens, so
// the unit of work is a token pair, as in networks.csv. Source, target and pre-softmax weights
// share one ~37k BPE table (Sec. 3.4); positions are sinusoidal (no parameters).
#include "sequence.hpp"

namespace headroom::models::zoo {

namespace {
constexpr std::uint64_t kVocab = 37000;
constexpr std::uint64_t kLayers = 6;
}  // namespace

Network transformer_base(const ZooOptions& o) {
  const TransformerDims d{512, 8, 2048, kReluOps};
  const std::uint64_t len = sequence_length(o, "transformer_base", 128, 1u << 20);
  std::vector<Layer> l;
  l.push_back({"src_embed", Embedding{kVocab, d.d_model, len}});
  l.push_back({"src_pos", Elementwise{VectorKind::Elementwise, len * d.d_model, 1, 2}});
  for (std::uint64_t i = 0; i < kLayers; ++i) {
    const std::string n = "encoder." + std::to_string(i);
    attention(l, n + ".self_attn", d, len, len, true);
    add_norm(l, n + ".norm1", len, d.d_model);
    feed_forward(l, n + ".ffn", d, len);
    add_norm(l, n + ".norm2", len, d.d_model);
  }
  l.push_back({"tgt_embed", Embedding{kVocab, d.d_model, len, true}});
  l.push_back({"tgt_pos", Elementwise{VectorKind::Elementwise, len * d.d_model, 1, 2}});
  for (std::uint64_t i = 0; i < kLayers; ++i) {
    const std::string n = "decoder." + std::to_string(i);
    attention(l, n + ".self_attn", d, len, len, true);
    add_norm(l, n + ".norm1", len, d.d_model);
    attention(l, n + ".cross_attn", d, len, len, false);
    add_norm(l, n + ".norm2", len, d.d_model);
    feed_forward(l, n + ".ffn", d, len);
    add_norm(l, n + ".norm3", len, d.d_model);
  }
  l.push_back({"generator", Dense{len, d.d_model, kVocab, false, true}});
  l.push_back({"generator.softmax", Softmax{len, kVocab}});
  return sequence_network("transformer_base", o, len, std::move(l), "token pair");
}

}  // namespace headroom::models::zoo
