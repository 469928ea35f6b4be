// SPDX-License-Identifier: MIT
// Decoder-only language models whose attention width differs from d_model, or that share K/V
// heads, or that gate their feed-forward: LaMDA 137B, PaLM 540B and Llama 3.1 405B.
//
// The IR has no gated feed-forward or grouped-query attention of its own; both are expressed
// with its existing layers, with the same GEMM shapes and weights:
// * a gated FF (GeGLU, SwiGLU: act(x W_gate) * (x W_up), then W_down) is one Dense of width
//   2 * d_ff (the gate and up projections side by side, as Megatron and MaxText fuse them), the
//   activation over d_ff, an elementwise product of the two halves, and the d_ff -> d Dense;
// * grouped-query / multi-query attention is a Q projection of heads x d_head and a K/V
//   projection of 2 x kv_heads x d_head; the scores and context matmuls keep one (q_len x
//   kv_len x d_head) product per query head, the MACs a GQA kernel runs.
// RMSNorm is a layer norm here (its d shift parameters per norm are the only difference).
// Rotary and relative position encodings are not modelled: each is a few vector ops per
// element of Q and K, or one add per attention score, fused into neighbouring kernels.
#include "sequence.hpp"

namespace headroom::models::zoo {

namespace {

struct DecoderSpec {
  std::uint64_t layers = 0, d_model = 0, heads = 0, kv_heads = 0, d_head = 0, d_ff = 0;
  std::uint64_t vocab = 0, context = 0, activation_ops = 0;
  bool tied_head = false;  // LM head shares the token embedding (PaLM)
  bool parallel = false;   // attention and FF read the same norm (PaLM's parallel layers)
};

void gqa_attention(std::vector<Layer>& l, const std::string& n, const DecoderSpec& s,
                   std::uint64_t len) {
  const std::uint64_t q = s.heads * s.d_head, kv = s.kv_heads * s.d_head;
  l.push_back({n + ".qkv", Dense{len, s.d_model, q + 2 * kv, false}});
  l.push_back({n + ".scores", BatchMatmul{s.heads, len, len, s.d_head, AttentionRole::Scores}});
  l.push_back({n + ".softmax", Softmax{s.heads * len, len}});
  l.push_back({n + ".context", BatchMatmul{s.heads, len, s.d_head, len, AttentionRole::Context}});
  l.push_back({n + ".out", Dense{len, q, s.d_model, false}});
}

void gated_ff(std::vector<Layer>& l, const std::string& n, const DecoderSpec& s,
              std::uint64_t len) {
  l.push_back({n + ".gate_up", Dense{len, s.d_model, 2 * s.d_ff, false}});
  l.push_back({n + ".act", Elementwise{VectorKind::Activation, len * s.d_ff, s.activation_ops, 1}});
  l.push_back({n + ".gate_mul", Elementwise{VectorKind::Elementwise, len * s.d_ff, 1, 2}});
  l.push_back({n + ".down", Dense{len, s.d_ff, s.d_model, false}});
}

Network decoder(const std::string& name, const DecoderSpec& s, std::uint64_t default_len,
                const ZooOptions& o) {
  const std::uint64_t len = sequence_length(o, name, default_len, s.context);
  const std::uint64_t act = len * s.d_model;
  std::vector<Layer> l;
  l.push_back({"embed", Embedding{s.vocab, s.d_model, len}});
  for (std::uint64_t i = 0; i < s.layers; ++i) {
    const std::string n = "layer." + std::to_string(i);
    l.push_back({n + ".norm1", Norm{NormKind::Layer, act, s.d_model}});
    gqa_attention(l, n + ".attn", s, len);
    // A parallel layer (PaLM: y = x + attn(norm(x)) + ff(norm(x))) runs the same matmuls as a
    // serial one; it only drops the second norm and adds three terms at once.
    if (s.parallel) {
      gated_ff(l, n + ".ff", s, len);
      l.push_back({n + ".add", Elementwise{VectorKind::Elementwise, act, 2, 3}});
      continue;
    }
    l.push_back({n + ".add1", Elementwise{VectorKind::Elementwise, act, 1, 2}});
    l.push_back({n + ".norm2", Norm{NormKind::Layer, act, s.d_model}});
    gated_ff(l, n + ".ff", s, len);
    l.push_back({n + ".add2", Elementwise{VectorKind::Elementwise, act, 1, 2}});
  }
  l.push_back({"norm_f", Norm{NormKind::Layer, act, s.d_model}});
  l.push_back({"lm_head", Dense{len, s.d_model, s.vocab, false, s.tied_head}});
  l.push_back({"lm_head.softmax", Softmax{len, s.vocab}});
  return sequence_network(name, o, len, std::move(l));
}

}  // namespace

// Thoppilan et al. 2022 (arXiv:2201.08239), Sec. 3 (seen): 64 layers, d_model 8192, d_ff 65536,
// h = 128, d_k = d_v = 128 (so heads x d_head = 16384 = 2 d_model), T5 relative attention,
// gated-GELU, 137B non-embedding parameters. Not in that text (assumptions): a 32k
// SentencePiece vocabulary (recalled), an untied LM head, no biases (as T5), context 2048.
Network lamda_137b(const ZooOptions& o) {
  return decoder("lamda_137b",
                 {64, 8192, 128, 128, 128, 65536, 32000, 2048, kGeluOps, false, false}, 2048, o);
}

// Chowdhery et al. 2022 (arXiv:2204.02311), Table 1 and Sec. 2 (recalled; the parameter count
// it reproduces, 540.3B, is the check): 118 layers, d_model 18432, 48 heads of 256, multi-query
// attention (one K/V head), SwiGLU with d_ff = 4 d_model, parallel layers, no biases, a 256k
// vocabulary shared with the LM head, sequences of 2048.
Network palm_540b(const ZooOptions& o) {
  return decoder("palm_540b", {118, 18432, 48, 1, 256, 73728, 256000, 2048, kSiluOps, true, true},
                 2048, o);
}

// Llama Team 2024 (arXiv:2407.21783), Table 3; the same figures in public copies of the Hugging
// Face config (seen): 126 layers, d_model 16384, 128 heads of 128 with 8 K/V heads (GQA),
// SwiGLU FFN 53248, vocabulary 128256, untied LM head, no biases. Pre-training sequences of
// 8192 (the paper's Sec. 3.4); the 128k context comes from a later long-context stage.
Network llama3_405b(const ZooOptions& o) {
  return decoder("llama3_405b",
                 {126, 16384, 128, 8, 128, 53248, 128256, 131072, kSiluOps, false, false}, 8192, o);
}

}  // namespace headroom::models::zoo
