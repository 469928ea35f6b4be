// SPDX-License-Identifier: MIT
#include "headroom/models/network.hpp"

#include <utility>

namespace headroom::models {

Network::Network(NetworkInfo info, std::vector<Layer> layers, std::vector<SkippedNode> skipped)
    : info_(std::move(info)), layers_(std::move(layers)), skipped_(std::move(skipped)) {}

std::string Network::input_description() const { return info_.input; }

LayerCounts Network::totals() const {
  LayerCounts t;
  for (const auto& l : layers_) {
    const LayerCounts c = l.counts(info_.batch);
    t.macs += c.macs;
    t.vector_ops += c.vector_ops;
    t.parameters += c.parameters;
    t.input_elements += c.input_elements;
    t.weight_elements += c.weight_elements;
    t.output_elements += c.output_elements;
  }
  return t;
}

std::uint64_t Network::forward_macs() const { return totals().macs; }

std::uint64_t Network::forward_macs_per_example() const {
  return examples() == 0 ? 0 : forward_macs() / examples();
}

std::uint64_t Network::forward_vector_ops() const { return totals().vector_ops; }

std::uint64_t Network::parameters() const { return totals().parameters; }

}  // namespace headroom::models
