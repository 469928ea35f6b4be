// SPDX-License-Identifier: MIT
// A network: an ordered list of layers at a batch. The contract the simulator, `train` and
// `compare` code against.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "headroom/models/layer.hpp"

namespace headroom::models {

struct NetworkInfo {
  std::string name;
  std::uint64_t batch = 1;           // items per batch: images, states, sequences, utterances
  std::uint64_t units_per_item = 1;  // units of work per item: 1 for an image, tokens per sequence
  std::string unit_of_work;          // "image", "state", "token", "timestep"
  std::string input;                 // per item, e.g. "3x224x224" or "sequence of 128 tokens"
};

class Network {
 public:
  // `skipped`: nodes of an imported file that were left out.
  Network(NetworkInfo info, std::vector<Layer> layers, std::vector<SkippedNode> skipped = {});

  [[nodiscard]] const std::string& name() const { return info_.name; }
  [[nodiscard]] std::uint64_t batch() const { return info_.batch; }
  [[nodiscard]] const std::vector<Layer>& layers() const { return layers_; }
  // The unit `forward_macs_per_example` is counted in. For sequence models it is a token (as in
  // networks.csv and the 6·N·D training rule), so one item of the batch holds
  // units_per_item() examples.
  [[nodiscard]] const std::string& unit_of_work() const { return info_.unit_of_work; }
  [[nodiscard]] std::uint64_t units_per_item() const { return info_.units_per_item; }
  [[nodiscard]] std::uint64_t examples() const;
  [[nodiscard]] std::string input_description() const;
  [[nodiscard]] const std::vector<SkippedNode>& skipped() const { return skipped_; }

  [[nodiscard]] std::uint64_t forward_macs() const;              // whole batch
  [[nodiscard]] std::uint64_t forward_macs_per_example() const;  // per unit of work
  [[nodiscard]] std::uint64_t forward_vector_ops() const;        // whole batch
  [[nodiscard]] std::uint64_t parameters() const;
  [[nodiscard]] LayerCounts totals() const;  // whole batch; parameters counted once

 private:
  NetworkInfo info_;
  std::vector<Layer> layers_;
  std::vector<SkippedNode> skipped_;
};

}  // namespace headroom::models
