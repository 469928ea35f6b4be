// SPDX-License-Identifier: MIT
// The vector unit: lanes ops per cycle, element-wise work pipelined behind the GEMM it follows,
// row-wise work (softmax) after it. Ideal memory isolates the timing rule.
#include <gtest/gtest.h>

#include "headroom/accel/simulator.hpp"
#include "headroom/accel/timing.hpp"

namespace headroom::accel {
namespace {

AcceleratorConfig make_config(std::uint32_t lanes) {
  AcceleratorConfig c;
  c.clock = units::megahertz(1000);
  c.array = {16, 16, 1, Dataflow::OutputStationary, {{Precision::INT8, 1}}, {}};
  c.sram.ifmap.size_bytes = c.sram.filter.size_bytes = c.sram.ofmap.size_bytes = 1 << 20;
  c.dram.ideal = true;
  c.vector.lanes = lanes;
  return c;
}

models::Trace gemm_then(models::VectorKind kind, std::uint64_t ops) {
  models::Trace t;
  models::TraceOp g;
  g.gemm = {64, 64, 64, 1, 0, 0};
  t.ops.push_back(g);
  models::TraceOp v;
  v.kind = models::TraceOp::Kind::Vector;
  v.vector = {kind, 64 * 64, ops, 64 * 64};
  t.ops.push_back(v);
  return t;
}

// 16 folds of K + R + C - 2 = 94 cycles (peers/scalesim/README.md §2).
constexpr std::uint64_t kGemmCycles = 16 * 94;

TEST(VectorUnit, ActivationHidesBehindTheGemmItFollows) {
  Simulator sim;
  const RunStats s =
      sim.run(make_config(16), gemm_then(models::VectorKind::Activation, 4096), Precision::INT8);
  EXPECT_EQ(s.ops[1].total_cycles, 0u);  // 4096 / 16 = 256 cycles < 1504
  EXPECT_EQ(s.vector_cycles, 256u);
  EXPECT_EQ(s.total_cycles, kGemmCycles);
}

TEST(VectorUnit, OnlyTheExcessOfALongElementwiseOpShows) {
  Simulator sim;
  // 4096 x 8 ops on 16 lanes = 2048 cycles, 544 more than the GEMM.
  const RunStats s =
      sim.run(make_config(16), gemm_then(models::VectorKind::Elementwise, 32768), Precision::INT8);
  EXPECT_EQ(s.ops[1].total_cycles, 2048u - kGemmCycles);
  EXPECT_EQ(s.total_cycles, 2048u);
}

TEST(VectorUnit, AChainOfElementwiseOpsSharesTheGemmTime) {
  // GEMM, residual add (1000 cycles on 16 lanes), ReLU (1000 cycles): 2000 of vector work,
  // 1504 hidden behind the GEMM, 496 left for the ReLU.
  models::Trace t = gemm_then(models::VectorKind::Elementwise, 16000);
  t.ops.push_back(t.ops[1]);
  t.ops[2].vector.kind = models::VectorKind::Activation;
  Simulator sim;
  const RunStats s = sim.run(make_config(16), t, Precision::INT8);
  EXPECT_EQ(s.ops[1].total_cycles, 0u);
  EXPECT_EQ(s.ops[2].total_cycles, 2000u - kGemmCycles);
}

TEST(VectorUnit, SoftmaxWaitsForTheWholeRow) {
  Simulator sim;
  const RunStats s =
      sim.run(make_config(16), gemm_then(models::VectorKind::Softmax, 5 * 4096), Precision::INT8);
  EXPECT_EQ(s.ops[1].total_cycles, 5u * 4096 / 16);
  EXPECT_EQ(s.total_cycles, kGemmCycles + 5u * 4096 / 16);
  EXPECT_EQ(s.ops[1].dram_read_bytes, 4096u);  // its input comes back from DRAM
}

TEST(VectorUnit, WithoutLanesVectorOpsAreNotTimed) {
  Simulator sim;
  const RunStats s =
      sim.run(make_config(0), gemm_then(models::VectorKind::Softmax, 4096), Precision::INT8);
  EXPECT_EQ(s.total_cycles, kGemmCycles);
  EXPECT_EQ(s.vector_ops, 4096u);
}

}  // namespace
}  // namespace headroom::accel
