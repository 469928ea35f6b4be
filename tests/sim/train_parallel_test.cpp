// SPDX-License-Identifier: MIT
#include "headroom/sim/train_parallel.hpp"

#include <gtest/gtest.h>

#include "headroom/models/error.hpp"
#include "headroom/sim/train_step.hpp"

namespace headroom::sim {
namespace {

const LinkModel kOneGigabyte{.bandwidth_bytes_per_s = 1e9, .latency_s = 0};

TEST(TrainParallel, ParsesSplitsAndFillsDataParallelFromChips) {
  const ParallelSplit s = parse_parallel("dp=8,tp=8,pp=4", 256);
  EXPECT_EQ(s.dp, 8u);
  EXPECT_EQ(s.tp, 8u);
  EXPECT_EQ(s.pp, 4u);
  EXPECT_EQ(parse_parallel("tp=8", 64).dp, 8u);
  EXPECT_EQ(parse_parallel("", 64).dp, 64u);
}

TEST(TrainParallel, RejectsBadSplits) {
  EXPECT_THROW((void)parse_parallel("dp=8,tp=8", 128), InputError);  // 64 != 128
  EXPECT_THROW((void)parse_parallel("dp=0", 0), InputError);
  EXPECT_THROW((void)parse_parallel("dp=-2", 0), InputError);
  EXPECT_THROW((void)parse_parallel("tp=3", 64), InputError);  // 64 is not a multiple of 3
  try {
    (void)parse_parallel("xp=2", 2);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean"), std::string::npos) << e.what();
  }
}

TEST(TrainParallel, RingAllReduceMatchesTheTextbookCost) {
  // 2 (n-1)/n x bytes / bandwidth + 2 (n-1) latency (Patarasuk & Yuan 2009), by hand:
  // n = 4, 1 GB at 1 GB/s: 1.5 s; with 1 us hops: + 6 us.
  EXPECT_DOUBLE_EQ(ring_allreduce_s(1e9, 4, kOneGigabyte), 1.5);
  EXPECT_DOUBLE_EQ(ring_allreduce_s(1e9, 4, {.bandwidth_bytes_per_s = 1e9, .latency_s = 1e-6}),
                   1.5 + 6e-6);
  EXPECT_DOUBLE_EQ(ring_allreduce_s(1e9, 1, kOneGigabyte), 0.0);
}

TEST(TrainParallel, TorusRunsOneRingPerDimension) {
  // 16 chips = 4 x 4: 2(3/4) x 1 GB + 2(3/4) x 0.25 GB at 1 GB/s = 1.5 + 0.375 s, by hand.
  const LinkModel torus{
      .bandwidth_bytes_per_s = 1e9, .latency_s = 0, .topology = Topology::Torus2d};
  EXPECT_DOUBLE_EQ(allreduce_s(1e9, 16, torus), 1.875);
  EXPECT_LT(allreduce_s(1e9, 16, torus), 2.0);  // cheaper in latency, same order in bytes
}

TEST(TrainParallel, OneFOneBBubble) {
  // Narayanan et al. SC21 Sec. 2.2: (p-1)/m of ideal time = (p-1)/(m+p-1) of the total.
  EXPECT_DOUBLE_EQ(pipeline_bubble_fraction(4, 8), 3.0 / 11.0);
  EXPECT_DOUBLE_EQ(pipeline_bubble_fraction(1, 8), 0.0);
}

TEST(TrainParallel, GradientReductionHidesBehindBackward) {
  // Hand case: fwd 1 s, bwd 2 s (first layer 0.5 s), update 0.5 s; 4-way dp ring of 3 GB at
  // 1 GB/s = 4.5 s, of which 2 - 0.5 = 1.5 s overlap: 3 s exposed, step 1 + 2 + 0.5 + 3 = 6.5 s.
  const ChipStepProfile chip{
      .forward_s = 1, .backward_s = 2, .update_s = 0.5, .first_layer_backward_s = 0.5};
  const StepTime t = compose_step(chip, {.dp = 4}, 1, {.gradient_bytes = 3e9}, kOneGigabyte);
  EXPECT_DOUBLE_EQ(t.dp_comm_s, 4.5);
  EXPECT_DOUBLE_EQ(t.dp_exposed_s, 3.0);
  EXPECT_DOUBLE_EQ(t.step_s, 6.5);
  EXPECT_DOUBLE_EQ(exposed_communication_s(1.0, 1.5), 0.0);
}

TEST(TrainParallel, PipelineStepHasTheBubble) {
  // pp = 4, m = 8, stage = (1 + 2) / 4 = 0.75 s: 11 slots = 8.25 s, bubble 3 x 0.75 = 2.25 s.
  const ChipStepProfile chip{.forward_s = 1, .backward_s = 2};
  const StepTime t = compose_step(chip, {.pp = 4}, 8, {}, kOneGigabyte);
  EXPECT_DOUBLE_EQ(t.compute_s, 8.25);
  EXPECT_DOUBLE_EQ(t.bubble_s, 2.25);
  EXPECT_DOUBLE_EQ(t.bubble_s / t.compute_s, pipeline_bubble_fraction(4, 8));
}

TEST(TrainParallel, TensorParallelAllReducesAreOnTheCriticalPath) {
  // 96 layers x 4 all-reduces of 1 MB over 8 chips at 1 GB/s: 384 x 2(7/8) x 1e-3 s = 0.672 s.
  const StepTime t = compose_step({}, {.tp = 8}, 1,
                                  {.tp_allreduces = 384, .tp_allreduce_bytes = 1e6}, kOneGigabyte);
  EXPECT_NEAR(t.tp_comm_s, 0.672, 1e-12);
  EXPECT_NEAR(t.step_s, 0.672, 1e-12);
}

}  // namespace
}  // namespace headroom::sim
