// SPDX-License-Identifier: MIT
#include "headroom/sim/train_memory.hpp"

#include <gtest/gtest.h>

namespace headroom::sim {
namespace {

using models::Optimizer;

TEST(TrainMemory, MixedPrecisionAdamIsSixteenBytesPerParameter) {
  // ZeRO (Rajbhandari et al., SC20, Sec. 3.1): fp16 weights 2 + fp16 gradients 2 + fp32 master
  // weights, momentum and variance 12 = 16 bytes per parameter.
  EXPECT_EQ(model_state_bytes_per_parameter(
                {.optimizer = Optimizer::Adam, .compute_bytes = 2, .mixed_precision = true}),
            16u);
}

TEST(TrainMemory, BytesPerParameterFollowTheOptimizer) {
  // Hand-counted: fp32 SGD = weights 4 + gradients 4; mixed momentum = 2 + 2 + 4 master + 4.
  EXPECT_EQ(model_state_bytes_per_parameter(
                {.optimizer = Optimizer::Sgd, .compute_bytes = 4, .mixed_precision = false}),
            8u);
  EXPECT_EQ(model_state_bytes_per_parameter(
                {.optimizer = Optimizer::SgdMomentum, .compute_bytes = 2, .mixed_precision = true}),
            12u);
  EXPECT_EQ(model_state_bytes_per_parameter(
                {.optimizer = Optimizer::Adam, .compute_bytes = 4, .mixed_precision = false}),
            16u);
}

TEST(TrainMemory, Gpt2NeedsTwentyFourGigabytesOfModelState) {
  // ZeRO Sec. 3.1: "a model with 1.5 Billion parameters (GPT-2) ... requires at least 24 GB".
  const MemoryFootprint f = memory_footprint(
      {.parameters = 1'500'000'000, .optimizer = Optimizer::Adam, .compute_bytes = 2});
  EXPECT_EQ(f.model_state_bytes(), 24'000'000'000u);
}

TEST(TrainMemory, Gpt3DoesNotFitOneEightyGigabyteDeviceAndNeedsAtLeastSixtyFourWay) {
  // GPT-3 175B (Brown et al. 2020, Table 2.1) x 16 B/param (ZeRO) = 2.8 TB of model state;
  // 2.8 TB / 80 GB = 35 chips, so the smallest power-of-two model-parallel degree is 64.
  const MemoryFootprint f = memory_footprint(
      {.parameters = 175'000'000'000, .optimizer = Optimizer::Adam, .compute_bytes = 2});
  EXPECT_EQ(f.model_state_bytes(), 2'800'000'000'000u);
  const FitAdvice a = check_fit(f, 80'000'000'000, 1, 1);
  EXPECT_FALSE(a.fits);
  EXPECT_EQ(a.min_model_parallel, 64u);
  EXPECT_EQ(a.max_micro_batch, 0u);
  EXPECT_NE(a.message.find("tp x pp >= 64"), std::string::npos) << a.message;
}

TEST(TrainMemory, ActivationsLimitTheMicroBatch) {
  // Hand-made: 1 GB of states, 8 examples x 1 GB of activations on a 4 GB chip: 3 examples fit.
  const MemoryFootprint f{.weights_bytes = 1'000'000'000, .activations_bytes = 8'000'000'000};
  const FitAdvice a = check_fit(f, 4'000'000'000, 1, 8);
  EXPECT_FALSE(a.fits);
  EXPECT_EQ(a.max_micro_batch, 3u);
  EXPECT_TRUE(check_fit(f, 9'000'000'000, 1, 8).fits);
}

TEST(TrainMemory, PipelineKeepsSeveralMicroBatchesOfActivations) {
  const MemoryFootprint f = memory_footprint(
      {.activation_elements = 1000, .micro_batches_in_flight = 4, .compute_bytes = 2});
  EXPECT_EQ(f.activations_bytes, 8000u);
}

}  // namespace
}  // namespace headroom::sim
