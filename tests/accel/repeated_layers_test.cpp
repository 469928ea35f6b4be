// SPDX-License-Identifier: MIT
// A trace that repeats a block of ops (an LLM's layers) is advanced in closed form once the
// model's state repeats (accel/src/sc/steady_state.hpp). The reference is the same model
// stepping through every op: the same blocks with their phases set by the Thue-Morse sequence,
// which never repeats a block three times in a row, so nothing is ever skipped there. A phase
// is only a label to the planner, so both traces have the same plans, op for op.
#include <gtest/gtest.h>

#include <bit>
#include <string>
#include <vector>

#include "headroom/accel/simulator.hpp"
#include "sc/steady_state.hpp"

namespace headroom::accel {
namespace {

AcceleratorConfig config(std::uint32_t side, Dataflow df, double gb_per_s, std::uint64_t sram) {
  AcceleratorConfig c;
  c.name = "test";
  c.clock = units::megahertz(1000);
  c.array = {side, side, 2, df, {{Precision::INT8, 1}}, {}};
  c.sram.ifmap.size_bytes = c.sram.filter.size_bytes = c.sram.ofmap.size_bytes = sram;
  c.dram.bandwidth = units::gigabytes_per_second(gb_per_s);
  c.dram.latency = units::nanoseconds(100);
  c.dram.burst_bytes = 64;
  c.vector.lanes = side;
  return c;
}

models::TraceOp gemm(const std::string& name, std::uint64_t m, std::uint64_t n, std::uint64_t k) {
  models::TraceOp op;
  op.layer = name;
  op.gemm = {m, n, k, 1, 0, 0};
  return op;
}

models::TraceOp vector(const std::string& name, models::VectorKind kind, std::uint64_t elements,
                       std::uint64_t inputs) {
  models::TraceOp op;
  op.layer = name;
  op.kind = models::TraceOp::Kind::Vector;
  op.vector = {kind, elements, 4 * elements, inputs};
  return op;
}

// `blocks` transformer-like blocks after a different first op; block b gets phase(b).
template <class PhaseOf>
models::Trace blocks_trace(std::uint64_t blocks, PhaseOf phase) {
  models::Trace t;
  t.network = "repeated";
  t.ops.push_back(vector("embed", models::VectorKind::Embedding, 4096, 4096));
  for (std::uint64_t b = 0; b < blocks; ++b) {
    const std::string l = "block." + std::to_string(b) + ".";
    std::vector<models::TraceOp> ops = {
        vector(l + "norm", models::VectorKind::Norm, 4096, 4096),
        gemm(l + "qkv", 64, 192, 64),
        vector(l + "act", models::VectorKind::Activation, 12288, 12288),
        gemm(l + "out", 64, 64, 200),
        vector(l + "add", models::VectorKind::Elementwise, 4096, 8192),
        gemm(l + "ff", 64, 256, 64),
    };
    for (auto& op : ops) {
      op.phase = phase(b);
      t.ops.push_back(op);
    }
  }
  t.ops.push_back(gemm("head", 64, 1000, 64));
  return t;
}

struct Outcome {
  RunStats stats;
  std::uint64_t closed_form = 0;  // ops advanced in closed form
};

Outcome run(const AcceleratorConfig& c, const models::Trace& t) {
  Simulator sim;
  const std::uint64_t before = sc::ops_advanced_in_closed_form();
  Outcome r{sim.run(c, t, Precision::INT8)};
  r.closed_form = sc::ops_advanced_in_closed_form() - before;
  return r;
}

void expect_same_run(const RunStats& closed, const RunStats& stepped) {
  EXPECT_EQ(closed.total_cycles, stepped.total_cycles);
  EXPECT_EQ(closed.compute_cycles, stepped.compute_cycles);
  EXPECT_EQ(closed.stall_cycles, stepped.stall_cycles);
  EXPECT_EQ(closed.writeback_cycles, stepped.writeback_cycles);
  EXPECT_EQ(closed.vector_cycles, stepped.vector_cycles);
  EXPECT_EQ(closed.dram_read_bytes, stepped.dram_read_bytes);
  EXPECT_EQ(closed.dram_write_bytes, stepped.dram_write_bytes);
  EXPECT_EQ(closed.sram_reads, stepped.sram_reads);
  EXPECT_EQ(closed.macs, stepped.macs);
  ASSERT_EQ(closed.ops.size(), stepped.ops.size());
  for (std::size_t i = 0; i < closed.ops.size(); ++i) {
    const OpStats& a = closed.ops[i];
    const OpStats& b = stepped.ops[i];
    EXPECT_EQ(a.layer, b.layer);
    EXPECT_EQ(a.total_cycles, b.total_cycles) << a.layer;
    EXPECT_EQ(a.stall_cycles, b.stall_cycles) << a.layer;
    EXPECT_EQ(a.compute_cycles, b.compute_cycles) << a.layer;
    EXPECT_EQ(a.dram_read_bytes, b.dram_read_bytes) << a.layer;
    EXPECT_EQ(a.dram_write_bytes, b.dram_write_bytes) << a.layer;
    EXPECT_EQ(a.behind_gemm, b.behind_gemm) << a.layer;
  }
}

struct Case {
  const char* name;
  AcceleratorConfig config;
};

TEST(RepeatedLayers, ClosedFormGivesTheCyclesOfSteppingThroughEveryOp) {
  auto ideal = config(16, Dataflow::WeightStationary, 100, 1 << 16);
  ideal.dram.ideal = true;
  const Case cases[] = {
      {"compute-bound ws", config(16, Dataflow::WeightStationary, 100, 1 << 16)},
      {"memory-bound os", config(16, Dataflow::OutputStationary, 0.5, 1 << 12)},
      {"balanced is", config(8, Dataflow::InputStationary, 4, 1 << 11)},
      {"ideal memory", ideal},
  };
  const auto thue_morse = [](std::uint64_t b) {
    return std::popcount(b) % 2 ? models::Phase::BackwardData : models::Phase::Forward;
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const Outcome stepped = run(c.config, blocks_trace(40, thue_morse));
    const Outcome closed =
        run(c.config, blocks_trace(40, [](std::uint64_t) { return models::Phase::Forward; }));
    EXPECT_EQ(stepped.closed_form, 0u);
    EXPECT_GT(closed.closed_form, 0u);
    expect_same_run(closed.stats, stepped.stats);
  }
}

TEST(RepeatedLayers, AnLlmLikeTraceSkipsAllButAFewBlocks) {
  const auto forward = [](std::uint64_t) { return models::Phase::Forward; };
  const Outcome r =
      run(config(16, Dataflow::WeightStationary, 100, 1 << 16), blocks_trace(200, forward));
  ASSERT_EQ(r.stats.ops.size(), 2u + 200u * 6u);
  EXPECT_GE(r.closed_form, 190u * 6u);
  // Every skipped op keeps its own name.
  EXPECT_EQ(r.stats.ops[1 + 150 * 6 + 1].layer, "block.150.qkv");
}

}  // namespace
}  // namespace headroom::accel
