// SPDX-License-Identifier: MIT
// The inference graph's marks honoured by the planner (issue 16): ops fused into a GEMM's output
// stage run at that stage's throughput, a fused pooling hides behind the GEMM where there is a
// pooling stage, and maps kept on chip move no DRAM bytes. Ideal memory isolates the timing; the
// expected figures are worked by hand from the shapes.
#include <gtest/gtest.h>

#include "headroom/accel/simulator.hpp"

namespace headroom::accel {
namespace {

AcceleratorConfig make_config(std::uint32_t stage, bool pooling) {
  AcceleratorConfig c;
  c.clock = units::megahertz(1000);
  c.array = {16, 16, 1, Dataflow::OutputStationary, {{Precision::INT8, 1}}, {}};
  c.sram.ifmap.size_bytes = c.sram.filter.size_bytes = c.sram.ofmap.size_bytes = 1 << 20;
  c.dram.ideal = true;
  c.vector.lanes = 16;
  c.post_processing = {stage, pooling};
  return c;
}

// A 64 x 64 x 64 GEMM, then a vector op over its 4096 outputs.
models::Trace gemm_then(models::VectorKind kind, std::uint64_t elements, std::uint64_t ops,
                        bool fused) {
  models::Trace t;
  models::TraceOp g;
  g.gemm = {64, 64, 64, 1, 0, 0};
  t.ops.push_back(g);
  models::TraceOp v;
  v.kind = models::TraceOp::Kind::Vector;
  v.vector = {kind, elements, ops, 64 * 64};
  v.fused = fused;
  t.ops.push_back(v);
  return t;
}

// 16 folds of K + R + C - 2 = 94 cycles (peers/scalesim/README.md §2).
constexpr std::uint64_t kGemmCycles = 16 * 94;

TEST(OutputStage, FusedOpsRunAtTheStagesRateNotTheLanes) {
  Simulator sim;
  // 4096 elements x 8 ops: 2048 cycles on 16 lanes; a 1-element-per-cycle stage takes 4096.
  const auto lanes =
      sim.run(make_config(1, false), gemm_then(models::VectorKind::Elementwise, 4096, 32768, false),
              Precision::INT8);
  EXPECT_EQ(lanes.ops[1].total_cycles, 2048u - kGemmCycles);
  const auto stage =
      sim.run(make_config(1, false), gemm_then(models::VectorKind::Elementwise, 4096, 32768, true),
              Precision::INT8);
  EXPECT_EQ(stage.ops[1].total_cycles, 4096u - kGemmCycles);
  // A 16-element stage pipelines all 8 ops of an element: 256 cycles, hidden.
  const auto wide =
      sim.run(make_config(16, false), gemm_then(models::VectorKind::Elementwise, 4096, 32768, true),
              Precision::INT8);
  EXPECT_EQ(wide.ops[1].total_cycles, 0u);
  EXPECT_EQ(wide.total_cycles, kGemmCycles);
}

// NVDLA's SDP sub-units are in series: an element goes through a residual add and the ReLU after
// it in one pass, so the chain takes its longest op's time, not the sum (accelerator-model.md).
TEST(OutputStage, AChainOfFusedOpsIsOnePassThroughTheStage) {
  Simulator sim;
  models::Trace t = gemm_then(models::VectorKind::Elementwise, 4096, 4096, true);
  models::TraceOp relu = t.ops[1];
  relu.vector = {models::VectorKind::Activation, 4096, 4096, 4096};
  t.ops.push_back(relu);
  // A 1-element-per-cycle stage: 4096 cycles for the chain, 4096 - 1504 past the GEMM, all of
  // it the add's; the ReLU adds nothing. Summed, the ReLU would add 4096 more.
  const auto stage = sim.run(make_config(1, false), t, Precision::INT8);
  EXPECT_EQ(stage.ops[1].total_cycles, 4096u - kGemmCycles);
  EXPECT_EQ(stage.ops[2].total_cycles, 0u);
  EXPECT_EQ(stage.total_cycles, 4096u);
  EXPECT_EQ(stage.vector_cycles, 4096u);
  // A longer op later in the chain adds only its excess: a 2x upsampling-sized op of 8192.
  t.ops[2].vector = {models::VectorKind::Activation, 8192, 8192, 8192};
  const auto longer = sim.run(make_config(1, false), t, Precision::INT8);
  EXPECT_EQ(longer.ops[2].total_cycles, 8192u - 4096u);
  // On the lanes (no stage) the ops still run one after the other: 256 + 256 cycles of 16
  // lanes, both hidden behind the GEMM's 1504.
  t.ops[1].fused = t.ops[2].fused = false;
  t.ops[2].vector = relu.vector;
  const auto lanes = sim.run(make_config(1, false), t, Precision::INT8);
  EXPECT_EQ(lanes.vector_cycles, 512u);
  EXPECT_EQ(lanes.total_cycles, kGemmCycles);
}

TEST(OutputStage, FusedPoolingHidesOnlyWhereThereIsAPoolingStage) {
  Simulator sim;
  // 2x2 pooling of the 4096 outputs: 1024 results, 4096 ops.
  const auto trace = gemm_then(models::VectorKind::Pool, 1024, 4096, true);
  const auto pooled = sim.run(make_config(16, true), trace, Precision::INT8);
  EXPECT_EQ(pooled.ops[1].total_cycles, 0u);  // 4096 / 16 = 256 cycles behind 1504
  EXPECT_EQ(pooled.ops[1].dram_read_bytes, 0u);
  const auto separate = sim.run(make_config(16, false), trace, Precision::INT8);
  EXPECT_EQ(separate.ops[1].total_cycles, 4096u / 16);  // a pass of its own on the lanes
  EXPECT_EQ(separate.ops[1].dram_read_bytes, 4096u);
}

TEST(OnChipReuse, AKeptMapIsNeitherWrittenNorReadBack) {
  Simulator sim;
  models::Trace t;
  models::TraceOp g;
  g.gemm = {64, 64, 64, 1, 0, 0};
  t.ops = {g, g};
  const auto naive = sim.run(make_config(0, false), t, Precision::INT8);
  EXPECT_EQ(naive.ops[0].dram_write_bytes, 64u * 64);
  EXPECT_GE(naive.ops[1].dram_read_bytes, 2u * 64 * 64);  // input and weights
  t.ops[0].output_on_chip = true;
  t.ops[1].input_on_chip = true;
  const auto kept = sim.run(make_config(0, false), t, Precision::INT8);
  EXPECT_EQ(kept.ops[0].dram_write_bytes, 0u);
  EXPECT_EQ(kept.ops[1].dram_read_bytes, 64u * 64);  // the weights, once
  EXPECT_EQ(kept.ops[1].dram_write_bytes, 64u * 64);
  EXPECT_TRUE(kept.ops[1].input_on_chip);
  EXPECT_EQ(kept.macs, naive.macs);
}

}  // namespace
}  // namespace headroom::accel
