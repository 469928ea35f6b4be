// SPDX-License-Identifier: MIT
// Built-in networks by name, parametric in batch and image size / sequence length.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "headroom/models/network.hpp"

namespace headroom::models {

struct ZooOptions {
  std::uint64_t batch = 1;
  std::optional<std::uint64_t> image_size;  // square input side for CNNs
  std::optional<std::uint64_t> seq_len;     // tokens / timesteps for sequence models
  // MobileNet v1's width multiplier alpha (channels scaled to int(alpha * c)); only the networks
  // that have one accept it.
  std::optional<double> width_multiplier = std::nullopt;
};

struct ZooEntry {
  std::string name;
  std::string description;
};

std::vector<ZooEntry> zoo_entries();

// Throws InputError naming close matches for an unknown name, or for an option the network
// cannot take (an image size too small for its strides, a sequence longer than its context).
Network make_network(const std::string& name, const ZooOptions& options = {});

}  // namespace headroom::models
