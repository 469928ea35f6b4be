// SPDX-License-Identifier: MIT
// BERT (Devlin et al., NAACL 2019): base L = 12, d = 768, h = 12; large L = 24, d = 1024,
// h = 16; d_ff = 4d; WordPiece vocab 30522, 512 positions, 2 segments; the pooler is included,
// the pre-training heads are not (networks.csv's convention).
#include "sequence.hpp"

namespace headroom::models::zoo {

namespace {

constexpr std::uint64_t kVocab = 30522;
constexpr std::uint64_t kContext = 512;
constexpr std::uint64_t kSegments = 2;

Network bert(const std::string& name, std::uint64_t layers, const TransformerDims& d,
             const ZooOptions& o) {
  const std::uint64_t len = sequence_length(o, name, 128, kContext);
  std::vector<Layer> l;
  l.push_back({"embed.word", Embedding{kVocab, d.d_model, len}});
  l.push_back({"embed.position", Embedding{kContext, d.d_model, len}});
  l.push_back({"embed.segment", Embedding{kSegments, d.d_model, len}});
  l.push_back({"embed.sum", Elementwise{VectorKind::Elementwise, len * d.d_model, 2, 3}});
  l.push_back({"embed.norm", Norm{NormKind::Layer, len * d.d_model, d.d_model}});
  for (std::uint64_t i = 0; i < layers; ++i) {
    const std::string n = "encoder." + std::to_string(i);
    attention(l, n + ".attn", d, len, len, true);
    add_norm(l, n + ".norm1", len, d.d_model);
    feed_forward(l, n + ".ffn", d, len);
    add_norm(l, n + ".norm2", len, d.d_model);
  }
  l.push_back({"pooler", Dense{1, d.d_model, d.d_model}});
  l.push_back({"pooler.tanh", Elementwise{VectorKind::Activation, d.d_model, kSigmoidOps, 1}});
  return sequence_network(name, o, len, std::move(l));
}

}  // namespace

Network bert_base(const ZooOptions& o) {
  return bert("bert_base", 12, {768, 12, 3072, kGeluOps}, o);
}
Network bert_large(const ZooOptions& o) {
  return bert("bert_large", 24, {1024, 16, 4096, kGeluOps}, o);
}

}  // namespace headroom::models::zoo
