// SPDX-License-Identifier: MIT
// Tensor-parallel splitting of an imported transformer finds its attention blocks from the
// marks the ONNX reader sets, as it does for the zoo's.
#include <gtest/gtest.h>

#include <string>

#include "headroom/models/workload.hpp"
#include "headroom/models/zoo.hpp"
#include "headroom/sim/train.hpp"

namespace headroom::sim {
namespace {

models::Network onnx(const std::string& file) {
  return models::load_network({.network = std::string(HEADROOM_SOURCE_DIR) + "/" + file,
                               .batch = 1,
                               .image_size = std::nullopt,
                               .seq_len = std::nullopt,
                               .onnx = {}});
}

TEST(OnnxTrain, ImportedGptHasTwelveAttentionBlocksOfTwelveHeads) {
  // GPT-2 small: 12 layers, 12 heads, width 768 (../shared/peers/onnx/README.md).
  const NetworkShape s = network_shape(onnx("tests/data/onnx/gpt_decoder.onnx"));
  EXPECT_EQ(s.attention_layers, 12U);
  EXPECT_EQ(s.min_heads, 12U);
  EXPECT_EQ(s.hidden_elements, 128U * 768);
  const models::Network rank = split_network(onnx("tests/data/onnx/gpt_decoder.onnx"),
                                             ParallelSplit{.dp = 1, .tp = 4, .pp = 1});
  for (const auto& l : rank.layers()) {
    if (const auto* m = std::get_if<models::BatchMatmul>(&l.params)) {
      EXPECT_EQ(m->heads, 3U) << l.name;
    }
  }
}

TEST(OnnxTrain, ACnnHasNoAttentionToSplit) {
  EXPECT_EQ(network_shape(onnx("tests/data/onnx/resnet18.onnx")).attention_layers, 0U);
}

// bench/data/resnet152.onnx is built layer by layer from He et al. 2016's table; torchvision
// publishes 11.514 GMACs for ResNet-152 and the zoo network reproduces it.
TEST(OnnxBenchModel, HandBuiltResNet152MatchesTheZoo) {
  const models::Network n = onnx("bench/data/resnet152.onnx");
  EXPECT_NEAR(static_cast<double>(n.forward_macs()), 11.514e9, 0.0005e9);
  EXPECT_EQ(n.forward_macs(), models::make_network("resnet152").forward_macs());
}

}  // namespace
}  // namespace headroom::sim
