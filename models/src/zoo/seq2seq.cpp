// SPDX-License-Identifier: MIT
// Seq2Seq (Sutskever, Vinyals & Le, NIPS 2014, Sec. 3.4): 4-layer LSTM encoder and decoder,
// 1000 cells per layer, 1000-d word embeddings, 160k input and 80k output vocabulary, softmax
// over the output vocabulary ("384M parameters"). One item is a sentence pair of seq_len source
// and seq_len target words; the unit of work is a word pair.
#include "sequence.hpp"

namespace headroom::models::zoo {

namespace {
constexpr std::uint64_t kSourceVocab = 160000;
constexpr std::uint64_t kTargetVocab = 80000;
constexpr std::uint64_t kWidth = 1000;
constexpr std::uint64_t kLayers = 4;
}  // namespace

Network seq2seq(const ZooOptions& o) {
  const std::uint64_t len = sequence_length(o, "seq2seq", 30, 1u << 20);
  std::vector<Layer> l;
  const auto lstm = [&](const std::string& side) {
    for (std::uint64_t i = 0; i < kLayers; ++i)
      l.push_back({side + ".lstm" + std::to_string(i),
                   Recurrent{RecurrentCell::Lstm, len, kWidth, kWidth}});
  };
  l.push_back({"encoder.embed", Embedding{kSourceVocab, kWidth, len}});
  lstm("encoder");
  l.push_back({"decoder.embed", Embedding{kTargetVocab, kWidth, len}});
  lstm("decoder");
  l.push_back({"decoder.output", Dense{len, kWidth, kTargetVocab}});
  l.push_back({"decoder.softmax", Softmax{len, kTargetVocab}});
  return sequence_network("seq2seq", o, len, std::move(l), "word pair");
}

}  // namespace headroom::models::zoo
