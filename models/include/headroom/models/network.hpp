// SPDX-License-Identifier: MIT
// A network: an ordered list of layers at a batch. The contract the simulator, `train` and
// `compare` code against.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
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

enum class Optimizer;  // lowering.hpp

// A workload that arrives already lowered (a trace file): lowering returns `trace` as it is, and
// passes over the layer IR (fusion) must leave such a network alone, since its ops are the ones
// that were executed. It has no layers.
struct LoweredWorkload {
  std::string source;  // the file, for messages
  Trace trace;
  bool training = false;               // one training step: forward, backward and update ops
  std::optional<Optimizer> optimizer;  // whose update ops the training trace holds
  std::uint64_t parameters = 0;        // as the file states them
  // Set when the trace is an inference graph already fused (lower_inference), with the counts
  // its header records; empty for a naive graph.
  std::optional<FusionSummary> fusion;
};

class Network {
 public:
  // `skipped`: nodes of an imported file that were left out.
  Network(NetworkInfo info, std::vector<Layer> layers, std::vector<SkippedNode> skipped = {});
  // An already lowered workload; its totals are its forward ops'.
  Network(NetworkInfo info, LoweredWorkload lowered);

  // Non-null when the workload is a trace: lower_forward/lower_training_step return its ops.
  [[nodiscard]] const LoweredWorkload* lowered() const { return lowered_.get(); }

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
  std::shared_ptr<const LoweredWorkload> lowered_;  // shared: networks are copied freely
};

}  // namespace headroom::models
