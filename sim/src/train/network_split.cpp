// SPDX-License-Identifier: MIT
// Megatron-LM tensor parallelism (Shoeybi et al., arXiv:1909.08053, Sec. 3): attention heads and
// the first MLP GEMM split by columns, the second by rows, the vocabulary split across ranks;
// layer norms and residual adds are replicated on every rank.
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "headroom/models/error.hpp"
#include "headroom/sim/train.hpp"

namespace headroom::sim {

namespace {

// Megatron pads the vocabulary to a multiple of the split; a ceiling does the same.
std::uint64_t share(std::uint64_t n, std::uint64_t parts) { return (n + parts - 1) / parts; }

models::LayerParams split_layer(const models::LayerParams& params, std::uint64_t tp) {
  return std::visit(
      [tp](auto p) -> models::LayerParams {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, models::Dense>) {
          if (p.out_features % tp == 0 || p.in_features % tp != 0)
            p.out_features = share(p.out_features, tp);
          else
            p.in_features /= tp;
        } else if constexpr (std::is_same_v<T, models::BatchMatmul>) {
          p.heads /= tp;
        } else if constexpr (std::is_same_v<T, models::Embedding>) {
          p.vocab = share(p.vocab, tp);
        } else if constexpr (std::is_same_v<T, models::Softmax>) {
          if (p.rows % tp == 0)
            p.rows /= tp;
          else
            p.width = share(p.width, tp);
        } else if constexpr (std::is_same_v<T, models::Elementwise>) {
          if (p.kind == models::VectorKind::Activation) p.elements = share(p.elements, tp);
        }
        return p;
      },
      params);
}

}  // namespace

NetworkShape network_shape(const models::Network& network) {
  NetworkShape s;
  for (const auto& layer : network.layers()) {
    const auto* bmm = std::get_if<models::BatchMatmul>(&layer.params);
    // One block per scores matmul, as marked by the zoo builder or the ONNX reader.
    if (!bmm || bmm->role != models::AttentionRole::Scores) continue;
    s.hidden_elements = network.batch() * bmm->m * bmm->heads * bmm->k;
    s.min_heads = s.min_heads ? std::min(s.min_heads, bmm->heads) : bmm->heads;
    ++s.attention_layers;
  }
  if (s.hidden_elements) {
    s.boundary_elements = s.hidden_elements;
  } else if (!network.layers().empty()) {
    const auto& mid = network.layers()[(network.layers().size() - 1) / 2];
    s.boundary_elements = mid.counts(network.batch()).output_elements;
  }
  return s;
}

models::Network split_network(const models::Network& network, const ParallelSplit& split) {
  const NetworkShape shape = network_shape(network);
  const std::string found = "tp=" + std::to_string(split.tp) + ", pp=" + std::to_string(split.pp);
  if (split.tp > 1 && shape.attention_layers == 0)
    throw InputError(input_error_message("--parallel", 0, "tp",
                                         "tp=1: tensor parallelism is modelled for attention "
                                         "(transformer) networks, " +
                                             network.name() + " has none",
                                         found));
  if (split.tp > 1 && shape.min_heads % split.tp != 0)
    throw InputError(input_error_message(
        "--parallel", 0, "tp",
        "a tp that divides the " + std::to_string(shape.min_heads) + " heads of " + network.name(),
        found));
  if (shape.attention_layers > 0 && shape.attention_layers % split.pp != 0)
    throw InputError(input_error_message("--parallel", 0, "pp",
                                         "a pp that divides the " +
                                             std::to_string(shape.attention_layers) +
                                             " attention layers of " + network.name(),
                                         found));
  // A trace (network.lowered()) has no layers; plan() allows it pp = 1 only.
  if (shape.attention_layers == 0 && !network.lowered() && split.pp > network.layers().size())
    throw InputError(input_error_message(
        "--parallel", 0, "pp",
        "at most one stage per layer (" + std::to_string(network.layers().size()) + ")", found));
  if (split.tp == 1) return network;
  std::vector<models::Layer> layers;
  layers.reserve(network.layers().size());
  for (const auto& layer : network.layers())
    layers.push_back({layer.name, split_layer(layer.params, split.tp)});
  return models::Network({.name = network.name(),
                          .batch = network.batch(),
                          .units_per_item = network.units_per_item(),
                          .unit_of_work = network.unit_of_work(),
                          .input = ""},
                         std::move(layers), network.skipped());
}

}  // namespace headroom::sim
