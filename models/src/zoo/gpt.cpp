// SPDX-License-Identifier: MIT
// Decoder-only language models: GPT-2 small (Radford et al. 2019: L = 12, d = 768, h = 12,
// context 1024) and GPT-3 175B (Brown et al. 2020, Table 2.1: L = 96, d = 12288, h = 96,
// context 2048); d_ff = 4d, BPE vocab 50257, learned positions, LM head tied to the token
// embedding. GPT-3's alternating sparse attention is modelled dense.
#include "sequence.hpp"

namespace headroom::models::zoo {

namespace {

constexpr std::uint64_t kVocab = 50257;

Network gpt(const std::string& name, std::uint64_t layers, const TransformerDims& d,
            std::uint64_t context, const ZooOptions& o) {
  const std::uint64_t len = sequence_length(o, name, context, context);
  std::vector<Layer> l;
  l.push_back({"wte", Embedding{kVocab, d.d_model, len}});
  l.push_back({"wpe", Embedding{context, d.d_model, len}});
  l.push_back({"embed.sum", Elementwise{VectorKind::Elementwise, len * d.d_model, 1, 2}});
  for (std::uint64_t i = 0; i < layers; ++i) {
    const std::string n = "h." + std::to_string(i);
    l.push_back({n + ".ln_1", Norm{NormKind::Layer, len * d.d_model, d.d_model}});
    attention(l, n + ".attn", d, len, len, true);
    l.push_back({n + ".add1", Elementwise{VectorKind::Elementwise, len * d.d_model, 1, 2}});
    l.push_back({n + ".ln_2", Norm{NormKind::Layer, len * d.d_model, d.d_model}});
    feed_forward(l, n + ".mlp", d, len);
    l.push_back({n + ".add2", Elementwise{VectorKind::Elementwise, len * d.d_model, 1, 2}});
  }
  l.push_back({"ln_f", Norm{NormKind::Layer, len * d.d_model, d.d_model}});
  l.push_back({"lm_head", Dense{len, d.d_model, kVocab, false, true}});
  l.push_back({"lm_head.softmax", Softmax{len, kVocab}});
  return sequence_network(name, o, len, std::move(l));
}

}  // namespace

Network gpt2_small(const ZooOptions& o) {
  return gpt("gpt2_small", 12, {768, 12, 3072, kGeluOps}, 1024, o);
}
Network gpt3_175b(const ZooOptions& o) {
  return gpt("gpt3_175b", 96, {12288, 96, 49152, kGeluOps}, 2048, o);
}

}  // namespace headroom::models::zoo
