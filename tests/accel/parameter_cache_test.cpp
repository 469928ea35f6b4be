// SPDX-License-Identifier: MIT
// The parameter cache (sram.parameter_cache, docs/accelerator-model.md "Parameter cache"): the
// weights of the first layers stay on chip across inferences, so the steady-state DRAM reads
// drop by exactly those weights and nothing else changes. Expected bytes are hand arithmetic on
// a synthetic network of three equal layers whose operands all fit on chip (each read once).
#include <gtest/gtest.h>

#include <string>

#include "headroom/accel/simulator.hpp"
#include "headroom/models/error.hpp"

namespace headroom::accel {
namespace {

// Layer i: C[32 x 64] = A[32 x 64] * B[64 x 64] at INT8: A = 2048 B, B = 4096 B, C = 2048 B.
constexpr std::uint64_t kInput = 32 * 64, kWeights = 64 * 64, kOutput = 32 * 64;

AcceleratorConfig config(std::uint64_t cache_bytes) {
  AcceleratorConfig c;
  c.name = "cache-test";
  c.clock = units::megahertz(500);
  c.array = {16, 16, 1, Dataflow::WeightStationary, {{Precision::INT8, 1}}, {}};
  c.sram.unified = true;
  c.sram.unified_buffer.size_bytes = 1 << 20;  // every operand fits, whatever the cache takes
  c.sram.parameter_cache_bytes = cache_bytes;
  c.dram.bandwidth = units::gigabytes_per_second(1);
  c.dram.latency = units::nanoseconds(100);
  c.dram.burst_bytes = 64;
  c.vector.lanes = 16;
  return c;
}

// Three layers of the same shape: a cached one and an uncached one are the same work but for
// the cache, which the planner must not confuse when it reuses a plan.
models::Trace three_layers() {
  models::Trace t;
  t.network = "three";
  for (const char* name : {"l0", "l1", "l2"}) {
    models::TraceOp op;
    op.layer = name;
    op.gemm = {32, 64, 64, 1, 0, 0};
    t.ops.push_back(op);
  }
  return t;
}

RunStats run(std::uint64_t cache_bytes) {
  Simulator sim;
  return sim.run(config(cache_bytes), three_layers(), Precision::INT8);
}

TEST(ParameterCache, WithoutOneEveryOperandIsReadOnce) {
  const RunStats r = run(0);
  EXPECT_EQ(r.dram_read_bytes, 3 * (kInput + kWeights));
  EXPECT_EQ(r.dram_write_bytes, 3 * kOutput);
  EXPECT_EQ(r.cached_weight_bytes, 0U);
  for (const OpStats& op : r.ops) EXPECT_FALSE(op.weights_cached) << op.layer;
}

// A cache of exactly the first two layers' weights: 2 x 4096 B fewer reads per inference.
TEST(ParameterCache, CachingTheFirstTwoLayersDropsExactlyTheirWeights) {
  const RunStats before = run(0);
  const RunStats after = run(2 * kWeights);
  EXPECT_EQ(after.cached_weight_bytes, 2 * kWeights);
  EXPECT_EQ(after.weight_bytes, 3 * kWeights);
  EXPECT_EQ(after.parameter_cache_bytes, 2 * kWeights);
  EXPECT_EQ(before.dram_read_bytes - after.dram_read_bytes, 2 * kWeights);
  EXPECT_EQ(after.dram_write_bytes, before.dram_write_bytes);
  EXPECT_EQ(after.macs, before.macs);
  EXPECT_EQ(after.macs, 3U * 32 * 64 * 64);
  ASSERT_EQ(after.ops.size(), 3U);
  EXPECT_TRUE(after.ops[0].weights_cached);
  EXPECT_TRUE(after.ops[1].weights_cached);
  EXPECT_FALSE(after.ops[2].weights_cached);
  EXPECT_EQ(after.ops[0].dram_read_bytes, kInput);
  EXPECT_EQ(after.ops[1].dram_read_bytes, kInput);
  EXPECT_EQ(after.ops[2].dram_read_bytes, kInput + kWeights);
}

// One byte short of two layers: whole layers only, so one is cached.
TEST(ParameterCache, ALayerThatDoesNotFitWholeStreams) {
  const RunStats r = run(2 * kWeights - 1);
  EXPECT_EQ(r.cached_weight_bytes, kWeights);
  EXPECT_EQ(r.dram_read_bytes, 3 * kInput + 2 * kWeights);
}

// Fewer DRAM bytes over a slow memory: the steady-state inference is no slower.
TEST(ParameterCache, CachedWeightsDoNotSlowTheRun) {
  EXPECT_LE(run(3 * kWeights).total_cycles, run(0).total_cycles);
  EXPECT_EQ(run(3 * kWeights).dram_read_bytes, 3 * kInput);
}

// A training step rewrites its weights: nothing is cached.
TEST(ParameterCache, ATrainingTraceCachesNothing) {
  models::Trace t = three_layers();
  t.ops[2].phase = models::Phase::BackwardData;
  Simulator sim;
  const RunStats r = sim.run(config(3 * kWeights), t, Precision::INT8);
  EXPECT_EQ(r.cached_weight_bytes, 0U);
  EXPECT_EQ(r.dram_read_bytes, 3 * (kInput + kWeights));
}

TEST(ParameterCache, ACacheAsLargeAsTheSramIsRefused) {
  Simulator sim;
  try {
    (void)sim.run(config(1 << 20), three_layers(), Precision::INT8);
    FAIL() << "a cache that leaves no SRAM was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("sram.parameter_cache"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace headroom::accel
