// SPDX-License-Identifier: MIT
// array.depthwise: packed. Expected cycles are counted by hand from the rule in
// docs/accelerator-model.md ("Depthwise convolutions") and the SCALE-Sim fold times (Samajdar et
// al., ISPASS 2020: WS 2R + C + M - 2 per fold, IS 2R + C + N - 2), not from the planner.
#include <gtest/gtest.h>

#include "headroom/accel/validate.hpp"
#include "tiling/plan.hpp"

namespace headroom::accel {
namespace {

constexpr std::uint64_t kMiB = 1 << 20;

AcceleratorConfig config(Dataflow df, bool packed) {
  AcceleratorConfig c;
  c.clock = units::megahertz(1000);
  c.array = {32, 32, 1, df, {{Precision::INT8, 1}}, {}, packed};
  c.sram.ifmap.size_bytes = kMiB;
  c.sram.filter.size_bytes = kMiB;
  c.sram.ofmap.size_bytes = kMiB;
  c.dram.ideal = true;
  return c;
}

// A 3x3 depthwise layer, 32 channels, 8x8 output, stride 1, pad 1: per channel M = 64, K = 9,
// N = 1, 64 unique input elements.
models::TraceOp depthwise_layer() {
  models::TraceOp op;
  op.layer = "dw";
  op.gemm = {64, 1, 9, 32, 64, 0};
  op.gemm.depthwise = true;
  return op;
}

TEST(Depthwise, WeightStationaryPacksThreeChannelsPerPass) {
  // Per channel: 32 folds of 2*32 + 32 + 64 - 2 = 158 cycles = 5056.
  const OpPlan one =
      plan_gemm(config(Dataflow::WeightStationary, false), depthwise_layer(), Precision::INT8);
  EXPECT_EQ(one.stats.compute_cycles, 5056u);
  // Packed: floor(32 rows / 9 taps) = 3 channels per pass, ceil(32 / 3) = 11 passes of one
  // 27 x 3 block-diagonal fold, still 158 cycles each = 1738.
  const OpPlan packed =
      plan_gemm(config(Dataflow::WeightStationary, true), depthwise_layer(), Precision::INT8);
  EXPECT_EQ(packed.stats.compute_cycles, 1738u);
  EXPECT_EQ(packed.stats.folds, 11u);
  // The work is the same 64 x 9 x 32 MACs.
  EXPECT_EQ(packed.stats.macs, 64u * 9 * 32);
  EXPECT_EQ(packed.stats.macs, one.stats.macs);
}

TEST(Depthwise, InputStationaryPacksTheRowsAndStreamsTheFilters) {
  // Per channel: M = 64 windows on 32 columns = 2 folds of 2*32 + 32 + 1 - 2 = 95 cycles, 32 times.
  const OpPlan one =
      plan_gemm(config(Dataflow::InputStationary, false), depthwise_layer(), Precision::INT8);
  EXPECT_EQ(one.stats.compute_cycles, 32u * 2 * 95);
  // Packed: 3 channels on 27 rows, their 3 filters streamed: 11 passes x 2 folds x 97 cycles.
  const OpPlan packed =
      plan_gemm(config(Dataflow::InputStationary, true), depthwise_layer(), Precision::INT8);
  EXPECT_EQ(packed.stats.compute_cycles, 11u * 2 * 97);
  EXPECT_EQ(packed.stats.macs, one.stats.macs);
}

TEST(Depthwise, TrafficStaysCloseToTheChannelByChannelTotals) {
  // A real memory: the 32 channels' 64 inputs and 9 weights each, 32 x 64 outputs.
  AcceleratorConfig c = config(Dataflow::WeightStationary, true);
  c.dram.ideal = false;
  c.dram.bandwidth = units::gigabytes_per_second(10);
  const OpPlan p = plan_gemm(c, depthwise_layer(), Precision::INT8);
  const std::uint64_t reads = 32u * 64 + 32u * 9;
  EXPECT_GE(p.stats.dram_read_bytes, reads);
  EXPECT_LE(p.stats.dram_read_bytes, reads + 2 * (11 - 1));
  // Outputs are written per pass of 3 channels: 33 channels' worth for 32 (the documented
  // approximation: at most passes x channels - groups channels too many).
  EXPECT_GE(p.stats.dram_write_bytes, 32u * 64);
  EXPECT_LE(p.stats.dram_write_bytes, 33u * 64);
}

TEST(Depthwise, OnlyDepthwiseGemmsArePacked) {
  models::TraceOp grouped = depthwise_layer();
  grouped.gemm.depthwise = false;  // e.g. a grouped conv with several channels per group
  const OpPlan p = plan_gemm(config(Dataflow::WeightStationary, true), grouped, Precision::INT8);
  EXPECT_EQ(p.stats.compute_cycles, 5056u);
}

TEST(Depthwise, ChannelsWiderThanTheArrayStayOnePerPass) {
  // A 7x7 kernel (K = 49) exceeds 32 rows: nothing to pack, the plan is the per-channel one.
  models::TraceOp op = depthwise_layer();
  op.gemm.k = 49;
  const OpPlan a = plan_gemm(config(Dataflow::WeightStationary, true), op, Precision::INT8);
  const OpPlan b = plan_gemm(config(Dataflow::WeightStationary, false), op, Precision::INT8);
  EXPECT_EQ(a.stats.compute_cycles, b.stats.compute_cycles);
}

TEST(Depthwise, OutputStationaryIsRefused) {
  const auto issues = config_issues(config(Dataflow::OutputStationary, true), Checks::BeforeRun);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues.front().key, "array.depthwise");
}

}  // namespace
}  // namespace headroom::accel
